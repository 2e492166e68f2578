"""Speed benchmark for `sourcing-audit check` (issue 2). Run: .venv/bin/python benchmarks/bench_check.py

In one run, on the 840 texts of ../shared/eval/polnear-train.jsonl:
  1. pysbd alone splitting every text into sentences (pysbd.Segmenter(language="en", clean=False), called
     once per paragraph, i.e. per non-blank line: the tool splits per paragraph too), in this process;
  2. `sourcing-audit check --format json` over all 840 texts as files in a temp dir: one process, the real
     CLI through subprocess, start-up included;
  then both times, their ratio and MB/s (UTF-8 bytes of article text per second of wall time).
Also: `sourcing-audit check` on the seed article (wall, best of 5; bar 0.5 s), and linear growth: one ~2 MB
and one ~20 MB article built by concatenating PolNeAR texts, `check --format json` on each, and the ratio of
the two times (bar: at most ~12x for 10x the text). The corpus holds 3.9 MB, so the 20 MB article repeats it:
`--copies exact` repeats paragraphs verbatim (every repeat is a duplicate paragraph for the checks), `marked`
(the default) tags each paragraph of the n-th round with " [n]" so that no paragraph repeats; `both` runs each.
A run over --timeout seconds is stopped and reported as such.
Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
os.environ["SOURCING_AUDIT_MAX_ARTICLE_MB"] = "64"  # the 20 MB growth article is over the 10 MB default
EVAL = REPO.parent / "shared" / "eval"
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
MB = 1_000_000


def cli() -> list[str]:
    script = Path(sys.executable).with_name("sourcing-audit")
    return [str(script)] if script.exists() else [shutil.which("sourcing-audit") or "sourcing-audit"]


def timed(cmd: list[str], timeout: float | None = None) -> float:
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf")
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])} ... exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    return wall


def load_texts(corpus: Path) -> list[tuple[str, str]]:
    with corpus.open(encoding="utf-8") as fh:
        return [(a["id"], a["text"]) for a in map(json.loads, fh) if a["text"].strip()]


def bench_pysbd(texts: list[tuple[str, str]]) -> tuple[float, int]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    sentences = 0
    start = time.perf_counter()
    for _, text in texts:
        for para in text.split("\n"):
            if para.strip():
                sentences += len(seg.segment(para))
    return time.perf_counter() - start, sentences


def build_article(texts: list[tuple[str, str]], size: int, marked: bool) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        body = texts[i % len(texts)][1].strip()
        rnd = i // len(texts)
        if marked and rnd:
            body = "\n".join(f"{line} [{rnd}]" if line.strip() else line for line in body.split("\n"))
        parts.append(body)
        total += len(body.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=EVAL / "polnear-train.jsonl")
    ap.add_argument("--sizes", default="2,20", help="growth article sizes in MB (default 2,20)")
    ap.add_argument("--copies", choices=("marked", "exact", "both"), default="marked",
                    help="how the growth articles repeat the corpus (default: marked)")
    ap.add_argument("--timeout", type=float, default=900, help="give up on one growth run after this many seconds")
    args = ap.parse_args()

    texts = load_texts(args.corpus)
    nbytes = sum(len(t.encode("utf-8")) for _, t in texts)
    print(f"corpus: {args.corpus.name}, {len(texts)} texts, {nbytes / MB:.2f} MB")
    check = cli() + ["check", "--format", "json"]

    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        d = Path(tmp)
        paths = []
        for art_id, text in texts:
            p = d / f"{art_id}.txt"
            p.write_text(text, encoding="utf-8", newline="")
            paths.append(str(p))

        sbd, n_sent = bench_pysbd(texts)
        tool = timed(check + ["--output", str(d / "out.json")] + paths)
        out = json.loads((d / "out.json").read_text(encoding="utf-8"))
        n_stat = sum(len(doc["statements"]) for doc in out["documents"])
        print(f"pysbd alone (per paragraph, in-process):   {sbd:7.2f} s  {nbytes / MB / sbd:6.2f} MB/s  "
              f"{n_sent} sentences")
        print(f"sourcing-audit check --format json (CLI): {tool:7.2f} s  {nbytes / MB / tool:6.2f} MB/s  "
              f"{n_stat} statements, {len(out['documents'])} documents, {len(out['errors'])} errors")
        print(f"ratio check / pysbd: {tool / sbd:.2f}  (check is {sbd / tool:.1f}x the speed of pysbd alone)")

        runs = [timed(cli() + ["check", str(SEED)]) for _ in range(5)]
        best = min(runs)
        print(f"seed `sourcing-audit check` wall, best of 5: {best:.3f} s (runs {', '.join(f'{r:.3f}' for r in runs)}) "
              f"bar 0.5 s: {'ok' if best <= 0.5 else 'OVER'}")

        sizes = [float(s) for s in args.sizes.split(",")]
        modes = ("marked", "exact") if args.copies == "both" else (args.copies,)
        for mode in modes:
            times = []
            for size in sizes:
                article = build_article(texts, int(size * MB), marked=mode == "marked")
                p = d / f"big-{size:g}mb.txt"
                p.write_text(article, encoding="utf-8", newline="")
                real = len(article.encode("utf-8"))
                t = timed(check + ["--output", str(d / "big.json"), str(p)], args.timeout)
                times.append((real, t))
                shown = f"{t:7.2f} s  {real / MB / t:6.2f} MB/s" if t != float("inf") else \
                    f"stopped after {args.timeout:g} s"
                print(f"growth ({mode} copies): {real / MB:6.2f} MB article: {shown}")
            if len(times) >= 2:
                (b0, t0), (b1, t1) = times[0], times[-1]
                ratio = t1 / t0
                shown = f"{ratio:.2f}x" if ratio != float("inf") else "did not finish in"
                print(f"growth ({mode} copies): {b1 / b0:.1f}x the text -> {shown} the time "
                      f"(bar <= ~12x: {'ok' if ratio <= 12 else 'OVER'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
