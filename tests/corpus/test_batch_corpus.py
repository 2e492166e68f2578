"""`batch` on the PolNeAR training articles (../shared/eval/polnear-train.jsonl, 840 articles; issue 11's bars):
the JSONL as it is, a Parquet copy and a folder of .txt files give the same `statements` table, with the
labels `check --format json` gives the same texts; a LocalCluster of two Dask workers started here writes
the same tables row for row; a run killed with SIGKILL and resumed holds every article once; a broken line,
a record without text and a binary record go to `errors` with their line numbers, and the exit code is 2."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_helpers import REPO, TABLES, batch_labels, check_labels, cli, table, write_jsonl, write_txt_folder

TRAIN = REPO.parent / "shared" / "eval" / "polnear-train.jsonl"
COLUMNS = ("id", "publisher", "publication_date", "title", "text")


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    if not TRAIN.is_file():
        pytest.fail(f"{TRAIN} is missing: the corpus suite needs ../shared/eval", pytrace=False)
    with open(TRAIN, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    assert len(records) == 840
    return [{k: r[k] for k in COLUMNS} for r in records]


@pytest.fixture(scope="module")
def runs(corpus: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The JSONL as it is, a Parquet copy and a folder of .txt files, each through `batch --jobs 2`."""
    tmp = tmp_path_factory.mktemp("polnear")
    pq.write_table(pa.Table.from_pylist(corpus), tmp / "train.parquet", row_group_size=100)
    write_txt_folder(tmp / "txt", corpus)
    for name, source in (("jsonl", TRAIN), ("parquet", tmp / "train.parquet"), ("txt", tmp / "txt")):
        proc = cli("batch", source, "--out", tmp / "runs" / name, "--jobs", "2")
        assert proc.returncode == 0, (name, proc.stderr)
        assert proc.stdout.strip() == f"wrote {tmp / 'runs' / name}: 840 articles in 9 parts"
    return tmp / "runs"


def _keyed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows without the article's number (the folder's files come in name order), sorted by article and index."""
    return sorted(({k: v for k, v in r.items() if k != "article"} for r in rows),
                  key=lambda r: (r["article_id"], r["index"]))


def test_jsonl_parquet_and_folder_give_the_same_statements(runs: Path) -> None:
    statements = table(runs / "jsonl", "statements")
    assert len(statements) > 20000
    assert table(runs / "parquet", "statements") == statements
    assert _keyed(table(runs / "txt", "statements")) == _keyed(statements)


def test_labels_equal_check_json_on_the_same_texts(runs: Path, corpus: list[dict[str, Any]]) -> None:
    expected = check_labels(sorted((runs.parent / "txt").glob("*.txt")))
    assert len(expected) == 840
    assert batch_labels(runs / "jsonl") == expected


def test_the_archive_fields_fill_the_articles_table(runs: Path, corpus: list[dict[str, Any]]) -> None:
    articles = table(runs / "jsonl", "articles")
    assert [(a["id"], a["outlet"], a["date"], a["title"]) for a in articles] == [
        (r["id"], r["publisher"], r["publication_date"], r["title"]) for r in corpus]
    assert all(a["error"] is None and a["verdict"] in ("PASS", "REVIEW", "FAIL") for a in articles)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_two_dask_workers_write_the_same_tables(runs: Path, scheduler: str) -> None:
    proc = cli("batch", TRAIN, "--out", runs / "dask", "--dask", scheduler)
    assert proc.returncode == 0, proc.stderr
    for name in TABLES:
        assert table(runs / "dask", name) == table(runs / "jsonl", name), name


def test_sigkill_then_resume_holds_every_article_once(corpus: list[dict[str, Any]], tmp_path: Path) -> None:
    write_jsonl(tmp_path / "part.jsonl", corpus[:200])
    args = ["batch", str(tmp_path / "part.jsonl"), "--out", str(tmp_path / "run"), "--jobs", "2",
            "--chunk-size", "10"]
    proc = subprocess.Popen([sys.executable, "-m", "audit", *args], cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while len(list((tmp_path / "run" / "articles").glob("part-*"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 4 <= len(list((tmp_path / "run" / "articles").glob("part-*"))) < 20
    resumed = cli(*args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    articles = table(tmp_path / "run", "articles")
    assert sorted(a["article"] for a in articles) == list(range(200))
    assert sorted(a["id"] for a in articles) == sorted(r["id"] for r in corpus[:200])
    statements = table(tmp_path / "run", "statements")
    assert len({(s["article"], s["index"]) for s in statements}) == len(statements)
    for name in TABLES:  # every part readable, no temporary file left
        assert all(p.name.startswith("part-") for p in (tmp_path / "run" / name).iterdir())
        for part in (tmp_path / "run" / name).iterdir():
            pq.read_table(part)


def test_bad_records_in_errors_with_their_lines(corpus: list[dict[str, Any]], tmp_path: Path) -> None:
    lines = [json.dumps(r) for r in corpus[:20]]
    lines[4] = lines[4][: len(lines[4]) // 2]  # line 5: cut off mid-record
    lines[9] = json.dumps({k: v for k, v in corpus[9].items() if k != "text"})  # line 10: no text
    lines[14] = json.dumps(dict(corpus[14], text="\x00\x01\x02\x03" * 50))  # line 15: binary
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = cli("batch", tmp_path / "bad.jsonl", "--out", tmp_path / "run", "--jobs", "2", "--chunk-size", "5")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1].startswith("sourcing-audit: 3 records could not be audited")
    errors = table(tmp_path / "run", "errors")
    assert [e["position"] for e in errors] == [5, 10, 15]
    assert [e["article_id"] for e in errors[1:]] == [corpus[9]["id"], corpus[14]["id"]]
    audited = [a["id"] for a in table(tmp_path / "run", "articles") if a["error"] is None]
    assert audited == [r["id"] for n, r in enumerate(corpus[:20]) if n not in (4, 9, 14)]
