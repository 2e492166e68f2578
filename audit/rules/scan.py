"""Patterns run per document, not per statement: one search over all statements joined, mapped back to them.

The statements of a document are joined with a NUL between them (`Joined`). For a pattern with no anchor
(^, $, \\A, \\Z), no lookaround and no atomic or possessive part ("scannable"), the NUL is, to the pattern,
the same as the edge of a statement cut out on its own: \\b and \\B see a non-word character either way, and
nothing else looks past a match's own characters. So when `pattern.search(statement)` finds a match at p,
a search of the joined text from that statement's start finds one at p or before it; and a match of the joined
text that ends inside its statement is a match of the statement alone. `candidates` walks the joined text
with one search per statement that matches (plus one), instead of one search per statement; `matching` keeps
exactly the statements the pattern matches on their own. Any other pattern is searched statement by statement.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

SEP = "\x00"
# What makes the joined text differ from statements cut out one by one (checked on the pattern's source text:
# a character class or an escape that contains one of these only costs the fast path, never correctness).
_UNSAFE = ("^", "$", "\\A", "\\Z", "\\z", "(?=", "(?!", "(?<", "(?>", "*+", "++", "?+", "}+")


@dataclass(frozen=True)
class Joined:
    """A document's statements (or any segments) joined by SEP, with where each one starts."""

    text: str
    starts: tuple[int, ...]
    segments: tuple[str, ...]


def join(segments: tuple[str, ...] | list[str]) -> Joined:
    starts, at = [], 0
    for seg in segments:
        starts.append(at)
        at += len(seg) + 1
    return Joined(SEP.join(segments), tuple(starts), tuple(segments))


@lru_cache(maxsize=4096)
def scannable(pattern: re.Pattern[str]) -> bool:
    """The pattern sees the joined text as it sees each segment alone (see the module's docstring)."""
    return not any(mark in pattern.pattern for mark in _UNSAFE)


def candidates(pattern: re.Pattern[str], joined: Joined) -> list[int]:
    """The segments the pattern may match (a superset of those it matches alone), in order.

    For a pattern that is not scannable: the segments it matches, searched one by one."""
    if not scannable(pattern):
        return [i for i, seg in enumerate(joined.segments) if pattern.search(seg)]
    return [i for i, _ in _hits(pattern, joined)]


def matching(pattern: re.Pattern[str], joined: Joined) -> frozenset[int]:
    """Exactly the segments `pattern.search(segment)` finds a match in."""
    if not scannable(pattern):
        return frozenset(i for i, seg in enumerate(joined.segments) if pattern.search(seg))
    out = []
    for i, m in _hits(pattern, joined):
        # a match that reaches the separator may not exist in the segment alone: ask the segment
        if m.end() <= joined.starts[i] + len(joined.segments[i]) or pattern.search(joined.segments[i]):
            out.append(i)
    return frozenset(out)


def _hits(pattern: re.Pattern[str], joined: Joined) -> list[tuple[int, re.Match[str]]]:
    """The first match in each segment that has one (a segment's match may run on past its end)."""
    text, starts, out, pos = joined.text, joined.starts, [], 0
    while starts and (m := pattern.search(text, pos)) is not None:
        i = bisect_right(starts, m.start()) - 1
        out.append((i, m))
        if i + 1 >= len(starts):
            break
        pos = starts[i + 1]
    return out
