"""Identity harness for the speed work (issue 13): `check --format json` before and after must be the same.

    .venv/bin/python benchmarks/same_output.py save DIR     # write the reference (run on the code before)
    .venv/bin/python benchmarks/same_output.py compare DIR  # run again and diff against DIR; exit 1 on a change

It audits every /tmp/pn/*.txt (plain-text copies of the PolNeAR training articles; --corpus for another folder)
and the seeds, in batches of --batch files per `check` process, plus `eval` on ../shared/eval/dev-gold.jsonl
and `rules test`. The JSON documents are compared whole, ignoring only timing fields (none today: the list
is TIMING_KEYS) and the checkout's own folder (the rules file's path names it: it is written as <repo>, so a
reference saved in another worktree compares). Extra flags after `--` go to every `check` (for example
`-- --jobs 2`).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIMING_KEYS = frozenset({"elapsed", "seconds", "duration"})


def cli() -> list[str]:
    return [str(Path(sys.executable).with_name("sourcing-audit"))]


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def run_all(corpus: Path, batch: int, extra: list[str]) -> dict[str, str]:
    files = sorted(corpus.glob("*.txt")) + sorted((REPO / "seeds").glob("*.txt"))
    out: dict[str, str] = {}
    for i in range(0, len(files), batch):
        chunk = [str(f) for f in files[i:i + batch]]
        proc = subprocess.run([*cli(), "check", "--format", "json", *extra, *chunk], capture_output=True,
                              text=True, cwd=REPO)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"check exited {proc.returncode}: {proc.stderr[:400]}")
        out[f"check-{i:05d}.json"] = _here(json.dumps(_strip(json.loads(proc.stdout)), indent=1, sort_keys=True))
    gold = REPO.parent / "shared" / "eval" / "dev-gold.jsonl"
    for name, cmd in (("eval.txt", ["eval", str(gold)]), ("rules-test.txt", ["rules", "test"])):
        proc = subprocess.run([*cli(), *cmd], capture_output=True, text=True, cwd=REPO)
        out[name] = _here(f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
    return out


def _here(text: str) -> str:
    """The text with this checkout's folder written as <repo> (JSON escapes nothing in a plain path)."""
    return text.replace(str(REPO), "<repo>")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("mode", choices=("save", "compare"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/pn"))
    ap.add_argument("--batch", type=int, default=120)
    ap.add_argument("extra", nargs="*")
    args = ap.parse_args()
    got = run_all(args.corpus, args.batch, args.extra)
    if args.mode == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, body in got.items():
            (args.dir / name).write_text(body, encoding="utf-8")
        print(f"saved {len(got)} files to {args.dir}")
        return 0
    changed = [n for n, body in got.items() if (args.dir / n).read_text(encoding="utf-8") != body]
    for name in changed:
        print(f"CHANGED: {name} (diff {args.dir / name} against a fresh run)")
    print(f"{len(got) - len(changed)}/{len(got)} identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
