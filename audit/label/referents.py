"""Who a pronoun source stands for: the one resolver behind the labeller (which label a "he said" gets) and the
roster (which person the report names for it).

Candidates (audit.label.candidates) are the sources of attributions and the subjects statements open with, from
statements that are claims (not page furniture, not a headline), each with a kind (person, unnamed person,
organisation, group ...) and, for persons, a gender where the text gives one: said by a title or a word such as
"spokeswoman" or by a "he" or "she" already taken back to them, or guessed from a common first name (a guess does
not refuse the speaker just named when nothing else fits: "Maria Ortiz said …. “…,” he said."). A "he" or a
"she" goes to the nearest fitting subject or source of its paragraph, then to the nearest fitting person it names,
then to a person named nearby by a first name and a surname, then to the last fitting one before; "they" to a
group, an organisation or an unnamed source; "it" to an organisation, an outlet or a document. Look-back is
bounded (statements of a paragraph, earlier persons) and the last group and body are kept as they come, so the
cost is linear in the length of the text. (audit.label.mentions: what a statement names outside its quotes.)"""
from __future__ import annotations

import dataclasses
import itertools
import re

from audit.label.candidates import Referent, Subjects, headlines
from audit.label.mentions import first_same, named_after, unquoted
from audit.label.names import PRONOUN_GENDER, People, gender_cue, given_with, person_name, surname_of
from audit.label.sources import in_subordinate_clause, singular
from audit.models import Attribution, SourceKind, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

__all__ = ["Referent", "resolve_all"]

_GROUP = frozenset(("they", "them", "their"))
_THING = frozenset(("it",))
_PERSONS = (SourceKind.PERSON, SourceKind.UNNAMED)
_BODIES = (SourceKind.ORGANISATION, SourceKind.OUTLET, SourceKind.DOCUMENT, SourceKind.LEAK)
_CAPITALISED = code_pattern(r"\b[A-Z][\w’'-]+")
_NOT_SPACE = code_pattern(r"\S")
# a statement that opens with "he" or "she" as its subject, after a conjunction or an opening phrase at most: "But on
# Sunday he gave …", "In Ohio, she …"
_PRONOUN_SUBJECT = code_pattern(r"^(?:(?:And|But|Yet|So|Then|Still|Instead|Now|Later|Meanwhile)\s+)?"
                                r"(?:[^,“”\"]{1,40},\s+|(?:[Oo]n|[Ii]n|[Aa]t|[Bb]y)\s+\w+\s+)?([Hh]e|[Ss]he)\s+(?=[a-z])")
_OPEN_MARKS, _CLOSE_MARKS = frozenset("“\""), ("”", "\"")
_BACK = 12  # statements of a paragraph (and of the one before) a pronoun looks back through
_PERSONS_BACK = 50  # earlier persons the last resort looks back through
_NAMED_REACH = 1000  # characters of each statement searched for a known person's name


def resolve_all(statements: tuple[Statement, ...], attrs: list[list[Attribution]], ruleset: RuleSet,
                not_claims: frozenset[int] = frozenset()) -> list[list[Referent | None]]:
    """For every attribution of every statement, the referent of its pronoun source (None for other sources and
    for a pronoun with no fitting referent). `not_claims`: statements that are no claims (page furniture), whose
    sources and subjects are no candidates; nor is the headline's."""
    refers_back = ruleset.with_role("refers-back")
    if not any(a.kind_rule in refers_back for group in attrs for a in group):
        return [[None] * len(group) for group in attrs]
    tracker, sub = _Tracker(ruleset, statements), ruleset.patterns.get("SUBORDINATE_I")
    heads = headlines(statements)
    skip = not_claims | heads
    out: list[list[Referent | None]] = []
    for st, group in zip(statements, attrs):
        claim = st.index not in skip
        tracker.enter(st, claim)
        if claim:
            tracker.open_with_pronoun(st, group)
        resolved: list[Referent | None] = [None] * len(group)
        # in the order of the text, so a source named before a pronoun in the same statement is its candidate
        # ("Jo Lee called it “a betrayal.” “…,” he said.", whose rules find the "he said" first)
        for k in sorted(range(len(group)), key=lambda k: group[k].source_start):
            a = group[k]
            if a.kind_rule in refers_back:
                at = first_same(pronoun := a.source_text.lower(), st.text, max(a.source_start - st.start, 0))
                ref = tracker.resolve(pronoun, st, at) or tracker.resolve(pronoun, st, at, lenient=True)
                if ref is not None and claim:
                    ref = tracker.learn(ref, pronoun)
                resolved[k] = ref
            elif claim:
                tracker.mention(tracker.referent(a), sub is not None and in_subordinate_clause(a, st, sub))
            elif st.index in heads:  # a person the headline names is known by name, not a candidate
                tracker.know(tracker.referent(a))
        out.append(resolved)
    return out


class _Tracker:
    """The candidates so far: the current paragraph's statements (texts, subjects, sources), the persons known, the
    last persons, group and body mentioned."""

    def __init__(self, ruleset: RuleSet, statements: tuple[Statement, ...]) -> None:
        self.ruleset = ruleset
        self.paragraph = -1
        self.texts: list[Statement] = []  # the current paragraph's statements so far
        self.claims: list[bool] = []  # whether each of them is a claim
        self.spoken: list[list[Referent]] = []  # the sources each of them names
        self.subjects: dict[int, Referent | None] = {}  # statement of the paragraph -> its subject (when asked)
        self.singles: list[Referent] = []  # every single person mentioned so far, in order
        self.last: dict[str, Referent] = {}  # "they", "it" -> the last group, the last body mentioned
        self.people = People.of(ruleset)
        self.persons: dict[str, Referent] = {}  # person key -> the fullest mention
        self.genders: dict[str, tuple[str, bool]] = {}  # key -> gender, and whether it is said (not guessed)
        self.previous: list[tuple[Statement, bool]] = []  # the paragraph before's statements (if just before)
        self.found = Subjects(ruleset, statements, self.people, self.persons, self.know)
        self.far = False  # the last resolve fell back to the last fitting source (weak evidence)
        self.opened: dict[int, Referent] = {}  # statement -> who the "he" or "she" it opens with stands for

    def open_with_pronoun(self, st: Statement, group: list[Attribution]) -> None:
        """A statement whose subject is a "he" or a "she" that is no attribution's source ("She skirted the
        question."): the person it stands for is that statement's subject, for the pronouns after it ("Ann Lee
        spoke first.\n\nShe skirted the question. She said …"). One the last resort found is not kept."""
        m = _PRONOUN_SUBJECT.match(st.text)
        if m is None or any(a.source_start - st.start == m.start(1) for a in group):
            return
        pronoun = m.group(1).lower()
        ref = self.resolve(pronoun, st, m.start(1))
        if ref is not None and not self.far:
            self.opened[st.index] = ref

    def enter(self, st: Statement, claim: bool = True) -> None:
        if st.paragraph != self.paragraph:
            follows = st.paragraph == self.paragraph + 1
            self.previous = list(zip(self.texts[-_BACK:], self.claims[-_BACK:])) if follows else []
            self.paragraph, self.texts, self.claims, self.spoken, self.subjects = st.paragraph, [], [], [], {}
        self.texts.append(st)
        self.claims.append(claim)
        self.spoken.append([])

    def referent(self, a: Attribution) -> Referent:
        """An attribution's source as a candidate for the pronouns after it."""
        rules = self.ruleset
        gender, sure = gender_cue(a.source_text, rules) if a.kind in _PERSONS else (None, False)
        if a.kind is SourceKind.PERSON and a.kind_rule not in rules.with_role("description") and \
                " and " not in a.source_text:
            name = person_name(a.source_text, rules)
            if gender is None and " " not in name:  # "Cruz said": the gender the article's "Ted Cruz" guesses
                gender = given_with(name, self.found.given)[1]
            key = self.people.key(name, gender) or ""
            return Referent(a.source_text, a.kind, a.label, a.kind_rule, key, gender, True, a.statement,
                            a.source_start, a, sure)
        one = a.kind in _BODIES or (singular(a.source_text) and " and " not in a.source_text)
        return Referent(a.source_text, a.kind, a.label, a.kind_rule, a.source_text.lower(), gender, one, a.statement,
                        a.source_start, a, sure)

    def mention(self, ref: Referent, subordinate: bool = False) -> None:
        """A source named; one in a subordinate clause comes after the main clause's ("Lee noted that Diaz had …")."""
        self.spoken[-1].insert(0, ref) if subordinate else self.spoken[-1].append(ref)
        self._last(ref)
        self.know(ref)

    def _last(self, ref: Referent) -> None:
        if ref.kind in _PERSONS and ref.one:
            self.singles.append(ref)
        for pronoun in ("they", "it"):
            if self.fits(ref, pronoun) and not (pronoun == "they" and ref.kind is SourceKind.DOCUMENT):
                self.last[pronoun] = ref  # a study is a "they" only nearby (its authors), never the last resort

    def learn(self, ref: Referent, pronoun: str) -> Referent:
        """A pronoun taken back to a referent near it: its gender is said from now on (over one guessed from a first
        name), and it is the last mention. One the last resort found (`far`) teaches nothing: a wrong guess there
        would be taken for a fact nearby. Returns the referent with its gender."""
        gender, (now, sure) = PRONOUN_GENDER.get(pronoun), self._gender(ref)
        if self.far:
            return ref
        if gender is not None and not sure:
            self.genders[ref.key] = (gender, True)
            if ref.key in self.people.genders:
                self.people.genders[ref.key] = gender
        self.spoken[-1].append(ref)
        self._last(ref)
        now, sure = self._gender(ref)
        return ref if (now, sure) == (ref.gender, ref.sure) else dataclasses.replace(ref, gender=now, sure=sure)

    def know(self, ref: Referent) -> None:
        """A person by name (for "Mr. Lee, he said"): the fullest mention of each, and their gender."""
        if ref.kind is not SourceKind.PERSON or not ref.one:
            return
        known = self.persons.get(ref.key)
        if known is None or len(ref.phrase) > len(known.phrase):
            self.persons[ref.key] = ref
        if ref.gender is not None and (ref.key not in self.genders or (ref.sure and not self.genders[ref.key][1])):
            self.genders[ref.key] = (ref.gender, ref.sure)

    def _gender(self, ref: Referent) -> tuple[str | None, bool]:
        return self.genders.get(ref.key) or (ref.gender, ref.sure)

    def fitting(self, ref: Referent | None, pronoun: str) -> Referent | None:
        """The referent if the pronoun fits it; for a bare surname that does not fit, a person of that surname who
        does ("Clinton" after "Bill Clinton" and "Hillary Clinton", for a "she")."""
        if ref is None or self.fits(ref, pronoun):
            return ref
        if ref.kind is not SourceKind.PERSON or len(person_name(ref.phrase, self.ruleset).split()) > 1:
            return None
        family = self.people.families.get(surname_of(person_name(ref.phrase, self.ruleset)), [])
        return next((self.persons[k] for k in family if k in self.persons and self.fits(self.persons[k], pronoun)),
                    None)

    def fits(self, ref: Referent | None, pronoun: str, lenient: bool = False) -> bool:
        """Whether the pronoun may stand for the referent; `lenient`: a gender guessed from a first name does not
        stop it (the second try, when nothing fits otherwise, among the speakers just named)."""
        if ref is None:
            return False
        if pronoun in _GROUP:  # a document's "they" are its authors: "A new study came out. They found …"
            return ref.kind in _BODIES[:3] or (ref.kind in _PERSONS and not ref.one)
        if pronoun in _THING:
            return ref.kind in _BODIES
        want = PRONOUN_GENDER.get(pronoun)
        if want is None or ref.kind not in _PERSONS or not ref.one:
            return False
        gender, sure = self._gender(ref)
        return gender is None or gender == want or (lenient and not sure)

    def resolve(self, pronoun: str, st: Statement, at: int, lenient: bool = False) -> Referent | None:
        """The referent of a pronoun at `at` in statement `st`: the subject its statement opens with; else,
        statement by statement back through the paragraph, a source it names, then its subject; else a known person
        the paragraph names; else the previous paragraph's closing subject; else a known person the paragraph before
        names, or a person named by first name and surname anywhere in the paragraph (or the one before, for its
        first statement); else the last fitting source (`far`). A person the statement names after the pronoun is
        not its referent ("He has called Cole …").
        `lenient` (the second try): the speakers of the statement before, a guessed gender ignored."""
        self.far = False
        if lenient:  # a guessed gender gives way to the speaker just named only: "Ann Lee said …. “…,” he said."
            near = reversed(self.spoken[-2]) if len(self.spoken) > 1 else ()  # not its own's: "She …, Cruz said"
            return next((r for r in near if self.fits(r, pronoun, lenient)), None)
        own = self._subject(st, at, own=True) if _NOT_SPACE.search(st.text, 0, at) else None
        if (found := self.fitting(own, pronoun)) is not None:
            return found
        for n in range(len(self.texts) - 2, max(len(self.texts) - 2 - _BACK, -1), -1):
            for ref in (*reversed(self.spoken[n]), self._subject_at(n)):
                if (found := self.fitting(ref, pronoun)) is not None and not named_after(found, st, at):
                    return found  # not one the statement names after it: "He accused Lee of …" is not Lee
        named = self._named(st, at, pronoun)
        if named is not None:
            return named
        if self._opening():  # the paragraph's first statement: the subjects of the one before, the nearest first
            subjects = (self._subject(prev) for prev, claim in reversed(self.previous) if claim)
            ref = next((f for r in subjects if (f := self.fitting(r, pronoun)) is not None and
                        not named_after(f, st, at)), None)
            if ref is not None:
                return ref
        first = self._opening()
        if pronoun in PRONOUN_GENDER and (ref := (first and self._named(st, at, pronoun, previous=True)) or
                                          self._mentioned(st, at, pronoun)) is not None:
            return ref
        self.far = True
        if pronoun in _GROUP or pronoun in _THING:
            return self.last.get("they" if pronoun in _GROUP else "it")
        ref = next((r for r in itertools.islice(reversed(self.singles), _PERSONS_BACK) if self.fits(r, pronoun)), None)
        self.far = ref is not None or (ref := self._named(st, at, pronoun, previous=first, kin=True)) is None
        return ref  # a kin found by name is no weak evidence: "Ruiz … she" (Subjects.kin)

    def _opening(self) -> bool:
        """Whether the pronoun's statement opens its paragraph, or closes the quotation the paragraph opens with
        ("“Is this right?\nOr is it not?” he asked."): the paragraph before names the speaker."""
        if len(self.texts) == 1:
            return True
        first = self.texts[0].text
        return first[:1] in _OPEN_MARKS and not any(mark in st.text for st in self.texts[:-1] for mark in _CLOSE_MARKS)

    def _mentioned(self, st: Statement, at: int, pronoun: str) -> Referent | None:
        """The nearest person named by a first name and a surname anywhere in a clause (an object, a subordinate
        clause: "One obstacle went when Victor Hale called. In a buyout, he said, …") before the pronoun in its
        paragraph, or for a paragraph's first statement, in the paragraph before."""
        earlier = [prev for prev, claim in zip(reversed(self.texts[-_BACK - 1:-1]),
                                               reversed(self.claims[-_BACK - 1:-1])) if claim]
        if len(self.texts) == 1:
            earlier += [prev for prev, claim in reversed(self.previous) if claim]
        for where, end in ((st, at), *((prev, None) for prev in earlier)):
            for ref in reversed(self.found.named_in(where, end)):
                if (found := self.fitting(ref, pronoun)) is not None and not named_after(found, st, at):
                    return found
        return None

    def _named(self, st: Statement, at: int, pronoun: str, previous: bool = False,
               kin: bool = False) -> Referent | None:
        """The nearest known person the paragraph names before the pronoun (a "he" or "she" only); `previous`: for its
        first statement, the paragraph before's ("Then there's Axelrod."); `kin`: a known family's (Subjects.kin)."""
        if pronoun not in PRONOUN_GENDER:
            return None
        # names inside quotations are the speakers' words, not speakers ("“Tom Lee erred,” he said")
        before = unquoted(st.text[:at])[-_NAMED_REACH:]
        earlier = (unquoted(prev.text)[-_NAMED_REACH:] for prev, claim in
                   zip(reversed(self.texts[-_BACK - 1:-1]), reversed(self.claims[-_BACK - 1:-1])) if claim)
        if len(self.texts) == 1 and previous:  # the paragraph's first statement: the paragraph before too
            earlier = (unquoted(prev.text)[-_NAMED_REACH:] for prev, claim in reversed(self.previous) if claim)
        for text in (before, *earlier):
            for word in reversed(_CAPITALISED.findall(text)):
                word = re.sub(r"[’']s$", "", word)
                key = self.people.key(word, PRONOUN_GENDER[pronoun], add=False)
                ref = self.persons.get(key) if key is not None else \
                    self.found.kin(word, PRONOUN_GENDER[pronoun], st) if kin else None
                if (found := self.fitting(ref, pronoun)) is not None and not named_after(found, st, at):
                    return found
        return None

    def _subject_at(self, n: int) -> Referent | None:
        if n not in self.subjects:
            self.subjects[n] = self._subject(self.texts[n]) if self.claims[n] else None
        return self.subjects[n]

    def _subject(self, st: Statement, end: int | None = None, own: bool = False) -> Referent | None:
        return self.opened.get(st.index) or self.found.of(st, end, own)

