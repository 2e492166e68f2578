"""The source roster: each distinct source once, with its kind and the statements that rely on it."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter, OrderedDict

from audit.label.described import described_person, with_named
from audit.label.governs import closing_tag
from audit.label.names import PRONOUN_GENDER, People, first_names, gender_of, person_name, surname_of
from audit.label.sources import in_subordinate_clause
from audit.models import Attribution, Label, LabelledStatement, Source, SourceKind
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

_PEOPLE = (SourceKind.PERSON, SourceKind.UNNAMED, SourceKind.ORGANISATION)
_DETERMINER = code_pattern(r"^(?:the|a|an|this|that|its|his|her|their)\s+", re.I)
_POSSESSIVE = code_pattern(r"(?<=\w)[’']s?$")


@dataclasses.dataclass
class _Entry:
    id: str
    name: str
    kind: SourceKind
    description: str
    statements: list[int]
    reason: str | None = None
    relays: list[str] = dataclasses.field(default_factory=list)


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
    outlets, pattern = _outlets(ruleset)
    found = [outlets[m.group(1)] for m in pattern.finditer(phrase)]
    if not found:
        return phrase
    outlet = min(found)[1]  # the first in the longest-first order that matches anywhere in the phrase
    return re.sub(r"^the\s+", "The ", outlet) if outlet.lower().startswith("the ") else outlet


def _outlets(ruleset: RuleSet) -> tuple[dict[str, tuple[int, str]], re.Pattern[str]]:
    """The outlet lexicon longest first (each entry's place in that order), and one pattern that finds, at every
    place of a phrase, the first entry in that order that matches there: the entry the phrase names is the first
    in the order among all these (one search per phrase instead of one per outlet). Kept in the rule set's memo."""
    key = ("outlets",)
    found = ruleset.memo.get(key)
    if not isinstance(found, tuple):
        ordered = sorted(ruleset.lexicons.get("outlets", ()), key=len, reverse=True)
        places: dict[str, tuple[int, str]] = {}
        for i, outlet in enumerate(ordered):
            places.setdefault(outlet, (i, outlet))
        words = "|".join(re.escape(o) for o in places) or "(?!)"
        found = ruleset.memo[key] = (places, code_pattern(rf"(?<![\w-])(?=({words})(?![\w-]))"))
    return found


def _described(a: Attribution, ruleset: RuleSet, people: People) -> bool:
    """A person's source kept whole as its name: a description rule's, or one whose closing capitalised words name
    a place ("the senator from Vermont": no person is called Vermont)."""
    return a.kind_rule in ruleset.with_role("description") or \
        person_name(a.source_text, ruleset) in people.places


def _key_and_name(a: Attribution, ruleset: RuleSet, people: People) -> tuple[str, str]:
    if a.kind_rule in ruleset.with_role("writer"):  # "I said", "we reported": one entry, whoever signs the article
        return "\0writer", "the writer"
    if a.kind is SourceKind.PERSON:
        if _described(a, ruleset, people):
            return _DETERMINER.sub("", a.source_text).lower(), a.source_text
        name = _POSSESSIVE.sub("", person_name(a.source_text, ruleset)) or a.source_text  # "Sanders’" -> "Sanders"
        return surname_of(name), name  # "Ann Lee Jr." and "Lee": one person
    if a.kind is SourceKind.OUTLET:
        name = outlet_name(a.source_text, ruleset)
        reporter = _reporter(a.source_text, name, ruleset)
        return (reporter.split()[-1].lower(), reporter) if reporter else (_norm_outlet(name), name)
    if a.kind is SourceKind.ORGANISATION:
        name = _DETERMINER.sub("", a.source_text)
        return name.lower(), name[:1].upper() + name[1:] if a.source_text[:1].isupper() else a.source_text
    return a.source_text.lower(), a.source_text


def _reporter(phrase: str, outlet: str, ruleset: RuleSet) -> str | None:
    """The person an outlet's phrase names as its own ("NBC’s Ali Vitali", "the Post's senior politics editor Steven
    Ginsberg"): a reporter or an editor speaking, the outlet's label kept."""
    reporter = ruleset.patterns.get("OUTLET_REPORTER")
    m = reporter.match(phrase) if reporter is not None and outlet != phrase else None
    if m is None or _norm_outlet(m.group("outlet")) != _norm_outlet(outlet):
        return None
    name = person_name(m.group("name"), ruleset)
    return name if len(name.split()) >= 2 else None


def _norm_outlet(name: str) -> str:
    return re.sub(r"^the\s+", "", name.lower())


def governing(ls: LabelledStatement, subordinate: re.Pattern[str] | None = None,
              shares: frozenset[str] = frozenset()) -> Attribution | None:
    """The attribution behind a statement's label: the first one carrying that label, preferring one outside a
    subordinate clause (the rules file's SUBORDINATE_I: "While Sanders has pledged …, Devine suggested …"), and
    a poll over a share of its respondents (rules of the `share` role: "According to a survey, 51 percent said")."""
    carrying = [a for a in ls.attributions if a.label is ls.label]
    if subordinate is not None and len(carrying) > 1:
        main = [a for a in carrying if not in_subordinate_clause(a, ls.statement, subordinate)]
        carrying = main or carrying
    if len(carrying) > 1 and shares:
        carrying = [a for a in carrying if a.kind_rule not in shares] or carrying
    return carrying[0] if carrying else None


def _speaking(ls: LabelledStatement, gov: Attribution | None, ruleset: RuleSet) -> Attribution | None:
    """The attribution whose source the roster names for a statement: the governing one, but for one that names
    the setting of a speaker's words (`role: setting`, "In the order, Curiel said …"), the speaker after it, for an
    outlet a speaker told (`role: relay`, "X told the Daily Mail"), that speaker, and for
    one inside the words a closing tag gives to a speaker ("Polling shows that …,” said Jane Doe."), that speaker."""
    if gov is None:
        return gov
    if gov.rule_id in ruleset.with_role("setting"):
        return next((a for a in ls.attributions if a is not gov and a.kind in _PEOPLE and
                     a.cue.start >= gov.source_end), None) or _said_in(ls, gov) or gov
    if gov.rule_id in ruleset.with_role("relay"):  # "X told the Daily Mail": the label is the outlet's, the words X's
        people = [a for a in ls.attributions if a is not gov and a.kind in _PEOPLE]  # its cue's, else nearest before
        return next((a for a in people if a.cue.start == gov.cue.start), None) or max(
            (a for a in people if a.source_end <= gov.cue.start), key=lambda a: a.source_end, default=None) or (
            people[0] if people else gov)
    if gov.kind is SourceKind.DOCUMENT and (said := _said_in(ls, gov)) is not None:
        return said
    tag = ls.attributions[0]  # the governing attributions come first, a closing tag first of them (label.governs)
    if tag.label is not gov.label and tag.kind in _PEOPLE and tag.cue.start > gov.cue.end and not any(
            b is not tag and b.source_start < tag.source_end and tag.source_start < max(b.source_end, b.cue.end)
            for b in ls.attributions) and closing_tag(tag, ls.statement, ruleset.patterns.get("TAG_TAIL_I")):
        return tag  # not a phrase of another attribution's taken for a speaker ("…, according to <its FEC> reports")
    return _reporting(ls, gov) or gov


_SAID_IN = code_pattern(r"\s+(?:(?:on\s+)?[A-Z][a-z]+day\s+)?(?:in|on)\s+$")


def _said_in(ls: LabelledStatement, gov: Attribution) -> Attribution | None:
    """The speaker whose verb of saying the document follows as where the words were given ("Jo Lee said in a
    statement", "Judge Ann Ruiz wrote in her ruling"): the label is the document's, the words are the speaker's."""
    start, text = ls.statement.start, ls.statement.text
    return next((a for a in ls.attributions if a.kind in _PEOPLE and a.label is not gov.label and
                 a.source_end <= a.cue.start and a.cue.end <= gov.source_start and
                 _SAID_IN.fullmatch(text, a.cue.end - start, gov.source_start - start)), None)


def _reporting(ls: LabelledStatement, gov: Attribution) -> Attribution | None:
    """The speaker whose verb of saying opens the words that hold a governing document ("Geoff Garin, a pollster,
    said his focus groups and other research show …"): a few words apart, with no clause mark between them."""
    if gov.kind is not SourceKind.DOCUMENT or gov.cue.start < gov.source_end:
        return None
    text, start = ls.statement.text, ls.statement.start
    return next((b for b in ls.attributions if b.kind in _PEOPLE and b.label is not gov.label and
                 b.source_end <= b.cue.start and b.cue.end <= gov.source_start and
                 _WORDS_BETWEEN.fullmatch(text, b.cue.end - start, gov.source_start - start)), None)


_WORDS_BETWEEN = code_pattern(r"(?:\s+[\w’'-]+){0,12}\s+")  # no clause mark, no quotation

def build_roster(labelled: tuple[LabelledStatement, ...], text: str, ruleset: RuleSet,
                 reason_pattern: re.Pattern[str] | None) -> tuple[tuple[Source, ...], tuple[LabelledStatement, ...]]:
    """Group attributions into distinct sources; returns the roster and statements with their source_id."""
    entries: OrderedDict[str, _Entry] = OrderedDict()
    people = People.of(ruleset)
    ids: dict[int, str] = {}
    subordinate = ruleset.patterns.get("SUBORDINATE_I")
    reasons: dict[int, str | None] = {}  # statement -> the reason for anonymity it gives
    furniture = frozenset(ls.index for ls in labelled if ls.label is Label.NONE)
    for ls in labelled:
        gov = _speaking(ls, governing(ls, subordinate, ruleset.with_role("share")), ruleset)
        # page furniture ("See also: …", "More on this:") names no source, even when a rule found a cue in it
        for a in ls.attributions if ls.label is not Label.NONE else ():
            if a.kind_rule in ruleset.with_role("refers-back"):
                ref = a.referent  # the source the pronoun stands for (audit.label.referents), not in furniture
                if ref is None or ref.statement in furniture:
                    continue
                key = _entry_for(ref, ruleset, entries, people, PRONOUN_GENDER.get(a.source_text.lower()), text)
            else:
                key = _entry_for(a, ruleset, entries, people, text=text)
            entry = entries[key]
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
    _fullest(entries, text, ruleset, people)
    return _finish(entries, labelled, ids)


def _fullest(entries: OrderedDict[str, _Entry], text: str, ruleset: RuleSet, people: People) -> None:
    """A person the roster knows by surname only takes the first name the article gives that surname elsewhere
    ("Clinton" -> "Hillary Clinton"): one whose gender fits, not one another person of the family was named by,
    and by far the most frequent when there are several ("Donald Trump" over a daughter's "Ivanka Trump"); with no
    common first name, the one word the text reads as a first name before it, if there is one only."""
    index: dict[str, Counter[str]] | None = None
    rare: dict[str, Counter[str]] | None = None
    for key, entry in entries.items():
        if entry.kind is not SourceKind.PERSON or key not in people.firsts or people.firsts[key] or \
                not _ONE_NAME.fullmatch(entry.name):
            continue
        index = first_names(text, ruleset) if index is None else index
        surname, gender = entry.name, people.genders.get(key)
        if surname not in index:  # a first name no lexicon knows ("anchor Jorge Ramos"), when it is the only one
            rare = first_names(text, ruleset, common=False) if rare is None else rare
            if len(rare.get(surname, ())) == 1:
                entry.name = f"{next(iter(rare[surname]))} {surname}"
            continue
        taken = {f for k in people.families.get(surname_of(surname), ()) if k != key for f in people.firsts[k]}
        counts = [(n, f) for f, n in index.get(surname, Counter()).items() if f not in taken and
                  (gender is None or gender_of(f"{f} {surname}", ruleset) in (None, gender))]
        counts.sort(reverse=True)
        if counts and (len(counts) == 1 or counts[0][0] >= 2 * counts[1][0]):
            entry.name = f"{counts[0][1]} {surname}"


_ONE_NAME = code_pattern(r"[A-Z][\w’'-]+")


def _entry_for(a: Attribution, ruleset: RuleSet, entries: OrderedDict[str, _Entry], people: People,
               gender: str | None = None, text: str = "") -> str:
    """The roster key of an attribution's source, its entry made when new; one entry per person (audit.label.names.
    People: "Bill Clinton" and "Hillary Clinton" apart), with their fullest name."""
    key, name = _key_and_name(a, ruleset, people)
    reporter = a.kind is SourceKind.OUTLET and key != _norm_outlet(name)  # a person, by name
    if reporter or (a.kind is SourceKind.PERSON and not _described(a, ruleset, people)):
        key = people.key(name, gender or gender_of(a.source_text, ruleset)) or key
    elif a.kind is SourceKind.PERSON and text and (meant := described_person(a.source_text, a.source_start, text,
                                                                             ruleset, gender)) is not None:
        key, name = people.key(meant, gender or gender_of(a.source_text, ruleset)) or key, meant  # "the senator"
    if key not in entries:
        described = with_named(a, text)  # "Some economists, like Ann Lee"
        entries[key] = _Entry(f"S{len(entries) + 1}", name, a.kind, described, [])
    elif len(name) > len(entries[key].name) and a.kind is SourceKind.PERSON:
        entries[key].name = name
    return key


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
    sources = tuple(Source(e.id, e.name, e.kind, e.description, tuple(sorted(set(e.statements))),
                           tuple(sorted({para[i] for i in e.statements})), e.reason, tuple(e.relays))
                    for e in entries.values())
    return sources, tuple(out)
