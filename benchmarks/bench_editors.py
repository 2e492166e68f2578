"""Cost of issue 12's changes to `check` (figures for the issue note, never a test).

Run: .venv/bin/python benchmarks/bench_editors.py [--base DIR] [--articles 200] [--repeats 3]

On the first N texts of ../shared/eval/polnear-train.jsonl, written to a temp dir as Markdown drafts (each
paragraph given some markup: emphasis, a link, an HTML comment) and as plain text, it times
`check --format json` over each folder in one process (best of --repeats, wall), for this checkout's code and,
with --base, for another checkout's (e.g. `git archive 40dba60 | tar -x -C /tmp/base`), run with the same
Python through PYTHONPATH. Reported: seconds per folder, and the ratio Markdown / plain text for each code
(the reference in the same run: the plain-text path, which issue 12 barely touches). Markdown is where the
changes cost something: comments read from the parser's tokens (a second markdown-it parse) and the shown
text folded.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


def drafts(folder: Path, n: int) -> None:
    with (EVAL / "polnear-train.jsonl").open(encoding="utf-8") as fh:
        texts = [a["text"] for a in map(json.loads, fh) if a["text"].strip()][:n]
    (folder / "md").mkdir()
    (folder / "txt").mkdir()
    for i, text in enumerate(texts):
        (folder / "txt" / f"a{i:04}.txt").write_text(text, encoding="utf-8")
        paras = [p for p in text.split("\n") if p.strip()]
        marked = []
        for k, p in enumerate(paras):
            words = p.split(" ")
            if len(words) > 4:
                words[1] = f"**{words[1]}**"
                words[3] = f"[{words[3]}](https://example.org/{k})"
            marked.append(" ".join(words) + (f" <!-- note {k} -->" if k % 5 == 0 else ""))
        (folder / "md" / f"a{i:04}.md").write_text("\n\n".join(marked) + "\n", encoding="utf-8")


def timed(code: Path, folder: Path, repeats: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(code)}
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "audit", "check", "--format", "json", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=code)
        wall = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{code}: exited {proc.returncode}: {proc.stderr[:300]}")
        best = min(best, wall)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="another checkout to compare against (its audit/ is imported)")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    codes = [("this checkout", REPO)] + ([("base", args.base.resolve())] if args.base else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        drafts(folder, args.articles)
        for name, code in codes:
            md, txt = timed(code, folder / "md", args.repeats), timed(code, folder / "txt", args.repeats)
            print(f"{name}: {args.articles} Markdown drafts {md:.2f} s, plain text {txt:.2f} s, "
                  f"ratio {md / txt:.2f}")


if __name__ == "__main__":
    main()
