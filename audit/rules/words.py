"""The word prefilter's index: which statements of a document (or of a part of a long one) hold each word.

A statement set is a Python int used as a bitset (bit i: statement i), so that the statements a pattern may match
(audit.rules.anchors: every Need holds, each by one of its alternatives) are one intersection per rule. A rule
set's Needs are numbered once (`NeedTable`, indexed by word, lower-cased word and first character); a part's
statements are read once for the words and characters the table asks about, each Need's statements are then
unions over what was found, instead of a set operation per rule, Need and statement. The answer is the same set
of statements as asking each statement's own words (tests/test_words.py holds the two side by side).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property

from audit.rules.anchors import WORD, needs, per_pattern
from audit.rules.cache import code_pattern


class Words:
    """A document's statements (or a part's) indexed by word and character, to answer `may_match` for many
    patterns with bitset operations instead of searches; with a `table`, for its Needs alone, in one pass."""

    def __init__(self, segments: Sequence[str], table: NeedTable | None = None) -> None:
        self.segments = segments
        self.every = (1 << len(segments)) - 1
        self.table = table

    @cached_property
    def masks(self) -> list[int]:
        """The statements that hold each Need of the table (NeedTable.masks)."""
        return self.table.masks(self) if self.table is not None else []

    @cached_property
    def by_word(self) -> dict[str, int]:
        """Word (a token as `\\w+` cuts the text) -> the statements that hold it; with a table, only the words it
        asks about (NeedTable.wanted): a statement's other words are never looked at one by one."""
        if self.table is not None:
            return self._indexed[0]
        return _word_index(self.segments, lowered=False)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self.by_word)

    @cached_property
    def by_lowered(self) -> dict[str, int]:
        """Lower-cased word -> the statements of ASCII alone that hold it in any case (their words lower-cased
        are the words of them lower-cased); with a table, only the words it asks about. A statement with a
        character beyond ASCII is in `beyond_ascii` and passes every case-folded Need anyway (re's
        case-insensitive matching of those, "ſ" for "s", is not str.lower's)."""
        if self.table is not None:
            return self._indexed[1]
        return _word_index(self.segments, lowered=True)

    @cached_property
    def lowered_vocabulary(self) -> frozenset[str]:
        return frozenset(self.by_lowered)

    @cached_property
    def beyond_ascii(self) -> int:
        return _bits(i for i, seg in enumerate(self.segments) if not seg.isascii())

    @cached_property
    def by_char(self) -> dict[str, int]:
        """Character -> the statements that hold it (a Need's texts are looked for by their first characters):
        with a table, the characters it asks about; else filled on demand (char_bits)."""
        return self._indexed[2] if self.table is not None else {}

    @cached_property
    def _indexed(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """by_word, by_lowered and by_char for the words and characters the table asks about, in one pass."""
        assert self.table is not None
        words: dict[str, int] = {}
        lowered: dict[str, int] = {}
        chars: dict[str, int] = {}
        wanted, wanted_low, findall = self.table.wanted, self.table.lowered, WORD.findall
        wanted_chars = sorted(self.table.chars)  # each one looked for (`in`): fewer steps than every character hashed
        for i, seg in enumerate(self.segments):
            bit, tokens = 1 << i, findall(seg)
            for word in wanted.intersection(tokens):
                words[word] = words.get(word, 0) | bit
            if wanted_low and seg.isascii():
                for word in wanted_low.intersection(map(str.lower, tokens)):
                    lowered[word] = lowered.get(word, 0) | bit
            for ch in wanted_chars:
                if ch in seg:
                    chars[ch] = chars.get(ch, 0) | bit
        return words, lowered, chars

    def char_bits(self, ch: str) -> int:
        found = self.by_char.get(ch)
        if found is None:
            found = 0 if self.table is not None else _bits(i for i, seg in enumerate(self.segments) if ch in seg)
            self.by_char[ch] = found
        return found

    def word_bits(self, words: frozenset[str]) -> int:
        """The statements that hold one of `words` (with a table, words it was told of: NeedTable.wanted)."""
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
        held = self.table.plans.get(id(pattern)) if self.table is not None else None
        if held is not None and held[0] is pattern:
            among, masks = self.every, self.masks
            for k in held[1]:
                among &= masks[k]
            return among if held[1] else None
        if self.table is not None:  # a pattern the table does not hold: its words are not all indexed
            return Words(self.segments).may_bits(pattern)
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


class NeedTable:
    """Every Need of some patterns (a rule set's), numbered once, and indexed by its words, lower-cased words
    and first characters: a part's statements answer all of them in one pass over the part's vocabulary
    (`masks`), and each pattern is then the intersection of its Needs' statements."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], words: Iterable[str] = ()) -> None:
        self.plans: dict[int, tuple[re.Pattern[str], tuple[int, ...]]] = {}  # the pattern held: its id stays
        numbers: dict[tuple[frozenset[str], str, frozenset[str], bool], int] = {}
        self.by_word: dict[str, list[int]] = {}
        self.by_lowered: dict[str, list[int]] = {}
        self.by_char: dict[str, list[int]] = {}
        self.folded: list[int] = []
        for pattern in patterns:
            plan = _plan(pattern)
            if plan:
                self.plans[id(pattern)] = (pattern, tuple(self._number(need, numbers) for need in plan))
        self.count = len(numbers)
        self.wanted = frozenset(self.by_word).union(words)  # `words`: what else is asked of Words.word_bits
        self.lowered = frozenset(self.by_lowered)
        self.chars = frozenset(self.by_char)

    def _number(self, need: tuple[frozenset[str], str, frozenset[str], bool],
                numbers: dict[tuple[frozenset[str], str, frozenset[str], bool], int]) -> int:
        k = numbers.get(need)
        if k is None:
            k = numbers[need] = len(numbers)
            words, firsts, lowered, folded = need
            for index, keys in ((self.by_word, words), (self.by_char, firsts), (self.by_lowered, lowered)):
                for key in keys:
                    index.setdefault(key, []).append(k)
            if folded:
                self.folded.append(k)
        return k

    def masks(self, words: Words) -> list[int]:
        """For each Need, the statements of `words` that hold one of its alternatives (as Words.need_bits)."""
        masks = [0] * self.count
        for index, needs_by in ((words.by_word, self.by_word), (words.by_lowered if self.lowered else {},
                                                                 self.by_lowered)):
            for word, bits in index.items():
                for k in needs_by.get(word, ()):
                    masks[k] |= bits
        beyond = words.beyond_ascii if self.folded else 0
        if beyond:
            for k in self.folded:
                masks[k] |= beyond
        for ch, needs_of in self.by_char.items():
            bits = words.char_bits(ch)
            if bits:
                for k in needs_of:
                    masks[k] |= bits
        return masks


@per_pattern
def need_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A quick pattern that finds something in every text `pattern` matches (None: nothing known): the words of
    the pattern's cheapest case-sensitive Need (audit.rules.anchors) as whole words, or its texts anywhere. A text
    it does not match need not be searched with `pattern` (the splitter's END_BEFORE_TITLE, paragraph by
    paragraph, where a word index of every paragraph would cost more than the searches it saves)."""
    held = [n for n in needs(pattern) if not n.folded_words and not n.folded_texts]
    if not held:
        return None
    need = min(held, key=lambda n: n.size)
    alternatives = [rf"\b(?:{'|'.join(map(re.escape, sorted(need.words)))})\b"] if need.words else []
    return code_pattern("|".join(alternatives + [re.escape(t) for t in sorted(need.texts)]))


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


def _word_index(segments: Sequence[str], lowered: bool) -> dict[str, int]:
    """Word -> the statements that hold it, as bits; `lowered`: words lower-cased, statements of ASCII alone."""
    index: dict[str, int] = {}
    get, findall = index.get, WORD.findall
    for i, seg in enumerate(segments):
        if lowered and not seg.isascii():
            continue
        bit = 1 << i
        for word in set(findall(seg.lower() if lowered else seg)):
            index[word] = get(word, 0) | bit
    return index
