"""sourcing-audit: how does a news article know what it says? Label every statement by its source.

The public library API:

    from audit import audit_text, audit_file, load_rules
    result = audit_text(text)            # a DocumentResult
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["audit_text", "audit_file", "load_rules", "__version__"]

if TYPE_CHECKING:
    from audit.pipeline import audit_file, audit_text
    from audit.rules import load_rules


def __getattr__(name: str) -> Any:  # lazy, so `import audit` stays cheap for the CLI
    if name in ("audit_text", "audit_file"):
        from audit import pipeline

        return getattr(pipeline, name)
    if name == "load_rules":
        from audit.rules import load_rules

        return load_rules
    raise AttributeError(f"module 'audit' has no attribute {name!r}")
