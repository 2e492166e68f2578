"""The web page through Starlette's test client: paste, upload, bad input, downloads, the API, Compare, Rules."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from audit import audit_text
from tests.web_helpers import READ_LABELS, REPO, SEED, client, docx_bytes, hidden_fields, statements


@pytest.fixture(scope="module")
def web():  # type: ignore[no-untyped-def]
    return client()


@pytest.fixture(scope="module")
def seed_page(web) -> str:  # type: ignore[no-untyped-def]
    r = web.post("/audit", data={"text": SEED.read_text(encoding="utf-8")})
    assert r.status_code == 200
    return r.text


def test_input_page_has_labelled_fields_and_a_strict_policy(web) -> None:  # type: ignore[no-untyped-def]
    r = web.get("/")
    assert r.status_code == 200
    for field in ("text", "file", "url", "title", "publisher", "paper"):
        assert f'<label for="{field}"' in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert "http://" not in r.text.replace("http://127.0.0.1", "") and "https://" not in r.text.replace(
        'placeholder="https://"', "")  # no CDN: every style comes from the tool


def test_paste_shows_every_statement_with_its_label(seed_page: str) -> None:
    shown = statements(seed_page)
    assert len(shown) == len(audit_text(SEED.read_text(encoding="utf-8")).statements)
    for start, label in READ_LABELS.items():
        found = [s for s in shown if s[1].startswith(start)]
        assert len(found) == 1, start
        assert found[0][0] == label, (start, found[0])


def test_statement_details_name_rule_words_source_and_confidence(seed_page: str) -> None:
    details = next(tip for _, text, tip in statements(seed_page) if text.startswith("Bloomberg reported"))
    assert "Rule" in details and "“Bloomberg”" in details and "“reported”" in details
    assert "Source: Bloomberg" in details and "Confidence:" in details


def test_result_page_sections_and_finding_links(seed_page: str) -> None:
    for section in ("summary", "mix", "article", "findings", "roster", "readability"):
        assert f'<section id="{section}"' in seed_page
    assert "Verdict:" in seed_page and 'href="#p' in seed_page
    assert '<p class="para" id="p17"' in seed_page  # findings link to paragraphs that exist


@pytest.mark.parametrize("name,body,sentence", [
    ("draft.txt", b"The mayor resigned on Monday, a city official said.\n", "The mayor resigned on Monday"),
    ("draft.md", (REPO / "tests" / "fixtures" / "draft.md").read_bytes(), "The city council postponed its vote"),
    ("page.html", b"<html><body><article><h1>Bridge</h1><p>The bridge will close in May, the council said in "
                  b"a statement on Tuesday.</p><p>Engineers found cracks in two of its piers last year, "
                  b"according to the report.</p></article></body></html>", "The bridge will close in May"),
    ("draft.docx", docx_bytes(["The bridge will close in May, the council said.", "Nobody was hurt."]),
     "The bridge will close in May"),
], ids=["txt", "md", "html", "docx"])
def test_upload_each_format(web, name: str, body: bytes, sentence: str) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/audit", files={"file": (name, body)})
    assert r.status_code == 200, r.text
    assert any(text.startswith(sentence) for _, text, _ in statements(r.text))


def test_pasted_markdown_is_read_as_markdown(web) -> None:  # type: ignore[no-untyped-def]
    md = (REPO / "tests" / "fixtures" / "draft.md").read_text(encoding="utf-8")
    r = web.post("/audit", data={"text": md, "pasted": "md"})
    assert r.status_code == 200
    shown = [text for _, text, _ in statements(r.text)]
    assert "Council delays the harbour bridge vote" in shown  # the heading, without its # and * markup
    assert not any(t.startswith("#") for t in shown)


BAD = {
    "bad-pasted-format": ({"data": {"text": "Hello.", "pasted": "pdf"}}, 400, "pasted text"),
    "empty": ({"data": {"text": "   \n "}}, 400, "nothing to audit"),
    "empty-file": ({"files": {"file": ("a.txt", b"  \n")}}, 400, "empty"),
    "oversized": ({"files": {"file": ("big.txt", b"word " * (1_300_000))}}, 413, "5 MB limit"),
    "unknown-type": ({"files": {"file": ("a.pdf", b"%PDF-1.7")}}, 415, "unknown file type"),
    "binary": ({"files": {"file": ("a.txt", b"\x00\x01\x02binary")}}, 400, "binary"),
    "undecodable": ({"files": {"file": ("a.txt", "Café au lait, he said.".encode("cp1252"))}}, 400, "not valid"),
    "broken-docx": ({"files": {"file": ("a.docx", b"PK not a zip")}}, 400, "not a readable Word document"),
    "two-inputs": ({"data": {"text": "Hello.", "url": "http://example.org/"}}, 400, "give one input"),
    "bad-paper": ({"data": {"text": "Hello.", "paper": "a0"}}, 400, "paper"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_a_clear_4xx_page(web, case: str) -> None:  # type: ignore[no-untyped-def]
    kwargs, status, words = BAD[case]
    r = web.post("/audit", **kwargs)
    assert r.status_code == status
    assert words in r.text and 'role="alert"' in r.text
    assert "Traceback" not in r.text


def test_body_over_the_limit_is_refused_before_reading(web) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/api/audit", files={"file": ("big.txt", b"x" * (8 * 1024 * 1024))})
    assert r.status_code == 413 and "limit" in r.json()["error"]


def test_hostile_markup_renders_as_text(web) -> None:  # type: ignore[no-untyped-def]
    text = 'The <script>alert(1)</script> minister said <img src="file:///etc/passwd"> <a href="http://x.test">hi</a>.'
    r = web.post("/audit", data={"text": text})
    assert r.status_code == 200
    assert "<script" not in r.text and "<img" not in r.text and 'href="http://x.test"' not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_cross_site_posts_and_foreign_hosts_are_refused(web) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/audit", data={"text": "Hello, he said."}, headers={"Origin": "http://evil.test"})
    assert r.status_code == 403
    r = web.get("/", headers={"Host": "evil.test"})
    assert r.status_code == 400


@pytest.fixture(scope="module")
def download_form(seed_page: str) -> dict[str, str]:
    return hidden_fields(seed_page, "downloads")


def test_pdf_download(web, download_form: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/download/pdf", data=download_form)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-") and 'filename="pasted.pdf"' in r.headers["content-disposition"]


def test_handout_downloads(web, download_form: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """The worksheet and the key are PDFs; the worksheet holds the article but not the key's answers."""
    import subprocess

    texts = {}
    for kind in ("worksheet", "answers"):
        r = web.post(f"/download/{kind}", data=download_form)
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf", kind
        assert r.content.startswith(b"%PDF-")
        texts[kind] = subprocess.run(["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True).stdout
    assert b"Answer key" in texts["answers"] and b"Answer key" not in texts["worksheet"]
    assert b"Student worksheet" in texts["worksheet"] and b"Source hunt" in texts["worksheet"]


def test_json_download(web, download_form: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/download/json", data=download_form)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    doc = r.json()["documents"][0]
    assert doc["path"] == "pasted.txt" and len(doc["statements"]) == len(statements_of_seed())


def statements_of_seed() -> tuple[object, ...]:
    return audit_text(SEED.read_text(encoding="utf-8")).statements


def test_damaged_download_form_is_a_4xx(web) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/download/pdf", data={"payload": "not base64!", "name": "a.txt"})
    assert r.status_code == 400 and "damaged" in r.text
    r = web.post("/download/pdf", data={"payload": "aGVsbG8=", "name": "../../etc/passwd"})
    assert r.status_code == 415


def test_api_audit_equals_check_json(web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "article.txt"
    article.write_bytes(SEED.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # this checkout's package, as the app in this process
    proc = subprocess.run([sys.executable, "-m", "audit", "check", "--format", "json", "article.txt"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    r = web.post("/api/audit", files={"file": ("article.txt", SEED.read_bytes())})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == json.loads(proc.stdout)


def test_api_takes_json_and_returns_errors_as_json(web) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/api/audit", json={"text": "The mayor resigned, a city official said.", "name": "m.md"})
    assert r.status_code == 200 and r.json()["documents"][0]["path"] == "m.md"
    r = web.post("/api/audit", json={"text": ""})
    assert r.status_code == 400 and "nothing to audit" in r.json()["error"]
    r = web.post("/api/audit", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "error" in r.json()


def test_api_report_is_a_pdf(web) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/api/report", data={"text": "The mayor resigned on Monday, a city official said."})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf" and r.content[:5] == b"%PDF-"


def test_compare_shows_the_changed_label(web) -> None:  # type: ignore[no-untyped-def]
    old = "The bridge will close in May, the mayor said.\nIt will cost 40 million.\n"
    new = "The bridge will close in May, an official said.\nIt will cost 40 million.\n"
    r = web.post("/compare", data={"old_text": old, "new_text": new})
    assert r.status_code == 200
    assert "Label changed (1)" in r.text and "named source" in r.text and "anonymous source" in r.text
    r = web.post("/compare", data={"old_text": old})
    assert r.status_code == 400


def test_rules_page_lists_every_rule_and_check(web) -> None:  # type: ignore[no-untyped-def]
    from audit import load_rules

    r = web.get("/rules")
    rules = load_rules()
    assert r.status_code == 200
    for item in (*rules.rules, *rules.checks):
        assert f'id="{item.id}"' in r.text
    assert "Why:" in r.text and "Matches:" in r.text


def test_health_static_and_unknown_pages(web) -> None:  # type: ignore[no-untyped-def]
    assert web.get("/health").json()["status"] == "ok"
    assert web.get("/static/web.css").headers["content-type"].startswith("text/css")
    assert web.get("/static/..%2Fpyproject.toml").status_code == 404
    r = web.get("/nowhere")
    assert r.status_code == 404 and "Traceback" not in r.text
    assert web.get("/audit").status_code == 405


def test_serve_without_the_web_extra_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from audit import web
    from audit.cli import main

    monkeypatch.setitem(web.WEB_PACKAGES, "no_such_module_for_the_test", "no-such-package")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["sourcing-audit: serve needs the web extra (no-such-package missing): "
                   "pip install 'sourcing-audit[web]'"]


def test_serve_help_names_the_flags() -> None:
    proc = subprocess.run([sys.executable, "-m", "audit", "serve", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for flag in ("--host", "--port", "--open", "--allow-private-urls", "127.0.0.1", "/api/audit"):
        assert flag in proc.stdout


def test_a_malformed_form_is_a_4xx_page(web) -> None:  # type: ignore[no-untyped-def]
    r = web.post("/audit", content=b"--x\r\nnonsense", headers={"content-type": "multipart/form-data; boundary=x"})
    assert 400 <= r.status_code < 500 and 'role="alert"' in r.text and "Traceback" not in r.text


def test_serve_starts_and_answers_on_loopback() -> None:
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "audit", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for _ in range(100):  # at most about 20 s, while the server loads the library
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert r.json()["status"] == "ok"
        assert "default-src 'none'" in r.headers["content-security-policy"]
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"serving http://127.0.0.1:{port}/" in out


def test_a_docx_upload_downloads_as_its_own_format(web) -> None:  # type: ignore[no-untyped-def]
    body = docx_bytes(["The bridge will close, the mayor said."])
    r = web.post("/audit", files={"file": ("Bridge Story.docx", body)})
    assert r.status_code == 200
    fields = hidden_fields(r.text, "downloads")
    assert fields["name"] == "Bridge-Story.docx"
    doc = web.post("/download/json", data=fields).json()["documents"][0]
    assert doc["format"] == "docx" and doc["statements"][0]["label"] == "named-source"
