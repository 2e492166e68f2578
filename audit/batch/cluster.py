"""The same chunks on Dask: `--dask ADDRESS` uses a running scheduler, `--dask local` starts a LocalCluster of
`--jobs` single-threaded worker processes on this machine. Each chunk is one task running `run_chunk`
(distributed's futures, at most two per worker thread in flight); workers write the parts, so the run's folder
must be one they can all reach (a shared disk, or a path they share).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from audit.batch.work import ChunkJob, ChunkStats, run_chunk
from audit.errors import UsageError


@contextmanager
def dask_client(address: str, workers: int) -> Iterator[Any]:
    """A distributed Client: of a LocalCluster started here for "local", else of the scheduler at `address`
    (one line, UsageError, when it cannot be reached). Closed, and the local cluster stopped, on leaving."""
    from audit.batch import require

    require("dask", "--dask")
    dist: Any = importlib.import_module("distributed")  # untyped: used through Any
    cluster: Any = None
    try:
        if address == "local":
            cluster = dist.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            client = dist.Client(cluster)
        else:
            client = dist.Client(address, timeout="15s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"--dask {address}: cannot reach the scheduler: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on_dask(jobs: Iterator[ChunkJob], client: Any, add: Callable[[ChunkStats], None]) -> None:
    dist: Any = importlib.import_module("distributed")
    slots = 2 * max(1, sum(client.nthreads().values()))
    running = dist.as_completed()
    for job in jobs:
        running.add(client.submit(run_chunk, job, pure=False))
        if running.count() >= slots:
            add(next(running).result())
    for future in running:
        add(future.result())
