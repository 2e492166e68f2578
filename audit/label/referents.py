"""Who a pronoun source stands for: the one resolver behind the labeller (which label a "he said" gets) and the
roster (which person the report names for it).

Candidates are the sources of attributions and the subjects statements open with, each with a kind (person,
unnamed person, organisation, group ...) and, for persons, a gender where the text gives one (audit.label.names, or
a "he" or "she" already taken back to them). A "he" or a "she" goes to the nearest fitting subject or source of its
paragraph, then to the nearest fitting person it names, then to the last fitting one before; "they" to a group, an
organisation or an unnamed source; "it" to an organisation, an outlet or a document.
"""
from __future__ import annotations

import dataclasses
import functools
import itertools
import re

from audit.label.names import LEADS, PRONOUN_GENDER, People, gender_of, given_with, person_name, proper_in, surname_of
from audit.label.sources import classify_source, singular
from audit.models import Attribution, Label, SourceKind, Statement
from audit.rules.ruleset import RuleSet

_GROUP = frozenset(("they", "them"))
_THING = frozenset(("it",))
_PERSONS = (SourceKind.PERSON, SourceKind.UNNAMED)
_BODIES = (SourceKind.ORGANISATION, SourceKind.OUTLET, SourceKind.DOCUMENT, SourceKind.LEAK)
_OPENING = re.compile(r"^[“\"‘']?(?:[^,“”\"]{1,40},\s+)?((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*)(?:\s+[a-z]|,)")
# the word after a subject: a verb, an auxiliary or an adverb ("Officials met", "Democrats also focused")
_VERBISH = re.compile(r"\s+(?:\w+(?:ed|ly)|says|tells|wants|thinks|argues|believes|plans|claims|insists|warns|"
                      r"is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|"
                      r"did|do|does|also|still|met|made|took|gave|told|said|say|sent|went|came|got|began|spoke|wrote|"
                      r"held|kept|left|put|saw|felt|thought|knew|found|became|ran|won|lost|urge|want|see)\b")
_QUOTES = frozenset("“\"‘'")
_TOKEN = re.compile(r"\S+")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
# a group shown by named members: "Critics of the plan, like Senators Ann Lee and Bo Diaz, …"
_MEMBERS = re.compile(r"[^,;:]{1,80}(?P<group_end>),\s+(?:like|including|such\s+as|among\s+them)\s+"
                      r"(?P<members>(?:the\s+)?(?:[A-Z][\w’'.-]*\s+(?:(?:of|and|for)\s+)?){0,6}[A-Z][\w’'.-]*)")


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

    def standing_for(self, pronoun: Attribution) -> Attribution:
        """The pronoun's attribution as if it named this referent: its cue, this source."""
        if self.origin is not None:
            return self.origin
        return dataclasses.replace(pronoun, statement=self.statement, source_text=self.phrase, source_start=self.start,
                                   source_end=self.start + len(self.phrase), kind=self.kind, label=self.label,
                                   kind_rule=self.kind_rule, referent=None)


def resolve_all(statements: tuple[Statement, ...], attrs: list[list[Attribution]],
                ruleset: RuleSet) -> list[list[Referent | None]]:
    """For every attribution of every statement, the referent of its pronoun source (None for other sources and
    for a pronoun with no fitting referent)."""
    refers_back = ruleset.with_role("refers-back")
    if not any(a.kind_rule in refers_back for group in attrs for a in group):
        return [[None] * len(group) for group in attrs]
    tracker = _Tracker(ruleset, statements)
    out: list[list[Referent | None]] = []
    for st, group in zip(statements, attrs):
        tracker.enter(st)
        resolved: list[Referent | None] = []
        for a in group:
            if a.kind_rule in refers_back:
                ref = tracker.resolve(a.source_text.lower(), st, max(a.source_start - st.start, 0))
                if ref is not None:
                    ref = tracker.learn(ref, a.source_text.lower())
                resolved.append(ref)
            else:
                resolved.append(None)
                tracker.mention(tracker.referent(a))
        out.append(resolved)
    return out


class _Tracker:
    """The candidates so far: the current paragraph's statements (texts, subjects, sources) and every mention before."""

    def __init__(self, ruleset: RuleSet, statements: tuple[Statement, ...]) -> None:
        self.ruleset = ruleset
        self.statements = statements
        self.paragraph = -1
        self.texts: list[Statement] = []  # the current paragraph's statements so far
        self.spoken: list[list[Referent]] = []  # the sources each of them names
        self.subjects: dict[int, Referent | None] = {}  # statement of the paragraph -> its subject (when asked)
        self.mentions: list[Referent] = []  # every source and referent so far, in order
        self.people = People.of(ruleset)
        self.persons: dict[str, Referent] = {}  # person key -> the fullest mention
        self.genders: dict[str, str] = {}  # key -> gender learned from a "he" or "she"
        self.previous: list[Statement] = []  # the previous paragraph's statements, when it is the one before

    def enter(self, st: Statement) -> None:
        if st.paragraph != self.paragraph:
            follows = st.paragraph == self.paragraph + 1
            self.previous = self.texts if follows else []
            self.paragraph, self.texts, self.spoken, self.subjects = st.paragraph, [], [], {}
        self.texts.append(st)
        self.spoken.append([])

    def referent(self, a: Attribution) -> Referent:
        """An attribution's source as a candidate for the pronouns after it."""
        rules = self.ruleset
        gender = gender_of(a.source_text, rules) if a.kind in _PERSONS else None
        if a.kind is SourceKind.PERSON and a.kind_rule not in rules.with_role("description") and \
                " and " not in a.source_text:
            key = self.people.key(person_name(a.source_text, rules), gender) or ""
            return Referent(a.source_text, a.kind, a.label, a.kind_rule, key, gender, True, a.statement,
                            a.source_start, a)
        one = a.kind in _BODIES or (singular(a.source_text) and " and " not in a.source_text)
        return Referent(a.source_text, a.kind, a.label, a.kind_rule, a.source_text.lower(), gender, one, a.statement,
                        a.source_start, a)

    def mention(self, ref: Referent) -> None:
        self.mentions.append(ref)
        self.spoken[-1].append(ref)
        if ref.kind is SourceKind.PERSON and ref.one:
            self._know(ref)

    def learn(self, ref: Referent, pronoun: str) -> Referent:
        """A pronoun taken back to a referent: its gender is known from now on, and it is the last mention; returns
        the referent with its gender."""
        gender = PRONOUN_GENDER.get(pronoun)
        if gender is not None and self._gender(ref) is None:
            self.genders[ref.key] = gender
            if ref.key in self.people.genders:
                self.people.genders[ref.key] = gender
        self.mentions.append(ref)
        self.spoken[-1].append(ref)
        gender = self._gender(ref)
        return ref if gender == ref.gender else dataclasses.replace(ref, gender=gender)

    def _know(self, ref: Referent) -> None:
        known = self.persons.get(ref.key)
        if known is None or len(ref.phrase) > len(known.phrase):
            self.persons[ref.key] = ref
        if ref.gender is not None:
            self.genders.setdefault(ref.key, ref.gender)

    def _gender(self, ref: Referent) -> str | None:
        return self.genders.get(ref.key) or ref.gender

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

    def fits(self, ref: Referent | None, pronoun: str) -> bool:
        if ref is None:
            return False
        if pronoun in _GROUP:
            return ref.kind in _BODIES[:2] or (ref.kind in _PERSONS and not ref.one)
        if pronoun in _THING:
            return ref.kind in _BODIES
        want = PRONOUN_GENDER.get(pronoun)
        if want is None or ref.kind not in _PERSONS or not ref.one:
            return False
        gender = self._gender(ref)
        return gender is None or gender == want

    def resolve(self, pronoun: str, st: Statement, at: int) -> Referent | None:
        """The referent of a pronoun at `at` in statement `st`: the subject its statement
        opens with; else, statement by statement back through the paragraph, a source it names, then its subject;
        else a known person the paragraph names; else the previous paragraph's closing subject; else the last
        fitting source."""
        before = st.text[:at]
        own = self.fitting(self._subject(st, at, own=True) if before.strip() else None, pronoun)
        if own is not None:
            return own
        for n in range(len(self.texts) - 2, -1, -1):
            for ref in (*reversed(self.spoken[n]), self._subject_at(n)):
                if (found := self.fitting(ref, pronoun)) is not None:
                    return found
        named = self._named(before, pronoun)
        if named is not None:
            return named
        if len(self.texts) == 1:  # the paragraph's first statement: the subjects of the one before, the nearest first
            subjects = (self._subject(prev) for prev in reversed(self.previous))
            ref = next((f for r in subjects if (f := self.fitting(r, pronoun)) is not None), None)
            if ref is not None:
                return ref
        return next((r for r in reversed(self.mentions) if self.fits(r, pronoun)), None)

    def _named(self, before: str, pronoun: str) -> Referent | None:
        """The nearest known person the paragraph names before the pronoun (a "he" or "she" only)."""
        if pronoun not in PRONOUN_GENDER:
            return None
        for text in (before, *(prev.text for prev in reversed(self.texts[:-1]))):
            for word in reversed(_CAPITALISED.findall(text)):
                word = re.sub(r"[’']s$", "", word)
                key = self.people.key(word, PRONOUN_GENDER[pronoun], add=False)
                ref = self.persons.get(key) if key is not None else None
                if (found := self.fitting(ref, pronoun)) is not None:
                    return found
        return None

    @functools.cached_property
    def text(self) -> str:
        return "\n".join(st.text for st in self.statements)

    @functools.cached_property
    def proper(self) -> frozenset[str]:
        return proper_in(st.text for st in self.statements)

    def _subject_at(self, n: int) -> Referent | None:
        if n not in self.subjects:
            self.subjects[n] = self._subject(self.texts[n])
        return self.subjects[n]

    def _subject(self, st: Statement, end: int | None = None, own: bool = False) -> Referent | None:
        """Who a statement opens with: a person ("Mr. Obama was angry.", "In Texas, Donald Trump answered …"; one
        word only when the article gives it with a first name or a title, "Washington was quiet" may be a place, or,
        in the pronoun's `own` statement, when it capitalises it within sentences too: "Keyworth was so fired up
        that he …"), else a group or a body
        ("Officials met on Friday.")."""
        text = st.text[:end]
        m = _OPENING.match(text)
        if m is not None and own and (text[:1] in _QUOTES or not _VERBISH.match(text, m.end(1))):
            own = False  # a capital in a quotation, or a word that is no clause's subject ("In Concord, he said")
        phrase = LEADS.sub("", m.group(1)) if m is not None else ""
        person = self._person(phrase, st, st.start + m.end(1) - len(phrase), own) if m is not None else None
        return person if person is not None else self._group(text, st)

    def _person(self, phrase: str, st: Statement, start: int, own: bool = False) -> Referent | None:
        rules = self.ruleset
        if not phrase or re.search(r"[’']s?$", phrase):  # "Trump's campaign": a possessive names a thing of theirs
            return None
        name, gender = person_name(phrase, rules), gender_of(phrase, rules)
        known = self.people.key(name, gender, add=False)
        if known in self.persons:
            return self.persons[known]
        verdict = classify_source(phrase, rules)
        if verdict is None or verdict.kind is not SourceKind.PERSON or verdict.rule_id in rules.with_role(
                "refers-back") or verdict.rule_id in rules.with_role("description"):
            return None
        given, given_gender = given_with(name, self.text, rules) if len(name.split()) < 2 else (True, None)
        if not given and name == phrase and not (own and name in self.proper):
            return None  # one word that the article never gives with a first name or a title: a place as often
        gender = gender or given_gender
        key = self.people.key(name, gender) or ""
        ref = Referent(phrase, verdict.kind, verdict.label, verdict.rule_id, key, gender, True, st.index, start)
        self._know(ref)
        return ref

    def _group(self, text: str, st: Statement) -> Referent | None:
        """The longest opening of a statement (up to six words, up to the first clause mark, followed by a verb) that
        names a group, a body or an unnamed person ("Officials met on Friday."); a group shown by named members
        is theirs ("Critics of the plan, like Senators Ann Lee and Bo Diaz, …")."""
        if LEADS.match(text):
            return None
        best = None
        for n, word in enumerate(itertools.islice(_TOKEN.finditer(text), 6)):
            if word.group()[-1] in ",;:" or n == 5:
                break
            if not _VERBISH.match(text, word.end()):
                continue
            phrase = text[:word.end()]
            verdict = classify_source(phrase, self.ruleset)
            if verdict is not None and verdict.kind in (SourceKind.UNNAMED, SourceKind.ORGANISATION) and \
                    verdict.rule_id not in self.ruleset.with_role("refers-back"):
                one = verdict.kind is SourceKind.ORGANISATION or singular(phrase)
                best = Referent(phrase, verdict.kind, verdict.label, verdict.rule_id, phrase.lower(), None, one,
                                st.index, st.start)
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
