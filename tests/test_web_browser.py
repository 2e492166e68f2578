"""The page in a real browser: Debian's chromium (headless, no network beyond 127.0.0.1) driven by Playwright.

Pastes the seed, sees every statement's badge, focuses a statement and reads its rule, follows a finding to its
paragraph, downloads the PDF; uploads a .docx and a .md draft; a hostile draft shows its markup as text with no
dialog and no request; a 6 MB upload gets the size message; axe-core finds no serious or critical violation.
Screenshots go to a temporary folder (to docs/ with UPDATE_SCREENSHOTS=1, for the README).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit import audit_text
from tests.web_helpers import READ_LABELS, REPO, SEED, create_app, docx_bytes

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"  # npm's axe-core, by scripts/setup.sh
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"]


def _installed(path: Path, what: str) -> Path:
    """The browser tests never skip: without their browser or axe-core they fail and say how to install it."""
    if not path.exists():
        pytest.fail(f"{what} is not installed ({path}): run scripts/setup.sh", pytrace=False)
    return path


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright import sync_api as playwright

    chromium = _installed(CHROMIUM, "Debian's chromium")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(chromium), args=FLAGS, headless=True, accept_downloads=True,
            viewport={"width": 1100, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    page = browser.new_page()
    page.set_default_timeout(20_000)
    page.goto(server + "/")
    yield page
    page.close()


def screenshot(page: Any, name: str, tmp_path: Path) -> None:
    folder = REPO / "docs" if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    page.screenshot(path=str(folder / name), full_page=False)


def test_paste_the_seed_and_use_the_result(page: Any, server: str, tmp_path: Path) -> None:
    screenshot(page, "web-input.png", tmp_path)
    page.fill("#text", SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Audit the article").click()
    page.wait_for_selector(".stmt")
    expected = len(audit_text(SEED.read_text(encoding="utf-8")).statements)
    assert page.locator(".stmt .badge").count() == expected
    for start, label in READ_LABELS.items():
        stmt = page.locator(".stmt", has_text=start)
        assert stmt.count() == 1, start
        assert f" {label}." in stmt.locator(".tip").text_content()
    screenshot(page, "web-result.png", tmp_path)

    transcript = page.locator(".stmt", has_text="The transcript shows Witkoff racing")
    transcript.focus()
    tip = transcript.locator(".tip")
    assert tip.is_visible()
    assert "leaked transcript" in tip.inner_text() and "Rule" in tip.inner_text()
    assert "“the transcript”" in tip.inner_text().lower() and "“shows”" in tip.inner_text()
    screenshot(page, "web-statement.png", tmp_path)

    link = page.locator("#findings a[href^='#p']").first
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target)
    assert page.locator(target).is_visible() and page.evaluate("() => window.scrollY") > 0

    with page.expect_download() as download:
        page.get_by_role("button", name="PDF report").click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"


def test_filter_by_label(page: Any) -> None:
    page.fill("#text", SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Audit the article").click()
    page.get_by_role("radio", name="leaked transcript").check()
    faded = page.locator(".stmt-named-source").first.evaluate("e => getComputedStyle(e).opacity")
    kept = page.locator(".stmt-leaked-transcript").first.evaluate("e => getComputedStyle(e).opacity")
    assert float(faded) < 0.5 and float(kept) == 1.0


@pytest.mark.parametrize("name", ["draft.docx", "draft.md"])
def test_upload_a_draft(page: Any, name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_bytes(docx_bytes(["The harbour bridge will close in May, the city council said.",
                                     "A person familiar with the talks said the vote could slip."]))
        sentence = "The harbour bridge will close in May"
    else:
        path.write_bytes((REPO / "tests" / "fixtures" / "draft.md").read_bytes())
        sentence = "The city council postponed its vote"
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Audit the article").click()
    page.wait_for_selector(".stmt")
    assert page.locator(".stmt", has_text=sentence).count() == 1


def test_a_hostile_draft_runs_nothing_and_fetches_nothing(page: Any, server: str) -> None:
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    hostile = ('The minister said <script>alert("x")</script> and <img src="x" onerror="alert(2)"> '
               f'<img src="{server}/static/pixel.png"> <iframe src="file:///etc/passwd"></iframe> today.')
    page.fill("#text", hostile)
    page.get_by_role("button", name="Audit the article").click()
    page.wait_for_selector(".stmt")
    assert '<script>alert("x")</script>' in page.locator("#article").inner_text()
    page.wait_for_timeout(300)
    assert dialogs == []
    allowed = {server + p for p in ("/", "/audit", "/static/web.css", "/static/report.css", "/favicon.ico")}
    assert [u for u in requests if u not in allowed] == []


def test_a_6_mb_upload_gets_the_size_message(page: Any, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"The mayor said it would rain. " * (6 * 1024 * 1024 // 30))
    page.set_input_files("#file", str(big))
    page.get_by_role("button", name="Audit the article").click()
    page.wait_for_selector("[role=alert]")
    assert "5 MB limit" in page.locator("[role=alert]").inner_text()


def test_no_serious_accessibility_violations(page: Any) -> None:
    axe = _installed(AXE, "axe-core (scripts/setup.sh installs it with npm)")

    def violations() -> list[str]:
        page.evaluate(axe.read_text(encoding="utf-8"))  # evaluated by the DevTools protocol, outside the CSP
        found = page.evaluate("async () => (await axe.run(document)).violations"
                              ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                              ".map(v => v.id + ': ' + v.nodes.length + ' ' + v.nodes[0].html.slice(0, 120))")
        return list(found)

    assert violations() == []
    page.fill("#text", SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Audit the article").click()
    page.wait_for_selector(".stmt")
    assert violations() == []


def test_keyboard_only(page: Any) -> None:
    """Tab reaches the text box, the text goes in, Enter on the button submits; Tab then walks the statements
    in reading order, each showing its details."""
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "text":
            break
    page.keyboard.insert_text(SEED.read_text(encoding="utf-8"))
    for _ in range(10):  # past the format, the file, the address and the optional fields, to the button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "primary":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector(".stmt")
    page.focus("#s1")
    seen = []
    for _ in range(3):
        seen.append(page.evaluate("document.activeElement.id"))
        assert page.locator(f"#{seen[-1]} .tip").is_visible()
        page.keyboard.press("Tab")
    assert seen == ["s1", "s2", "s3"]
