"""URL inputs against a local http server started here: refused on 127.0.0.1 unless private URLs are allowed, a
redirect to a private address refused, schemes other than http(s) refused, a slow server timed out.
Every request goes to 127.0.0.1, a handful in all, each bounded by a timeout of a second or two."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from audit.web.config import WebConfig
from audit.web.fetch import FetchError, FetchPolicy, fetch_url
from tests.web_helpers import client, statements

PAGE = (b"<html><head><title>Bridge</title></head><body><article><h1>Bridge to close</h1>"
        b"<p>The harbour bridge will close in May, the city council said in a statement on Tuesday.</p>"
        b"<p>Engineers found cracks in two of its piers last year, according to a report by the port authority."
        b"</p></article></body></html>")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/article.html")
            self.end_headers()
            return
        if self.path == "/image":
            body, kind = b"\x89PNG", "image/png"
        else:
            body, kind = PAGE, "text/html; charset=utf-8"
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the slow page's reader timed out and left
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_loopback_is_refused_without_the_flag(site: str) -> None:
    r = client().post("/audit", data={"url": f"{site}/bridge.html"})
    assert r.status_code == 400
    assert "refused" in r.text and "--allow-private-urls" in r.text


def test_loopback_is_fetched_with_the_flag(site: str) -> None:
    r = client(WebConfig(allow_private_urls=True)).post("/audit", data={"url": f"{site}/news/bridge-to-close"})
    assert r.status_code == 200, r.text
    shown = {text: label for label, text, _ in statements(r.text)}
    sentence = "The harbour bridge will close in May, the city council said in a statement on Tuesday."
    assert shown[sentence] == "named source"
    assert f"{site}/news/bridge-to-close" in r.text and "bridge-to-close.html" in r.text


def test_a_redirect_to_a_private_address_is_refused(site: str) -> None:
    policy = FetchPolicy(also_allowed=frozenset({"127.0.0.1"}), timeout=2)  # only the test server itself
    assert fetch_url(f"{site}/ok.html", policy).data == PAGE
    with pytest.raises(FetchError, match=r"10\.0\.0\.1 is on this machine or a private network"):
        fetch_url(f"{site}/to-private", policy)


@pytest.mark.parametrize("url,words", [
    ("file:///etc/passwd", "only http:// and https://"),
    ("ftp://127.0.0.1/x", "only http:// and https://"),
    ("http://169.254.169.254/latest/meta-data/", "private network"),
    ("http://[::1]:9/", "private network"),
    ("http://0.0.0.0:9/", "private network"),
    ("http://localhost:9/", "private network"),
])
def test_other_schemes_and_private_addresses_are_refused(url: str, words: str) -> None:
    with pytest.raises(FetchError, match=words):
        fetch_url(url, FetchPolicy(timeout=1))


def test_a_slow_server_times_out_and_a_non_article_is_refused(site: str) -> None:
    web = client(WebConfig(allow_private_urls=True, fetch_timeout=0.5))
    r = web.post("/audit", data={"url": f"{site}/slow"})
    assert r.status_code == 400 and "timed out" in r.text
    r = web.post("/audit", data={"url": f"{site}/image"})
    assert r.status_code == 400 and "not an article page" in r.text
