"""Inflect verb lemmas for the rules file's lemma lexicons: `say` -> say, says, said, saying.

A lemma lexicon in rules.yaml lists verbs once, by lemma, and the forms it wants; this module makes every
form, so that a rule written with `said` in mind also finds `says`, `say` and `saying`. Regular English
morphology makes the forms; irregular verbs come from the `irregular_verbs` lexicon ("say said said").
Where spelling is ambiguous (a doubled final consonant: quipped, but visited), both spellings are made:
a form that never occurs in English text costs nothing and cannot match.
"""
from __future__ import annotations

FORMS = ("base", "s", "ed", "en", "ing")
_VOWELS = "aeiou"


def irregular_table(entries: tuple[str, ...] | list[str]) -> dict[str, tuple[str, str]]:
    """'say said said' -> {'say': ('said', 'said')}; entries of another shape are ignored."""
    table = {}
    for entry in entries:
        parts = entry.split()
        if len(parts) == 3:
            table[parts[0]] = (parts[1], parts[2])
    return table


def inflect(lemma: str, forms: tuple[str, ...], irregular: dict[str, tuple[str, str]]) -> list[str]:
    """Every requested form of a verb lemma; a phrasal verb ('call for') inflects its first word."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    words: list[str] = []
    for form in forms:
        words.extend(_forms(head.lower(), form, irregular))
    out = []
    for word in dict.fromkeys(words):
        if head[:1].isupper():
            word = word[:1].upper() + word[1:]
        out.append(word + tail)
    return out


def _forms(verb: str, form: str, irregular: dict[str, tuple[str, str]]) -> list[str]:
    if form == "base":
        return [verb]
    if form == "s":
        return [_third_person(verb)]
    if form == "ing":
        return _ing(verb)
    if verb in irregular:
        past, participle = irregular[verb]
        return [past if form == "ed" else participle]
    return _ed(verb)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _doubles(verb: str) -> bool:
    """Ends consonant-vowel-consonant (quip, admit, refer): the final consonant may double."""
    if len(verb) < 3:
        return False
    consonant_before = verb[-3] not in _VOWELS or verb[-4:-2] == "qu"  # quip: "qu" counts as a consonant
    return verb[-1] not in _VOWELS + "wxy" and verb[-2] in _VOWELS and consonant_before


def _ed(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb + "d"]
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return [verb[:-1] + "ied"]
    if _doubles(verb):
        return [verb + verb[-1] + "ed", verb + "ed"]
    if verb.endswith("c"):
        return [verb + "ked"]
    return [verb + "ed"]


def _ing(verb: str) -> list[str]:
    if verb.endswith("ie"):
        return [verb[:-2] + "ying"]
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return [verb[:-1] + "ing"]
    if _doubles(verb):
        return [verb + verb[-1] + "ing", verb + "ing"]
    if verb.endswith("c"):
        return [verb + "king"]
    return [verb + "ing"]
