"""`sourcing-audit summary` on a batch run: the PDF's text holds the per-outlet and per-month tables with the
figures counted here from the run's own tables, the HTML is the same page, and the CSV files hold the same."""
from __future__ import annotations

import csv
import io
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from batch_helpers import cli, table, write_jsonl
from test_batch import RECORDS


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("summary")
    write_jsonl(tmp / "news.jsonl", RECORDS)
    with open(tmp / "news.jsonl", "a", encoding="utf-8") as fh:
        fh.write("not json\n")
    assert cli("batch", tmp / "news.jsonl", "--out", tmp / "run", "--jobs", "1").returncode == 2
    proc = cli("summary", tmp / "run", "-o", tmp / "out" / "sum.pdf", "--date", "2026-11-30")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"wrote {tmp / 'out' / name}" for name in (
        "sum.pdf", "sum.html", "sum-by-outlet.csv", "sum-by-month.csv", "sum-cannot-check.csv",
        "sum-most-reliant.csv")]
    return tmp


def _expected(run: Path, key: str) -> dict[str, tuple[int, int, int]]:
    """Per outlet or month: articles, statements, and the cannot-check share in whole percent."""
    statements = table(run, "statements")
    out = {}
    for value in sorted({a[key] for a in table(run, "articles") if a["error"] is None}):
        ids = {a["article"] for a in table(run, "articles") if a[key] == value and a["error"] is None}
        mine = [s for s in statements if s["article"] in ids]
        cannot = sum(s["label"] in ("anonymous-source", "secondhand-report", "leaked-transcript") for s in mine)
        out[value] = (len(ids), len(mine), round(100 * cannot / len(mine)))
    return out


def test_the_pdf_holds_the_per_outlet_and_per_month_tables(summary: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(summary / "out" / "sum.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Sourcing of 12 articles" in text and "11 audited, 1 could not be read" in text
    rows = {line.split()[0]: line.split() for line in text.splitlines() if line.strip()}
    for key in ("outlet", "month"):
        for value, (articles, statements, cannot) in _expected(summary / "run", key).items():
            assert rows[value][1:3] == [str(articles), str(statements)], value
            assert rows[value][-1] == f"{cannot}%", value
    assert Counter(r["outlet"] for r in RECORDS) == {k: v[0] for k, v in _expected(summary / "run", "outlet").items()}


def test_the_html_is_the_same_page(summary: Path) -> None:
    html = (summary / "out" / "sum.html").read_text(encoding="utf-8")
    assert "<h2>Sourcing mix by outlet</h2>" in html and "<svg" in html
    for outlet in ("Gazette", "Herald", "Courier"):
        assert f'<td class="key">{outlet}</td>' in html


def test_the_csv_tables(summary: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((summary / "out" / "sum-by-outlet.csv").read_text(encoding="utf-8"))))
    expected = _expected(summary / "run", "outlet")
    assert {r["outlet"]: (int(r["articles"]), int(r["statements"])) for r in rows} == {
        k: v[:2] for k, v in expected.items()}
    hist = list(csv.DictReader(io.StringIO((summary / "out" / "sum-cannot-check.csv").read_text(encoding="utf-8"))))
    assert len(hist) == 10 and sum(int(h["articles"]) for h in hist) == 11
    reliant = list(csv.DictReader(io.StringIO((summary / "out" / "sum-most-reliant.csv").read_text("utf-8"))))
    shares = [float(r["anonymous_share"]) + float(r["secondhand_share"]) for r in reliant]
    assert shares == sorted(shares, reverse=True) and all(int(r["statements"]) >= 5 for r in reliant)
