"""Find the attributions of one statement: each `attribution` rule's cue and the source it names, with the source
classified (audit.label.sources) and read beside the text around it (a name set beside a description, a person
introduced as unnamed or named later)."""
from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from audit.label.described import introduced_unnamed, named_later
from audit.label.quotes import MASK, after_quotation, before_quotation
from audit.label.sources import (
    _clean_source,
    _tail_source,
    classify_source,
    is_publisher,
)
from audit.label.speaker import speaker_source
from audit.models import Attribution, Label, Match, SourceKind, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import Rule, RuleSet


def find_attributions(st: Statement, masked: str, ruleset: RuleSet, publisher: str | None = None,
                      rules: Sequence[Rule] | None = None) -> list[Attribution]:
    """Every attribution the `attribution` rules find in one statement (quoted text is masked).

    A cue belongs to the first rule that reads it, except that a rule with a label of its own (`judge-wrote`:
    document) takes a cue from a from-source rule that read the very same words: it is the narrower reading, and
    where it stands in the rules file does not matter.

    `rules`: the attribution rules that may match this statement, in the rule set's order (from `audit.label.runs`,
    see `by_statement`); without them, each rule's gate is searched in this statement alone."""
    seg = masked[st.start:st.end]
    found: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    general: dict[tuple[int, int], int] = {}  # a cue a from-source rule took: its index in `found`
    for rule in ruleset.of_kind("attribution") if rules is None else rules:
        if rules is None and not rule.applies(seg):
            continue
        if ("before-quotation" in rule.where and not before_quotation(masked, st.end)) or (
                "after-quotation" in rule.where and not after_quotation(masked, st.start)):
            continue
        pos, retries = 0, 0
        while pos <= len(seg) and (m := rule.regex.search(seg, pos)) is not None:
            att = _attribution(rule, m, st, ruleset, publisher, masked)
            pos = max(m.end(), m.start() + 1)
            if att is None:  # a dropped match ("A woman who has accused …") must not hide a later one
                if retries < _RETRIES:  # ("… said Sunday that …"): look again from its next character
                    retries, pos = retries + 1, m.start() + 1
                continue
            relay = rule.role == "relay"  # "X told the Daily Mail": both X and the outlet stand
            span = (att.cue.start, att.cue.end)
            if not relay and not _take(taken, *span):
                if rule.label is not None and span in general:  # the narrower reading of the same cue
                    found[general.pop(span)] = att
                continue
            if not relay and rule.label is None:
                general[span] = len(found)
            found.append(att)
    return found


_POSSESSORS = frozenset(("his", "her", "their"))
_RETRIES = 4  # matches of one rule in one statement whose source is no source, before the rule gives up


def _take(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Record a cue's span unless it overlaps one already taken; `taken` stays sorted and without overlaps, so
    only the neighbours need a look (not every cue so far: a sentence can hold a thousand)."""
    i = bisect.bisect_left(taken, (start, end))
    if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
        return False
    taken.insert(i, (start, end))
    return True


def _attribution(rule: Rule, m: re.Match[str], st: Statement, ruleset: RuleSet,
                 publisher: str | None, text: str = "") -> Attribution | None:
    raw = m.group("source")
    if not raw or MASK in raw:
        return None
    phrase, shift = _clean_source(raw)
    not_source = ruleset.patterns.get("NOT_SOURCE")
    if not phrase or (not_source is not None and not_source.search(phrase)
                      and not (rule.role == "possessor" and phrase.lower() in _POSSESSORS)):
        return None
    verdict = classify_source(phrase, ruleset, publisher)
    if verdict is None:  # "…correctly when he says": the source is the clause's own subject
        phrase, shift, verdict = _tail_source(phrase, shift, ruleset, publisher)
    if verdict is None or (rule.accept and verdict.kind not in rule.accept):
        return None
    if (verdict.rule_id in ruleset.with_role("writer")) != (rule.role == "writer"):
        return None  # the writer ("I", "we") is a source only where a `writer` rule tags a quotation with it
    if rule.role == "relay" and _own_outlet(phrase, publisher, ruleset):
        return None
    s_start = st.start + m.start("source") + shift
    cue = Match(rule.id, st.start + m.start("cue"), st.start + m.end("cue"), m.group("cue"))
    label = rule.label or verdict.label
    shown = st.text[s_start - st.start:s_start - st.start + len(phrase)]  # as written, not as the rules read it
    att = Attribution(rule.id, st.index, cue, shown, s_start, s_start + len(phrase), verdict.kind, label,
                      verdict.rule_id)
    spoken = speaker_source(att, st, ruleset, text, rule.accept)  # a name beside a description, a subject
    if spoken is att and label == Label.NAMED and verdict.rule_id in ruleset.with_role("description") and \
            not _APPOSED_NAME.match(st.text, s_start - st.start + len(phrase)) and \
            introduced_unnamed(phrase, s_start, text):  # "the teacher" after "one teacher, who asked not to be named"
        spoken = dataclasses.replace(att, kind=SourceKind.UNNAMED, label=Label.ANONYMOUS)
    elif spoken is att and label == Label.ANONYMOUS and named_later(phrase, s_start + len(phrase), text):
        spoken = dataclasses.replace(att, kind=SourceKind.PERSON, label=Label.NAMED)  # "…, said the nurse, Jo Doe,"
    return spoken if rule.label is None or spoken is att else dataclasses.replace(spoken, label=rule.label)


# a name set beside a description, between commas: "said the nurse, Maria Ortiz, who …" is named by it
_APPOSED_NAME = code_pattern(r",\s+(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+\s*(?:,|[.;]|$)")


def _own_outlet(phrase: str, publisher: str | None, ruleset: RuleSet) -> bool:
    """'X told <outlet>' where the outlet is the article's own: the --publisher, or with none given, an outlet in
    its house style (`HOUSE_OUTLET`: "told POLITICO"). Any other outlet makes the statement secondhand."""
    if publisher is not None:
        return is_publisher(phrase, publisher)
    house = ruleset.patterns.get("HOUSE_OUTLET")
    return house is not None and house.search(phrase) is not None
