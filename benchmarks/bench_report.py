"""Speed benchmark for `sourcing-audit report` (issue 3). Run: .venv/bin/python benchmarks/bench_report.py

In one run, each a fresh process through subprocess (start-up included), wall time, best of --repeat:
  a. bare WeasyPrint: `python -c "import weasyprint; weasyprint.HTML(string='<p>x</p>').write_pdf()"`;
  b. `sourcing-audit report` on the seed article (one PDF);
  c. `sourcing-audit report` on 50 copies of the seed in a temp dir (50 PDFs, one process).
Prints b / a (bar: at most 3x in issue 3, 2.5x in issue 13) and the per-report cost of c above a,
(c - a) / 50 (bar: at most 0.5 s), in wall time and in CPU time (user + sys of the child), which a busy machine
disturbs less.
Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
BARE = "import weasyprint; weasyprint.HTML(string='<p>x</p>').write_pdf()"


def cli() -> list[str]:
    script = Path(sys.executable).with_name("sourcing-audit")
    return [str(script)] if script.exists() else [shutil.which("sourcing-audit") or "sourcing-audit"]


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time of `repeat` runs."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), cpu()
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=False)
        best_wall = min(best_wall, time.perf_counter() - start)
        best_cpu = min(best_cpu, cpu() - start_cpu)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[:4])} ... exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    return best_wall, best_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for a and b (default 3)")
    parser.add_argument("--copies", type=int, default=50, help="reports in one process for c (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        work = Path(tmp)
        drafts = work / "drafts"
        drafts.mkdir()
        for n in range(args.copies):
            shutil.copy(SEED, drafts / f"seed-{n:02d}.txt")
        bare = timed([sys.executable, "-c", BARE], work, args.repeat)
        one = timed([*cli(), "report", str(SEED), "--date", "2025-01-01"], work, args.repeat)
        many = timed([*cli(), "report", *sorted(map(str, drafts.iterdir())), "--date", "2025-01-01"], work, 1)
        written = len(list((work / "reports").glob("seed-*.pdf")))
    if written != args.copies:
        raise SystemExit(f"expected {args.copies} PDFs, found {written}")
    for kind, i in (("wall", 0), ("cpu", 1)):
        a, b, c = bare[i], one[i], many[i]
        print(f"{kind:<4} a  bare WeasyPrint, one tiny PDF   {a:7.2f} s")
        print(f"{kind:<4} b  report on the seed              {b:7.2f} s   b / a = {b / a:.1f}x (bar 2.5x, issue 13)")
        print(f"{kind:<4} c  {args.copies} reports in one process     {c:7.2f} s   "
              f"(c - a) / {args.copies} = {(c - a) / args.copies:.2f} s per report (bar 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
