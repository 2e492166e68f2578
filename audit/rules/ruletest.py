"""Run every rule's and check's examples: each `match` must fire (with its label and source), each `no_match` must not.

Rule examples run the one rule; check examples run the whole pipeline (audit_text) and look for the finding.
"""
from __future__ import annotations

from audit.label.attributions import find_attributions
from audit.label.sources import classify_source
from audit.models import Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import Check, Example, Rule, RuleSet

_AFTER_MARK = code_pattern(r"(?:[”\"’]|'')[ \t]+(?=\S)")


def rule_fires(rule: Rule, ex: Example, ruleset: RuleSet) -> str | None:
    """None when the example behaves as the rule says, else what went wrong."""
    if rule.kind == "source":
        verdict = classify_source(ex.text, ruleset)
        return None if verdict is not None and verdict.rule_id == rule.id else \
            f"classified by {verdict.rule_id if verdict else 'no source rule'}"
    if rule.kind == "statement":
        return None if rule.regex.search(ex.text) else "did not match"
    # a rule placed before a quotation runs on the example's first paragraph, the quotation opening the next one
    end = ex.text.find("\n") if "before-quotation" in rule.where and "\n" in ex.text else len(ex.text)
    # one placed after a quotation runs on what follows the example's last closing mark ("“Why?” Lee pressed.")
    start = max((m.end() for m in _AFTER_MARK.finditer(ex.text)), default=0) if "after-quotation" in rule.where else 0
    st = Statement(0, start, end, 1, ex.text[start:end])
    from audit.label.quotes import find_quotations, mask_quotations
    from audit.read.text import split_paragraphs

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


def check_fires(check: Check, ex: Example, ruleset: RuleSet) -> bool:
    """Whether the whole pipeline, run on the example text, reports a finding of this check."""
    from audit.pipeline import audit_text

    result = audit_text(ex.text, "<example>", ruleset, with_readability=False)
    return any(f.check_id == check.id for f in result.findings)


def test_checks(ruleset: RuleSet) -> tuple[list[str], int]:
    """(failure lines, number of examples run) over every check of the set."""
    failures: list[str] = []
    count = 0
    for check in ruleset.checks:
        for want, examples in ((True, check.match), (False, check.no_match)):
            for ex in examples:
                count += 1
                if check_fires(check, ex, ruleset) != want:
                    what = "match example gave no finding" if want else "no_match example gave a finding"
                    failures.append(f"{check.origin}: {check.id}: {what}: {ex.text!r}")
    return failures, count


def test_rules(ruleset: RuleSet) -> tuple[list[str], int]:
    """(failure lines, number of examples run) over every rule and check of the set."""
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
    check_failures, check_count = test_checks(ruleset)
    return failures + check_failures, count + check_count
