"""Who a description refers back to: "the Florida senator" after "Sen. Marco Rubio", "the congresswoman" after
"Rep. Ann Lee", "the campaign manager" after "Barry Bennett, the campaign manager". The roster names the person.

A definite description (the rules' `role: description`: "the senator", "the former president") is read for its
last word, its head; the nearest person named before it with that head as a title or an apposition is the one it
means: a title before the name ("Sen. Marco Rubio", "campaign manager Barry Bennett") or an apposition after it
("Barry Bennett, the campaign manager"). A description with a possessive ("Trump's campaign manager") names
someone else's aide, and one with no such person before it stays as it is. One bounded search per description.
"""
from __future__ import annotations

import functools
import re

from audit.label.names import first_names, gender_of, person_name
from audit.label.sources import classify_source
from audit.models import Attribution, SourceKind
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

# heads whose title is written another way before a name ("the senator" after "Sen. Marco Rubio")
_SAME = {"senator": ("sen.", "senator"), "congressman": ("rep.", "representative", "congressman"),
         "congresswoman": ("rep.", "representative", "congresswoman"), "representative": ("rep.", "representative"),
         "governor": ("gov.", "governor"), "general": ("gen.", "general"), "doctor": ("dr.", "doctor"),
         "reverend": ("rev.", "reverend"), "lawmaker": ("sen.", "rep.", "senator", "representative", "lawmaker")}
_DEFINITE = code_pattern(r"(?i:the|this|that)\s+(?:[\w.-]+\s+){0,5}?(?P<head>[a-z][\w-]+)")
_POSSESSIVE = code_pattern(r"[’']s?\b|\b(?:his|her|their|its|and)\b", re.I)
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2})"
_GROUPS = (SourceKind.UNNAMED, SourceKind.DOCUMENT)  # sources whose description may name members or an author
_REACH = 4000  # characters before a description searched for the person it means


def described_person(description: str, start: int, text: str, ruleset: RuleSet,
                     gender: str | None = None) -> str | None:
    """The name of the person a definite description at `start` in the text refers back to, else None. `gender`:
    the one a pronoun standing for the description gives ("…, the governor said. “…,” she added.")."""
    m = _DEFINITE.fullmatch(description)
    if m is None or _POSSESSIVE.search(description) or m.group("head").lower() not in _heads(ruleset):
        return None
    head = m.group("head").lower()
    window = text[max(start - _REACH, 0):start]
    found = [(f.start(), f.group("name") or f.groupdict().get("name1") or "", _beside(window, f.start(), f.end()))
             for pattern in _patterns(_SAME.get(head, (head,))) for f in pattern.finditer(window)]
    want = gender or gender_of(description, ruleset)
    marks = _MODIFIER.findall(description)
    given = _given(ruleset)
    for _, phrase, around in sorted(found, reverse=True):
        name = person_name(phrase, ruleset)
        if len(name.split()) == 1:  # "President Obama": the first name the article gives that surname, if one only
            name = _with_first_name(name, text, ruleset)
        if _POSSESSIVE_END.search(name) or (name.split()[0] not in given and not _alone(name, text)):
            continue  # "… Hillary Clinton's daughter"; a first name the lexicons know, or a surname used alone
        verdict = classify_source(name, ruleset)
        if len(name.split()) >= 2 and verdict is not None and verdict.kind is SourceKind.PERSON and \
                name not in ruleset.lexicons.get("place_names", ()) and \
                (want is None or gender_of(name, ruleset) in (None, want)) and \
                all(re.search(rf"(?<![\w-]){re.escape(mark)}(?![\w-])", around) for mark in marks):
            return name  # "the Florida senator": the senator the text places in Florida, not the nearest senator
    return None


def _with_first_name(surname: str, text: str, ruleset: RuleSet) -> str:
    """A surname with the one common first name the text gives it ("Obama" -> "Barack Obama"), else as it is."""
    kept = ruleset.memo.get("first names")  # one pass per text, not per description: the last text's index only
    if not isinstance(kept, tuple) or kept[0] is not text:
        kept = ruleset.memo["first names"] = (text, first_names(text, ruleset))
    firsts = kept[1].get(surname)
    return f"{next(iter(firsts))} {surname}" if firsts and len(firsts) == 1 else surname


_POSSESSIVE_END = code_pattern(r"[’']s?$")
_MODIFIER = code_pattern(r"(?<=\s)[A-Z][\w-]+")  # a capitalised word inside a description ("the Florida senator")
_AROUND = 40  # characters either side of a title and name where a description's capitalised words are looked for
_CLAUSE_END = code_pattern(r"[.!?;:“”\"(\n]\s|\n")


def _beside(window: str, start: int, end: int) -> str:
    """The title and name found at `start`-`end` with the words next to it in its clause ("Florida Sen. Marco
    Rubio", "Sen. Marco Rubio of Florida"), not a neighbouring sentence's ("… spoke. Sen. Ann Ernst")."""
    before = window[max(start - _AROUND, 0):start]
    cut = list(_CLAUSE_END.finditer(before))
    before = before[cut[-1].end():] if cut else before
    before = " ".join(before.split()[-3:])
    after = window[end:end + _AROUND]
    stop = re.search(r"[.!?;,“”\"(\n]", after)
    return f"{before} {window[start:end]} {after[:stop.start()] if stop else after}"
_MORE_HEADS = ("front-runner", "frontrunner", "manager", "pollster", "strategist", "economist", "columnist", "host",
               "prince", "princess", "billionaire", "businessman", "businesswoman", "mogul", "actress", "actor")
_FAMILY = frozenset(("brother", "sister", "wife", "husband", "son", "daughter", "father", "mother", "head", "chief"))


def _alone(name: str, text: str) -> bool:
    """Whether the text writes the name's last word alone, as a surname is ("Bennett said", "Mr. Lew"; not "Gawker
    Media"): after a lower-case word, a title or a mark, not after another capitalised word."""
    return _surname_alone(name.split()[-1], text)


@functools.lru_cache(maxsize=1024)
def _surname_alone(surname: str, text: str) -> bool:
    """`_alone` for one surname in one text, read once per text, not once per description."""
    for m in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])", text):
        before = text[max(m.start() - 40, 0):m.start()].split()
        if not before or not before[-1][:1].isupper() or before[-1][-1] in ".,;:”\"’)":
            return True
    return False


def _given(ruleset: RuleSet) -> frozenset[str]:
    lex = ruleset.lexicons
    return _given_names(tuple(lex.get("female_names", ())) + tuple(lex.get("male_names", ())) +
                        tuple(lex.get("unisex_names", ())))


@functools.lru_cache(maxsize=8)
def _given_names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)


def _heads(ruleset: RuleSet) -> frozenset[str]:
    """The last words of a description that pick out one person: the rules file's person titles (not kin: "the
    wife" is someone's), and a few roles."""
    titles = ruleset.lexicons.get("person_titles", ())
    return _head_words(tuple(titles))


@functools.lru_cache(maxsize=8)
def _head_words(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t.split()[-1].lower() for t in titles if t.split()[-1].lower() not in _FAMILY) | \
        frozenset(_MORE_HEADS)


@functools.lru_cache(maxsize=256)
def _patterns(titles: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A title before a name ("Sen. Marco Rubio", "campaign manager Barry Bennett", "President Obama"), and a name
    with the title in apposition after it ("Barry Bennett, the campaign manager")."""
    words = "|".join(re.escape(t) for t in titles)
    return (code_pattern(rf"(?i:(?<![\w.])(?:{words}))\s+"
                       rf"(?:{_NAME}(?![\w’'-])|(?P<name1>[A-Z][\w’'-]+)(?![\w’'-]|\s+[A-Z]))"),
            code_pattern(rf"{_NAME},\s+(?:(?i:a|an|the)\s+)?(?:[\w.’'-]+\s+){{0,5}}?(?i:{words})(?![\w-])"
                       r"(?!\s+[A-Z])"))


def introduced_unnamed(description: str, start: int, text: str) -> bool:
    """Whether a definite description at `start` ("the teacher", "the prosecutor") refers back to a person the
    article brought in without a name: the nearest earlier mention of its head that says who it is has an
    indefinite determiner ("one Cedar teacher, who asked not to be named, …") and no name beside it (not "Jane
    Doe, a teacher at Cedar", "a teacher, Jane Doe,", "teacher Jane Doe")."""
    m = _DEFINITE.fullmatch(description)
    if m is None or _POSSESSIVE.search(description):
        return False
    window = text[max(start - _REACH, 0):start]
    for found in reversed(list(_head_pattern(m.group("head")).finditer(window))):
        before, after = window[max(found.start() - 60, 0):found.start()], window[found.end():found.end() + 200]
        if _NAME_AFTER.match(after) or _NAME_BEFORE.search(before):
            return False
        if _UNNAMED_AFTER.match(after):
            return True  # any mention that says why the name is withheld: "the nurse, who spoke on condition of …"
        indefinite = _INDEFINITE.search(before)
        if indefinite and (_SPEAKS_AFTER.match(after) or _SPEAKS_BEFORE.search(before[:indefinite.start()])):
            return True  # the unnamed person spoke: "one teacher, who asked …, said", "said a senior adviser"
    return False


@functools.lru_cache(maxsize=256)
def _head_pattern(head: str) -> re.Pattern[str]:
    """A description's head word, in any case, as a word of its own: compiled once per head (a run's articles
    name a few hundred surnames, which would push these out of re's own cache of compiled patterns)."""
    return re.compile(rf"(?i)(?<![\w-]){re.escape(head)}(?![\w’'-])")


_INDEFINITE = code_pattern(r"(?i:(?<![\w’'-])(?:a|an|one|another))\s+(?:(?!(?:that|which|who|whom|whose|of|by|for|to|"
                         r"in|on|at|with|from|and|or|but|as|is|was|said)\s)[\w.’'-]+\s+){0,3}$")
_NAME_AFTER = code_pattern(rf",\s+(?:named\s+)?{_NAME}|\s+(?:named\s+)?[A-Z]")  # "a teacher, Jane Doe,", "Mayor Bill …"
# "Jane Doe, a teacher", "Fiorina, a first-time chief executive"
_NAME_BEFORE = code_pattern(rf"(?:{_NAME}|[A-Z][\w’'-]+),\s+(?i:a|an|one|the)\s+(?:[\w.’'-]+\s+){{0,3}}$")
_SAYS = r"(?:said|says|told|tells|added|adds|wrote|writes|recalled|explained|shouted|argued|insisted|complained|noted)"
# where the person works may stand between the noun and the clause: "a teacher at Cedar High, who asked …, said"
_AT = r"(?:\s+(?:at|from|in|of|on|with)\s+[^.,;“”\"]{1,60}?)?"
_SPEAKS_AFTER = code_pattern(rf"{_AT}(?:,\s+(?:who|whose)\s+[^.;“”\"]{{1,160}}?,)?"
                           rf"\s+(?:also\s+|later\s+)?{_SAYS}\b|{_AT},?\s+who\s+(?:asked|requested|spoke|declined|was\s+not|"
                           r"is\s+not|were\s+not|insisted|did\s+not\s+want)\b"
                           # heard on a recording: "a firefighter could be heard telling dispatchers …"
                           r"|\s+(?:(?:could|can|may|might)\s+be\s+|(?:was|is|were|are)\s+)(?:heard|seen|recorded|caught)"
                           r"\s+(?:on\s+\w+\s+)?(?:telling|saying|shouting|yelling|asking|warning|radioing)\b")
# why the name is withheld, after the person's noun; a relative clause that says who they are may come
# between: "a strategist who has advised the campaign, speaking on condition of anonymity", "the nurse, who asked
# not to be named"
_UNNAMED_AFTER = code_pattern(rf"{_AT}(?:,?\s+who\s+[^.;“”\"]{{1,100}}?,)?,?\s+(?:who\s+)?"
                              r"(?:spoke|speaking|asked|asking|requested|requesting|declined|declining|insisted|insisting|(?:was|were|is|are)\s+not|"
                              r"did\s+not\s+want|granted)\b[^.;“”\"]{0,40}?\b(?:anonymity|anonymously|named|identified|"
                              r"authori[sz]ed)\b")
_SPEAKS_BEFORE = code_pattern(rf"\b{_SAYS}\s+$")


def named_later(phrase: str, end: int, text: str) -> bool:
    """Whether a person brought in without a name ("A former nurse told jurors …") is named straight after, in the
    same or the next statement, by a speech tag on the same head with a name set beside it ("… testified the
    nurse, Jane Doe, who …"): a lede that names its witness in the next breath is on the record. The later
    mention may repeat the phrase's own words, no others ("the chief nurse, Maria Ortiz," is someone else).
    `end`: where the phrase ends in `text`."""
    m = _LAST_WORD.search(phrase)
    if m is None or not _INDEFINITE_HEAD.match(phrase):
        return False
    own = {w.lower() for w in phrase.split()[1:-1]}
    window = text[end:end + _LATER]
    stops = [s.end() for s in _SENTENCE_END.finditer(window)]
    window = window[:stops[1]] if len(stops) > 1 else window  # the same statement and the next
    if f"{m.group()}," not in window:
        return False  # the head and its comma, as `later` spells them: no pattern to compile
    later = rf"\b(?i:the)\s+(?P<words>(?:[\w’'-]+\s+){{0,{len(own)}}}?){re.escape(m.group())},\s+{_NAME}\s*,"
    for found in re.finditer(later, window):
        if not set(found.group("words").lower().split()) <= own:
            continue
        if _TAG_BEFORE.search(window[:found.start()]) or _TAG_AFTER.match(window, found.end()):
            return True  # "testified the nurse, Jane Doe," / "the nurse, Jane Doe, who …, said"
    return False


_LAST_WORD = code_pattern(r"[a-z][\w-]*$")
_INDEFINITE_HEAD = code_pattern(r"(?i:a|an)\s")
# a sentence's end, not a title's ("Dr.", "St.", "Gov.")
_SENTENCE_END = code_pattern(r"(?<=[a-z0-9)])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][”\"’]?(?=\s|$)")
_TAG = rf"(?:{_SAYS[3:-1]}|testified|testifies)"
_TAG_BEFORE = code_pattern(rf"\b{_TAG}\s+$")
_TAG_AFTER = code_pattern(rf"\s*(?:who\s+[^.;“”\"]{{1,160}}?,\s*)?(?:also\s+|later\s+)?{_TAG}\b")
_LATER = 400  # characters after an unnamed person searched for the name given next


# what a group's or a document's source phrase is followed by when the text names who it is: members after "like" or
# "including" ("Some economists, like Ann Lee of Harbor College, …", "Many speakers — including Tom Diaz — said"),
# or an author after "by" ("The survey, conducted by the Pew Research Center, finds")
_KEYWORD = (r"(?:like|including|such\s+as|among\s+them|for\s+instance,|"
            r"(?:conducted|commissioned|run|led|written|released|published|sponsored)\s+by)\s+")
_NOT_ABBREVIATION = "".join(rf"(?<!\b{t})" for t in ("[A-Z]", "Sen", "Rep", "Gov", "Gen", "Adm", "Dr", "Mr", "Ms",
                                                      "Mrs", "St", "Jr", "Lt", "Col", "Rev"))  # "Sen. Ted Cruz"
_NAMING = code_pattern(rf"(?:,\s+{_KEYWORD}|\s+[—–]\s*(?:{_KEYWORD})?(?=[^—–]{{2,80}}[—–]))"
                       rf"(?P<who>[^,;:—–“”\"()]{{2,120}}?)(?=\s*[,;:—–(]|{_NOT_ABBREVIATION}\.(?:\s|$)|$)"
                       r"|\s+from\s+(?P<body>(?:the\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                       r"January|February|March|April|May|June|July|August|September|October|November|December)\b)"
                       r"[A-Z][\w&’'-]*(?:\s+(?:of\s+|for\s+|the\s+|and\s+)*[A-Z][\w&’'-]*)*)")


def named_apposition(end: int, text: str) -> str | None:
    """The words right after a source phrase (ending at `end`) that name its members or its author, when they
    hold a capitalised word: the group's or the document's description goes on with them."""
    m = _NAMING.match(text, end, end + 200)
    who = m.group("who") or m.group("body") if m is not None else None
    if m is None or who is None or not re.search(r"\b[A-Z][a-z]", who):
        return None
    return re.sub(r"(?<=[a-z]{2})\.$", "", text[end:m.end()].strip())


def with_named(a: Attribution, text: str) -> str:
    """A group's or a document's source phrase with the members or the author named right after it ("Some
    economists, like Ann Lee"), else the phrase as it is."""
    more = named_apposition(a.source_end, text) if text and a.kind in _GROUPS else None
    return f"{a.source_text}{'' if more[0] == ',' else ' '}{more}" if more else a.source_text
