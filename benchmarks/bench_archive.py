"""Archive benchmark for `sourcing-audit batch` (issue 11). Run: .venv/bin/python benchmarks/bench_archive.py

Reads ../shared/eval/polnear-train.jsonl (840 PolNeAR articles; never copied into the repository) and times
the real CLI through subprocess, start-up included, in temporary folders under /tmp that it deletes:
  1. throughput: `--jobs 1` and `--jobs 2` on the corpus repeated to --articles articles (ids made unique),
     alternated --repeat times, best of each; bar: jobs 2 at least 1.7x the articles per second of jobs 1;
  2. peak memory: the corpus repeated to 100 MB and to 1 GB of JSONL (every field of the lines as they are),
     each through `batch` with the default --jobs; the peak of the summed resident memory of the CLI and every
     process under it, sampled every 0.1 s; bar: 1 GB under 600 MB and within 20% of 100 MB's;
  3. `--dask local --jobs 2` against `--jobs 2` on --articles articles and on three times as many: wall seconds
     per article with the start-up included, and the marginal cost per article (the difference of the two runs
     over the extra articles); bar: the marginal cost within 1.5x.
The load average is printed before and after each run: the machine is shared, so say what it was.
Needs psutil (distributed brings it: the dask extra). Figures go in the issue note, not in a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO.parent / "shared" / "eval" / "polnear-train.jsonl"
MB = 1024 * 1024


def cli() -> list[str]:
    script = Path(sys.executable).with_name("sourcing-audit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "audit"]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def repeat_corpus(target: Path, *, articles: int | None = None, size: int | None = None) -> int:
    """The corpus lines again and again (each copy's ids made unique) until `articles` lines or `size` bytes."""
    lines = TRAIN.read_bytes().splitlines(keepends=True)
    written = count = 0
    with open(target, "wb") as fh:
        while (articles is None or count < articles) and (size is None or written < size):
            record = json.loads(lines[count % len(lines)])
            record["id"] = f"{record['id']}#{count // len(lines)}"
            data = (json.dumps(record) + "\n").encode("utf-8")
            fh.write(data)
            written += len(data)
            count += 1
    return count


def run(args: list[str], sample: bool = False, limit: float | None = None) -> tuple[float, int, int]:
    """Wall seconds and (with `sample`) the peaks of the summed RSS and of the summed PSS (shared pages
    divided among the processes that share them: forked workers share the parent's) in bytes, of the
    process and its descendants. With `limit` (seconds), a run still going then is killed (its process
    group): the peaks are those of the part it did."""
    peak = [0, 0]
    start = time.perf_counter()
    proc = subprocess.Popen([*cli(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)

    def watch() -> None:
        parent = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                procs = [parent, *parent.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs)
                pss = sum(p.memory_full_info().pss for p in procs)
            except psutil.Error:
                continue
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.1)

    thread = threading.Thread(target=watch, daemon=True)
    if sample:
        thread.start()
    try:
        _, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        thread.join()
        return -(time.perf_counter() - start), peak[0], peak[1]
    wall = time.perf_counter() - start
    if sample:
        thread.join()
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {err.decode()[-500:]}")
    return wall, peak[0], peak[1]


def cpu_seconds() -> float:
    """CPU seconds (user and system) of every finished child process and their waited-for descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def throughput(tmp: Path, articles: int, repeat: int) -> None:
    """Wall time of each; and the CPU seconds per article, which a busy machine does not change much: with
    the kernel's autogroup scheduling, a saturated machine gives this session one share whatever --jobs."""
    n = repeat_corpus(tmp / "t.jsonl", articles=articles)
    best = {1: float("inf"), 2: float("inf")}
    for r in range(repeat):
        for jobs in (1, 2):
            before, cpu = load(), cpu_seconds()
            wall, *_ = run(["batch", str(tmp / "t.jsonl"), "--out", str(tmp / f"j{jobs}-{r}"), "--jobs", str(jobs)])
            cpu = cpu_seconds() - cpu
            print(f"  --jobs {jobs}: {n} articles in {wall:.1f} s = {n / wall:.1f}/s; CPU {cpu:.1f} s "
                  f"({1000 * cpu / n:.1f} ms per article, {cpu / wall:.2f} cores busy on average; "
                  f"load {before} -> {load()})", flush=True)
            best[jobs] = min(best[jobs], wall)
    ratio = best[1] / best[2]
    print(f"throughput --jobs 2 / --jobs 1: {ratio:.2f}x (bar 1.7x: {'pass' if ratio >= 1.7 else 'FAIL'})")


def memory(tmp: Path, sizes: list[int], limit: float | None) -> None:
    peaks = {}
    for size in sizes:
        n = repeat_corpus(tmp / "m.jsonl", size=size * MB)
        before = load()
        wall, rss, pss = run(["batch", str(tmp / "m.jsonl"), "--out", str(tmp / f"m{size}")], sample=True,
                             limit=limit)
        done = "all" if wall > 0 else f"killed at the --limit: the first {_articles_done(tmp / f'm{size}')} of"
        print(f"  {size} MB JSONL ({done} {n} articles): peak RSS {rss / MB:.0f} MB, peak PSS {pss / MB:.0f} MB, "
              f"in {abs(wall):.0f} s (load {before} -> {load()})", flush=True)
        peaks[size] = rss
        shutil.rmtree(tmp / f"m{size}")
        (tmp / "m.jsonl").unlink()
    if len(peaks) == 2:
        small, big = (peaks[s] for s in sorted(peaks))
        ok = big < 600 * MB and big <= 1.2 * small
        print(f"peak RSS {max(peaks)} MB input: {big / MB:.0f} MB, {big / small:.2f}x the {min(peaks)} MB "
              f"input's (bar < 600 MB and <= 1.2x: {'pass' if ok else 'FAIL'})")


def _articles_done(run: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in (run / "articles").glob("part-*.parquet"))


def dask_cost(tmp: Path, articles: int) -> None:
    """Wall seconds of each on `articles` and on three times as many: the cost per article with the start-up
    (cluster start, imports, rules) included, and the marginal cost per article, the difference of the two runs
    over the extra articles, which is what an archive of tens of thousands of articles pays."""
    walls: dict[tuple[str, int], float] = {}
    modes = (("--jobs 2", ["--jobs", "2"]), ("--dask local --jobs 2", ["--dask", "local", "--jobs", "2"]))
    for n in (articles, 3 * articles):
        repeat_corpus(tmp / "d.jsonl", articles=n)
        for name, flags in modes:
            before = load()
            wall, *_ = run(["batch", str(tmp / "d.jsonl"), "--out", str(tmp / f"d-{len(walls)}"), *flags])
            walls[name, n] = wall
            print(f"  {name}: {n} articles in {wall:.1f} s = {1000 * wall / n:.1f} ms per article, start-up included "
                  f"(load {before} -> {load()})", flush=True)
    marginal = {name: (walls[name, 3 * articles] - walls[name, articles]) / (2 * articles)
                for name in ("--jobs 2", "--dask local --jobs 2")}
    for name, cost in marginal.items():
        print(f"  {name}: marginal {1000 * cost:.1f} ms per article")
    whole = walls["--dask local --jobs 2", articles] / walls["--jobs 2", articles]
    ratio = marginal["--dask local --jobs 2"] / marginal["--jobs 2"]
    verdict = "pass" if ratio <= 1.5 else "FAIL"
    print(f"--dask local / --jobs 2 per article: marginal {ratio:.2f}x (bar 1.5x: {verdict}); "
          f"with start-up, on {articles} articles: {whole:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1680, help="articles for throughput and Dask (default 1680)")
    ap.add_argument("--repeat", type=int, default=2, help="rounds of jobs 1 / jobs 2 (default 2)")
    ap.add_argument("--sizes", default="100,1000", help="JSONL sizes in MB for the memory runs (default 100,1000)")
    ap.add_argument("--only", choices=("throughput", "memory", "dask"), help="run one part only")
    ap.add_argument("--limit", type=float, help="memory: kill a run still going after this many seconds and "
                                                "report the peaks of the part it did (a busy machine)")
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores; load average {load()}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-archive-", dir="/tmp"))
    try:
        if args.only in (None, "throughput"):
            throughput(tmp, args.articles, args.repeat)
        if args.only in (None, "dask"):
            dask_cost(tmp, args.articles)
        if args.only in (None, "memory"):
            memory(tmp, [int(s) for s in args.sizes.split(",")], args.limit)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
