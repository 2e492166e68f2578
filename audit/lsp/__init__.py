"""The language-server front-end: `sourcing-audit lsp`, the audit in an editor (issue 12), like `ruff server`.

A thin layer over the library: the client's initialization options and the CLI's flags become one LspConfig (an
AuditOptions inside) at the edge (`options`); each open draft is audited with `audit.api.audit_data`, exactly as
`check --stdin-filename PATH -` audits the same text (the settings file, per-path blocks and suppressions in force
for PATH); the result becomes diagnostics, hovers, inlay hints and code actions (`views`, `actions`) at LSP
positions (`positions`: UTF-16 code units unless the client agreed on another encoding). pygls speaks the
protocol; it comes with the `lsp` extra, and `require_lsp` says so in one line when it is missing.
"""
from __future__ import annotations

import importlib.util

from audit.errors import UsageError

LSP_PACKAGES = {"pygls": "pygls", "lsprotocol": "lsprotocol"}


def require_lsp() -> None:
    """Raise a one-line UsageError naming the extra when pygls is not installed."""
    missing = [pip for module, pip in LSP_PACKAGES.items() if importlib.util.find_spec(module) is None]
    if missing:
        raise UsageError(f"lsp needs the lsp extra ({', '.join(missing)} missing): pip install 'sourcing-audit[lsp]'")
