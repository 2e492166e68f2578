"""Speed benchmark for `sourcing-audit handout` (issue 9). Run: .venv/bin/python benchmarks/bench_handout.py

In one run, alternating, each a fresh process (start-up included), wall time, best of --repeat:
  a. `sourcing-audit report` on the seed article (one PDF);
  b. `sourcing-audit handout` on the seed article (two PDFs: the worksheet and the key).
Prints b / a (bar: at most 1.5x) in wall time and in CPU time (user + sys of the child).
Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench_report import SEED, cli, timed  # the script's folder is on sys.path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of each (default 3)")
    args = parser.parse_args()
    report_cmd = [*cli(), "report", str(SEED), "--date", "2025-01-01"]
    handout_cmd = [*cli(), "handout", str(SEED)]
    best = {"report": (float("inf"), float("inf")), "handout": (float("inf"), float("inf"))}
    with tempfile.TemporaryDirectory(prefix="bench-handout-") as tmp:
        for _ in range(args.repeat):  # alternate, so a busy spell of the machine falls on both
            for name, cmd in (("report", report_cmd), ("handout", handout_cmd)):
                wall, cpu = timed(cmd, Path(tmp), 1)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    for kind, i in (("wall", 0), ("cpu", 1)):
        a, b = best["report"][i], best["handout"][i]
        print(f"{kind:<4} a  report on the seed    {a:6.2f} s")
        print(f"{kind:<4} b  handout on the seed   {b:6.2f} s   b / a = {b / a:.2f}x (bar 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
