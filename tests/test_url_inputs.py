"""`check URL`: a page fetched from a local HTTP server started by the test (no internet), read as the same file
would be, and named by its URL in every output."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
PAGE = ("<!doctype html><html><head><title>Vote delayed</title></head><body><nav>Home | World</nav><article>"
        "<h1>Council delays the bridge vote</h1>"
        "<p>The council postponed its vote on Tuesday, officials said.</p>"
        "<p>Senator Jane Smith said the delay was a serious mistake that puts the city at risk.</p>"
        "<p>The bridge will close in June, the Harbour Gazette reported.</p>"
        "</article><footer>Share this</footer></body></html>")
FILES = {"/news/vote.html": (PAGE.encode("utf-8"), "text/html; charset=utf-8"),
         "/seed.txt": (SEED.read_bytes(), "text/plain; charset=utf-8"),
         "/photo.png": (b"\x89PNG\r\n", "image/png")}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/news/vote.html")
            self.end_headers()
            return
        body, kind = FILES.get(self.path, (b"not found", "text/plain"))
        self.send_response(200 if self.path in FILES else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def _labels(out: str) -> list[tuple[str, str]]:
    (doc,) = json.loads(out)["documents"]
    return [(s["text"], s["label"]) for s in doc["statements"]]


def test_a_url_gives_the_same_labels_as_the_file(server: str, tmp_path: Path) -> None:
    page = tmp_path / "vote.html"
    page.write_text(PAGE, encoding="utf-8")
    url = f"{server}/news/vote.html"
    from_url = run("check", "--format", "json", url)
    assert from_url.returncode in (0, 1), from_url.stderr
    assert _labels(from_url.stdout) == _labels(run("check", "--format", "json", page).stdout)
    assert ("Senator Jane Smith said the delay was a serious mistake that puts the city at risk.",
            "named-source") in _labels(from_url.stdout)
    assert json.loads(from_url.stdout)["documents"][0]["path"] == url
    seed = run("check", "--format", "json", f"{server}/seed.txt")
    assert _labels(seed.stdout) == _labels(run("check", "--format", "json", SEED).stdout)
    assert _labels(run("check", "--format", "json", f"{server}/moved").stdout) == _labels(from_url.stdout)


@pytest.mark.parametrize("fmt", ["text", "sarif", "github", "junit", "markdown", "gitlab", "rdjson"])
def test_every_format_names_the_url(server: str, fmt: str) -> None:
    url = f"{server}/news/vote.html"
    proc = run("check", "--format", fmt, "--fail-on", "info", url)
    assert proc.returncode == 1, proc.stderr
    assert url in proc.stdout or url.replace(":", "%3A") in proc.stdout


def test_a_url_that_cannot_be_read_is_one_line(server: str) -> None:
    for path, message in (("/missing.html", "the server answered 404"),
                          ("/photo.png", "not an article page (content type image/png)")):
        proc = run("check", f"{server}{path}", SEED)
        assert proc.returncode == 2
        assert proc.stderr == f"sourcing-audit: {server}{path}: {message}\n"
        assert proc.stdout.startswith(str(SEED))  # the other input still checked


def test_only_http_and_https_are_fetched() -> None:
    proc = run("check", "ftp://example.org/draft.html")
    assert proc.returncode == 2
    assert proc.stderr == "sourcing-audit: ftp://example.org/draft.html: only http:// and https:// addresses can be " \
                          "fetched\n"
