"""The server's safety layer, in front of every route (pure ASGI middleware):

- a request body over the limit gets 413 before a route reads it (the body is read here, counted, and replayed);
- a POST from another site (an Origin that is not this server, or Sec-Fetch-Site: cross-site) gets 403, so no
  other page can make a visitor's browser submit to the tool (its URL fetch included);
- on a loopback-only server, a Host header that is not a loopback name gets 400 (no DNS rebinding);
- every response carries a Content-Security-Policy that forbids inline script, remote loads and framing, and
  a Server-Timing header with the server's time for it (benchmarks/bench_web.py reads it).
"""
from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorApp = Callable[[str, int, str], ASGIApp]  # (path, status, message) -> a response

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-opener-policy", b"same-origin"), (b"cache-control", b"no-store")]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class TooLarge(Exception):
    pass


class Guard:
    def __init__(self, app: ASGIApp, error: ErrorApp, body_max: int, loopback_only: bool) -> None:
        self.app, self.error, self.body_max, self.loopback_only = app, error, body_max, loopback_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send, time.perf_counter())
        path = str(scope.get("path", "/"))
        problem = self.refusal(scope)
        if problem is None and scope.get("method") == "POST":
            try:
                receive = await self._buffered(scope, receive)
            except TooLarge:
                problem = (413, f"the request is over the {self.body_max // (1024 * 1024)} MB limit; "
                                "articles may be up to 5 MB")
        if problem is not None:
            await self.error(path, *problem)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        hostname = urlsplit(f"//{host}").hostname or ""
        if self.loopback_only and hostname not in LOOPBACK:
            return 400, "this server answers only to localhost and 127.0.0.1"
        if scope.get("method") == "POST":
            origin = headers.get("origin")
            if headers.get("sec-fetch-site") == "cross-site" or (origin is not None and
                                                                 urlsplit(origin).netloc != host):
                return 403, "refused: the form was sent from another site"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.body_max:
            return 413, f"the request is over the {self.body_max // (1024 * 1024)} MB limit; articles may be up to 5 MB"
        return None

    async def _buffered(self, scope: Scope, receive: Receive) -> Receive:
        """Read the whole body (refusing it past the limit), then hand it on as one message."""
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise TooLarge  # nothing left to answer; the error response goes nowhere
            body = message.get("body", b"")
            size += len(body)
            if size > self.body_max:
                raise TooLarge
            chunks.append(body)
            more = bool(message.get("more_body"))
        body, sent = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay


def _with_headers(send: Send, start: float) -> Send:
    """The security headers, and Server-Timing: the server's own time for the request, in milliseconds."""
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            took = f"app;dur={(time.perf_counter() - start) * 1000:.1f}".encode()
            message["headers"] = [*message.get("headers", []), *HEADERS, (b"server-timing", took)]
        await send(message)

    return wrapped
