"""Narration between a speaker and a quotation (audit.label.carry): whether one statement of the writer's own, after
a speaker's attributed statement or quotation and before a quotation that stands alone, keeps the chain (the
quotation goes on with that speaker's words) or breaks it (it names or describes someone else who may speak next, or
it is a heading, a caption or page furniture).
"""
from __future__ import annotations

import re

from audit.label.names import LEADS, PRONOUN_GENDER, gender_of
from audit.models import Attribution, Label, Quotation, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

_PERSON_LEXICONS = ("anonymous_singular", "anonymous_plural", "anonymous_roles", "person_titles", "named_groups",
                    "audience_nouns")


class Speakers:
    """Who speaks in each statement: the words of its sources when a person or a group speaks there ("" for none:
    no attribution, or a document's), their gender where the words give one, and the nouns that name people
    (rules.yaml's person lexicons: "mayor", "aide", "chairman"). Worked out only for the statements asked about:
    few quotations follow a statement of narration, and every document builds one of these."""

    def __init__(self, attrs: list[list[Attribution]], labels: list[Label | None], ruleset: RuleSet) -> None:
        self._attrs, self._labels, self._ruleset = attrs, labels, ruleset

    def name(self, i: int) -> str:
        """The source words of statement i, a pronoun's with what it stands for ("" when no person speaks)."""
        if self._labels[i] not in (Label.NAMED, Label.ANONYMOUS):
            return ""
        return " ".join(a.source_text + (" " + a.referent.source_text if a.referent else "") for a in self._attrs[i])

    def gender(self, i: int) -> str | None:
        words = self.name(i)
        return gender_of(words, self._ruleset) if words else None

    @property
    def person_nouns(self) -> frozenset[str]:
        memo = self._ruleset.memo
        nouns = memo.get(("narration", "person-nouns"))
        if not isinstance(nouns, frozenset):
            lexicons = self._ruleset.lexicons
            nouns = frozenset(w.lower() for lex in _PERSON_LEXICONS for w in lexicons.get(lex, ()) if " " not in w)
            memo[("narration", "person-nouns")] = nouns
        return nouns


def across_narration(first: int, statements: tuple[Statement, ...],
                     known: tuple[list[bool], frozenset[int], Speakers | None], before: list[Quotation]) -> int | None:
    """The speaker of a quotation that closes its paragraph, after one statement of narration that follows the
    speaker's attributed statement or quotation and names nobody else: '“It is over,” Woolson said. The towns are
    far away. “That is a tough area.”', or 'Lee told CNN his plan was “to act.” / What that means is unclear,
    since Lee gave no details. / “We have to be tougher.”' over paragraphs. Narration whose subject is another
    person (`someone_else`) or that names one (`plain_narration`), a question, a caption or page furniture between
    breaks the chain, and only a person or a group speaks on (not a document)."""
    (attributed, furniture, speakers), prev, tag = known, first - 1, first - 2
    if speakers is None or tag < 0 or attributed[prev] or prev in furniture \
            or statements[tag].paragraph < statements[first].paragraph - 2:
        return None
    last_q = before[-1] if before else None
    if last_q is not None and prev in last_q.statements and last_q.start <= statements[prev].start:
        return None  # no narration: it goes on with somebody's words
    speaker = tag if attributed[tag] else None
    if last_q is not None and last_q.attribution_statement is not None and \
            tag in (*last_q.statements, last_q.attribution_statement):
        speaker = last_q.attribution_statement
    if speaker is None or not speakers.name(speaker) or _CAPTION.search(statements[speaker].text) \
            or _CAPTION.search(statements[prev].text):
        return None  # a photo caption ("Jane Roe (left) …") names who is shown, not who speaks next
    if someone_else(statements[prev].text, speakers, speaker):
        return None
    return speaker if plain_narration(statements[prev].text, speakers.name(speaker)) else None


def someone_else(text: str, speakers: Speakers, speaker: int) -> bool:
    """Whether the narration's subject is a person the speaker is not: a person noun the speaker's words do not
    hold ("The mayor shook her head.", "Then a heckler shouted."), or "he" or "she" against the speaker's gender
    ("She rolled her eyes." after Tom Ward). "They", "it" and a name are left to `plain_narration`."""
    m = _SUBJECT.match(text)
    if m is None:
        return False
    if m.group("pronoun"):
        gender = PRONOUN_GENDER.get(m.group("pronoun").lower())
        return gender is not None and speakers.gender(speaker) not in (None, gender)
    heads = m.group("noun").lower().split()
    return any(h in speakers.person_nouns for h in heads) and not any(h in speakers.name(speaker).lower().split()
                                                                      for h in heads)


# The subject opening a statement: "He"/"She", or a determiner and up to three lower-case words ("The city's
# mayor", "A young aide").
_SUBJECT = code_pattern(r"(?:(?:And|But|So|Yet|Then|Now)\s+(?=[a-z]))?(?:(?P<pronoun>He|She)\b"
                      r"|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne)\s+"
                      r"(?P<noun>(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*)\b)")
# What may open narration without naming anyone ("The", "He", "Instead"): names.LEADS and these.
_OPENERS = code_pattern(r"(?:The|A|An|It|There|He|She|They|We|Some|Many|Most|All|No|Not|Here|Still|Instead|Only)\s")
_CAPTION = code_pattern(r"\((?:left|right|center|centre|top|bottom|above|below|pictured|inset|file)\)", re.I)
_RUN = code_pattern(r"(?<![\w’'.-])[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")  # a run of capitalised words
_POSSESSIVE = code_pattern(r"(?:[’']s?|\.)$")
# The last word of a place's name: a place is nobody who speaks next ("far from Sioux City", "at Jones Hall").
_PLACE = frozenset(("City", "County", "State", "Street", "Avenue", "Road", "River", "Valley", "Island", "Park",
                    "Square", "Hall", "Center", "Centre", "Mountains", "Lake", "Beach", "Bay", "Coast", "Airport"))


def plain_narration(text: str, speaker_text: str) -> bool:
    """A sentence of narration (four words or more, or a gesture: `_GESTURE`; no quotation or aside of its own at its
    start, no heading, question, caption or credit: it ends with a full stop) that names nobody who might speak next:
    its capitalised words are all in the speaker's words, but for places ("He did not say more.", "Lee spoke only in
    slogans.", "The towns are far from Sioux City."; not "Mayor Ana Ruiz was not so sure."), or its subject is the
    speaker by name ("Roe backs Tom Ward in the race."), or a pronoun or a noun phrase, which the caller has found
    to be nobody else (`someone_else`), whatever it names after ("It threw Ruiz for a loop.")."""
    body = text.rstrip().rstrip("”\"’'")
    if (len(text.split()) < 4 and not _GESTURE.match(text)) or text[:1] in "“\"‘'([<" or body[-1:] not in ".!" \
            or "http" in text:
        return False
    known = {w for run in _runs(speaker_text) for w in run[0]}
    at = lead.end() if (lead := _CONJUNCTION.match(text)) else 0
    subject = _runs(text[at:])[:1]
    if subject and subject[0][1] == 0 and subject[0][0] != ["I"] and all(w in known for w in subject[0][0]) \
            and _VERB_NEXT.match(text, at + subject[0][2]) and not _OPENERS.match(text, at) \
            and not LEADS.match(text[at:]):
        return True  # the speaker is its subject (not after "When …": the main clause may have another)
    if _SUBJECT.match(text, at) or _IT_SUBJECT.match(text, at):
        return True  # the names after such a subject are what it tells of ("The ad hasn't hurt Lee.")
    opener = LEADS.match(text) or _OPENERS.match(text)
    runs = _runs(text[opener.end():] if opener else text)
    return all(words[-1] in _PLACE or all(w in known for w in words) for words, _, _ in runs)


# "It" or "they" as a subject ("It threw …"; not a cleft that hands the turn to someone: "It was Ward who …").
_IT_SUBJECT = code_pattern(r"(?:[Ii]t|[Tt]hey)\s+(?!(?:was|is|were|are)\s+[A-Z])[a-z]")


def _runs(text: str) -> list[tuple[list[str], int, int]]:
    """The runs of capitalised words in a text: their words (without "'s"), start and end."""
    return [([_POSSESSIVE.sub("", w) for w in m.group().split()], m.start(), m.end()) for m in _RUN.finditer(text)]


# A short statement of what the speaker does between two quotations, its subject a pronoun or one name and a verb
# ("He shrugged.", "She paused a moment."): no heading (those have no lower-case verb after their first word).
_GESTURE = code_pattern(r"(?:He|She|They|[A-Z][\w’'-]+)\s+[a-z]+(?:\s+[a-z]+){0,2}[.!]\s*$")
_CONJUNCTION = code_pattern(r"(?:(?:And|But|So|Yet)\s+)?")  # what may come before the speaker as subject
_VERB_NEXT = code_pattern(r"\s+[a-z]")  # a lower-case word after the subject: its verb
