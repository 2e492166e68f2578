"""Run every rule's examples: each `match` must fire (with its label and source), each `no_match` must not."""
from __future__ import annotations

from audit.engine import classify_source, find_attributions
from audit.models import Statement
from audit.rules import Example, Rule, RuleSet


def rule_fires(rule: Rule, ex: Example, ruleset: RuleSet) -> str | None:
    """None when the example behaves as the rule says, else what went wrong."""
    if rule.kind == "source":
        verdict = classify_source(ex.text, ruleset)
        return None if verdict is not None and verdict.rule_id == rule.id else \
            f"classified by {verdict.rule_id if verdict else 'no source rule'}"
    if rule.kind == "statement":
        return None if rule.regex.search(ex.text) else "did not match"
    st = Statement(0, 0, len(ex.text), 1, ex.text)
    from audit.quotes import find_quotations, mask_quotations
    from audit.text import split_paragraphs

    masked = mask_quotations(ex.text, find_quotations(ex.text, split_paragraphs(ex.text)))
    hits = [a for a in find_attributions(st, masked, ruleset) if a.rule_id == rule.id]
    if not hits:
        return "did not match"
    if ex.label is not None and all(a.label is not ex.label for a in hits):
        return f"gave {', '.join(a.label.value for a in hits)}, not {ex.label.value}"
    if ex.source is not None and all(a.source_text != ex.source for a in hits):
        return f"found source {', '.join(repr(a.source_text) for a in hits)}, not {ex.source!r}"
    return None


def rule_silent(rule: Rule, ex: Example, ruleset: RuleSet) -> str | None:
    problem = rule_fires(rule, ex, ruleset)
    return "matched" if problem is None else None


def test_rules(ruleset: RuleSet) -> tuple[list[str], int]:
    """(failure lines, number of examples run) over every rule of the set."""
    failures: list[str] = []
    count = 0
    for rule in ruleset.rules:
        for ex in rule.match:
            count += 1
            problem = rule_fires(rule, ex, ruleset)
            if problem:
                failures.append(f"{rule.origin}: {rule.id}: match example {problem}: {ex.text!r}")
        for ex in rule.no_match:
            count += 1
            problem = rule_silent(rule, ex, ruleset)
            if problem:
                failures.append(f"{rule.origin}: {rule.id}: no_match example {problem}: {ex.text!r}")
    return failures, count
