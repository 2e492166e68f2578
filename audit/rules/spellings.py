"""The finite set of strings a part of a regex's parse tree matches (a literal, [Aa], `(?:said|says)`, `e[ds]?`),
read from Python's own `re` parser; used by audit.rules.anchors to find the words a pattern needs."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import product
from typing import Any

try:
    from re import _constants as _c  # type: ignore[attr-defined, unused-ignore]
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef, unused-ignore]

MAX_STRINGS = 4000  # a literal run with more spellings than this is not spelled out
MARK = "\x02"  # a word boundary, spelled out (anchors.exact_words)
REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op)


def flat(items: Iterable[Any], fold: bool) -> Iterable[tuple[Any, Any, bool]]:
    """The parse tree's items with groups opened into their parent, each with its case flag."""
    for op, av in items:
        if op is _c.SUBPATTERN:
            _group, add, drop, sub = av
            f = (fold or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE
            if add & (re.ASCII | re.LOCALE):
                yield (None, None, fold)  # unknown: ends literal runs, tells nothing
                continue
            yield from flat(sub, f)
        elif op is _c.ATOMIC_GROUP:
            yield from flat(av, fold)
        else:
            yield (op, av, fold)


def strings(item: tuple[Any, Any, bool], marks: bool = False) -> tuple[frozenset[str], bool] | None:
    """The finite set of strings one item matches, and whether they compare case-folded; None: not finite.
    `marks`: a word boundary (\\b) counts too, as the character MARK."""
    op, av, fold = item
    if marks and op is _c.AT and av is _c.AT_BOUNDARY:
        return frozenset({MARK}), False
    if op is _c.LITERAL:
        if marks and chr(av) == MARK:
            return None
        return frozenset({chr(av)}), fold
    if op is _c.IN:
        chars = set()
        for sub_op, sub_av in av:
            if sub_op is not _c.LITERAL:
                return None
            chars.add(chr(sub_av))
        if not chars or len(chars) > 4:
            return None
        if len(chars) == 2 and min(chars).isascii() and min(chars).isupper() and min(chars).lower() in chars:
            return frozenset({min(chars)}), True  # [Aa]: one ASCII letter in either case
        return frozenset(chars), fold
    if op in REPEATS and av[1] <= 3:  # "e[ds]?": a few repeats of a finite part are finite too
        lo, hi, sub = av
        inner = run_strings(list(flat(sub, fold)), marks)
        if inner is None or len(inner[0]) ** hi > MAX_STRINGS:
            return None
        spelled: set[str] = set()
        level = frozenset({""})
        for k in range(hi + 1):
            if k >= lo:
                spelled |= level
            level = frozenset(a + b for a, b in product(level, inner[0]))
        return frozenset(spelled), inner[1]
    if op is _c.BRANCH:
        out: set[str] = set()
        folded = False
        for branch in av[1]:
            got = run_strings(list(flat(branch, fold)), marks)
            if got is None:
                return None
            out |= got[0]
            folded |= got[1]
            if len(out) > MAX_STRINGS:
                return None
        return frozenset(out), folded
    return None


def run_strings(items: Sequence[tuple[Any, Any, bool]], marks: bool = False
                ) -> tuple[frozenset[str], bool] | None:
    """The strings a sequence of items matches one after the other (each item's, in every combination)."""
    spelled, folded = frozenset({""}), False
    for item in items:
        got = strings(item, marks)
        if got is None:
            return None
        if len(spelled) * len(got[0]) > MAX_STRINGS:
            return None
        spelled = frozenset(a + b for a, b in product(spelled, got[0]))
        folded |= got[1]
    return spelled, folded
