"""A minimal LSP client for the tests: JSON-RPC with Content-Length framing over a subprocess's pipes.

It is written from the protocol, not with pygls, so the tests check what goes over the wire. A reader thread
queues every message from the server; the tests wait for the one they need with a timeout, never a fixed sleep.
"""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

TIMEOUT = 30.0  # seconds to wait for one message (the first audit loads the rules and the splitter)


def read_message(stream: BinaryIO) -> dict[str, Any] | None:
    """One framed message, or None at the end of the stream."""
    headers: dict[str, str] = {}
    while True:
        line = stream.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        key, _, value = line.decode("ascii").partition(":")
        headers[key.strip().lower()] = value.strip()
    body = stream.read(int(headers["content-length"]))
    return json.loads(body.decode("utf-8"))


class Client:
    def __init__(self, *args: str, cwd: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "audit", "lsp", *args], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.seen: list[dict[str, Any]] = []  # every message taken from the queue, in order
        self.inbox: list[dict[str, Any]] = []  # those no wait has asked for yet (a message can precede a reply)
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while (msg := read_message(self.proc.stdout)) is not None:
            self.messages.put(msg)
        self.messages.put(None)

    def send(self, payload: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **payload}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        """Send a request and wait for its response; answers the server's own requests meanwhile."""
        self.next_id += 1
        mine = self.next_id
        self.send({"id": mine, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == mine and "method" not in m)
        assert "error" not in reply, reply["error"]
        return reply.get("result")

    def wait(self, wanted: Callable[[dict[str, Any]], bool], timeout: float = TIMEOUT) -> dict[str, Any]:
        """The first message not yet taken for which `wanted` is true; fails after `timeout` seconds without one."""
        for n, msg in enumerate(self.inbox):
            if wanted(msg):
                return self.inbox.pop(n)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no such message within {timeout} s; seen: {[m.get('method') for m in self.seen]}"
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            assert msg is not None, f"the server closed its output: {self.stderr_text()}"
            self.seen.append(msg)
            if "method" in msg and "id" in msg:  # a request from the server (e.g. a refresh): answer it
                self.send({"id": msg["id"], "result": None})
            if wanted(msg):
                return msg
            self.inbox.append(msg)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        """The next publishDiagnostics for `uri` (for that document version, when given)."""
        msg = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"]["uri"] == uri
                        and (version is None or m["params"].get("version") == version))
        return list(msg["params"]["diagnostics"])

    def stderr_text(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
