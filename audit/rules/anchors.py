"""Words a pattern cannot match without: a prefilter that skips statements before any regex runs on them.

`needs(pattern)` reads the pattern's parse tree (Python's own `re` parser) and returns what every match must
contain, as a list of `Need`s (all must hold); each Need is a set of alternatives (one must hold): a whole word
("said" between word boundaries: a token of the text, as `\\w+` cuts it) or a piece of text ("ask", ":").
A statement that holds none of a Need's alternatives cannot match, so `Words.may_match` returns a superset of
the statements the pattern matches, and a rule searched only there finds exactly what it found before.

What it reads: literals and small character classes ([Aa]), their products through groups, alternations and
short repeats (`(?:said|says)`, a lexicon's trie, `e[ds]?`; audit.rules.spellings), repeats of at least one,
positive lookarounds, and what stands on each side of a literal (\\b, ^, $, a space, a colon) to tell a whole
word from a piece. Anything else (\\w, [A-Z], a back-reference) only ends a literal run; a pattern with no Need
left runs on every statement. User patterns (the regex module's) are not read: its \\w is not re's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from audit.rules import cache
from audit.rules.cache import code_pattern
from audit.rules.spellings import REPEATS, flat, run_strings, strings

try:
    from re import _constants as _c  # type: ignore[attr-defined, unused-ignore]
    from re import _parser as _p  # type: ignore[attr-defined, unused-ignore]
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef, unused-ignore]
    import sre_parse as _p  # type: ignore[no-redef, unused-ignore]

_VERSION = 6  # of the reading below: part of the start-up cache's key, so raise it with every change to it
_MAX_TEXTS = 24  # a Need with more text pieces than this costs more to test than it saves
WORD = code_pattern(r"\w+")
_MARKED_WORD = code_pattern(r"\x02(\w+)\x02")
_BOUNDS = {_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING, _c.AT_END, _c.AT_END_STRING}


_T = TypeVar("_T")


class per_pattern(Generic[_T]):  # a decorator, named as functools' are
    """functools.lru_cache for a function of one compiled pattern, keyed by the pattern object itself: a
    pattern's hash is worked out anew at every look-up from its whole compiled program (a lexicon's pattern
    took 33 µs), and these are asked about per document."""

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.table: dict[int, tuple[Any, _T]] = {}
        self.__doc__ = fn.__doc__

    def __call__(self, pattern: Any) -> _T:
        hit = self.table.get(id(pattern))
        if hit is not None and hit[0] is pattern:
            found: _T = hit[1]
            return found
        value = self.fn(pattern)
        if len(self.table) >= 4096:
            self.table.clear()
        self.table[id(pattern)] = (pattern, value)  # the pattern is held: its id stays its own
        return value

    def cache_clear(self) -> None:
        self.table.clear()


@dataclass(frozen=True)
class Need:
    """One of `words` as a whole token, or one of `texts` as a substring; the `folded_` ones under re's
    IGNORECASE (lower-cased here; ASCII only)."""

    words: frozenset[str]
    texts: frozenset[str]
    folded_words: frozenset[str]
    folded_texts: frozenset[str]

    @property
    def size(self) -> int:
        """What testing the Need costs against what it lets through, for choosing one Need per branch: a text
        piece costs more than a word, and a word most statements hold ("it", "the") most of all."""
        common = sum(w in _COMMON for w in self.words) + sum(w in _COMMON for w in self.folded_words)
        return len(self.words) + len(self.folded_words) + 8 * (len(self.texts) + len(self.folded_texts)) + 40 * common


# Words that most statements of news prose hold: a branch's Need of one of these lets nearly every statement
# through, so another Need of the same branch ("said" in "it is said that") is taken where there is one.
_COMMON = frozenset({"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has",
                     "have", "he", "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "she",
                     "that", "the", "their", "they", "this", "to", "was", "we", "were", "who", "with"})


@per_pattern
def needs(pattern: re.Pattern[str]) -> tuple[Need, ...]:
    """What every match of `pattern` contains (see the module's docstring); () when nothing is known. Kept in
    the start-up cache (audit.rules.cache): reading the pack's patterns takes longer than loading them."""
    if not isinstance(pattern, re.Pattern) or pattern.flags & (re.ASCII | re.LOCALE) or \
            not isinstance(pattern.pattern, str):
        return ()  # a user's pattern runs on the regex module (audit.rules.budget), whose \w is not re's
    key = (pattern.pattern, int(pattern.flags), _VERSION)
    hit = cache.lookup("needs", key)
    if isinstance(hit, tuple) and all(isinstance(n, tuple) and len(n) == 4 for n in hit):
        return tuple(Need(*n) for n in hit)
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        fold = bool(pattern.flags & re.IGNORECASE)
        found = _needs(list(flat(tree, fold)), False, False)  # a match may stand anywhere: no edge outside it
    except Exception:  # another Python's parser, a pattern nested too deep: no prefilter
        return ()
    kept = tuple(n for n in found if len(n.texts) + len(n.folded_texts) <= _MAX_TEXTS)
    cache.store("needs", key, tuple((n.words, n.texts, n.folded_words, n.folded_texts) for n in kept))
    return kept


@per_pattern
def exact_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The words W when `pattern` is just `\\b(?:w1|w2|...)\\b` (alternatives of such too), case-sensitive: it
    matches a statement exactly when one of W is among the statement's words. None for any other pattern.
    Kept in the start-up cache, as needs() is."""
    if not isinstance(pattern, re.Pattern) or pattern.flags & (re.ASCII | re.LOCALE | re.IGNORECASE):
        return None
    key = ("exact", pattern.pattern, int(pattern.flags), _VERSION)
    hit = cache.lookup("needs", key)
    if isinstance(hit, tuple) and len(hit) == 1 and (hit[0] is None or isinstance(hit[0], frozenset)):
        return hit[0]
    found = _exact_words(pattern)
    cache.store("needs", key, (found,))
    return found


def _exact_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    if any(commit in pattern.pattern for commit in ("(?>", "++", "*+", "?+", "}+")):
        return None  # an atomic group or a possessive repeat may never try a spelling listed: not exact
    try:
        tree = list(flat(_p.parse(pattern.pattern, pattern.flags), False))
    except Exception:  # another Python's parser, a pattern nested too deep
        return None
    got = run_strings(tree, marks=True)
    if got is None or got[1]:
        return None
    words: set[str] = set()
    for s in got[0]:
        m = _MARKED_WORD.fullmatch(s)
        if m is None:
            return None
        words.add(m.group(1))
    return frozenset(words)


def prime(patterns: Iterable[re.Pattern[str]], gates: Iterable[re.Pattern[str]]) -> None:
    """Work out the Needs of these patterns and gates, and whether each gate is only words, now (at load time,
    before the start-up cache is written)."""
    for pattern in patterns:
        needs(pattern)
    for gate in gates:
        needs(gate)
        exact_words(gate)


# --- which side of an item is sure to be a non-word character (or an edge) ----------------------------------

def _nonword_class(av: Any) -> bool:
    if any(op is _c.NEGATE for op, _ in av):
        return False
    for op, sub in av:
        if op is _c.LITERAL:
            if _is_word(chr(sub)):
                return False
        elif op is _c.CATEGORY:
            if sub not in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD, _c.CATEGORY_UNI_SPACE,
                           _c.CATEGORY_UNI_NOT_WORD, _c.CATEGORY_LINEBREAK, _c.CATEGORY_UNI_LINEBREAK):
                return False
        else:
            return False
    return True


def _edge(item: tuple[Any, Any, bool], side: int) -> tuple[bool, bool]:
    """(the character the item matches at that side, 0 first or -1 last, is never a word character; the item
    may match nothing). A word boundary or an edge of the text counts as a non-word character."""
    op, av, fold = item
    if op is _c.AT:
        return av in _BOUNDS, False
    if op is _c.LITERAL:
        return not _is_word(chr(av)), False
    if op is _c.IN:
        return _nonword_class(av), False
    if op in REPEATS:
        lo, _hi, sub = av
        nonword, empty = _side(list(flat(sub, fold)), side)
        return nonword, empty or lo == 0
    if op is _c.BRANCH:
        got = [_side(list(flat(b, fold)), side) for b in av[1]]
        return all(g[0] for g in got), any(g[1] for g in got)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return True, True  # matches nothing: what stands beyond it decides
    return False, False


def _side(items: Sequence[tuple[Any, Any, bool]], side: int) -> tuple[bool, bool]:
    """_edge of a sequence: its first (side 0) or last (-1) item that must match something decides."""
    for item in (items if side == 0 else reversed(items)):
        nonword, empty = _edge(item, side)
        if not nonword:
            return False, False
        if not empty:
            return True, False
    return True, True


def _beside(items: Sequence[tuple[Any, Any, bool]], side: int, outer: bool) -> bool:
    """A non-word character or an edge stands just beyond `items` (side -1: they come before the spot, 0: after)."""
    nonword, empty = _side(items, side)
    return nonword and (not empty or outer)


def _is_word(ch: str) -> bool:  # U+0345: the one non-word character IGNORECASE matches to word ones (ι)
    return ch == "\u0345" or WORD.fullmatch(ch) is not None


# --- the Needs of a sequence ----------------------------------------------------------------------------------

def _needs(items: list[tuple[Any, Any, bool]], left: bool, right: bool) -> list[Need]:
    """Needs of a flattened sequence; `left`/`right`: a non-word character or an edge stands just outside it."""
    out: list[Need] = []
    i, n = 0, len(items)
    while i < n:
        if strings(items[i]) is not None:
            j = i
            while j < n and strings(items[j]) is not None:
                j += 1
            got = run_strings(items[i:j])
            before, after = _beside(items[:i], -1, left), _beside(items[j:], 0, right)
            joined = None
            if j < n and items[j][0] is _c.BRANCH:
                # "p(?:ledging|ointing\s+out)" reads as "pledging|pointing\s+out": whole words, where the run
                # alone is only the piece "p" (which this Need implies) and each branch alone a piece too
                fold = items[j][2]
                joined = _alternatives_need([items[i:j] + list(flat(b, fold)) for b in items[j][1][1]], before,
                                            _beside(items[j + 1:], 0, right))
            if joined is not None:
                out.append(joined)
                j += 1
            elif got is not None:
                need = _run_need(got[0], got[1], before, after)
                if need is not None:
                    out.append(need)
            i = j
            continue
        op, av, _fold = items[i]
        if op in REPEATS and av[0] >= 1:
            out += _needs(list(flat(av[2], _fold)), False, False)
        elif op is _c.ASSERT:  # a positive lookaround: its text is in the statement too
            out += _needs(list(flat(av[1], _fold)), False, False)
        elif op is _c.BRANCH:
            need = _branch_need(av[1], _fold, _beside(items[:i], -1, left), _beside(items[i + 1:], 0, right))
            if need is not None:
                out.append(need)
        i += 1
    return out


def _branch_need(branches: list[Any], fold: bool, left: bool, right: bool) -> Need | None:
    """One Need for an alternation: the best Need of each branch, united; None if a branch has none."""
    return _alternatives_need([list(flat(branch, fold)) for branch in branches], left, right)


def _alternatives_need(alternatives: list[list[tuple[Any, Any, bool]]], left: bool, right: bool) -> Need | None:
    """_branch_need of alternatives already flattened."""
    parts = []
    for items in alternatives:
        got = _needs(items, left, right)
        if not got:
            return None
        parts.append(min(got, key=lambda need: need.size))
    return Need(*(frozenset().union(*(getattr(p, f) for p in parts))
                  for f in ("words", "texts", "folded_words", "folded_texts")))


def _run_need(strings: frozenset[str], folded: bool, left: bool, right: bool) -> Need | None:
    """A Need from the spellings of a literal run: for each, its longest whole word if it has one (a piece of
    word characters with a non-word character or an edge on both sides), else the spelling as text."""
    words: set[str] = set()
    texts: set[str] = set()
    for s in strings:
        if not s or (folded and not s.isascii()):  # re's case-insensitive matching of other letters differs
            return None
        best = ""
        for m in WORD.finditer(s):
            whole = (m.start() > 0 or left) and (m.end() < len(s) or right)
            if whole and len(m.group()) > len(best):
                best = m.group()
        if best:
            words.add(best.casefold() if folded else best)
        else:
            texts.add(s.casefold() if folded else s)
    if folded:
        return Need(frozenset(), frozenset(), frozenset(words), frozenset(texts))
    return Need(frozenset(words), frozenset(texts), frozenset(), frozenset())
