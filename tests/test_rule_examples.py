"""Every rule's examples run as tests: each `match` must fire (with its label and source), each `no_match` not."""
from __future__ import annotations

import pytest

from audit.rules.loader import load_rules
from audit.rules.ruleset import Rule
from audit.rules.ruletest import rule_fires, rule_silent

RULES = load_rules()  # read fresh from rules.yaml, not the per-process cache


@pytest.mark.parametrize("rule", RULES.rules, ids=[r.id for r in RULES.rules])
def test_rule_examples(rule: Rule) -> None:
    problems = [f"match {ex.text!r}: {p}" for ex in rule.match if (p := rule_fires(rule, ex, RULES))]
    problems += [f"no_match {ex.text!r}: {p}" for ex in rule.no_match if (p := rule_silent(rule, ex, RULES))]
    assert problems == []


def test_every_rule_has_a_match_example() -> None:
    assert [r.id for r in RULES.rules if not r.match] == []


def test_every_check_has_a_match_example() -> None:
    assert [c.id for c in RULES.checks if not c.match] == []


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in (*RULES.rules, *RULES.checks)]
    assert len(ids) == len(set(ids))


def test_a_wrong_example_is_caught() -> None:
    """rule_fires is not a rubber stamp: a sentence with no cue fails a rule's match."""
    rule = RULES.rule("subject-speech-verb")
    assert isinstance(rule, Rule)
    from audit.rules.ruleset import Example

    assert rule_fires(rule, Example("The talks ended on Friday."), RULES) is not None
    assert rule_silent(rule, Example("Officials said the talks ended."), RULES) == "matched"
