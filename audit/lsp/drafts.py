"""One open draft audited: the editor's text through the library, with what hovers and hints need beside it.

No pygls here: the server hands in the text, the draft's file name and the options, and gets an Audited value.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit import api
from audit.lsp.positions import LineIndex

if TYPE_CHECKING:
    from audit.models import DocumentResult, LabelledStatement
    from audit.options import AuditOptions
    from audit.rules.ruleset import RuleSet

#: The drafts the server audits: Markdown and plain text, whose offsets point into the editor's text.
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
LANGUAGES = {"markdown": ".md", "plaintext": ".txt", "text": ".txt"}
BOM = "\ufeff"


def draft_name(path: str, language_id: str | None) -> str | None:
    """The name to audit a draft under (its format by extension), or None for a document that is no draft."""
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS:
        return path
    if language_id in LANGUAGES and ext not in (".html", ".htm", ".docx"):
        return path + LANGUAGES[language_id]
    return None


@dataclass(frozen=True)
class Audited:
    """A draft's result at one version, its rule set, and the editor text's line index."""

    version: int | None
    doc: DocumentResult
    rules: RuleSet
    index: LineIndex
    shift: int  # code points before the audited text in the editor's (a byte-order mark)

    @property
    def markdown(self) -> bool:
        return self.doc.source_format == "markdown"

    def position(self, offset: int) -> tuple[int, int]:
        """An audit offset as an LSP (line, character) in the editor's text."""
        return self.index.position(offset + self.shift)

    def offset(self, line: int, character: int) -> int:
        """An LSP position as an offset into the audited text."""
        return self.index.offset(line, character) - self.shift

    def statement_at(self, offset: int) -> LabelledStatement | None:
        """The statement that holds the offset (its end included, for a cursor just after it)."""
        for s in self.doc.statements:
            if s.statement.start <= offset <= s.statement.end:
                return s
        return None


def audit_draft(text: str, name: str, options: AuditOptions, version: int | None = None,
                encoding: str = "utf-16") -> Audited:
    """Audit the editor's text as `check --stdin-filename NAME -` would; AuditError for what the user must fix."""
    doc = api.audit_data(text.encode("utf-8", "surrogatepass"), name, options)
    rules = api.rules_for(api.settings_for(name, options).rules)
    return Audited(version, doc, rules, LineIndex(text, encoding), 1 if text.startswith(BOM) else 0)
