"""The public library API: what every front-end (CLI, web page, batch, handout, language server) calls.

Each front-end turns its own input into one AuditOptions value at its edge and calls these functions.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from audit.pipeline import audit_file, audit_source, audit_text
from audit.rules.loader import load_rules

if TYPE_CHECKING:
    from audit.models import DocumentResult
    from audit.read.inputs import SourceText

__all__ = ["audit_file", "audit_source", "audit_text", "load_rules"]
