"""Candidates for what a pronoun stands for (audit.label.referents): the referent value, and the subject a
statement opens with ("Mr. Obama was angry.", "In Texas, Donald Trump answered", "Officials met on Friday.").

Every search here is bounded: a subject is read from a statement's first characters only, and whether a one-word
name is given with a first name or a title anywhere in the article is one look-up in an index made once per
document (audit.label.names.given_index), so resolving stays linear in the length of the text.
"""
from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable

from audit.label.mentions import unquoted
from audit.label.names import (
    LEADS,
    Given,
    People,
    gender_cue,
    given_index,
    given_with,
    person_name,
    proper_in,
    surname_of,
)
from audit.label.sources import classify_source, singular
from audit.models import Attribution, Label, SourceKind, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

# (a party and a state may follow the name: "Rep. Ann Lee (D-Ore.) also spoke")
_NAME_RUN = r"((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*)(?:\s*\([RDI]-[\w. ]{1,20}\))?"
_OPENING = code_pattern(rf"^[“\"‘']?(?:[^,“”\"]{{1,40}},\s+)?{_NAME_RUN}(?:\s+[a-z]|,)")
# the same with no opening phrase: a name its verb follows is the subject, though a comma and a capital come after
# ("Andrew Hale took his daughter, Chloe, there": Hale, not Chloe)
_OPENING_BARE = code_pattern(rf"^[“\"‘']?{_NAME_RUN}(?=\s+[a-z])")
# the word after a subject: a verb, an auxiliary or an adverb ("Officials met", "Democrats also focused")
_VERBISH = code_pattern(r"\s+(?:\w+(?:ed|ly)|says|tells|wants|thinks|argues|believes|plans|claims|insists|warns|"
                      r"is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|"
                      r"did|do|does|also|still|met|made|took|gave|told|said|say|sent|went|came|got|began|spoke|wrote|"
                      r"held|kept|left|put|saw|felt|thought|knew|found|became|ran|won|lost|urge|want|see)\b")
# an apposition or a relative clause between commas, the subject's verb after it ("The Liberty Fund, which Ann Lee
# founded, launched …", "The board, a panel of five, voted …")
_APPOSED = code_pattern(r",\s+(?:who|which|a|an|the)\s[^;:“”\"]{1,200}?,(?=" + _VERBISH.pattern + ")")
# a preposition that opens a phrase of place or time ("At Pine Hollow,", "In Marlow,"): what follows is no subject
_PLACE_LEAD = code_pattern(r"(?:At|In|On|From|Inside|Outside|Near|Across|Along|Around|Throughout)\s")
_QUOTES = frozenset("“\"‘'")
# what a statement opening with no person's name may have as its subject: a group, a body, a document ("The filing
# covers March. It showed …")
_SUBJECT_KINDS = (SourceKind.UNNAMED, SourceKind.ORGANISATION, SourceKind.DOCUMENT)
_TOKEN = code_pattern(r"\S+")
# a group shown by named members: "Critics of the plan, like Senators Ann Lee and Bo Diaz, …"
_MEMBERS = code_pattern(r"[^,;:]{1,80}(?P<group_end>),\s+(?:like|including|such\s+as|among\s+them)\s+"
                      r"(?P<members>(?:the\s+)?(?:[A-Z][\w’'.-]*\s+(?:(?:of|and|for)\s+)?){0,6}[A-Z][\w’'.-]*)")
_OPENING_REACH = 400  # characters of a statement its subject is read from (the patterns above reach less)
# a common first name (checked against the lexicons), maybe an initial, and a surname, not before another capital
# a title abbreviation and a surname ("when Mr. Lee was asked"): a person, as a first name and a surname are
_TITLED_NAME = code_pattern(r"(?<![\w’'.-])([A-Z][a-z]{1,4}\.)\s+[A-Z][a-z][\w’'-]*\b(?![’']s\b|\s+[A-Z])")
_FULL_NAME = code_pattern(r"(?<![\w’'.-])([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?(?!(?:Jr|Sr)\b)[A-Z][a-z][\w’'-]*\b"
                          r"(?:,?\s+(?:Jr|Sr)\.|\s+I{2,3}\b)?(?![’']s\b|\s+[A-Z])")  # "Ann Lee Jr.": not "Lee Jr"
# capitalised words, one to three lower-case words (a role), then a name of two or more capitalised words
_DESCRIBED_NAME = code_pattern(r"(?:[A-Z][\w’'.-]*\s+){0,4}(?P<words>(?:[a-z][\w-]*\s+){1,3})"
                             r"(?P<name>(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]*)(?=,|\s+[a-z])")
_FUNCTION = frozenset(("of", "the", "a", "an", "and", "or", "but", "in", "on", "at", "for", "to", "with", "from", "by",
                       "as", "who", "which", "that", "this", "his", "her", "their", "its", "is", "are", "was", "were",
                       "be", "been", "has", "have", "had", "not"))
_NAMED_REACH = 1000  # characters of a statement searched for names


@dataclasses.dataclass(frozen=True)
class Referent:
    """What a pronoun stands for: a source phrase as the text gives it, with the kind and label it implies."""

    phrase: str
    kind: SourceKind
    label: Label
    kind_rule: str
    key: str  # one person or body: a person's key (audit.label.names.People), else the phrase in lower case
    gender: str | None = None
    one: bool = True  # one person or one body, not a group ("residents", "Smith and Jones")
    statement: int = -1  # where it was found: the statement, and the phrase's start in the text
    start: int = -1
    origin: Attribution | None = None  # the attribution that named it, if one did
    sure: bool = False  # the gender is said (a title, "spokeswoman", a "he" taken back), not guessed from a name

    def standing_for(self, pronoun: Attribution) -> Attribution:
        """The pronoun's attribution as if it named this referent: its cue, this source."""
        if self.origin is not None:
            return self.origin
        return dataclasses.replace(pronoun, statement=self.statement, source_text=self.phrase, source_start=self.start,
                                   source_end=self.start + len(self.phrase), kind=self.kind, label=self.label,
                                   kind_rule=self.kind_rule, referent=None)


class Subjects:
    """The subjects statements open with, persons found through `people` and `persons` (the tracker's: a known
    person is the same referent); `know` is told of every new person."""

    def __init__(self, ruleset: RuleSet, statements: tuple[Statement, ...], people: People,
                 persons: dict[str, Referent], know: Callable[[Referent], None]) -> None:
        self.ruleset, self.statements, self.people, self.persons, self.know = ruleset, statements, people, persons, know

    @functools.cached_property
    def given(self) -> Given:
        return given_index("\n".join(st.text for st in self.statements), self.ruleset)

    @functools.cached_property
    def titles(self) -> frozenset[str]:
        return frozenset(self.ruleset.lexicons.get("title_abbreviations", ()))

    @functools.cached_property
    def proper(self) -> frozenset[str]:
        return proper_in(st.text for st in self.statements)

    def of(self, st: Statement, end: int | None = None, own: bool = False) -> Referent | None:
        """Who a statement opens with: a person ("Mr. Obama was angry.", "In Texas, Donald Trump answered …"; one
        word only when the article gives it with a first name or a title, "Washington was quiet" may be a place, or,
        in the pronoun's `own` statement, when it capitalises it within sentences too: "Keyworth was so fired up
        that he …"; never a place the rules file lists), else a group or a body ("Officials met on Friday.")."""
        text = st.text[:min(len(st.text) if end is None else end, _OPENING_REACH)]
        if text[:1] in _QUOTES:
            return None  # a quotation's first words are the speaker's, not the statement's subject
        m = _OPENING.match(text)
        bare = _OPENING_BARE.match(text) if m is not None and m.start(1) > 1 else None
        if bare is not None and _VERBISH.match(text, bare.end()):
            m = bare
        if m is not None and own and not _VERBISH.match(text, m.end(1)):
            own = False  # a word that is no clause's subject ("In Concord, he said")
        phrase = LEADS.sub("", m.group(1)) if m is not None else ""
        if m is not None and _PLACE_LEAD.match(m.group(1)) and text[m.end(1):m.end(1) + 1] == ",":
            phrase = ""  # an opening phrase of place or time, no subject: "At Pine Hollow, where …, Jo Lee said"
        person = self._titled(text, m.end(1) - len(phrase), st) if m is not None and phrase and not own else None
        if person is None and m is not None:
            person = self._person(phrase, st, st.start + m.end(1) - len(phrase), own)
        if person is None and m is not None and not own and phrase:
            person = self._described(text, m.end(1) - len(phrase), st)
        return person if person is not None else self._group(text, st)

    def _described(self, text: str, at: int, st: Statement) -> Referent | None:
        """A name after the role words that describe it ("Veteran columnist Delphine Marsh, who …", "Harbor
        Authority spokesman Tom Lee repeated …"): the words between are nouns, no verb, no function word."""
        d = _DESCRIBED_NAME.match(text, at)
        if d is None or LEADS.match(d.group()) or any(_VERBISH.match(" " + w) or w in _FUNCTION
                                                      for w in d.group("words").split()):
            return None  # "In downtown San Francisco, …": an opening phrase of place, no name
        return self._person(d.group(), st, st.start + at)

    def _titled(self, text: str, at: int, st: Statement) -> Referent | None:
        """A person named after capitalised words and a lower-case role ("Former Arizona governor Jan Brewer, …"):
        the person, not the opening capitals, when the name opens with a common first name or the role is one the
        lexicons list ("Obama consultant Cornell Belcher")."""
        d = _DESCRIBED_NAME.match(text, at)
        if d is None or (d.group("name").split()[0] not in self.people.given and
                         d.group("words").split()[-1].lower() not in self.role_words):
            return None  # "Obama consultant Cornell Belcher, …": the consultant, not Obama
        return self._described(text, at, st)

    @functools.cached_property
    def role_words(self) -> frozenset[str]:
        lex = self.ruleset.lexicons
        return frozenset(w.lower() for name in ("person_titles", "anonymous_roles", "anonymous_singular")
                         for w in lex.get(name, ()) if " " not in w)

    def named_in(self, st: Statement, end: int | None = None) -> list[Referent]:
        """The persons a statement names by a common first name and a surname ("when Michael Capellas, her
        counterpart, called"), outside quotations, in the order of the text (up to `end`), wherever they stand."""
        text = unquoted(st.text[:len(st.text) if end is None else end])
        found = []
        start = max(len(text) - _NAMED_REACH, 0)
        titled = self.titles
        names = (*_FULL_NAME.finditer(text, start), *_TITLED_NAME.finditer(text, start))
        for m in sorted(names, key=lambda m: m.start()):
            if (m.group(1) in self.people.given or m.group(1) in titled) and \
                    (ref := self._person(m.group(), st, st.start + m.start())):
                found.append(ref)
        return found

    def kin(self, word: str, gender: str, st: Statement) -> Referent | None:
        """A person of a known family whom the article gives a first name of `gender` elsewhere, when no known
        person of that surname has it ("Tom Ruiz" known, "Ana Ruiz" named once, then "Ruiz … she said"): the
        pronoun's last resort (audit.label.referents)."""
        if gender not in self.given.get(word, ()) or not self.people.families.get(surname_of(word)):
            return None
        verdict = classify_source(word, self.ruleset)
        if verdict is None or verdict.kind is not SourceKind.PERSON:
            return None
        return Referent(word, verdict.kind, verdict.label, verdict.rule_id, self.people.key(word, gender) or "",
                        gender, True, st.index, st.start)

    def _person(self, phrase: str, st: Statement, start: int, own: bool = False) -> Referent | None:
        rules = self.ruleset
        if not phrase or re.search(r"[’']s?$", phrase):  # "Trump's campaign": a possessive names a thing of theirs
            return None
        name, (gender, sure) = person_name(phrase, rules), gender_cue(phrase, rules)
        if name in self.people.places:
            return None
        known = self.people.key(name, gender, add=False)
        if known in self.persons:
            ref = self.persons[known]
            if gender is None and " " not in name and len(self.people.families.get(surname_of(name), ())) > 1:
                # a bare surname two of a family share ("Clinton" after "Bill Clinton" and "Hillary Clinton"): kept
                # bare, so the pronoun after it picks the one it fits (referents._Tracker.fitting)
                return dataclasses.replace(ref, phrase=phrase, statement=st.index, start=start)
            return ref
        verdict = classify_source(phrase, rules)
        if verdict is None or verdict.kind is not SourceKind.PERSON or verdict.rule_id in rules.with_role(
                "refers-back") or verdict.rule_id in rules.with_role("description"):
            return None
        given, given_gender = given_with(name, self.given) if len(name.split()) < 2 else (True, None)
        if not given and name == phrase and not (own and name in self.proper) and \
                not self._role_after(st.text, start - st.start + len(phrase)):
            return None  # one word that the article never gives with a first name or a title: a place as often
        gender = gender or given_gender
        key = self.people.key(name, gender) or ""
        ref = Referent(phrase, verdict.kind, verdict.label, verdict.rule_id, key, gender, True, st.index, start,
                       sure=sure)
        self.know(ref)
        return ref

    @functools.cached_property
    def _roles(self) -> re.Pattern[str]:
        lex = self.ruleset.lexicons
        words = sorted({w.lower() for name in ("person_titles", "anonymous_roles") for w in lex.get(name, ())},
                       key=len, reverse=True)
        return code_pattern(r",\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,4}?(?:" + "|".join(map(re.escape, words)) +
                          r")s?\b[^,]{0,80},")

    def _role_after(self, text: str, at: int) -> bool:
        """Whether an apposition that names a person's role follows a one-word name ("Walsh, a former labor leader,
        had …"): a person, though the article never gives a first name."""
        return bool(text[at:at + 2] == ", " and self._roles.match(text, at))

    def _group(self, text: str, st: Statement) -> Referent | None:
        """The longest opening of a statement (up to six words, up to the first clause mark, followed by a verb) that
        names a group, a body, a document or an unnamed person ("Officials met on Friday."); a group shown by named
        members is theirs ("Critics of the plan, like Senators Ann Lee and Bo Diaz, …")."""
        if LEADS.match(text):
            return None
        best = None
        for n, word in enumerate(itertools.islice(_TOKEN.finditer(text), 6)):
            end = word.end() - 1 if word.group()[-1] == "," and _APPOSED.match(text, word.end() - 1) else word.end()
            if (word.group()[-1] in ",;:" and end == word.end()) or n == 5:
                break
            if end == word.end() and not _VERBISH.match(text, word.end()):
                continue
            phrase = text[:end]
            verdict = classify_source(phrase, self.ruleset)
            if verdict is not None and verdict.kind in _SUBJECT_KINDS and \
                    verdict.rule_id not in self.ruleset.with_role("refers-back"):
                one = verdict.kind is SourceKind.ORGANISATION or singular(phrase)
                best = Referent(phrase, verdict.kind, verdict.label, verdict.rule_id, phrase.lower(), None, one,
                                st.index, st.start)
            if end != word.end():
                break  # the apposition is no part of the subject
        return self._members(text, st) or best

    def _members(self, text: str, st: Statement) -> Referent | None:
        """A group shown by named members ("Critics of the plan, like Senators Ann Lee and Bo Diaz, …"): theirs."""
        m = _MEMBERS.match(text)
        if m is None:
            return None
        group = classify_source(text[:m.start("group_end")], self.ruleset)
        members = m.group("members")
        verdict = classify_source(members, self.ruleset)
        if group is None or group.kind not in (SourceKind.UNNAMED, SourceKind.ORGANISATION) or verdict is None or \
                verdict.kind not in (SourceKind.PERSON, SourceKind.ORGANISATION) or verdict.rule_id in \
                self.ruleset.with_role("refers-back"):
            return None
        return Referent(members, verdict.kind, verdict.label, verdict.rule_id, members.lower(), None, False, st.index,
                        st.start + m.start("members"))


_WORDY = code_pattern(r"[A-Za-z][\w’'-]{3,}")


def headlines(statements: tuple[Statement, ...]) -> frozenset[int]:
    """The article's headline, when it has one: a first statement alone in its paragraph, with more paragraphs
    after it, in title case ("Texas Wins Water Fight") or with no closing mark."""
    if len(statements) < 2 or statements[1].paragraph == statements[0].paragraph:
        return frozenset()
    text = statements[0].text.rstrip()
    words = _WORDY.findall(text[:_OPENING_REACH])
    titled = len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    return frozenset((0,)) if titled or text[-1:] not in ".!?…”’\"')" else frozenset()
