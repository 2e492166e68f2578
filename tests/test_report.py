"""The `report` command through the real entry point: the PDF's extracted text, the HTML golden file,
and hostile drafts that must render as text and fetch nothing.

Regenerate the golden HTML with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report.py`
(or `pytest --update-golden`) and review the diff before committing.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from audit import cli
from audit.present.render import Renderer, default_renderer, templates_dir
from audit.present.report import excerpt

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/putin-trump-tomahawk.txt"
GOLDEN = ROOT / "tests" / "golden" / "seed-report.html"
DATE = "2025-01-01"
HEADINGS = ("Summary", "Sourcing mix", "Findings", "Source roster", "Annotated article", "Readability",
            "Method and limits")
ROSTER = ("Trump", "Witkoff", "Bacon", "Fitzpatrick", "Bloomberg", "Wall Street Journal", "White House",
          "diplomat")
HOSTILE = ("A draft.\n\n"
           "Officials said <script>alert(1)</script> was harmless.\n\n"
           'A leaked memo shows <img src="file:///etc/passwd"> in the header.\n\n'
           'The minister said the file is at <a href="http://127.0.0.1:9/x">http://127.0.0.1:9/x</a> now.\n')


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", "report", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, check=False)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("seed") / "seed.pdf"
    return run_cli(SEED, "-o", str(out), "--html", "--date", DATE), out


def test_seed_report_writes_pdf_and_html(seed_report: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    proc, pdf = seed_report
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"wrote {pdf}", f"wrote {pdf.with_suffix('.html')}"]
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_seed_pdf_has_every_section_and_source(seed_report: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    text = pdf_text(seed_report[1])
    assert text.count("\f") >= 2  # pdftotext ends every page with a form feed
    for heading in HEADINGS:
        assert re.search(rf"^\s*{heading}\s*$", text, re.MULTILINE), heading
    assert flat(text).index("Summary") < flat(text).index("Method and limits")
    roster = flat(text)[flat(text).index("Source roster"):flat(text).index("Annotated article")]
    for name in ROSTER:
        assert name in roster, name
    assert re.search(r"page 1 of \d+", text)
    assert "Verdict:" in text


def test_seed_pdf_roster_lists_each_source_once_and_method_quotes_excerpts(
        seed_report: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    text = flat(pdf_text(seed_report[1]))
    roster = text[text.index("Source roster"):text.index("Annotated article")]
    assert roster.count("Donald Trump (“Trump”): named person; named: yes") == 1  # the fullest name the text gives
    assert "why anonymous: none given" in roster
    method = text[text.index("Method and limits"):]
    long = "Witkoff informed Yuri Ushakov, Putin’s leading foreign policy advisor, saying"
    assert long in text[:text.index("Method and limits")] and long not in method  # in full once, in the article
    # the 7th statement (numbered from 1 for readers): Share this, the lede, …, "In the recorded call, …"
    assert "L7 paragraph 7, leaked transcript, confidence 0.6: In the recorded call, Witkoff informed" in method


def test_excerpt_keeps_short_sentences_and_cuts_long_ones_at_a_word() -> None:
    assert excerpt("A lot more soldiers, you know?") == "A lot more soldiers, you know?"
    cut = excerpt("word " * 40)
    assert cut.endswith("…") and len(cut) <= 81 and "  " not in cut and cut[-2] == "d"


def test_seed_pdf_embeds_one_font_family(seed_report: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    """report.css reaches WeasyPrint (parsed once, not inline in the PDF's page) and keeps to two faces."""
    listing = subprocess.run(["pdffonts", str(seed_report[1])], capture_output=True, text=True,
                             check=True).stdout
    assert {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]} == {"DejaVu-Sans",
                                                                                   "DejaVu-Sans-Bold"}


def test_seed_pdf_carries_the_json_result_and_its_findings(
        seed_report: tuple[subprocess.CompletedProcess[str], Path], tmp_path: Path) -> None:
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), str(seed_report[1])], check=True)
    result = json.loads((tmp_path / "seed.audit.json").read_text(encoding="utf-8"))
    doc = result["documents"][0]
    text = flat(pdf_text(seed_report[1]))
    assert f"Verdict: {doc['verdict']['name']}" in text
    for finding in doc["findings"]:
        assert finding["check_id"] in text, finding["check_id"]


def pdf_destinations(pdf: Path) -> set[str]:
    """The names of the PDF's named destinations (its anchors), from its plain and deflated objects."""
    data = pdf.read_bytes()
    chunks = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompress(stream.group(1)))
    # each destination is written as (name) [page 0 R /XYZ left top zoom]
    return {n.decode() for chunk in chunks for n in re.findall(rb"\(([^()]*)\)\s*\[\d+ 0 R /XYZ ", chunk)}


def test_seed_pdf_keeps_an_anchor_for_every_section_paragraph_and_statement(
        seed_report: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    """The ids sit on headings, paragraph numbers and badges (cheaper to style), and each is still a place a
    link can point at in the PDF: report.pdf#findings, #p12, #s7."""
    html = seed_report[1].with_suffix(".html").read_text(encoding="utf-8")
    ids = set(re.findall(r' id="([^"]+)"', html))
    paragraphs = len(re.findall(r'<p class="para">', html))
    statements = len(re.findall(r'<span class="mark ', html)) - 7  # less the legend's seven
    assert {f"p{n}" for n in range(1, paragraphs + 1)} | {f"s{n}" for n in range(1, statements + 1)} <= ids
    assert {"summary", "mix", "findings", "roster", "article", "readability", "method"} <= ids
    assert ids <= pdf_destinations(seed_report[1])


def test_seed_html_matches_golden(seed_report: tuple[subprocess.CompletedProcess[str], Path],
                                  request: pytest.FixtureRequest) -> None:
    html = seed_report[1].with_suffix(".html").read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN") or request.config.getoption("--update-golden", default=False):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), "rerun with UPDATE_GOLDEN=1 and review the diff"


def test_hostile_draft_renders_as_text_and_fetches_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "hostile.txt"
    draft.write_text(HOSTILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    fetcher = default_renderer().fetcher
    before = len(fetcher.requested)
    assert cli.main(["report", str(draft), "--html", "--date", DATE, "--title", "<b>bold</b>"]) == 0
    assert capsys.readouterr().out.splitlines() == ["wrote reports/hostile.pdf", "wrote reports/hostile.html"]
    html = (tmp_path / "reports" / "hostile.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<b>" not in html
    text = flat(pdf_text(tmp_path / "reports" / "hostile.pdf"))
    for visible in ("<script>alert(1)</script>", '<img src="file:///etc/passwd">', "http://127.0.0.1:9/x",
                    "<b>bold</b>"):
        assert visible in text, visible
    # escaped markup leaves WeasyPrint nothing to fetch but the templates' own files (report-pdf.css's wave.svg)
    assert fetcher.requested[before:] == [(templates_dir() / "wave.svg").as_uri()]


def test_fetcher_refuses_what_unescaped_markup_asks_for() -> None:
    renderer = Renderer()  # its own fetcher, so the record is this test's alone
    page = ('<html lang="en"><head><title>t</title><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
            '</head><body><p>x</p><img src="file:///etc/passwd" alt="">'
            '<img src="http://127.0.0.1:9/x" alt=""><img src="../pyproject.toml" alt=""></body></html>')
    assert renderer.html_to_pdf(page).startswith(b"%PDF-")
    refused = renderer.fetcher.refused
    assert "file:///etc/passwd" in refused
    assert "http://127.0.0.1:9/x" in refused and "http://127.0.0.1:9/x.css" in refused
    assert any(url.endswith("/pyproject.toml") for url in refused)
    assert renderer.fetcher.requested == refused


def test_fetcher_serves_files_under_the_templates_only() -> None:
    fetcher = Renderer().fetcher
    css = (templates_dir() / "report.css").as_uri()
    assert b"@page" in fetcher.fetch(css).read()
    for url in ("file:///etc/passwd", css.replace("/report.css", "/../pyproject.toml"), "data:text/css,p{}",
                "https://example.com/report.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused[-4:] == ["file:///etc/passwd", css.replace("/report.css", "/../pyproject.toml"),
                                    "data:text/css,p{}", "https://example.com/report.css"]


def test_letter_paper_and_default_output_path(tmp_path: Path) -> None:
    proc = run_cli(str(ROOT / SEED), "--paper", "letter", "--date", DATE, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "reports" / "putin-trump-tomahawk.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", info)
    assert "Tagged:          yes" in info
    assert not list((tmp_path / "reports").glob(".*"))  # no temporary file left behind


def test_input_error_exits_2_and_the_other_articles_still_render(tmp_path: Path) -> None:
    proc = run_cli("missing.txt", str(ROOT / SEED), "--date", DATE, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["sourcing-audit: missing.txt: no such file"]
    assert proc.stdout.splitlines() == ["wrote reports/putin-trump-tomahawk.pdf"]
    assert not (tmp_path / "reports" / "missing.pdf").exists()


@pytest.mark.parametrize("args, message", [
    (("--date", "2025-13-01"), "--date '2025-13-01': expected a date as YYYY-MM-DD"),
    ((str(ROOT / SEED), "-o", "one.pdf"), "-o/--output names one PDF"),
], ids=["bad-date", "output-with-two-articles"])
def test_usage_errors_exit_2_before_writing(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    proc = run_cli(str(ROOT / SEED), *args, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert proc.stdout == ""
    assert list(tmp_path.iterdir()) == []


def _tiny_templates(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(body, encoding="utf-8")
    return folder


def test_compiled_templates_are_cached_and_an_edited_template_is_compiled_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCING_AUDIT_CACHE", str(tmp_path / "cache"))
    folder = _tiny_templates(tmp_path, "<p>{{ ctx }}</p>")
    assert Renderer(folder).html("<b>", "page.html") == "<p>&lt;b&gt;</p>"
    cached = list((tmp_path / "cache").glob("templates-py*/*"))
    assert len(cached) == 1
    assert Renderer(folder).html("x", "page.html") == "<p>x</p>"  # a new renderer, as in a new process
    _tiny_templates(tmp_path, "<h1>{{ ctx }}</h1>")
    assert Renderer(folder).html("x", "page.html") == "<h1>x</h1>"  # the source's checksum no longer matches


@pytest.mark.parametrize("setting", ["off", "file"], ids=["cache-off", "cache-unwritable"])
def test_templates_render_without_a_usable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 setting: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SOURCING_AUDIT_CACHE", "off" if setting == "off" else str(blocker / "cache"))
    folder = _tiny_templates(tmp_path, "<p>{{ ctx }}</p>")
    assert Renderer(folder).html("x", "page.html") == "<p>x</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "templates"]
