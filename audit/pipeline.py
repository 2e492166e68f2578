"""The stages end to end: load -> split -> attribute -> label -> score -> check, for one text."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from audit.errors import InputError
from audit.judge.score import score
from audit.label.engine import label_statements
from audit.label.quotes import find_quotations, mask_quotations
from audit.label.roster import build_roster
from audit.models import DocumentResult, Verdict
from audit.read import text as textmod
from audit.rules.loader import default_rules
from audit.rules.ruleset import RuleSet

if TYPE_CHECKING:
    from audit.read.inputs import SourceText

def audit_text(text: str, path: str = "<text>", ruleset: RuleSet | None = None, publisher: str | None = None,
               with_readability: bool = True, join_wrapped: bool = True) -> DocumentResult:
    """Audit one article's text. Raises InputError for empty text.

    `join_wrapped`: join hard-wrapped lines of plain text into paragraphs (off for text whose lines are
    paragraphs already, as audit.read.inputs makes from Markdown, HTML and Word).
    """
    from audit.rules.budget import PatternTimeout, document_budget

    if textmod.is_blank(text):
        raise InputError(f"{path}: the text is empty (nothing but white space)")
    try:
        with document_budget():  # the user's own patterns share a time budget per article
            return _audit_text(text, path, ruleset or default_rules(), publisher, with_readability, join_wrapped)
    except PatternTimeout as exc:
        raise PatternTimeout(f"{path}: {exc}") from None


def _audit_text(text: str, path: str, rules: RuleSet, publisher: str | None, with_readability: bool,
                join_wrapped: bool) -> DocumentResult:
    from audit.judge.checks import run_checks, verdict

    paragraphs = textmod.split_paragraphs(text, join_wrapped)
    statements = textmod.split_statements(text, paragraphs, rules.patterns)
    spans = find_quotations(text, paragraphs)
    labelled, quotations = label_statements(statements, mask_quotations(text, spans), spans, rules, publisher)
    sources, labelled = build_roster(labelled, text, rules, rules.patterns.get("ANONYMITY_REASON_I"))
    findings, excluded = run_checks(text, paragraphs, labelled, sources, quotations, rules)
    scores = score(labelled, sources, rules.lede_paragraphs, frozenset(e.statement for e in excluded))
    read = None
    if with_readability:
        from audit.judge.readability import readability

        read = readability(labelled)
    result = DocumentResult(path, text, textmod.text_sha256(text), paragraphs, labelled, sources, quotations,
                            scores, read, findings, excluded, Verdict("PASS", ""), publisher)
    return _with_verdict(result, verdict(result, rules))


def _with_verdict(result: DocumentResult, v: Verdict) -> DocumentResult:
    import dataclasses

    return dataclasses.replace(result, verdict=v)


def audit_file(path: str | Path, ruleset: RuleSet | None = None, publisher: str | None = None,
               encoding: str = "utf-8", with_readability: bool = True) -> DocumentResult:
    """Read and audit one article file (plain text)."""
    return audit_text(textmod.read_text(path, encoding), str(path), ruleset, publisher, with_readability)


def audit_source(src: SourceText, ruleset: RuleSet | None = None, publisher: str | None = None,
                 with_readability: bool = True) -> DocumentResult:
    """Audit one input as audit.read.inputs read it (any format): what check, report and diff all run."""
    import dataclasses

    doc = audit_text(src.text, src.name, ruleset, publisher, with_readability, join_wrapped=src.format == "text")
    same = src.raw is not None and len(src.raw) == len(src.text)
    if same and src.format == "markdown" and src.raw is not None:
        from audit.read.shown import collapse_markup

        doc = collapse_markup(doc, src.raw)
    return dataclasses.replace(doc, source_format=src.format, file_text=src.raw if same else None)
