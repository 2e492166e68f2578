"""The same chunks on Dask: `--dask ADDRESS` uses a running scheduler, `--dask local` starts a LocalCluster of
`--jobs` single-threaded worker processes on this machine. Each chunk is one task running `run_chunk`
(distributed's futures, at most two per worker in flight); workers write the parts, so the run's folder
must be one they can all reach (a shared disk, or a path they share).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from audit.batch.work import ChunkJob, ChunkStats, run_chunk
from audit.errors import UsageError


def run_on_dask(jobs: Iterator[ChunkJob], address: str, workers: int, add: Callable[[ChunkStats], None]) -> None:
    from audit.batch import require

    require("dask", "--dask")
    import importlib

    dist: Any = importlib.import_module("distributed")  # untyped: used through Any
    Client, LocalCluster, as_completed = dist.Client, dist.LocalCluster, dist.as_completed
    cluster: Any = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="15s")
    except OSError as exc:
        raise UsageError(f"--dask {address}: cannot reach the scheduler: {exc}") from None
    try:
        slots = 2 * max(1, sum(client.nthreads().values()))
        running = as_completed()
        for job in jobs:
            running.add(client.submit(run_chunk, job, pure=False))
            if running.count() >= slots:
                add(next(running).result())
        for future in running:
            add(future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
