"""sourcing-audit: how does a news article know what it says? Label every statement by its source.

The public library API (every front-end uses it; names load on first use, so `import audit` stays cheap):

    from audit import AuditOptions, audit_file, audit_source, audit_text, load_rules, render_report, settings_for
    result = audit_text(text)            # a DocumentResult
"""
from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

if sys.dont_write_bytecode:  # compile the package's modules once, into the start-up cache (audit.bytecode)
    from audit import bytecode

    bytecode.install()

__version__ = "0.1.0"
__all__ = [
    "AuditOptions",
    "HandoutOptions",
    "__version__",
    "audit_data",
    "audit_file",
    "audit_source",
    "audit_text",
    "diff_results",
    "handout_options",
    "load_rules",
    "read_source",
    "render_handout",
    "render_report",
    "report_context",
    "result_json",
    "settings_for",
]

_WHERE = {"audit_text": "audit.api", "audit_data": "audit.api", "diff_results": "audit.api",
          "audit_file": "audit.api", "audit_source": "audit.api",
          "read_source": "audit.api", "render_report": "audit.api", "settings_for": "audit.api",
          "load_rules": "audit.api", "report_context": "audit.api", "result_json": "audit.api",
          "render_handout": "audit.api", "handout_options": "audit.api",
          "AuditOptions": "audit.options", "HandoutOptions": "audit.present.handout"}

if TYPE_CHECKING:
    from audit.api import (
        audit_data,
        audit_file,
        audit_source,
        audit_text,
        diff_results,
        handout_options,
        load_rules,
        read_source,
        render_handout,
        render_report,
        report_context,
        result_json,
        settings_for,
    )
    from audit.options import AuditOptions
    from audit.present.handout import HandoutOptions


def __getattr__(name: str) -> Any:  # lazy, so `import audit` stays cheap for the CLI
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'audit' has no attribute {name!r}")
