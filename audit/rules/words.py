"""The word prefilter's index: which statements of a document (or of a part of a long one) hold each word.

A statement set is a Python int used as a bitset (bit i: statement i), so that the statements a pattern may match
(audit.rules.anchors: every Need holds, each by one of its alternatives) are a few unions and one intersection per
rule, worked out over the part's vocabulary once, instead of a set operation per rule, Need and statement. The
answer is the same set of statements as asking each statement's own words (the tests hold the two side by side).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property

from audit.rules.anchors import WORD, needs, per_pattern


class Words:
    """A document's statements indexed by word (and, on demand, by character), to answer `may_match` for many
    patterns with bitset operations instead of searches."""

    def __init__(self, segments: Sequence[str]) -> None:
        self.segments = segments
        self.every = (1 << len(segments)) - 1

    @cached_property
    def by_word(self) -> dict[str, int]:
        """Word (a token as `\\w+` cuts the text) -> the statements that hold it."""
        index: dict[str, int] = {}
        get, findall = index.get, WORD.findall
        for i, seg in enumerate(self.segments):
            bit = 1 << i
            for word in set(findall(seg)):
                index[word] = get(word, 0) | bit
        return index

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self.by_word)

    @cached_property
    def by_lowered(self) -> dict[str, int]:
        """Lower-cased word -> the statements that hold it in any case. For a statement of ASCII alone its words
        lower-cased are the words of it lower-cased; a statement with a character beyond ASCII is in
        `beyond_ascii` and passes every case-folded Need anyway (re's case-insensitive matching of those, "ſ"
        for "s", is not str.lower's)."""
        index: dict[str, int] = {}
        get = index.get
        for word, bits in self.by_word.items():
            low = word.lower()
            index[low] = get(low, 0) | bits
        return index

    @cached_property
    def lowered_vocabulary(self) -> frozenset[str]:
        return frozenset(self.by_lowered)

    @cached_property
    def beyond_ascii(self) -> int:
        return _bits(i for i, seg in enumerate(self.segments) if not seg.isascii())

    @cached_property
    def by_char(self) -> dict[str, int]:
        return {}  # filled on demand (char_bits): a Need's texts are looked for by their first characters

    def char_bits(self, ch: str) -> int:
        found = self.by_char.get(ch)
        if found is None:
            found = self.by_char[ch] = _bits(i for i, seg in enumerate(self.segments) if ch in seg)
        return found

    def word_bits(self, words: frozenset[str]) -> int:
        """The statements that hold one of `words`."""
        index, out = self.by_word, 0
        for word in words & self.vocabulary:
            out |= index[word]
        return out

    def need_bits(self, need: tuple[frozenset[str], str, frozenset[str], bool]) -> int:
        """The statements that hold one of a Need's alternatives, the Need as `_plan` reads it."""
        words, firsts, lowered, folded = need
        out = self.word_bits(words) if words else 0
        for ch in firsts:
            out |= self.char_bits(ch)
        if folded:
            index = self.by_lowered
            for word in lowered & self.lowered_vocabulary:
                out |= index[word]
            out |= self.beyond_ascii
        return out

    def may_bits(self, pattern: re.Pattern[str]) -> int | None:
        """The statements `pattern` may match (a superset of those it matches), as a bitset; None: all of them."""
        plan = _plan(pattern)
        if not plan:
            return None
        among = self.every
        for need in plan:
            among &= self.need_bits(need)
            if not among:
                break
        return among

    def may_match(self, pattern: re.Pattern[str]) -> list[int] | None:
        """The statements `pattern` may match, in order (a superset of those it matches); None: all of them."""
        found = self.may_bits(pattern)
        return None if found is None else members(found)


def members(bits: int) -> list[int]:
    """The statements of a bitset, in order."""
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


def _bits(indices: Iterable[int]) -> int:
    out = 0
    for i in indices:
        out |= 1 << i
    return out


@per_pattern
def _plan(pattern: re.Pattern[str]) -> tuple[tuple[frozenset[str], str, frozenset[str], bool], ...]:
    """The pattern's Needs (audit.rules.anchors), each as (its exact words; the first characters of its texts,
    both cases for a case-folded one: a text cannot be in a statement whose characters lack its first; its
    case-folded words, lower-cased; whether it has case-folded parts, which keep every statement with a
    character beyond ASCII: re's case-insensitive matching takes "ſ" for "s", "K" (Kelvin) for "k", "İ" and "ı"
    for "i")."""
    out = []
    for need in needs(pattern):
        firsts = {t[0] for t in need.texts} | {c for t in need.folded_texts for c in (t[0].lower(), t[0].upper())}
        folded = bool(need.folded_words or need.folded_texts)
        out.append((need.words, "".join(sorted(firsts)), frozenset(w.lower() for w in need.folded_words), folded))
    return tuple(out)
