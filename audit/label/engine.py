"""Apply the rule kinds to statements: attributions with their sources, then one label per statement."""
from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter

from audit.label.carry import NOT_CARRIED, attach_quotations, carry_over
from audit.label.quotes import MASK
from audit.label.sources import (
    SourceVerdict,
    _clean_source,
    _tail_source,
    classify_source,
    in_subordinate_clause,
    is_publisher,
    singular,
)
from audit.models import Attribution, Label, LabelledStatement, Match, Quotation, SourceKind, Statement
from audit.rules.anchors import exact_words
from audit.rules.ruleset import Rule, RuleSet
from audit.rules.scan import Words, candidates, join, matching


def find_attributions(st: Statement, masked: str, ruleset: RuleSet, publisher: str | None = None,
                      runs: dict[str, frozenset[int]] | None = None) -> list[Attribution]:
    """Every attribution the `attribution` rules find in one statement (quoted text is masked).

    `runs`: for each rule, the statements it may match (from `scan_document`); without it, each rule's gate
    is searched in this statement alone."""
    seg = masked[st.start:st.end]
    found: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    for rule in ruleset.of_kind("attribution"):
        if st.index not in runs[rule.id] if runs is not None else not rule.applies(seg):
            continue
        pos, retries = 0, 0
        while pos <= len(seg) and (m := rule.regex.search(seg, pos)) is not None:
            att = _attribution(rule, m, st, ruleset, publisher)
            pos = max(m.end(), m.start() + 1)
            if att is None:  # a dropped match ("A woman who has accused …") must not hide a later one
                if retries < _RETRIES:  # ("… said Sunday that …"): look again from its next character
                    retries, pos = retries + 1, m.start() + 1
                continue
            relay = rule.role == "relay"  # "X told the Daily Mail": both X and the outlet stand
            if not relay and not _take(taken, att.cue.start, att.cue.end):
                continue
            found.append(att)
    return found


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
                 publisher: str | None) -> Attribution | None:
    raw = m.group("source")
    if not raw or MASK in raw:
        return None
    phrase, shift = _clean_source(raw)
    not_source = ruleset.patterns.get("NOT_SOURCE")
    if not phrase or (not_source is not None and not_source.search(phrase)):
        return None
    verdict = classify_source(phrase, ruleset, publisher)
    if verdict is None:  # "…correctly when he says": the source is the clause's own subject
        phrase, shift, verdict = _tail_source(phrase, shift, ruleset, publisher)
    if verdict is None or (rule.accept and verdict.kind not in rule.accept):
        return None
    if rule.role == "relay" and is_publisher(phrase, publisher):
        return None
    s_start = st.start + m.start("source") + shift
    cue = Match(rule.id, st.start + m.start("cue"), st.start + m.end("cue"), m.group("cue"))
    label = rule.label or verdict.label
    shown = st.text[s_start - st.start:s_start - st.start + len(phrase)]  # as written, not as the rules read it
    return Attribution(rule.id, st.index, cue, shown, s_start, s_start + len(phrase), verdict.kind, label,
                       verdict.rule_id)


def statement_rules(st: Statement, ruleset: RuleSet, whole: bool = True,
                    runs: dict[str, frozenset[int]] | None = None, in_list: bool = False
                    ) -> list[tuple[Rule, re.Match[str]]]:
    """The statement rules that fire on a statement; `whole`: the statement is its paragraph's only one;
    `in_list`: it follows a list label ("Related:") or a line of the list under one (see `in_link_list`)."""
    return [(r, m) for r in ruleset.of_kind("statement")
            if _placed(r, st, whole, in_list) and (runs is None or st.index in runs[r.id])
            and (m := r.regex.search(st.text))]


def scan_document(statements: tuple[Statement, ...], masked: str, ruleset: RuleSet
                  ) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """Which statements each attribution rule and each statement rule may match, per document: a gated rule
    runs exactly where its gate matches, and every rule only where the words its pattern cannot match without
    are (audit.rules.anchors). A pattern with no such words is searched once over all statements at once where
    it allows it (audit.rules.scan), else statement by statement. A long document goes _CHUNK statements at a
    time, so that the sets of words of a 16 MB article are never all held at once."""
    attribution: dict[str, set[int]] = {r.id: set() for r in ruleset.of_kind("attribution")}
    statement: dict[str, set[int]] = {r.id: set() for r in ruleset.of_kind("statement")}
    for lo in range(0, len(statements), _CHUNK):
        for found, part in zip((attribution, statement), _scan_part(statements[lo:lo + _CHUNK], masked, ruleset)):
            for rule_id, hits in part.items():
                found[rule_id].update(lo + i for i in hits)
    return ({k: frozenset(v) for k, v in attribution.items()}, {k: frozenset(v) for k, v in statement.items()})


_CHUNK = 2000


def _scan_part(statements: tuple[Statement, ...], masked: str, ruleset: RuleSet
               ) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """scan_document on some of a document's statements, numbered from 0."""
    segments = [masked[st.start:st.end] for st in statements]
    words, joined = Words(segments), None
    attribution = {}
    for r in ruleset.of_kind("attribution"):
        may = words.may_match(r.regex)
        if r.requires is not None and (exact := exact_words(r.requires)) is not None:
            # the gate is its words: where a statement holds one of them (and the pattern may match)
            attribution[r.id] = frozenset(i for i in (range(len(segments)) if may is None else may)
                                          if not exact.isdisjoint(words.tokens[i]))
        elif r.requires is not None:
            gate = words.may_match(r.requires)
            scope = may if gate is None else gate if may is None else sorted(set(may) & set(gate))
            if scope is None:
                joined = joined or join(segments)
                attribution[r.id] = matching(r.requires, joined)
            else:
                attribution[r.id] = frozenset(i for i in scope if r.requires.search(segments[i]))
        elif may is not None:
            attribution[r.id] = frozenset(may)
        else:
            joined = joined or join(segments)
            attribution[r.id] = frozenset(candidates(r.regex, joined))
    texts = [st.text for st in statements]
    text_words, text_joined = Words(texts), None
    statement = {}
    for r in ruleset.of_kind("statement"):
        may = text_words.may_match(r.regex)
        if may is None:
            text_joined = text_joined or join(texts)
            may = candidates(r.regex, text_joined)
        statement[r.id] = frozenset(may)
    return attribution, statement


def _placed(rule: Rule, st: Statement, whole: bool, in_list: bool = False) -> bool:
    if not rule.where:  # most rules: no place asked, no table built
        return True
    return all({"whole-paragraph": whole, "not-first-paragraph": st.paragraph > 1,
                "first-paragraph": st.paragraph == 1, "in-link-list": in_list and whole}[cond] for cond in rule.where)


def in_link_list(whole: bool, fired: list[tuple[Rule, re.Match[str]]]) -> bool:
    """Whether the next statement may be a line of a list of links: this one is a paragraph of its own that a
    `role: list-label` rule took ("Related:", "More stories") or a rule placed `in-link-list` took, so a list of
    related headlines is furniture down to its first line of prose."""
    return whole and any(rule.role == "list-label" or "in-link-list" in rule.where for rule, _ in fired)


def choose(labels: list[Label], ruleset: RuleSet) -> Label:
    return min(labels, key=ruleset.precedence.index)


_GROUP_PRONOUNS = ("they", "it", "them")


def resolve_pronouns(attrs: list[list[Attribution]], statements: tuple[Statement, ...],
                     ruleset: RuleSet) -> list[list[Attribution]]:
    """A pronoun source takes the label of the source it refers back to.

    'he'/'she' refer to the last single person, named or not ("a senior official"); 'they'/'it' to the last
    person, organisation or group. When the statement before has no attribution, the subject it opens with
    counts too ("Officials met on Friday. They said…").
    """
    refers_back, relays = ruleset.with_role("refers-back"), ruleset.with_role("relay")
    last_person: Attribution | None = None
    last_any: Attribution | None = None
    out: list[list[Attribution]] = []
    for i, group in enumerate(attrs):
        resolved = []
        for a in group:
            if a.kind_rule in refers_back and a.rule_id not in relays:
                group_pronoun = a.source_text.lower() in _GROUP_PRONOUNS
                ref = _mentioned(statements, attrs, i, group_pronoun, ruleset) or \
                    (last_any if group_pronoun else last_person)
                if ref is not None and a.label is Label.NAMED:
                    a = dataclasses.replace(a, kind=ref.kind, label=ref.label)
            else:  # any source can be "it" or "they" ("Bloomberg reported … It said …")
                last_any = a
                if a.kind is SourceKind.PERSON or (a.kind is SourceKind.UNNAMED and singular(a.source_text)):
                    last_person = a
            resolved.append(a)
        out.append(resolved)
    return out


def _mentioned(statements: tuple[Statement, ...], attrs: list[list[Attribution]], i: int, group_pronoun: bool,
               ruleset: RuleSet) -> SourceVerdict | None:
    """The subject the previous statement opens with, when that statement has no attribution of its own."""
    if i == 0 or attrs[i - 1] or statements[i - 1].paragraph < statements[i].paragraph - 1:
        return None
    words: list[str] = []
    for word in statements[i - 1].text.split()[:6]:  # the opening words, up to the first clause mark
        words.append(word.rstrip(",;:"))
        if word[-1] in ",;:":
            break
    best = None
    for n in range(1, len(words) + 1):
        verdict = classify_source(" ".join(words[:n]), ruleset)
        if verdict is None or verdict.rule_id in ruleset.with_role("refers-back"):
            continue
        if group_pronoun and verdict.kind in (SourceKind.UNNAMED, SourceKind.ORGANISATION):
            best = verdict
        elif not group_pronoun and verdict.kind is SourceKind.PERSON:
            best = verdict
    return best


def label_statements(statements: tuple[Statement, ...], masked: str, spans: tuple[tuple[int, int], ...],
                     ruleset: RuleSet, publisher: str | None = None
                     ) -> tuple[tuple[LabelledStatement, ...], tuple[Quotation, ...]]:
    """One label per statement: its own attributions and statement rules, else its quotation's, else none."""
    runs, statement_runs = scan_document(statements, masked, ruleset)
    attrs = resolve_pronouns([find_attributions(st, masked, ruleset, publisher, runs) for st in statements],
                             statements, ruleset)
    own: list[tuple[Label | None, list[Match], list[str]]] = []
    per_paragraph = Counter(st.paragraph for st in statements)
    relays = ruleset.with_role("relay")
    in_list = False
    for st, group in zip(statements, attrs):
        labels = [a.label for a in main_attributions(group, st, ruleset)
                  if not _relay_deferred(a, group, publisher, relays)]
        matches = list(dict.fromkeys(m for a in group for m in (a.cue, Match(a.kind_rule, a.source_start,
                                                                             a.source_end, a.source_text))))
        rule_ids = [r for a in group for r in (a.rule_id, a.kind_rule)]
        whole = per_paragraph[st.paragraph] == 1
        fired = statement_rules(st, ruleset, whole, statement_runs, in_list)
        in_list = in_link_list(whole, fired)
        for rule, m in fired:
            if rule.label is not None:
                labels.append(rule.label)
            matches.append(Match(rule.id, st.start + m.start(), st.start + m.end(), m.group()))
            rule_ids.append(rule.id)
        own.append((choose(labels, ruleset) if labels else None, matches, list(dict.fromkeys(rule_ids))))
    quotations = attach_quotations(spans, statements, [o[0] not in NOT_CARRIED for o in own])
    carried = carry_over(statements, attrs, own, quotations, ruleset)
    out = []
    for st, group, (label, matches, rule_ids) in zip(statements, attrs, own):
        source = carried.get(st.index)
        carried_from = source if label is None and source is not None else None
        final = own[carried_from][0] if carried_from is not None else label
        final = final or Label.UNATTRIBUTED
        out.append(LabelledStatement(st, final, tuple(rule_ids), tuple(sorted(matches, key=lambda m: m.start)),
                                     None, carried_from, tuple(group), _confidence(final, group, carried_from)))
    return tuple(out), quotations


def main_attributions(group: list[Attribution], st: Statement, ruleset: RuleSet) -> list[Attribution]:
    """The attributions that govern a statement: those outside subordinate clauses, when they disagree.

    "Before city officials had weighed in, Rep. King said…" rests on King: an attribution whose clause opens
    with a subordinating word (the rules file's SUBORDINATE_I, matched on the statement up to the end of the
    source) gives way when another one has a different label.
    """
    subordinate = ruleset.patterns.get("SUBORDINATE_I")
    if subordinate is None or len({a.label for a in group}) < 2:
        return group
    main = [a for a in group if not in_subordinate_clause(a, st, subordinate)]
    return main or group


def _relay_deferred(a: Attribution, group: list[Attribution], publisher: str | None, relays: frozenset[str]) -> bool:
    """'X told <outlet>' with no --publisher: the outlet may be this article's own, so X's label governs.

    With --publisher set, an outlet that is not the publisher makes the statement secondhand.
    """
    return a.rule_id in relays and publisher is None and any(
        b is not a and b.kind in (SourceKind.PERSON, SourceKind.UNNAMED, SourceKind.ORGANISATION) for b in group)


def _confidence(label: Label, group: list[Attribution], carried_from: int | None) -> float:
    if carried_from is not None:
        return 0.7
    if not group:
        return 0.8 if label is Label.UNATTRIBUTED else 0.9
    kinds = {a.label for a in group}
    return 1.0 if len(kinds) == 1 else 0.6
