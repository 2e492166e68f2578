"""`--jobs N`: many inputs audited in N worker processes, each result handed back in input order.

A worker returns plain values (a result, or an error's lines), never an exception, so what the command prints
and writes, and in what order, is the same with one job or many: the parent does all printing and writing.
"""
from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def jobs_flag(value: str) -> int:
    """argparse type of --jobs: a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 process, got {n}")
    return n


def in_order(work: Callable[[Item], Result], items: list[Item], jobs: int | None,
             before: Callable[[], object] | None = None) -> Iterator[Result]:
    """work(item) for each item, in order: in this process for one job (or one item), else in a pool.

    `before` runs once in this process before the pool starts (loading the rules, say), so that workers made
    by fork begin with it done."""
    jobs = min(jobs or default_jobs(), len(items))
    if jobs <= 1:
        yield from map(work, items)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else methods[0])
    if before is not None:
        before()
    chunk = max(1, min(8, len(items) // (jobs * 8)))
    with context.Pool(jobs, initializer=_worker_signals) as pool:
        yield from pool.imap(work, items, chunksize=chunk)


def _worker_signals() -> None:
    """A worker ends quietly when the pool is torn down: the CLI's SIGTERM handler (unwind, then a message) is
    the parent's alone, and Ctrl-C is for the parent to report."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
