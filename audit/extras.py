"""Optional parts of the install: `check` on text, Markdown and Word needs none of them.

| extra | packages | for |
|---|---|---|
| report | weasyprint | `report` and `handout` (PDF), `serve`'s PDF download |
| html | trafilatura, lxml_html_clean, httpx | HTML inputs (.html files, pasted HTML) and URL inputs |
| web | starlette, uvicorn, python-multipart, httpx (and report, html) | `serve` |

`require` says in one line which extra a command needs when its packages are missing.
"""
from __future__ import annotations

import importlib

from audit.errors import UsageError

EXTRAS = {"report": ("weasyprint",), "html": ("trafilatura", "lxml_html_clean", "httpx")}


class MissingExtra(UsageError):
    """A command or an input needs packages of an extra that is not installed."""


def require(extra: str, what: str) -> None:
    """Raise MissingExtra (one line, exit 2) when a package of `extra` cannot be imported."""
    missing = []
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise MissingExtra(f"{what} needs the {extra} extra ({', '.join(missing)} not installed): "
                           f"pip install 'sourcing-audit[{extra}]'")
