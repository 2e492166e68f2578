"""The source roster: each distinct source once, with its kind and the statements that rely on it."""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import OrderedDict

from audit.label.sources import classify_source, in_subordinate_clause, singular
from audit.models import Attribution, Label, LabelledStatement, Source, SourceKind
from audit.rules.ruleset import RuleSet

_CAPS = re.compile(r"(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*(?:\s+\([A-Z][\w.-]*\))?$")
_NAME_REACH = 300  # characters from the end of a phrase where its closing name may start (else O(n^2) search)
_PEOPLE = (SourceKind.PERSON, SourceKind.UNNAMED, SourceKind.ORGANISATION)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|its|his|her|their)\s+", re.I)


@dataclasses.dataclass
class _Entry:
    id: str
    name: str
    kind: SourceKind
    description: str
    statements: list[int]
    reason: str | None = None
    relays: list[str] = dataclasses.field(default_factory=list)


def person_name(phrase: str, ruleset: RuleSet) -> str:
    """'Representative Don Bacon' -> 'Don Bacon': the closing run of capitalised words, titles dropped."""
    m = _CAPS.search(phrase, max(len(phrase) - _NAME_REACH, 0))  # bounded: a long capitalised run is no name
    name = m.group() if m else phrase
    if m and phrase[:m.start()].endswith(" of ") and name.count(" ") >= 2:
        name = name.split(" ", 1)[1]  # "Secretary of State Tom Nides": "State" names the office, not the person
    titles = _title_words(ruleset.lexicons.get("person_titles", ()), ruleset.lexicons.get("title_abbreviations", ()))
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=8)
def _title_words(titles: tuple[str, ...], abbreviations: tuple[str, ...]) -> frozenset[str]:
    """Lower-case titles without their full stop, made once per rule set (person_name runs per attribution)."""
    return frozenset(t.lower().rstrip(".") for t in (*titles, *abbreviations))


def outlet_name(phrase: str, ruleset: RuleSet) -> str:
    """The outlet lexicon's longest entry the phrase names (its spelling), else the phrase; kept in the rule
    set's memo (a search per outlet: "Reuters" and "CNN" come back in article after article)."""
    key = ("outlet", phrase)
    found = ruleset.memo.get(key)
    if not isinstance(found, str):
        if len(ruleset.memo) > _MEMO_MAX:
            ruleset.memo.clear()
        ruleset.memo[key] = found = _outlet_name(phrase, ruleset)
    return found


_MEMO_MAX = 200_000


def _outlet_name(phrase: str, ruleset: RuleSet) -> str:
    outlets = sorted(ruleset.lexicons.get("outlets", ()), key=len, reverse=True)
    for outlet in outlets:
        if re.search(rf"(?<![\w-]){re.escape(outlet)}(?![\w-])", phrase):
            return re.sub(r"^the\s+", "The ", outlet) if outlet.lower().startswith("the ") else outlet
    return phrase


def _key_and_name(a: Attribution, ruleset: RuleSet) -> tuple[str, str]:
    if a.kind is SourceKind.PERSON:
        if a.kind_rule in ruleset.with_role("description"):
            return _DETERMINER.sub("", a.source_text).lower(), a.source_text
        name = person_name(a.source_text, ruleset)
        return name.split()[-1].lower(), name
    if a.kind is SourceKind.OUTLET:
        name = outlet_name(a.source_text, ruleset)
        return _norm_outlet(name), name
    if a.kind is SourceKind.ORGANISATION:
        name = _DETERMINER.sub("", a.source_text)
        return name.lower(), name[:1].upper() + name[1:] if a.source_text[:1].isupper() else a.source_text
    return a.source_text.lower(), a.source_text


def _norm_outlet(name: str) -> str:
    return re.sub(r"^the\s+", "", name.lower())


def governing(ls: LabelledStatement, subordinate: re.Pattern[str] | None = None) -> Attribution | None:
    """The attribution behind a statement's label: the first one carrying that label, preferring one outside a
    subordinate clause (the rules file's SUBORDINATE_I: "While Sanders has pledged …, Devine suggested …")."""
    carrying = [a for a in ls.attributions if a.label is ls.label]
    if subordinate is not None and len(carrying) > 1:
        main = [a for a in carrying if not in_subordinate_clause(a, ls.statement, subordinate)]
        carrying = main or carrying
    return carrying[0] if carrying else None


def build_roster(labelled: tuple[LabelledStatement, ...], text: str, ruleset: RuleSet,
                 reason_pattern: re.Pattern[str] | None) -> tuple[tuple[Source, ...], tuple[LabelledStatement, ...]]:
    """Group attributions into distinct sources; returns the roster and statements with their source_id."""
    entries: OrderedDict[str, _Entry] = OrderedDict()
    by_surname: dict[str, str] = {}
    last_person: str | None = None
    last_of_kind: dict[tuple[SourceKind, bool], str] = {}  # (kind, singular) -> the last such source's key
    ids: dict[int, str] = {}
    subordinate = ruleset.patterns.get("SUBORDINATE_I")
    reasons: dict[int, str | None] = {}  # statement -> the reason for anonymity it gives
    paragraph: list[str] = []  # the texts of the statements so far in the current paragraph
    for n, ls in enumerate(labelled):
        if n == 0 or labelled[n - 1].statement.paragraph != ls.statement.paragraph:
            paragraph = []
        gov = governing(ls, subordinate)
        # page furniture ("See also: …", "More on this:") names no source, even when a rule found a cue in it
        for a in ls.attributions if ls.label is not Label.NONE else ():
            if a.kind_rule in ruleset.with_role("refers-back") and a.kind is not SourceKind.PERSON:
                # the labeller took the pronoun back to an unnamed person or a body ("A senior official spoke.
                # He said …"): the source is the last of that kind, so that its name and its label agree
                key = last_of_kind.get((a.kind, a.source_text.lower() in _SINGULAR_PRONOUNS))
                if key is None:
                    continue
            elif a.kind_rule in ruleset.with_role("refers-back"):
                before = ls.statement.text[:max(a.source_start - ls.statement.start, 0)]
                texts = (*paragraph, before)
                key = _subject_entry(a.source_text, texts, ruleset, entries, by_surname) or \
                    _named_before(a.source_text, texts, by_surname, entries) or last_person
                if key is None:
                    continue
            else:
                key, name = _key_and_name(a, ruleset)
                key = by_surname.get(key, key)
                if key not in entries:
                    entries[key] = _Entry(f"S{len(entries) + 1}", name, a.kind, a.source_text, [])
                    if a.kind is SourceKind.PERSON:
                        by_surname.setdefault(name.split()[-1].lower(), key)
                elif len(name) > len(entries[key].name) and a.kind is SourceKind.PERSON:
                    entries[key].name = name
                _remember(last_of_kind, entries[key].kind, key, a.source_text)
            entry = entries[key]
            if a.kind is SourceKind.PERSON:
                last_person = key
            entry.statements.append(ls.index)  # every statement that relies on it, governing or not
            if a is gov:
                ids[ls.index] = entry.id
            if entry.kind is SourceKind.UNNAMED and entry.reason is None and reason_pattern is not None:
                if ls.index not in reasons:  # once per statement, not once per attribution in it
                    m = reason_pattern.search(ls.statement.text)
                    reasons[ls.index] = m.group().strip() if m else None
                entry.reason = reasons[ls.index]
            if a.kind is SourceKind.OUTLET and a.source_text != entry.name:
                _add_relay(entry, a, ruleset)
            if a.rule_id in ruleset.with_role("relay"):
                told = next((b for b in ls.attributions if b is not a and b.kind in _PEOPLE), None)
                if told is not None:
                    add_relay(entry, told.source_text)
        paragraph.append(ls.statement.text)
    return _finish(entries, labelled, ids)


def _remember(last: dict[tuple[SourceKind, bool], str], kind: SourceKind, key: str, phrase: str) -> None:
    """The last source of each kind, for a "they" or an "it" (any), and for a "he" or a "she" (one person or one
    body: "a senior official", not "residents")."""
    last[kind, False] = key
    if kind is not SourceKind.UNNAMED or singular(phrase):
        last[kind, True] = key


_SINGULAR_PRONOUNS = frozenset(("he", "she", "him", "her"))
_OPENING = re.compile(r"^[“\"‘']?(?:[^,“”\"]{1,40},\s+)?((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*)\s+[a-z]")


def _subject_entry(pronoun: str, texts: tuple[str, ...], ruleset: RuleSet, entries: OrderedDict[str, _Entry],
                   by_surname: dict[str, str]) -> str | None:
    """The roster key of the person that the paragraph's statements so far open with, the nearest first, for a
    'he' or 'she' ("Donald Trump has made several statements … 'Not yet,' he said" -> Trump, not the person
    quoted the paragraph before); added to the roster when new. A one-word subject counts only when the roster
    knows it as a person's surname ("Washington was quiet" may be a place)."""
    if pronoun.lower() not in _SINGULAR_PRONOUNS:
        return None
    for text in reversed(texts):
        m = _OPENING.match(text)
        if m is None:
            continue
        name = person_name(m.group(1), ruleset)
        key = by_surname.get(name.split()[-1].lower())
        if key is not None:
            if entries[key].kind is SourceKind.PERSON:
                return key
            continue
        verdict = classify_source(m.group(1), ruleset)
        if verdict is None or verdict.kind is not SourceKind.PERSON or verdict.rule_id in ruleset.with_role(
                "refers-back") or verdict.rule_id in ruleset.with_role("description"):
            continue
        if len(name.split()) < 2 and name == m.group(1):
            continue  # one word, no title, not in the roster: a place as often as a person
        key = name.split()[-1].lower()
        entries[key] = _Entry(f"S{len(entries) + 1}", name, SourceKind.PERSON, m.group(1), [])
        by_surname[key] = key
        return key
    return None


_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")


def _named_before(pronoun: str, texts: tuple[str, ...], by_surname: dict[str, str],
                  entries: OrderedDict[str, _Entry]) -> str | None:
    """The person a 'he' or 'she' refers to when no statement of the paragraph opens with one: the last one
    already in the roster whose surname the paragraph mentions before the pronoun ("The crowd cheered Calderon.
    'Fine,' he said" -> Calderon). None when the pronoun is not singular or no such name is there."""
    if pronoun.lower() not in _SINGULAR_PRONOUNS:
        return None
    for text in reversed(texts):
        for word in reversed(_CAPITALISED.findall(text)):
            key = by_surname.get(re.sub(r"[’']s$", "", word).lower())
            if key is not None and entries[key].kind is SourceKind.PERSON:
                return key
    return None


def _add_relay(entry: _Entry, a: Attribution, ruleset: RuleSet) -> None:
    """'A Bloomberg report on a leaked call' -> 'leaked call → Bloomberg'; an adviser 'to the WSJ' likewise."""
    leaks = "|".join(re.escape(w) for w in ruleset.lexicons.get("leak_words", ()))
    m = re.search(rf"\b(?:{leaks})\b[\w\s-]{{0,30}}", a.source_text, re.I) if leaks else None
    origin = m.group().strip() if m else None
    if origin is None:
        before = a.source_text.split(entry.name)[0] if entry.name in a.source_text else ""
        before = re.sub(r"\s+(?:to|of|for|with|from|by|in|on)?\s*(?:the|a|an)?\s*$", "", before).strip()
        origin = before if len(before.split()) >= 2 else None
    add_relay(entry, origin)


def add_relay(entry: _Entry, origin: str | None) -> None:
    chain = f"{origin} → {entry.name} → this article" if origin else None
    if chain and chain not in entry.relays:
        entry.relays.append(chain)


def _finish(entries: OrderedDict[str, _Entry], labelled: tuple[LabelledStatement, ...],
            ids: dict[int, str]) -> tuple[tuple[Source, ...], tuple[LabelledStatement, ...]]:
    out = []
    by_id = {e.id: e for e in entries.values()}
    for ls in labelled:
        sid = ids.get(ls.index)
        if sid is None and ls.carried_from is not None:
            sid = ids.get(ls.carried_from)
            if sid is not None:
                by_id[sid].statements.append(ls.index)
        if ls.label in (Label.UNATTRIBUTED, Label.NONE):
            sid = None
        out.append(ls if ls.source_id == sid else dataclasses.replace(ls, source_id=sid))  # replace() is slow
    para = {ls.index: ls.statement.paragraph for ls in labelled}
    sources = tuple(
        Source(e.id, e.name, e.kind, e.description, tuple(sorted(set(e.statements))),
               tuple(sorted({para[i] for i in e.statements})), e.reason, tuple(e.relays))
        for e in entries.values())
    return sources, tuple(out)
