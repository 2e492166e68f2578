"""The web front-end: `sourcing-audit serve`, a local page over the same library (issue 10).

A thin layer: each request becomes one AuditOptions value and an article's bytes at the edge (`forms`), the
library audits them (`audit.api`), and the report's templates show the result (`pages`). Starlette on uvicorn
serves it; the packages come with the `web` extra, and `require_web` says so in one line when they are missing.
"""
from __future__ import annotations

import importlib.util

from audit.errors import UsageError

WEB_PACKAGES = {"starlette": "starlette", "uvicorn": "uvicorn", "multipart": "python-multipart", "httpx": "httpx"}


def require_web() -> None:
    """Raise a one-line UsageError naming the extra when the web packages are not installed."""
    missing = [pip for module, pip in WEB_PACKAGES.items() if importlib.util.find_spec(module) is None]
    if missing:
        raise UsageError(f"serve needs the web extra ({', '.join(missing)} missing): "
                         "pip install 'sourcing-audit[web]'")
