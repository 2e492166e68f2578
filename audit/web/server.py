"""Start the server: uvicorn running the app, and (with --open) the browser once it listens."""
from __future__ import annotations

import threading
import webbrowser

from audit.web.config import WebConfig


def run_server(config: WebConfig, open_browser: bool = False) -> None:
    import uvicorn

    from audit.web.app import create_app

    app = create_app(config)
    _warm(config)
    host = "localhost" if config.host in ("127.0.0.1", "::1") else config.host
    if open_browser:
        url = f"http://{'127.0.0.1' if config.host in ('0.0.0.0', '::') else host}:{config.port}/"
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    uvicorn.run(app, host=config.host, port=config.port, log_level="info",
                server_header=False, limit_concurrency=64, timeout_keep_alive=5)


def _warm(config: WebConfig) -> None:
    """Load what every audit needs (rules, splitter, dictionaries) before the first request, then freeze it out
    of the garbage collector's later passes, which would otherwise scan it again and again (as the CLI does
    after its first report: audit.cli.documents). The server owns its process, so it decides this."""
    import gc

    from audit.api import audit_data

    audit_data(b"The mayor resigned on Monday, a city official said.", "warm.txt", config.options)
    gc.collect()
    gc.freeze()
