"""Who speaks when a rule's source phrase is not the speaker's name: a description with the name in apposition
beside it ("Brian Fallon, a spokesman for the campaign, said", "…, said the bureau's director, James Comey."), or
an opening phrase that a subject shape took for the subject ("Moreover, Jane Doe, an economist, noted …",
"Alarmed by the unrest, Senator Harry Reid said …", "Once in office, Mr. Obama made …, announcing …").

Each look is bounded: a few hundred characters of the statement around the source, and (for an opening word that
might be a surname, "Hastily" or "Kelly") one search of the text near the statement.
"""
from __future__ import annotations

import dataclasses
import re
import sys
from typing import cast

from audit.label.asides import aside_pronoun, first_named, named_members
from audit.label.names import person_name
from audit.label.sources import classify_source
from audit.models import Attribution, SourceKind, Statement
from audit.rules import cache
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern of this module, its program kept in the start-up cache (audit.rules.cache): compiling them all
    would be a few per cent of a short run."""
    return cache.compile(pattern, flags, kept_in="label")


class _Rare:
    """A pattern built on its first use: most statements never reach the rarer shapes, and a run need not build
    them to start."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._built: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        built = self._built
        if built is None:
            built = self._built = _compile(self.pattern)
        return built

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._get().match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._get().search(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._get().fullmatch(text, pos, endpos)


_NAME = (r"(?:(?:former|then|the\s+late)\s+)?(?:[A-Z][\w’'.-]*\s+(?:(?:of|de|del|van|von|da|di|le|la)\s+)?){1,6}"
         r"[A-Z][\w’'-]*(?:\s+\([A-Z][\w.-]*\))?")
_NAME_1 = r"(?:[A-Z][\w’'.-]*\s+(?:(?:of|de|del|van|von|da|di|le|la)\s+)?){0,6}[A-Z][\w’'-]*"
# a name that opens its clause, then the description the rule took: "Brian Fallon, <a spokesman> …"
_NAME_BEFORE = _Rare(rf"(?:^|[,;:(—–―]\s*|[”\"’]\s+|\b(?:and|but|while)\s+)(?P<name>{_NAME}),\s+$")
# the description, then its name in apposition: "<the bureau's director>, James B. Comey." / "…, Jane Doe, said"
_NAME_AFTER = _Rare(rf"(?:\s+(?:on|at|in|of|for|from|with)\s+[^,“”\"\x01]{{1,40}})?,\s+(?P<name>{_NAME})"
                         r"(?:\s+(?:in|at|from)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})?"  # "… Church in Marion"
                         r"(?=\s*[,—–]|\s*[.!?]?[”\"’)]*\s*$)")
_MEMBERS = _Rare(rf"(?:^|[,;:(—–]\s*|\b(?:But|And|but|and|while)\s+|[”\"’]\s+)"
                      rf"(?P<names>(?!(?:But|And|Yet|So|Or)\s){_NAME_1}(?:,\s+{_NAME_1})*,?\s+and\s+)$")
# an apposition closed after the description, maybe after a short phrase of its ("Name, a spokesman for Ann Lee, said")
_CLOSED = code_pattern(r"(?:\s+(?:for|of|at|with|to|in|on|from)\s+[^,“”\"\x01—–―]{1,60}?)?\s*[,—–―]")
_MARKS = ("”", "\"", "’")
_REACH = 200  # characters before or after a source searched for its name
_PEOPLE = (SourceKind.PERSON, SourceKind.ORGANISATION)
_SPEAKERS = (SourceKind.PERSON, SourceKind.UNNAMED)
_BODIES = (SourceKind.OUTLET, SourceKind.ORGANISATION)

_PARTICIPLE = _compile(r"[A-Z][a-z]{2,}(?:ing|ed)$")
_ADVERB = _compile(r"[A-Z][a-z]{3,}ly$")
_LEAD_IN = _compile(r"[\s“\"‘'(]*(?:(?:And|But|Yet|So)\s+)?")
# a description's opening: an article, a possessive ("Her chief aide, Jo Lee, said", "Lee's sister, Ann Lee, said")
_DESCRIPTION = _compile(r"(?:a|an|the|one|another|his|her|their|its|our|my|your|[A-Z][\w.-]*[’'](?:s\b)?)\s", re.I)
_FIRST_LOWER = _Rare(r"\S+\s+[a-z]")
_ASIDE_TO_CUE = _Rare(r"\s*(?:,[^;:]{1,200},[”\"’']*\s*|\s)")
_OPENING_END = _Rare(r"[^,“”\"\x01―—–]{0,160}?(?:,|\s+[―—–])\s+")
# the subject after an opening phrase: a name, or a description up to its clause mark or its verb
_SUBJECT = _Rare(rf"(?P<name>{_NAME_1})(?=\s*,|\s+(?:[a-z]|\([^()]{{1,30}}\)))|(?P<pronoun>he|she|they)(?=\s)|"
                      r"(?P<np>(?:a|an|the|one)\s+[^,“”\"\x01]{1,80}?)"
                      r"(?=\s*,|\s+(?:has|have|had|is|are|was|were|will|would|could|also|then|later|\w+ed|says|said|"
                      r"argues|warns|tells|told)\b)")
# a source phrase that is a clause, not a noun phrase: a subject pronoun with its verb, or an auxiliary not in a
# relative clause ("it ruled last July", "many delegates were deemed ineligible"; not "people who were briefed")
_CLAUSE_WORD = _compile(r"\b(?:he|she|it|they|we)\s+(?!(?:and|or|but)\b)[a-z]|\s(?:was|were|is|are|has|have|had|will"
                          r"|would|could|did)\s")
_RELATIVE = _compile(r"\b(?:who|whom|whose|which|that)\b")
_CLAUSE_END = _Rare(r",\s+(?:(?:as|and|but|while|when|so)\s+)?")
# a passive's subject ("News of the move was first", "The plan was hotly") and the agent after its verb
_PASSIVE_SUBJECT = _compile(r"\s(?:was|were|is|are|been)(?:\s+(?:first|also|later|\w+ly))?$")
_AGENT = _Rare(r"\s+by\s+(?P<agent>[^,.;:!?“”\"\x01(—–]{1,90}?)"
                    r"(?=\s+(?:as|for|over|to|and|but|in|on|at|after|before|when|while|who|which|that)\s"
                    r"|\s*[,;:!?(—–“\"]|\.(?:\s|$)|\s*$)")
_PROPER_REACH = 5_000  # characters of the text around a statement searched for a word used as a name


def speaker_source(a: Attribution, st: Statement, ruleset: RuleSet, text: str,
                   accept: tuple[SourceKind, ...] = ()) -> Attribution:
    """The attribution with its source re-pointed at the speaker's name or the clause's subject, where the rule's
    source phrase is a description beside a name or an opening phrase; else the attribution as it is. `text`: the
    whole text the statement is part of; `accept`: the kinds of source the rule takes (none: any)."""
    found = None
    if " " not in a.source_text:  # one word ("Trump", "he"): an opening word, or "others" after names
        found = _past_opening(a, st, ruleset, text, False) if a.kind is SourceKind.PERSON else _members(a, st)
    elif a.kind in _SPEAKERS:
        agent, clause = _by_agent(a, st, ruleset), _is_clause(a.source_text)
        found = aside_pronoun(a, ruleset) or _members(a, st) or named_members(a, st, ruleset) or \
            _apposition(a, st, ruleset) or \
            (agent and (_apposition(agent, st, ruleset, True) or agent)) or _clause_tail(a, ruleset, clause) or \
            _past_opening(a, st, ruleset, text, clause) or _before_inverted(a, st, ruleset, clause)
    elif a.kind in _BODIES:
        found = _clause_tail(a, ruleset, _is_clause(a.source_text))  # "<CNN was quick to … after Ted Cruz> blamed"
    return found if found is not None and (not accept or found.kind in accept) else a


def _apposition(a: Attribution, st: Statement, ruleset: RuleSet, agent: bool = False) -> Attribution | None:
    """A name beside a description the rule took for the source; `agent`: the source is a passive's agent
    ("written by <a delegate>, Jane Doe")."""
    phrase = a.source_text
    if not _DESCRIPTION.match(phrase) or phrase.split(",")[0].rstrip().endswith("s"):  # one person, no group
        return None
    start, end = a.source_start - st.start, a.source_end - st.start
    comma = st.text[max(start - 8, 0):start].rstrip().endswith(",")  # "Name, <a description>"
    before = _NAME_BEFORE.search(st.text[max(start - _REACH, 0):start]) if comma else None
    if before is not None and _CLOSED.match(st.text, end) is None and not before.group().startswith(_MARKS):
        before = None  # "Name, <a description>, said", "”, Name, <the analyst> tweeted"; not "Last May, <a man> said"
    if before is not None:
        offset = max(start - _REACH, 0) + before.start("name")
        return _renamed(a, st, before.group("name"), offset, ruleset)
    after = _NAME_AFTER.match(st.text, end)
    if after is None or not (agent or end <= a.cue.start - st.start or _titled(phrase, ruleset) or
                             first_named(phrase, after.group("name"), ruleset)):
        return None  # "<a spokeswoman>, Jane Doe, said", "said <the director>, Jane Doe."
    return _renamed(a, st, after.group("name"), after.start("name"), ruleset)


def _members(a: Attribution, st: Statement) -> Attribution | None:
    """A group the rule took without the named members listed before it ("<Ann Lee, Bo Diaz and> other bundlers
    said"): the group with its names, its kind and label kept."""
    if a.kind is not SourceKind.UNNAMED or not a.source_text.startswith(("other ", "others")):
        return None
    start = a.source_start - st.start
    m = _MEMBERS.search(st.text, max(start - _REACH, 0), start)
    if m is None:
        return None
    begin = st.start + m.start("names")
    return dataclasses.replace(a, source_text=st.text[m.start("names"):a.source_end - st.start], source_start=begin)


def _is_clause(phrase: str) -> bool:
    """A source phrase that is a clause, not a noun phrase: a subject pronoun with its verb, or an auxiliary not in a
    relative clause ("it ruled last July", "many delegates were deemed ineligible"; not "people who were briefed")."""
    m = _CLAUSE_WORD.search(phrase)
    return m is not None and _RELATIVE.search(phrase, 0, m.start() + 1) is None


def _openers(ruleset: RuleSet) -> tuple[frozenset[str], frozenset[str]]:
    """Opening words that begin no subject (the rules file's lexicons): the subordinators, and those with the
    prepositions and linking adverbs (opening_words). A subject's determiners ("His wife said") and question words
    are not among them."""
    found = ruleset.memo.get(_openers)
    if found is None:
        subordinators = frozenset(ruleset.lexicons.get("subordinators", ()))
        found = ruleset.memo[_openers] = (subordinators,
                                          subordinators | frozenset(ruleset.lexicons.get("opening_words", ())))
    return cast("tuple[frozenset[str], frozenset[str]]", found)


def _titled(phrase: str, ruleset: RuleSet) -> bool:
    """A description whose last words are a title ("the company's chief executive", "the other candidate")."""
    low = phrase.lower()
    return any(low.endswith(" " + t.lower()) for t in ruleset.lexicons.get("person_titles", ()))


def _renamed(a: Attribution, st: Statement, name: str, offset: int, ruleset: RuleSet,
             words: int = 2) -> Attribution | None:
    """The attribution with `name` (at `offset` in the statement) as its source, when it names a person or a body
    (with at least `words` words)."""
    if len(person_name(name, ruleset).split()) < words or person_name(name, ruleset) in ruleset.lexicons.get(
            "place_names", ()) or name.split()[0] in _openers(ruleset)[1]:
        return None
    verdict = classify_source(name, ruleset)
    short = person_name(name, ruleset)  # "David Woodard of Clemson University": the person, not the university
    if verdict is not None and verdict.kind is SourceKind.ORGANISATION and short != name and name.startswith(short):
        person = classify_source(short, ruleset)
        name, verdict = (short, person) if person is not None and person.kind is SourceKind.PERSON else (name, verdict)
    if verdict is None or verdict.kind not in _PEOPLE or verdict.rule_id in ruleset.with_role("description"):
        return None
    start = st.start + offset
    return dataclasses.replace(a, source_text=name, source_start=start, source_end=start + len(name),
                               kind=verdict.kind, label=verdict.label, kind_rule=verdict.rule_id)


def _by_agent(a: Attribution, st: Statement, ruleset: RuleSet) -> Attribution | None:
    """A passive the rule took for a subject and its verb ("<News of the move was first> reported by the Herald"):
    the agent after "by" speaks."""
    if not _PASSIVE_SUBJECT.search(a.source_text):
        return None
    agent = _AGENT.match(st.text, a.cue.end - st.start)
    if agent is None:
        return None
    verdict = classify_source(agent.group("agent"), ruleset)
    if verdict is None or verdict.rule_id in ruleset.with_role("refers-back"):
        return None
    begin = st.start + agent.start("agent")
    return dataclasses.replace(a, source_text=agent.group("agent"), source_start=begin,
                               source_end=begin + len(agent.group("agent")), kind=verdict.kind, label=verdict.label,
                               kind_rule=verdict.rule_id)


def _clause_tail(a: Attribution, ruleset: RuleSet, clause: bool) -> Attribution | None:
    """A person's source phrase that runs over a clause boundary to the name before the cue ("<CNN was quick to push
    back after Ted Cruz> blamed", "<Ryan did not exude confidence when Tapper> asked"): the last clause's subject
    (the rules file's SOURCE_TAIL)."""
    tail = ruleset.patterns.get("SOURCE_TAIL")
    if tail is None or a.kind is SourceKind.UNNAMED or not clause:
        return None
    m = tail.match(a.source_text)
    if m is None or m.end() >= len(a.source_text):
        return None
    phrase = a.source_text[m.end():]
    verdict = classify_source(phrase, ruleset)
    if verdict is None:
        return None
    begin = a.source_start + m.end()
    return dataclasses.replace(a, source_text=phrase, source_start=begin, source_end=begin + len(phrase),
                               kind=verdict.kind, label=verdict.label, kind_rule=verdict.rule_id)


def _before_inverted(a: Attribution, st: Statement, ruleset: RuleSet, clause: bool) -> Attribution | None:
    """A clause after a verb of saying that an inverted shape ("…,” said Jane Doe") took for the speaker ("Mr. Ortega,
    citing …, said <the plan could fail in May>"): the statement's subject before the verb speaks."""
    if a.source_start < a.cue.end or not clause:
        return None
    lead = _LEAD_IN.match(st.text)
    subject = _SUBJECT.match(st.text, lead.end() if lead else 0)
    if subject is None or not subject.group("name") or subject.group("name").isupper() or \
            not _ASIDE_TO_CUE.fullmatch(st.text, subject.end(), a.cue.start - st.start):
        return None  # the subject, an aside set off by commas, the verb; not a dateline ("WASHINGTON (AP) — …")
    return _renamed(a, st, subject.group("name"), subject.start("name"), ruleset, 1)


def _past_opening(a: Attribution, st: Statement, ruleset: RuleSet, text: str, clause: bool) -> Attribution | None:
    """The subject after an opening phrase the rule took for it ("Moreover", "Of Carson", "Alarmed by …"), or after
    a clause it took ("Shortly after <it ruled in May>, Senator Ida Brandt, a Republican, proposed …")."""
    start = a.source_start - st.start
    word = a.source_text.split()[0] if a.source_text.strip() else ""
    if a.kind is SourceKind.PERSON and _LEAD_IN.fullmatch(st.text, 0, start) and \
            _opening_word(word, a, st, ruleset, text):
        m = _OPENING_END.match(st.text, start + len(word))
    elif clause:
        m = _CLAUSE_END.match(st.text, a.source_end - st.start)
        word = ""
    else:
        return None
    if m is None:
        return None
    cue_inside = a.cue.start - st.start < m.end()
    if cue_inside and (word in _openers(ruleset)[0] or not _PARTICIPLE.match(word)):
        return None  # "After Scalia said …, Trump said": the first "said" is Scalia's
    subject = _SUBJECT.match(st.text, m.end())
    if subject is None or (not cue_inside and subject.end() > a.cue.start - st.start):
        return None
    phrase = subject.group("name") or subject.group("pronoun") or subject.group("np")
    if phrase.split()[0] in _openers(ruleset)[1]:
        return None
    verdict = classify_source(phrase, ruleset)
    if verdict is None or verdict.rule_id in ruleset.with_role("description"):
        return None
    begin = st.start + subject.start()
    return dataclasses.replace(a, source_text=phrase, source_start=begin, source_end=begin + len(phrase),
                               kind=verdict.kind, label=verdict.label, kind_rule=verdict.rule_id)


def _opening_word(word: str, a: Attribution, st: Statement, ruleset: RuleSet, text: str) -> bool:
    """Whether a source's first word opens a phrase rather than a subject: a subordinator, a preposition or a linking
    adverb, or a participle or an adverb the text never writes as a name ("Having", "Hastily"; not "Kelly")."""
    if word in _openers(ruleset)[1]:
        return True
    if not (_PARTICIPLE.match(word) or _ADVERB.match(word)):
        return False
    if " " in a.source_text and not _FIRST_LOWER.match(a.source_text):
        return False  # "Sterling Hayes": a capitalised word after it, a name
    lex = ruleset.lexicons
    if word in lex.get("male_names", ()) or word in lex.get("female_names", ()) or word in lex.get("unisex_names", ()):
        return False
    low, high = max(st.start - _PROPER_REACH, 0), st.end + _PROPER_REACH
    return re.compile(rf"\b[a-z][\w’'-]*[,;]?\s+{re.escape(word)}\b").search(text, low, high) is None
