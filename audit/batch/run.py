"""Running a batch: the run's folder, its manifest, resuming, and where the chunks run (here, a local process
pool, or Dask). At most two chunks per worker are read ahead, so memory stays bounded whatever the archive's
size; the rows are written by the workers, and only small counts come back.
"""
from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from typing import Any

from audit import __version__
from audit.api import AuditOptions, rules_for, settings_for
from audit.batch import records, tables
from audit.batch.fields import FieldMap
from audit.batch.work import ChunkJob, ChunkStats, run_chunk
from audit.errors import UsageError

MANIFEST = "_batch.json"


@dataclass(frozen=True)
class BatchOptions:
    """What `batch` asks for, built once at the front-end's edge."""

    inputs: tuple[str, ...]
    out: str
    audit: AuditOptions = field(default_factory=AuditOptions)
    fields: FieldMap = field(default_factory=FieldMap)
    jobs: int = 1
    chunk_size: int = 100
    dask: str | None = None  # a scheduler's address, or "local" for a LocalCluster of `jobs` workers
    resume: bool = False
    outlet_is_publisher: bool = False


@dataclass(frozen=True)
class Progress:
    articles: int
    errors: int
    parts: int
    weight: int  # input bytes done
    total_weight: int  # input bytes in all (0 when unknown)


@dataclass(frozen=True)
class RunResult:
    articles: int  # in the run's tables, this run's and earlier runs' parts together
    errors: int
    parts: int
    skipped: int  # parts an earlier run had written (--resume)
    first_errors: tuple[tuple[str, int, str], ...] = ()  # (input, line or record, message), in input order


def run_batch(opts: BatchOptions, on_progress: Callable[[Progress], None] | None = None) -> RunResult:
    paths = records.expand_inputs(opts.inputs)
    settings = settings_for("-", opts.audit)  # a broken settings or rules file stops the run here, not per record
    rules_for(settings.rules)
    if opts.dask:
        from audit.batch.cluster import dask_client, run_on_dask

        with dask_client(opts.dask, opts.jobs) as client:  # reached before the run's folder is made
            tally = _start(opts, paths, on_progress)
            run_on_dask(tally.todo, client, tally.add)
    else:
        tally = _start(opts, paths, on_progress)
        if opts.jobs <= 1:
            for job in tally.todo:
                tally.add(run_chunk(job))
        else:
            _run_pool(tally.todo, opts.jobs, tally.add)
    return RunResult(tables.count_rows(opts.out, "articles"), tables.count_rows(opts.out, "errors"),
                     len(tables.done_parts(opts.out)), tally.skipped, tables.first_errors(opts.out, 10))


def _start(opts: BatchOptions, paths: list[str], on_progress: Callable[[Progress], None] | None) -> _Tally:
    """The run's folder made or checked, and the chunks still to do (read lazily) in a tally."""
    done = _prepare(opts)
    stream = records.read_records(paths, records.roots_of(opts.inputs, paths), opts.fields.columns())
    jobs = (ChunkJob(chunk, opts.out, opts.chunk_size, opts.fields, opts.audit, opts.outlet_is_publisher)
            for chunk in records.chunks(stream, opts.chunk_size))
    tally = _Tally(records.total_bytes(paths), on_progress)
    tally.todo = tally.skip_done(jobs, done)
    return tally


class _Tally:
    """Counts for the progress bar, from each finished chunk's stats."""

    def __init__(self, total: int, on_progress: Callable[[Progress], None] | None) -> None:
        self.total, self.on_progress = total, on_progress
        self.articles = self.errors = self.parts = self.weight = self.skipped = 0
        self.todo: Iterator[ChunkJob] = iter(())

    def skip_done(self, jobs: Iterator[ChunkJob], done: set[int]) -> Iterator[ChunkJob]:
        for job in jobs:
            if job.chunk.index in done:
                self.skipped += 1
                self.weight += job.chunk.weight
                continue
            yield job

    def add(self, stats: ChunkStats) -> None:
        self.articles += stats.articles
        self.errors += stats.errors
        self.parts += 1
        self.weight += stats.weight
        if self.on_progress is not None:
            self.on_progress(Progress(self.articles, self.errors, self.parts, self.weight, self.total))


def _run_pool(jobs: Iterator[ChunkJob], workers: int, add: Callable[[ChunkStats], None]) -> None:
    # forkserver, not fork: a forked child inherits pyarrow's C++ thread pools in whatever state they are, and
    # the run then aborted at exit now and then ("terminate called without an active exception")
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: set[Future[ChunkStats]] = set()
        for job in jobs:
            pending.add(pool.submit(run_chunk, job))
            if len(pending) >= 2 * workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    add(f.result())
        for f in pending:
            add(f.result())


def manifest(opts: BatchOptions) -> dict[str, Any]:
    """What decides the chunks and their rows: a resumed run must ask for the same."""
    return {"tool": f"sourcing-audit {__version__}", "inputs": list(opts.inputs), "chunk_size": opts.chunk_size,
            "fields": asdict(opts.fields), "options": _jsonable(asdict(opts.audit)),
            "outlet_is_publisher": opts.outlet_is_publisher}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _prepare(opts: BatchOptions) -> set[int]:
    """The run's folder made (or checked, with --resume) and the parts already written."""
    from audit.batch.store import Store

    store = Store(opts.out)
    wanted = _jsonable(manifest(opts))
    if store.exists(MANIFEST):
        if not opts.resume:
            raise UsageError(f"{opts.out}: holds a run already; --resume to finish it, or choose another --out")
        found = json.loads(store.read(MANIFEST))
        changed = sorted(k for k in wanted if k != "tool" and found.get(k) != wanted[k])
        if changed:
            raise UsageError(f"{store.path(MANIFEST)}: the run was started with other {', '.join(changed)}; "
                             "--resume needs the same inputs and flags")
        tables.remove_temporaries(opts.out)
        return tables.done_parts(opts.out)
    if store.names():
        raise UsageError(f"{opts.out}: the folder is not empty; choose a new or empty folder for --out")
    store.write_atomic((json.dumps(wanted, indent=1) + "\n").encode("utf-8"), MANIFEST)
    return set()
