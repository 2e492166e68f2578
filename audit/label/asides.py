"""Speakers set off by commas or dashes beside the phrase a rule took for the source (audit.label.speaker uses them):
a pronoun after the content's first words ("The goal, he said, is …"), a group's members named after it ("Two
objectors, Ann Lee and Bo Diaz, had …"), a person named after an indefinite role ("said another pollster, Jo Lee.")."""
from __future__ import annotations

import dataclasses
import re

from audit.label.sources import classify_source, singular
from audit.models import Attribution, SourceKind, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet


def aside_pronoun(a: Attribution, ruleset: RuleSet) -> Attribution | None:
    """A pronoun after a comma that the rule took with the words before it ("<The goal, he> said, is …"): the
    pronoun is the speaker, the words before it the start of the content."""
    m = _ASIDE_PRONOUN.search(a.source_text)
    verdict = classify_source(m.group(1), ruleset) if m is not None else None
    if m is None or verdict is None:
        return None
    start = a.source_start + m.start(1)
    return dataclasses.replace(a, source_text=m.group(1), source_start=start, source_end=start + len(m.group(1)),
                               kind=verdict.kind, label=verdict.label, kind_rule=verdict.rule_id)


_ASIDE_PRONOUN = code_pattern(r",\s+(he|she|they)$")



def named_members(a: Attribution, st: Statement, ruleset: RuleSet) -> Attribution | None:
    """A group the rule took, with its members named in apposition after it ("<Two neighbors>, Ana Ruiz and
    Tom Lee, had objected …", "<The three judges> -- Mr. Hale, Ms. Whitlock and Mr. Cole -- agreed"):
    the named persons (GUIDELINES.md: named by name)."""
    if a.kind is not SourceKind.UNNAMED or singular(a.source_text):
        return None
    m = _MEMBERS_AFTER.match(st.text, a.source_end - st.start)
    if m is None:
        return None
    names = m.group("names")
    verdict = classify_source(names, ruleset)
    if verdict is None or verdict.kind is not SourceKind.PERSON:
        return None
    start = st.start + m.start("names")
    return dataclasses.replace(a, source_text=names, source_start=start, source_end=start + len(names),
                               kind=verdict.kind, label=verdict.label, kind_rule=verdict.rule_id)


_PERSON = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+[A-Z][\w’'-]+|[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+)"
# named members in apposition after a group: ", Ann Lee and Bo Diaz," / " -- Mr. Hale, Ms. Whitlock and Mr. Cole --"
_MEMBERS_AFTER = code_pattern(rf"(?:,|\s+--|\s*[—–])\s+(?P<names>{_PERSON}(?:,\s+{_PERSON})*,?\s+and\s+{_PERSON})"
                       r"(?=\s*(?:,|--|[—–]))")



def first_named(phrase: str, name: str, ruleset: RuleSet) -> bool:
    """An indefinite description whose apposition is a person by a common first name ("said <another pollster>,
    David Woodard."): the apposition names the speaker the description introduces."""
    lex = ruleset.lexicons
    first = name.split()[0]
    return _INDEFINITE.match(phrase) is not None and len(name.split()) >= 2 and (
        first in lex.get("female_names", ()) or first in lex.get("male_names", ()) or
        first in lex.get("unisex_names", ()))


_INDEFINITE = code_pattern(r"(?:a|an|one|another)\s", re.I)
