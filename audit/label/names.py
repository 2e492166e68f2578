"""Person names in source phrases: the name itself without titles, its surname as a key, and a gender where the
phrase or the article gives one (a title, a word such as "spokeswoman", a common first name)."""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

MALE, FEMALE = "m", "f"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE}
_CAPS = code_pattern(r"(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*(?:\s+\([A-Z][\w.-]*\))?$")
_PARTY = code_pattern(r"\([A-Z][\w.-]*\)")
_PLACE_TAIL = code_pattern(r",?\s+(?:of|from)\s+([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\W*$")
# a clause after the name, opened by a conjunction of time or manner and a lower-case word ("Jo Lee when asked
# about Bo Diaz", "Jo Lee as she left the hall")
_CLAUSE_AFTER = code_pattern(r"(?<=[A-Za-z.)])\s+(?:when|while|after|before|as|because|since|although|though|until|"
                             r"once)\s+(?=[a-z])")
_NAME_REACH = 300  # characters from the end of a phrase where its closing name may start (else O(n^2) search)
# capitalised words that open a clause or a noun phrase but name nobody ("When Trump spoke", "His wife said")
LEADS = code_pattern(r"^(?:(?:And|But|So|Or|Yet|As|When|While|Because|Since|Although|Though|If|After|Before|Until|Once|"
                    r"Unlike|Like|With|Without|For|From|In|On|At|By|To|Of|Despite|Even|Also|Then|Now|His|Her|Their|Its|"
                    r"Our|My|Your|This|That|These|Those|Early|Later|Inside|Outside|Moreover|However|Meanwhile|Does|Did|Do|Is|"
                    r"Are|Was|Were|Can|Could|Will|Would|Should|Has|Have|Had|How|Why|What|Who|Where)\s+)+")
_PROPER = code_pattern(r"\b[a-z][\w’'-]*[,;]?\s([A-Z][a-z-]+)\b(?![.’']|\s+[A-Z])")
_WORD = code_pattern(r"[\w’'.-]+")


_MEMO_MAX = 200_000  # entries in the rule set's memo before it starts afresh (as audit.label.sources does)


def _memo(ruleset: RuleSet, key: tuple[str, str], make: Callable[[], object]) -> object:
    memo = ruleset.memo
    if key not in memo:
        if len(memo) > _MEMO_MAX:
            memo.clear()
        memo[key] = make()
    return memo[key]


def person_name(phrase: str, ruleset: RuleSet) -> str:
    """'Representative Don Bacon' -> 'Don Bacon': the closing run of capitalised words, titles dropped (kept in the
    rule set's memo, as source verdicts are)."""
    return _memo(ruleset, ("person_name", phrase), lambda: _person_name(phrase, ruleset))  # type: ignore[return-value]


def _person_name(phrase: str, ruleset: RuleSet) -> str:
    clause = _CLAUSE_AFTER.search(phrase, 0, _NAME_REACH)
    if clause is not None and _CAPS.search(phrase, max(clause.start() - _NAME_REACH, 0), clause.start()):
        phrase = phrase[:clause.start()]  # "Ann Lee when asked about Bo Diaz": Ann Lee, not the one asked about
    tail = _PLACE_TAIL.search(phrase, max(len(phrase) - _NAME_REACH, 0))
    if tail is not None and tail.group(1) in ruleset.lexicons.get("place_names", ()) and \
            _CAPS.search(phrase, max(tail.start() - _NAME_REACH, 0), tail.start()):
        phrase = phrase[:tail.start()]  # "Sen. Ted Cruz of Texas": Ted Cruz, not Texas
    of_body = ruleset.patterns.get("NAME_OF_BODY")  # "Jane Doe of the Acme Institute": the person
    body = of_body.fullmatch(phrase) if of_body is not None and len(phrase) <= _NAME_REACH and (
        " of " in phrase or " at " in phrase or " from " in phrase) else None
    if body is not None and body.group("name").split()[-1].lower().rstrip(".") not in _titles(ruleset)[0]:
        phrase = body.group("name")  # "Darran Whitby of Liberty Baptist Church": the person, not the church
    m = _CAPS.search(phrase, max(len(phrase) - _NAME_REACH, 0))  # bounded: a long capitalised run is no name
    name = m.group() if m else phrase
    if m and phrase[:m.start()].endswith(" of ") and name.count(" ") >= 2:
        name = name.split(" ", 1)[1]  # "Secretary of State Tom Nides": "State" names the office, not the person
    titles, full = _titles(ruleset)
    words = name.split()
    # everything up to the last title goes ("Virginia Gov. Terry McAuliffe", "Vice President Joe Biden"): an
    # abbreviation with its full stop or a whole title word ("Lana Del Rey" keeps "Del")
    cut = max((i + 1 for i, w in enumerate(words[:-1])
               if w.lower() in full or (w.endswith(".") and w.lower().rstrip(".") in titles)), default=0)
    if len(words) - cut > 1 and _PARTY.fullmatch(words[-1]):
        words = words[:-1]  # "Ted Cruz (R-Texas)": the party and the state are no part of the name
    return " ".join(words[cut:])


def _titles(ruleset: RuleSet) -> tuple[frozenset[str], frozenset[str]]:
    """(titles and abbreviations, whole titles only), lower case without full stops, once per rule set's memo."""
    lex = ruleset.lexicons
    return _memo(ruleset, ("titles", ""), lambda: (  # type: ignore[return-value]
        _title_words(lex.get("person_titles", ()), lex.get("title_abbreviations", ())),
        _title_words(lex.get("person_titles", ()), ())))


@functools.lru_cache(maxsize=8)
def _title_words(titles: tuple[str, ...], abbreviations: tuple[str, ...]) -> frozenset[str]:
    """Lower-case titles without their full stop, made once per rule set (person_name runs per attribution)."""
    return frozenset(t.lower().rstrip(".") for t in (*titles, *abbreviations))


@functools.lru_cache(maxsize=8)
def _gender_words(female: tuple[str, ...], male: tuple[str, ...], female_names: tuple[str, ...],
                  male_names: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """(words of a phrase that give a gender, given names that do), each to its gender."""
    words = {w.lower().rstrip("."): FEMALE for w in female} | {w.lower().rstrip("."): MALE for w in male}
    names = dict.fromkeys(female_names, FEMALE) | dict.fromkeys(male_names, MALE)
    return words, names


def _tables(ruleset: RuleSet) -> tuple[dict[str, str], dict[str, str]]:
    return _memo(ruleset, ("gender tables", ""), lambda: _make_tables(ruleset))  # type: ignore[return-value]


def _make_tables(ruleset: RuleSet) -> tuple[dict[str, str], dict[str, str]]:
    lex = ruleset.lexicons
    return _gender_words(lex.get("female_words", ()), lex.get("male_words", ()), lex.get("female_names", ()),
                         lex.get("male_names", ()))


def gender_of(phrase: str, ruleset: RuleSet) -> str | None:
    """The gender a person's source phrase gives ("Mrs. Lee", "the spokeswoman", "Ann Lee"), else None."""
    return gender_cue(phrase, ruleset)[0]


def gender_cue(phrase: str, ruleset: RuleSet) -> tuple[str | None, bool]:
    """The gender a phrase gives and whether a word says it (a title, "spokeswoman": sure) rather than a common
    first name (a guess: "Ann Lee"); a first name counts only before a surname, and a unisex one gives none
    (memo'd)."""
    return _memo(ruleset, ("gender", phrase), lambda: _gender_cue(phrase, ruleset))  # type: ignore[return-value]


def _gender_cue(phrase: str, ruleset: RuleSet) -> tuple[str | None, bool]:
    words, names = _tables(ruleset)
    found = {words[w] for w in (t.lower().rstrip(".") for t in _WORD.findall(phrase) if _role_word(t)) if w in words}
    if len(found) == 1:
        return found.pop(), True
    name = person_name(phrase, ruleset).split() if phrase.strip() else []
    return (names.get(name[0]) if len(name) > 1 else None), False


def _role_word(token: str) -> bool:
    """A word that can tell a gender: a lowercase role ("spokeswoman", "mother") or a title as titles are written
    ("Mr.", "Mrs", "Ms", "Sir"); not a word of a name or a place ("King County Prosecutor Leesa Manion")."""
    return token[:1].islower() or token.endswith(".") or len(token) <= 3


_SURNAME_MAX = 40  # characters: a longer word is no surname (and the index stays linear)
Given = dict[str, set[str | None]]  # surname -> the genders of the first names and titles the text gives it with


# a capitalised word (a first name or a title?), a space, maybe a middle name or an initial, then a capitalised word
# (the look-behind after the capital lets the engine scan for capitals)
_FIRST_THEN = code_pattern(r"([A-Z](?<![\w.][A-Z])[a-z]+\.?)\s+(?=(?:([A-Z]\.|[A-Z][a-z]+)\s+)?([A-Z][\w’'.-]*))")


def given_index(text: str, ruleset: RuleSet) -> Given:
    """Every capitalised word the text gives after a common first name or a title ("Hillary Clinton", "Mr. Comey",
    "Hillary Rodham Clinton": Rodham and Clinton), with the genders those give: one pass of one pattern over the
    text, for `given_with`."""
    lex = ruleset.lexicons
    firsts = _firsts(lex.get("female_names", ()), lex.get("male_names", ()), lex.get("unisex_names", ()),
                     lex.get("title_abbreviations", ()))
    words, names = _tables(ruleset)
    index: Given = {}
    for m in _FIRST_THEN.finditer(text):
        if m.group(1) not in firsts:
            continue
        gender = words.get(m.group(1).lower().rstrip(".")) or names.get(m.group(1))
        for word in (m.group(2), m.group(3)):
            for end in range(1, min(len(word), _SURNAME_MAX) + 1) if word else ():  # "Clinton" in "Clinton’s" too
                if end == len(word) or not word[end].isalnum():
                    index.setdefault(word[:end], set()).add(gender)
    return index


def first_names(text: str, ruleset: RuleSet, common: bool = True) -> dict[str, Counter[str]]:
    """Every surname the text gives after a common first name ("Hillary Clinton", "Donald J. Trump"; not `common`:
    after a word no lexicon knows, inside a sentence, that reads as one: "anchor Jorge Ramos"), with how often each
    comes before it: one pass of one pattern over the text, for the roster's fullest names."""
    lex = ruleset.lexicons
    given = frozenset((*lex.get("female_names", ()), *lex.get("male_names", ()), *lex.get("unisex_names", ())))
    index: dict[str, Counter[str]] = {}
    for m in _FIRST_THEN.finditer(text):
        surname = m.group(3) if m.group(2) is None or m.group(2).endswith(".") else None
        if surname and ((m.group(1) in given) if common else
                        (m.group(1) not in given and _first_word(m.group(1), text, m.start(), ruleset))):
            index.setdefault(re.sub(r"[’']s?$", "", surname), Counter())[m.group(1)] += 1
    return index


def _first_word(word: str, text: str, at: int, ruleset: RuleSet) -> bool:
    """Whether a capitalised word no lexicon knows reads as a first name before a surname ("Jorge Ramos"): inside a
    sentence (not its first word: "But Sanders", "Interestingly Ramos"), not a title, a place, a body's word or an
    opening word, nor an adverb."""
    lex = ruleset.lexicons
    before = text[max(at - 40, 0):at].split()[-1:]  # the word before: lower case ("anchor Jorge Ramos"), or a comma
    return bool(_LOWER_WORD.fullmatch(word)) and not word.endswith(("ly", "ing")) and bool(before) and \
        (before[0][:1].islower() or before[0][-1] in ",;:") and before[0] not in _BEFORE_NO_NAME and \
        word.lower() not in _titles(ruleset)[0] and \
        not LEADS.match(word + " ") and word not in lex.get("place_names", ()) and \
        word not in lex.get("org_words", ()) and word not in lex.get("opening_words", ()) and word != "The"


_LOWER_WORD = code_pattern(r"[A-Z][a-z]+")
# words after which a capitalised word names a thing or a place more often than it opens a name ("Secretary of
# State Clinton", "the Islamic State")
_BEFORE_NO_NAME = frozenset(("of", "the", "a", "an", "to", "for", "in", "on", "at", "by", "from", "and", "or", "into"))


def given_with(surname: str, index: Given) -> tuple[bool, str | None]:
    """Whether the text (its `given_index`) gives `surname` after a common first name or a title, and the gender
    those give (None when they disagree: "Bill Clinton" and "Hillary Clinton")."""
    genders = index.get(surname, set())
    return bool(genders), next(iter(genders)) if len(genders) == 1 else None


@functools.lru_cache(maxsize=8)
def _firsts(female: tuple[str, ...], male: tuple[str, ...], unisex: tuple[str, ...],
            titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset((*female, *male, *unisex, *titles))


# a generational suffix closing a name ("Ann Lee Jr.", "Bo Diaz, Sr.", "Tom Hale III"): no surname
_SUFFIX = code_pattern(r"(?<=\S),?\s+(?:Jr|Sr|II|III|IV)\b\.?(?:[’']s)?$")


def surname_of(name: str) -> str:
    """The last word of a person's name before a generational suffix, in lower case, without a possessive
    ("Clinton's" -> "clinton", "Sanders’" -> "sanders", "Ann Lee Jr." -> "lee")."""
    name = _SUFFIX.sub("", name.strip())
    return re.sub(r"[’']s?$", "", name.split()[-1]).lower() if name else ""


def _fits(known: str | None, gender: str | None) -> bool:
    return known is None or gender is None or known == gender


@dataclass
class People:
    """Persons by name, one key per person: "Hillary Clinton" and "Bill Clinton" apart (a common first name or a
    gender tells them apart; another first word counts as no first name), a bare "Clinton" the first of that surname
    whose gender fits, "Clinton" then "Hillary Clinton" one person."""

    given: frozenset[str]  # common first names (the rules file's female_names, male_names, unisex_names)
    families: dict[str, list[str]] = field(default_factory=dict)  # surname -> keys, in order of first mention
    firsts: dict[str, set[str]] = field(default_factory=dict)  # key -> the first names it has been given with
    genders: dict[str, str | None] = field(default_factory=dict)  # key -> gender, when known
    places: frozenset[str] = frozenset()  # names of places (the rules file's place_names): nobody's name

    @classmethod
    def of(cls, ruleset: RuleSet) -> People:
        lex = ruleset.lexicons
        return cls(frozenset((*lex.get("female_names", ()), *lex.get("male_names", ()), *lex.get("unisex_names", ()))),
                   places=frozenset(lex.get("place_names", ())))

    def key(self, name: str, gender: str | None = None, add: bool = True) -> str | None:
        """The key of the person `name` names (a name without titles); a new one when none fits and `add`."""
        words, surname = name.split(), surname_of(name)
        family = self.families.setdefault(surname, [])
        first = words[0] if len(words) > 1 and words[0] in self.given else None
        fitting = [k for k in family if _fits(self.genders[k], gender)]
        if first is not None:
            found = next((k for k in family if first in self.firsts[k]), None) or \
                next((k for k in fitting if not self.firsts[k]), None)
        else:
            found = fitting[0] if fitting else None
        if found is None and not add:
            return None
        if found is None:
            found = f"{surname}#{len(family)}" if family else surname
            family.append(found)
            self.firsts[found], self.genders[found] = set(), None
        if first is not None:
            self.firsts[found].add(first)
        if gender is not None and self.genders[found] is None:
            self.genders[found] = gender
        return found


def proper_in(texts: Iterable[str]) -> frozenset[str]:
    """Words the texts capitalise after a lower-case word, not before another capitalised one ("met Keyworth at"):
    names, where a capital at a statement's start may be any word ("Does", "There")."""
    return frozenset(m.group(1) for text in texts for m in _PROPER.finditer(text) if not LEADS.match(m.group(1) + " "))
