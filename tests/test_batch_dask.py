"""`batch --dask`: the same chunk function on Dask workers writes the same tables as the local run, row for
row: through `--dask local` (a LocalCluster the command starts) and through the address of a LocalCluster of
two worker processes that the test starts itself."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_helpers import TABLES, cli, table, write_jsonl
from test_batch import RECORDS

BAD = '{"id": "broken", "text": "The mayor said\n'


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("dask")
    write_jsonl(tmp / "news.jsonl", RECORDS)
    with open(tmp / "news.jsonl", "a", encoding="utf-8") as fh:
        fh.write(BAD)  # line 12: an error row in the tables too
    proc = cli("batch", tmp / "news.jsonl", "--out", tmp / "local", "--jobs", "1", "--chunk-size", "3")
    assert proc.returncode == 2, proc.stderr
    return tmp


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_local_writes_the_local_tables(inputs: Path) -> None:
    proc = cli("batch", inputs / "news.jsonl", "--out", inputs / "dask-local", "--dask", "local", "--jobs", "2",
               "--chunk-size", "3")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("sourcing-audit: 1 records could not be audited")
    for name in TABLES:
        assert table(inputs / "dask-local", name) == table(inputs / "local", name), name
    assert len(table(inputs / "local", "errors")) == 1


def test_a_running_cluster_writes_the_local_tables(inputs: Path, scheduler: str) -> None:
    proc = cli("batch", inputs / "news.jsonl", "--out", inputs / "cluster", "--dask", scheduler,
               "--chunk-size", "3")
    assert proc.returncode == 2, proc.stderr
    for name in TABLES:
        assert table(inputs / "cluster", name) == table(inputs / "local", name), name


def test_an_unreachable_scheduler_is_one_line(inputs: Path) -> None:
    proc = cli("batch", inputs / "news.jsonl", "--out", inputs / "nowhere", "--dask", "tcp://127.0.0.1:9",
               "--chunk-size", "3", timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("sourcing-audit: --dask tcp://127.0.0.1:9: cannot reach the scheduler")
    assert proc.stderr.count("\n") == 1
    assert not (inputs / "nowhere").exists()  # nothing made: the same command works once the scheduler is up
