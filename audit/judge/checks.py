"""Editorial checks: pure functions of the labelled statements and the roster (the verdict is in verdict.py).

Each check kind is one function in kinds.py (KINDS); rules.yaml `checks:` gives each check its id, severity,
words and `params`. In a params pattern, {name} stands for a list in the same params, a named pattern or a lexicon.
"""
from __future__ import annotations

import re

from audit.errors import RulesError
from audit.judge.context import SEVERITY_ORDER, Context
from audit.judge.kinds import KINDS, find_duplicates
from audit.judge.verdict import verdict
from audit.models import Excluded, Finding, Label, LabelledStatement, Paragraph, Quotation, Source
from audit.rules.ruleset import Check, RuleSet

__all__ = ["KINDS", "SEVERITY_ORDER", "run_checks", "verdict"]


def _excluded(ctx: Context) -> tuple[Excluded, ...]:
    out = []
    for ls in ctx.labelled:
        st = ls.statement
        if ls.label is Label.NONE:
            rule = next((r for r in map(ctx.rules.rule, ls.rule_ids) if r is not None and
                         getattr(r, "label", None) is Label.NONE), None)
            reason = f"{rule.id}: {rule.message}" if rule else "not a claim"
        elif st.paragraph in ctx.duplicates:
            reason = f"duplicate: repeats paragraph {ctx.duplicates[st.paragraph]}"
        else:
            continue
        out.append(Excluded(reason, st.index, st.paragraph, st.text))
    return tuple(out)


def _run(check: Check, ctx: Context) -> list[Finding]:
    """One check's findings; a check whose params do not fit its kind is a rules-file error, not a crash."""
    try:
        return list(KINDS[check.kind](ctx, check))
    except (ValueError, TypeError, KeyError, AttributeError, re.error) as exc:
        raise RulesError([f"{check.origin}: check {check.id!r}: params do not fit kind {check.kind!r}: {exc}"]) \
            from None


def run_checks(text: str, paragraphs: tuple[Paragraph, ...], labelled: tuple[LabelledStatement, ...],
               sources: tuple[Source, ...], quotations: tuple[Quotation, ...],
               rules: RuleSet) -> tuple[tuple[Finding, ...], tuple[Excluded, ...]]:
    """Every check of the rule set over one text: findings most serious first, then by position."""
    dup = next((c for c in rules.checks if c.kind == "duplicate-paragraph"), None)
    min_words = int(dup.params.get("min_words", 5)) if dup else 5
    ctx = Context(text, paragraphs, labelled, sources, quotations, rules,
                  find_duplicates(text, paragraphs, min_words))
    findings = [f for check in rules.checks for f in _run(check, ctx)]
    order = {c.id: n for n, c in enumerate(rules.checks)}
    findings.sort(key=lambda f: (SEVERITY_ORDER.index(f.severity), f.start, order[f.check_id]))
    return tuple(findings), _excluded(ctx)
