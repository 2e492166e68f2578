"""Editorial checks and the verdict: pure functions of the labelled statements and the roster."""
from __future__ import annotations

from audit.models import DocumentResult, Excluded, Finding, LabelledStatement, Paragraph, Quotation, Source, Verdict
from audit.rules import RuleSet


def run_checks(text: str, paragraphs: tuple[Paragraph, ...], labelled: tuple[LabelledStatement, ...],
               sources: tuple[Source, ...], quotations: tuple[Quotation, ...],
               rules: RuleSet) -> tuple[tuple[Finding, ...], tuple[Excluded, ...]]:
    return (), ()


def verdict(result: DocumentResult, rules: RuleSet) -> Verdict:
    return Verdict("PASS", "no findings")
