"""Speed benchmark for `sourcing-audit report` (issues 3 and 13). Run: .venv/bin/python benchmarks/bench_report.py

In one run, each a fresh process through subprocess (start-up included), wall time and CPU time (user + sys of the
child, which a busy machine disturbs less), over --repeat rounds:
  a. bare WeasyPrint: `python -c "import weasyprint; weasyprint.HTML(string='<p>x</p>').write_pdf()"`;
  b. `sourcing-audit report` on the seed article (one PDF);
  c. `sourcing-audit report` on --copies copies of the seed in a temp dir (that many PDFs, one process).
With `--src DIR` (another copy of the package, e.g. `git archive main | tar -x -C DIR`), b is also timed for that
copy in every round, the order of a, b and b(DIR) turned round every other round, so a busy spell of the machine
falls on all of them. Each copy has its own start-up cache (in the temp dir), warmed by one run before the rounds.
Prints, for each copy, b / a from the best runs (bar: at most 3x in issue 3, 2.5x in issue 13) and from the
medians, the per-report cost of c above a, (c - a) / copies (bar: at most 0.5 s), and the load average before and
after. Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
BARE = "import weasyprint; weasyprint.HTML(string='<p>x</p>').write_pdf()"
# Runs the CLI of the package in the folder given as the first argument (for --src).
_FROM_SRC = ("import sys; sys.path.insert(0, sys.argv.pop(1)); from audit.cli import main; "
             "sys.argv[0] = 'sourcing-audit'; sys.exit(main())")


def cli(src: Path | None = None) -> list[str]:
    if src is not None:
        return [sys.executable, "-c", _FROM_SRC, str(src)]
    script = Path(sys.executable).with_name("sourcing-audit")
    return [str(script)] if script.exists() else [shutil.which("sourcing-audit") or "sourcing-audit"]


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU time of one run of `cmd`."""
    start, start_cpu = time.perf_counter(), cpu()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
                          env=env)
    wall, used = time.perf_counter() - start, cpu() - start_cpu
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} ... exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    return wall, used


def timed(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time of `repeat` runs."""
    runs = [run_once(cmd, cwd) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of a and b (default 3)")
    parser.add_argument("--copies", type=int, default=50, help="reports in one process for c (default 50; 0: no c)")
    parser.add_argument("--src", type=Path, help="also time the package in this folder (the code before, say)")
    args = parser.parse_args()
    print(f"load average before: {load()}")
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        work = Path(tmp)
        drafts = work / "drafts"
        drafts.mkdir()
        for n in range(args.copies):
            shutil.copy(SEED, drafts / f"seed-{n:02d}.txt")
        copies = {"this": (cli(REPO), REPO)}
        if args.src is not None:
            copies["src"] = (cli(args.src.resolve()), args.src.resolve())
        envs = {name: {**os.environ, "SOURCING_AUDIT_CACHE": str(work / f"cache-{name}")} for name in copies}
        one = {name: [*cmd, "report", str(SEED), "--date", "2025-01-01"] for name, (cmd, _) in copies.items()}
        for name in copies:  # warm each copy's start-up cache
            run_once(one[name], work, envs[name])
        runs: dict[str, list[tuple[float, float]]] = {"bare": [], **{name: [] for name in copies}}
        order = ["bare", *copies]
        for n in range(args.repeat):
            for name in (order if n % 2 == 0 else order[::-1]):
                cmd = [sys.executable, "-c", BARE] if name == "bare" else one[name]
                runs[name].append(run_once(cmd, work, envs.get(name)))
        many = {}
        for name, (cmd, _) in copies.items():
            if args.copies:
                many[name] = run_once([*cmd, "report", *sorted(map(str, drafts.iterdir())), "--date", "2025-01-01"],
                                      work, envs[name])
                written = len(list((work / "reports").glob("seed-*.pdf")))
                if written != args.copies:
                    raise SystemExit(f"expected {args.copies} PDFs, found {written}")
                shutil.rmtree(work / "reports")
    print(f"load average after:  {load()}")
    print(f"{args.repeat} rounds; this checkout: {REPO}" + (f"; src: {args.src}" if args.src else ""))
    for kind, i in (("wall", 0), ("cpu", 1)):
        best_a = min(r[i] for r in runs["bare"])
        median_a = statistics.median(r[i] for r in runs["bare"])
        print(f"{kind:<4} a  bare WeasyPrint, one tiny PDF   best {best_a:6.2f} s  median {median_a:6.2f} s")
        for name in copies:
            best_b = min(r[i] for r in runs[name])
            median_b = statistics.median(r[i] for r in runs[name])
            print(f"{kind:<4} b  report on the seed ({name:<4})     best {best_b:6.2f} s  median {median_b:6.2f} s   "
                  f"b / a = {best_b / best_a:.2f}x best, {median_b / median_a:.2f}x median (bar 2.5x, issue 13)")
            if name in many:
                c = many[name][i]
                print(f"{kind:<4} c  {args.copies} reports in one process ({name:<4}) {c:6.2f} s   "
                      f"(c - a) / {args.copies} = {(c - best_a) / args.copies:.2f} s per report (bar 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
