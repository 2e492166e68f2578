"""Load benchmark for `sourcing-audit serve` (issue 10). Run: .venv/bin/python benchmarks/bench_web.py

Starts `sourcing-audit serve` in a separate process on 127.0.0.1 and measures, for the seed article:
  a. `audit_text` in this process, median of --repeat runs (the library alone);
  b. POST /api/audit (the JSON, no PDF), one request at a time, median of --repeat: the server's own time
     (its Server-Timing header; bar: at most 2x a), and the time the client sees;
  c. POST /audit (the whole result page), one at a time, median of --repeat;
  d. 20 concurrent POST /api/audit: every one must succeed; the wall time and the median latency.
Figures go in the issue note, not in a test (STYLE.md, Habits 4).
"""
from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    script = Path(sys.executable).with_name("sourcing-audit")
    cmd = [str(script) if script.exists() else shutil.which("sourcing-audit") or "sourcing-audit"]
    proc = subprocess.Popen([*cmd, "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.terminate()
    raise SystemExit("the server did not start")


_CLIENTS = threading.local()
SERVER: dict[str, list[float]] = {}  # the server's own time per request (Server-Timing), by the route's last part


def timed_post(url: str, **kwargs: object) -> float:
    """One request's wall time seen by the client, on this thread's own kept-alive client (a new httpx client
    costs ~50 ms); the server's own time for it goes to SERVER."""
    client = getattr(_CLIENTS, "client", None)
    if client is None:
        client = _CLIENTS.client = httpx.Client(timeout=60)
    start = time.perf_counter()
    r = client.post(url, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    if r.status_code != 200:
        raise SystemExit(f"{url}: {r.status_code} {r.text[:200]}")
    SERVER.setdefault(url.rsplit("/", 1)[-1], []).append(float(r.headers["server-timing"].split("dur=")[1]) / 1000)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--concurrent", type=int, default=20)
    args = ap.parse_args()
    from audit import audit_text

    text = SEED.read_text(encoding="utf-8")
    audit_text(text)  # load the rules and the splitter once, as the server has
    lib = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        audit_text(text)
        lib.append(time.perf_counter() - start)
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(5):  # warm the server
            timed_post(base + "/api/audit", data={"text": text})
        SERVER.clear()
        api = [timed_post(base + "/api/audit", data={"text": text}) for _ in range(args.repeat)]
        own = statistics.median(SERVER["audit"])
        page = [timed_post(base + "/audit", data={"text": text}) for _ in range(args.repeat)]
        start = time.perf_counter()
        with ThreadPoolExecutor(args.concurrent) as pool:
            together = list(pool.map(lambda _: timed_post(base + "/api/audit", data={"text": text}),
                                     range(args.concurrent)))
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)
    a, b, c = (statistics.median(x) for x in (lib, api, page))
    print(f"a. audit_text in-process, median of {args.repeat}: {a * 1000:.0f} ms")
    print(f"b. POST /api/audit, median of {args.repeat}: the server's own time {own * 1000:.0f} ms ({own / a:.2f}x a; "
          f"bar 2x); seen by the client {b * 1000:.0f} ms ({b / a:.2f}x a)")
    print(f"c. POST /audit (the result page), median of {args.repeat}: {c * 1000:.0f} ms")
    print(f"d. {args.concurrent} concurrent POST /api/audit: all succeeded; wall {wall:.2f} s, "
          f"median latency {statistics.median(together) * 1000:.0f} ms, slowest {max(together) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
