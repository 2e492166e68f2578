"""Shared by the label tests: each statement's text and label, and the roster name of one statement's source."""
from __future__ import annotations

from audit.pipeline import audit_text


def labels(text: str) -> list[tuple[str, str]]:
    """Each statement of the text with its label."""
    return [(s.statement.text, s.label.value) for s in audit_text(text, with_readability=False).statements]


def speaker(text: str, index: int) -> str | None:
    """The roster name of the source of statement `index`."""
    result = audit_text(text, with_readability=False)
    names = {s.id: s.name for s in result.sources}
    sid = result.statements[index].source_id
    return names.get(sid) if sid is not None else None
