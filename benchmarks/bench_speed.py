"""Speed bars of issue 13, measured side by side in one run. Run: .venv/bin/python benchmarks/bench_speed.py

Over the texts of ../shared/eval/polnear-train.jsonl (840 articles), each figure the best of --repeat runs:
  1. syntok alone splitting every text paragraph by paragraph (each non-blank line), in this process (CPU time);
  2. Bling Fire alone splitting the same paragraphs through its Python wrapper (text_to_sentences_and_offsets);
  3. `sourcing-audit check --format json --jobs 1` over all texts as files: CPU time of the whole process
     (user + system, start-up included), from resource.getrusage of a wrapper's children;
  4. the same with `--jobs 2`: CPU time of all processes, and wall time, so the throughput ratio
     wall(jobs 1) / wall(jobs 2) is shown with the machine's load average beside it (the machine is shared);
  5. linear growth: one ~1 MB and one ~16 MB article (PolNeAR texts concatenated, each paragraph of the n-th
     round tagged " [n]" so that none repeats), `check --format json --jobs 1` on each: CPU time ratio, and
     the 16 MB run's peak memory (maximum resident set); SOURCING_AUDIT_MAX_ARTICLE_MB lifts the 10 MB limit;
  6. start-up: `sourcing-audit --version` against `check --format json` on the seed article (CPU time).
Bars: (3) <= (1) and (3) <= 3 x (2); wall ratio of (4) >= 1.6; (5) ratio <= 17 and peak < 400 MB;
(6) check <= 4 x --version. `--skip-linear` leaves out (5) (the slowest part); `--only-linear` runs (5) alone.
Figures go in the issue note, not in a test (STYLE.md, Habits 4).
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
CORPUS = REPO.parent / "shared" / "eval" / "polnear-train.jsonl"
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
MB = 1_000_000
# Runs a command and prints its children's CPU time (user + system), peak memory (KiB) and wall time.
_MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
            "w = time.perf_counter() - t; r = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "sys.stderr.write(p.stderr.decode()[-400:]) if p.returncode not in (0, 1) else None; "
            "print(r.ru_utime + r.ru_stime, r.ru_maxrss, w, p.returncode)")


_SRC: list[str] = []  # --src: another copy of the package to time (the code before, say)


# The 16 MB article of (5) is over the 10 MB an article may have (audit.read.files, issue 14): every run here
# raises the limit the way a user would, with SOURCING_AUDIT_MAX_ARTICLE_MB.
os.environ["SOURCING_AUDIT_MAX_ARTICLE_MB"] = "64"


def cli() -> list[str]:
    if _SRC:
        return [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); from audit.cli import main; "
                                      "sys.argv[0] = 'sourcing-audit'; sys.exit(main())", _SRC[0]]
    return [str(Path(sys.executable).with_name("sourcing-audit"))]


def measure(cmd: list[str], repeat: int) -> tuple[float, float, float]:
    """Best CPU seconds, peak MB (of that run) and best wall seconds of `cmd` over `repeat` runs."""
    best = (float("inf"), 0.0, float("inf"))
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
        cpu, rss, wall, code = out.stdout.split()
        if int(code) not in (0, 1):
            raise SystemExit(f"{' '.join(cmd[:4])} ... exited {code}: {out.stderr.strip()}")
        if float(cpu) < best[0]:
            best = (float(cpu), int(rss) / 1024, min(best[2], float(wall)))
        else:
            best = (best[0], best[1], min(best[2], float(wall)))
    return best


def jobs(n: int) -> list[str]:
    return [] if _SRC else ["--jobs", str(n)]


def paragraphs(texts: list[str]) -> list[str]:
    return [line for text in texts for line in text.split("\n") if line.strip()]


def cpu_of(work: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def split_syntok(paras: list[str]) -> int:
    import syntok.segmenter as segmenter

    return sum(1 for p in paras for paragraph in segmenter.analyze(p) for _ in paragraph)


def split_blingfire(paras: list[str]) -> int:
    import blingfire

    return sum(len(blingfire.text_to_sentences_and_offsets(p)[1]) for p in paras)


def build_article(texts: list[str], size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        body, rnd = texts[i % len(texts)].strip(), i // len(texts)
        if rnd:
            body = "\n".join(f"{line} [{rnd}]" if line.strip() else line for line in body.split("\n"))
        parts.append(body)
        total += len(body.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-linear", action="store_true")
    ap.add_argument("--only-linear", action="store_true", help="run (5) alone")
    ap.add_argument("--src", help="time the package in this folder instead (e.g. a `git archive` of main)")
    args = ap.parse_args()
    if args.src:
        _SRC.append(str(Path(args.src).resolve()))
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: no such file (the PolNeAR training texts)")
    with args.corpus.open(encoding="utf-8") as fh:
        records = [r for r in map(json.loads, fh) if r["text"].strip()]
    texts = [r["text"] for r in records]
    if args.only_linear:
        with tempfile.TemporaryDirectory() as tmp:
            linear(texts, Path(tmp), [*cli(), "check", "--format", "json", "--quiet"], args.repeat)
        return 0
    size = sum(len(t.encode("utf-8")) for t in texts) / MB
    paras = paragraphs(texts)
    print(f"{len(texts)} texts, {size:.2f} MB, {len(paras)} paragraphs; load average {load_average()}")
    syntok_cpu = cpu_of(lambda: split_syntok(paras), args.repeat)
    bling_cpu = cpu_of(lambda: split_blingfire(paras), args.repeat)
    print(f"syntok alone            {syntok_cpu:7.2f} s CPU  {size / syntok_cpu:6.2f} MB/s")
    print(f"Bling Fire alone        {bling_cpu:7.2f} s CPU  {size / bling_cpu:6.2f} MB/s")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for r in records:
            path = Path(tmp) / f"{r['id']}.txt"
            path.write_text(r["text"], encoding="utf-8")
            files.append(str(path))
        check = [*cli(), "check", "--format", "json", "--quiet"]
        one = measure([*check, *jobs(1), *files], args.repeat)
        print(f"check --jobs 1          {one[0]:7.2f} s CPU  {size / one[0]:6.2f} MB/s  "
              f"= {one[0] / syntok_cpu:.2f}x syntok, {one[0] / bling_cpu:.2f}x Bling Fire  (wall {one[2]:.2f} s)")
        if not _SRC:  # the code before had no --jobs
            two = measure([*check, *jobs(2), *files], args.repeat)
            print(f"check --jobs 2          {two[0]:7.2f} s CPU (all processes), wall {two[2]:.2f} s: throughput "
                  f"{one[2] / two[2]:.2f}x --jobs 1 by wall; load average now {load_average()}")
        if not args.skip_linear:
            linear(texts, Path(tmp), check, args.repeat)
    version = measure([*cli(), "--version"], max(args.repeat, 5))
    seed = measure([*cli(), "check", "--format", "json", str(SEED)], max(args.repeat, 5))
    print(f"start-up: --version {version[0]:.3f} s CPU, check on the seed {seed[0]:.3f} s CPU "
          f"= {seed[0] / version[0]:.1f}x")
    return 0


def linear(texts: list[str], tmp: Path, check: list[str], repeat: int) -> None:
    small, big = tmp / "one-mb.txt", tmp / "sixteen-mb.txt"
    small.write_text(build_article(texts, MB), encoding="utf-8")
    big.write_text(build_article(texts, 16 * MB), encoding="utf-8")
    a = measure([*check, *jobs(1), str(small)], repeat)
    b = measure([*check, *jobs(1), str(big)], 1)
    print(f"linear: 1 MB {a[0]:.2f} s CPU ({a[1]:.0f} MB peak), 16 MB {b[0]:.2f} s CPU ({b[1]:.0f} MB peak): "
          f"{b[0] / a[0]:.1f}x the time for 16x the text")


if __name__ == "__main__":
    sys.exit(main())
