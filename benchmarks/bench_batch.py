"""Batch benchmark for `sourcing-audit check` (issue 4). Run: .venv/bin/python benchmarks/bench_batch.py

Writes 500 drafts to a temp dir (the seed article and small variations of it: paragraphs rotated, a
sentence added, an anonymous source named) and times the real CLI through subprocess, start-up included:
  1. one run over all 500 drafts;
  2. ten runs of 50 drafts each, one after another;
then the wall time per draft of each and their ratio. Bar: the 500-in-one run costs at most 10% more per
draft than the runs of 50 (a run must not slow down as it grows). Best of --repeat rounds.
Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
BAR = 1.10


def cli() -> list[str]:
    script = Path(sys.executable).with_name("sourcing-audit")
    return [str(script)] if script.exists() else [shutil.which("sourcing-audit") or "sourcing-audit"]


def variation(text: str, n: int) -> str:
    """The seed, changed a little in one of four ways, so no two drafts are alike."""
    paras = [p for p in text.split("\n") if p.strip()]
    kind = n % 4
    if kind == 1:
        k = 1 + n % (len(paras) - 1)
        paras = paras[:1] + paras[k:] + paras[1:k]  # headline first, the body rotated
    elif kind == 2:
        paras.insert(1 + n % (len(paras) - 1), f"Officials said draft {n} was revised on Tuesday.")
    elif kind == 3:
        paras.append(f"Senator Jane Smith said version {n} of the plan was dead.")
    return "\n\n".join(paras) + f"\n\nUpdated {n}.\n"


def write_drafts(folder: Path, count: int) -> list[Path]:
    seed = SEED.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        p = folder / f"draft-{n:03d}.txt"
        p.write_text(variation(seed, n), encoding="utf-8")
        paths.append(p)
    return paths


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cli() + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    return wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drafts", type=int, default=500)
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best of each is kept (default 3)")
    ap.add_argument("--format", default="text", help="output format to time (default text)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in write_drafts(Path(tmp), a.drafts)]
        flags = ["check", "--quiet", "--format", a.format]
        timed(flags + paths[:2])  # warm the file cache and the byte-code
        one, chunked = [], []
        for _ in range(a.repeat):
            one.append(timed(flags + paths))
            chunked.append(sum(timed(flags + paths[i:i + a.chunk]) for i in range(0, len(paths), a.chunk)))
    n, runs = len(paths), -(-len(paths) // a.chunk)
    per_one, per_chunk = min(one) / n, min(chunked) / n
    ratio = per_one / per_chunk
    print(f"{n} drafts, --format {a.format}, best of {a.repeat}")
    print(f"  one run of {n}:      {min(one):7.2f} s  {per_one * 1000:7.2f} ms/draft")
    print(f"  {runs} runs of {a.chunk}:     {min(chunked):7.2f} s  {per_chunk * 1000:7.2f} ms/draft")
    print(f"  ratio (one run / runs of {a.chunk}, per draft): {ratio:.3f}  (bar <= {BAR:.2f}: "
          f"{'met' if ratio <= BAR else 'MISSED'})")
    return 0 if ratio <= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
