"""`sourcing-audit batch` and `summary` (issue 11) on a few invented articles, through the real entry point:
the same statements from JSONL, Parquet, CSV, a folder of .txt files and WARC as `check --format json`
finds; the same tables whatever --jobs (and on Dask: tests/test_batch_dask.py); bad records in `errors` with
their line numbers and exit 2; a run killed with SIGKILL and resumed holds every article exactly once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_helpers import (
    REPO,
    TABLES,
    batch_labels,
    check_labels,
    cli,
    part_names,
    table,
    write_jsonl,
    write_txt_folder,
)

OUTLETS = ("Gazette", "Herald", "Courier")
SENTENCES = (
    "Senator Jane Okafor said the bridge would reopen in {month}.",
    "The repairs cost $4 million, according to a city budget document.",
    "A senior official, who asked not to be named because the talks were private, said the contract was late.",
    "The Daily Ledger reported that the contractor had missed two deadlines.",
    "Residents have complained about the detour for months.",
    "“We are doing everything we can,” Mayor Tom Reyes told reporters on Tuesday.",
    "Critics say the project was rushed.",
)


def article(n: int) -> dict[str, str]:
    """An invented article: paragraphs drawn from SENTENCES in an order that depends on n."""
    picked = [SENTENCES[(n * 3 + k) % len(SENTENCES)] for k in range(3 + n % 4)]
    text = f"Bridge story number {n}\n\n" + "\n\n".join(s.format(month="May") for s in picked) + "\n"
    return {"id": f"a{n:02d}", "text": text, "outlet": OUTLETS[n % 3], "date": f"2024-0{1 + n % 3}-1{n % 10}",
            "title": f"Bridge story number {n}", "url": f"https://example.org/{n}"}


RECORDS = [article(n) for n in range(11)]


@pytest.fixture(scope="module")
def jsonl_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("jsonl")
    write_jsonl(tmp / "news.jsonl", RECORDS)
    proc = cli("batch", tmp / "news.jsonl", "--out", tmp / "run", "--jobs", "2", "--chunk-size", "4")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {tmp / 'run'}: 11 articles in 3 parts"
    return tmp / "run"


def test_labels_equal_check_json_on_the_same_texts(jsonl_run: Path, tmp_path: Path) -> None:
    paths = write_txt_folder(tmp_path / "txt", RECORDS)
    expected = check_labels(paths)
    assert batch_labels(jsonl_run) == expected
    assert {label for rows in expected.values() for *_, label in rows} >= {
        "named-source", "anonymous-source", "secondhand-report", "document", "unattributed"}


def test_each_table_has_a_part_per_chunk_and_the_articles_their_fields(jsonl_run: Path) -> None:
    for name in TABLES:
        assert part_names(jsonl_run, name) == ["part-000000.parquet", "part-000001.parquet", "part-000002.parquet"]
    articles = table(jsonl_run, "articles")
    assert [a["article"] for a in articles] == list(range(11))
    assert [(a["id"], a["outlet"], a["date"], a["title"], a["url"], a["position"]) for a in articles] == [
        (r["id"], r["outlet"], r["date"], r["title"], r["url"], n + 1) for n, r in enumerate(RECORDS)]
    assert all(a["error"] is None and a["month"] == a["date"][:7] for a in articles)
    statements = table(jsonl_run, "statements")
    for a in articles:
        mine = [s for s in statements if s["article"] == a["article"]]
        assert a["statements"] == len(mine)
        for col in ("named_source", "anonymous_source", "secondhand_report", "document", "unattributed"):
            label = col.replace("_", "-")
            assert a[f"{col}_statements"] == sum(s["label"] == label for s in mine)
    assert table(jsonl_run, "errors") == []


def test_sources_table_names_the_sources(jsonl_run: Path) -> None:
    sources = table(jsonl_run, "sources")
    names = {(s["name"], s["kind"]) for s in sources}
    assert ("Jane Okafor", "named-person") in names
    assert ("The Daily Ledger", "news-outlet") in names
    statements = table(jsonl_run, "statements")
    for s in sources:
        used = [x for x in statements if x["article"] == s["article"] and x["source_id"] == s["source_id"]]
        assert len(used) == s["statements"] > 0


def test_parquet_csv_and_folder_inputs_give_the_same_statements(jsonl_run: Path, tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist([{**r, "body": r["text"]} for r in RECORDS]).drop(["text"]),
                   tmp_path / "news.parquet")
    import csv

    with open(tmp_path / "news.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["link", "text", "outlet"])
        writer.writeheader()
        writer.writerows({"link": r["id"], "text": r["text"], "outlet": r["outlet"]} for r in RECORDS)
    write_txt_folder(tmp_path / "txt", RECORDS)
    runs = {"parquet": ("--text-field", "body"), "csv": ("--id-field", "link"), "txt": ()}
    expected = table(jsonl_run, "statements")
    for name, flags in runs.items():
        source = tmp_path / (name if name == "txt" else f"news.{name}")
        proc = cli("batch", source, "--out", tmp_path / f"run-{name}", "--jobs", "1", "--chunk-size", "4", *flags)
        assert proc.returncode == 0, (name, proc.stderr)
        assert table(tmp_path / f"run-{name}", "statements") == expected, name
    csv_articles = table(tmp_path / "run-csv", "articles")
    assert [a["position"] for a in csv_articles][:2] == [2, 3 + RECORDS[0]["text"].count("\n")]


def test_the_tables_are_the_same_whatever_jobs(jsonl_run: Path, tmp_path: Path) -> None:
    proc = cli("batch", jsonl_run.parent / "news.jsonl", "--out", tmp_path / "one", "--jobs", "1",
               "--chunk-size", "4")
    assert proc.returncode == 0, proc.stderr
    for name in TABLES:
        assert table(tmp_path / "one", name) == table(jsonl_run, name), name


def test_bad_records_go_to_errors_with_their_lines(tmp_path: Path) -> None:
    lines = [json.dumps(r) for r in RECORDS[:4]]
    lines.insert(1, '{"id": "broken", "text": "The mayor said')  # line 2: the JSON stops
    lines.insert(3, json.dumps({"id": "no-text", "body_html": "x"}))  # line 4
    lines.insert(5, json.dumps({"id": "binary", "text": "\x00\x01\x02PNG\x00"}))  # line 6
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = cli("batch", tmp_path / "bad.jsonl", "--out", tmp_path / "run", "--jobs", "2", "--chunk-size", "2")
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert err[-1] == f"sourcing-audit: 3 records could not be audited (see {tmp_path / 'run' / 'errors'})"
    errors = table(tmp_path / "run", "errors")
    assert [(e["position"], e["article_id"]) for e in errors] == [(2, "bad.jsonl:2"), (4, "no-text"), (6, "binary")]
    assert errors[0]["message"].startswith("not valid JSON")
    assert errors[1]["message"].startswith("no text: none of the fields text")
    assert "binary" in errors[2]["message"]
    assert err[:3] == [f"{tmp_path / 'bad.jsonl'}:{e['position']}: {e['message']}" for e in errors]
    articles = table(tmp_path / "run", "articles")
    assert [a["id"] for a in articles if a["error"] is None] == [r["id"] for r in RECORDS[:4]]
    assert len(articles) == 7


def test_a_run_killed_part_way_resumes_with_every_article_once(tmp_path: Path) -> None:
    records = [dict(article(n), text=article(n)["text"] * 6) for n in range(40)]
    write_jsonl(tmp_path / "news.jsonl", records)
    args = ["batch", str(tmp_path / "news.jsonl"), "--out", str(tmp_path / "run"), "--jobs", "2",
            "--chunk-size", "1"]
    proc = subprocess.Popen([sys.executable, "-m", "audit", *args], cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list((tmp_path / "run" / "articles").glob("part-*"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its worker processes, mid-write or not
    proc.wait()
    written = len(list((tmp_path / "run" / "articles").glob("part-*")))
    assert 5 <= written < 40, "the kill came too late to test --resume"
    again = cli(*args)
    assert again.returncode == 2 and "holds a run already" in again.stderr
    resumed = cli(*args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "parts from the earlier run" in resumed.stdout
    articles = table(tmp_path / "run", "articles")
    assert sorted(a["article"] for a in articles) == list(range(40))
    assert sorted(a["id"] for a in articles) == sorted(r["id"] for r in records)
    for name in TABLES:
        assert not [p for p in (tmp_path / "run" / name).iterdir() if not p.name.startswith("part-")]
    whole = cli("batch", tmp_path / "news.jsonl", "--out", tmp_path / "whole", "--jobs", "1", "--chunk-size", "1")
    assert whole.returncode == 0
    for name in TABLES:
        assert table(tmp_path / "run", name) == table(tmp_path / "whole", name), name


def test_warc_pages_are_audited_as_html_inputs(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = []
    for n in range(3):
        paras = "".join(f"<p>{s.format(month='June')}</p>" for s in SENTENCES[n:n + 4])
        pages.append(f"<html><head><title>Story {n}</title></head><body><nav>Home | News</nav><article>"
                     f"<h1>Story {n}</h1>{paras}</article></body></html>")
    with open(tmp_path / "crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, page in enumerate(pages):
            body = page.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/story/{n}", "response",
                                                          payload=BytesIO(body), http_headers=headers))
            (tmp_path / f"story{n}.html").write_text(page, encoding="utf-8")
    proc = cli("batch", tmp_path / "crawl.warc.gz", "--out", tmp_path / "run", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    articles = table(tmp_path / "run", "articles")
    assert [a["url"] for a in articles] == [f"https://example.org/story/{n}" for n in range(3)]
    assert all(a["format"] == "html" and a["date"] for a in articles)
    expected = check_labels([tmp_path / f"story{n}.html" for n in range(3)])
    found = batch_labels(tmp_path / "run")
    assert [found[f"https://example.org/story/{n}"] for n in range(3)] == [expected[f"story{n}"] for n in range(3)]


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    proc = cli("batch", tmp_path / "missing.jsonl", "--out", tmp_path / "run")
    assert proc.returncode == 2
    assert proc.stderr == f"sourcing-audit: {tmp_path / 'missing.jsonl'}: no such file, folder or pattern\n"
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("x")
    write_jsonl(tmp_path / "a.jsonl", RECORDS[:1])
    proc = cli("batch", tmp_path / "a.jsonl", "--out", tmp_path / "full")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "not empty" in proc.stderr
    proc = cli("summary", tmp_path / "full")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no articles table" in proc.stderr


def test_no_progress_bar_off_a_terminal(jsonl_run: Path, tmp_path: Path) -> None:
    proc = cli("batch", jsonl_run.parent / "news.jsonl", "--out", tmp_path / "run", "--jobs", "1")
    assert proc.returncode == 0 and proc.stderr == ""


def test_check_does_not_import_pyarrow_or_dask(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(RECORDS[0]["text"], encoding="utf-8")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "audit", "check", str(tmp_path / "a.txt")],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode in (0, 1), proc.stderr
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert {"audit.label.engine", "audit.judge.checks"} <= modules  # it did audit the article
    assert not {m.split(".")[0] for m in modules} & {"pyarrow", "dask", "distributed", "warcio", "fsspec"}


def test_a_progress_bar_with_rate_and_eta_on_a_terminal(jsonl_run: Path, tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "audit", "batch", str(jsonl_run.parent / "news.jsonl"), "--out",
                           str(tmp_path / "run"), "--jobs", "1", "--chunk-size", "4"], cwd=REPO, stderr=follower,
                          stdout=subprocess.PIPE, text=True)
    os.close(follower)
    shown = b""
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        shown += data
    os.close(leader)
    assert proc.returncode == 0
    lines = shown.decode().replace("\r\n", "\n").split("\r")
    assert lines[-1].startswith("auditing: 11 articles, ") and "0 errors [" in lines[-1]
    assert "] 100%, ETA 0:00" in lines[-1]
    assert len([x for x in lines if x.startswith("auditing: ")]) == 3  # one update per part


def test_urls_go_through_fsspec(jsonl_run: Path, tmp_path: Path) -> None:
    """Inputs and the run's folder given as URLs (file:// here; s3:// and others with their backend installed)
    are read and written through fsspec, with the same tables; `summary` reads such a run too."""
    url = f"file://{tmp_path}/run"
    proc = cli("batch", f"file://{jsonl_run.parent / 'news.jsonl'}", "--out", url, "--jobs", "2", "--chunk-size", "4")
    assert proc.returncode == 0, proc.stderr
    for name in TABLES:
        local = [dict(r, input=f"file://{r['input']}") if "input" in r else r for r in table(jsonl_run, name)]
        assert table(tmp_path / "run", name) == local, name
    again = cli("batch", f"file://{jsonl_run.parent / 'news.jsonl'}", "--out", url, "--chunk-size", "4", "--resume")
    assert again.returncode == 0 and "3 parts from the earlier run" in again.stdout
    proc = cli("summary", url, "-o", tmp_path / "sum.pdf")
    assert proc.returncode == 0, proc.stderr
    assert "Gazette,4," in (tmp_path / "sum-by-outlet.csv").read_text(encoding="utf-8")


def test_a_broken_rules_file_stops_before_the_run(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", RECORDS[:2])
    (tmp_path / "bad.yaml").write_text("version: 1\nrules:\n  - id: x\n    kind: bogus\n", encoding="utf-8")
    proc = cli("batch", tmp_path / "a.jsonl", "--out", tmp_path / "run", "--rules", tmp_path / "bad.yaml")
    assert proc.returncode == 2
    assert f"{tmp_path / 'bad.yaml'}:4:11: rule 'x': unknown kind 'bogus'" in proc.stderr
    assert not (tmp_path / "run").exists()


def test_outlet_is_publisher_makes_told_the_outlet_first_hand(tmp_path: Path) -> None:
    text = "Bridge closes\n\nThe bridge will close for a year, Mayor Tom Reyes told The Washington Post on Monday.\n"
    write_jsonl(tmp_path / "a.jsonl", [{"id": "own", "text": text, "outlet": "The Washington Post"},
                                       {"id": "other", "text": text, "outlet": "Herald"}])
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    expected = {}
    for publisher in ("The Washington Post", "Herald"):
        proc = cli("check", "--format", "json", "--fail-on", "never", "--publisher", publisher, tmp_path / "a.txt")
        expected[publisher] = [s["label"] for s in json.loads(proc.stdout)["documents"][0]["statements"]]
    assert expected["The Washington Post"] == ["unattributed", "named-source"]
    assert expected["Herald"] == ["unattributed", "secondhand-report"]
    proc = cli("batch", tmp_path / "a.jsonl", "--out", tmp_path / "run", "--jobs", "1", "--outlet-is-publisher")
    assert proc.returncode == 0, proc.stderr
    labels = {}
    for s in table(tmp_path / "run", "statements"):
        labels.setdefault(s["article_id"], []).append(s["label"])
    assert labels == {"own": expected["The Washington Post"], "other": expected["Herald"]}
