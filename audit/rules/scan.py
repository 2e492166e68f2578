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

from audit.rules.anchors import per_pattern
from audit.rules.cache import code_pattern
from audit.rules.ruleset import Rule

SEP = "\x00"


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


@per_pattern
def scannable(pattern: re.Pattern[str]) -> bool:
    """The pattern sees the joined text as it sees each segment alone (see the module's docstring): it has
    no anchor, lookaround, atomic group or possessive repeat outside a character class."""
    return not _verbose(pattern) and _relax(pattern.pattern) == pattern.pattern


def _verbose(pattern: re.Pattern[str]) -> bool:
    return bool(pattern.flags & re.VERBOSE) or _INLINE_X.search(pattern.pattern) is not None


_INLINE_X = code_pattern(r"\(\?[aiLmsux-]*x")


def candidates(pattern: re.Pattern[str], joined: Joined) -> list[int]:
    """The segments the pattern may match (a superset of those it matches alone), in order.

    A pattern that is not scannable is searched segment by segment (exactly then). A looser scannable form
    (lookarounds and anchors made empty) was tried and is many times slower on the rule pack: the lookarounds
    are what keep its patterns from backtracking.
    """
    if not scannable(pattern):
        return [i for i, seg in enumerate(joined.segments) if pattern.search(seg)]
    return [i for i, _ in _hits(pattern, joined)]


def matching(pattern: re.Pattern[str], joined: Joined) -> frozenset[int]:
    """Exactly the segments `pattern.search(segment)` finds a match in."""
    if not scannable(pattern):
        return frozenset(candidates(pattern, joined))
    out = []
    for i, m in _hits(pattern, joined):
        # a match that reaches the separator may not exist in the segment alone: ask the segment
        if m.end() <= joined.starts[i] + len(joined.segments[i]) or pattern.search(joined.segments[i]):
            out.append(i)
    return frozenset(out)


_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


def _relax(src: str) -> str:
    """The pattern with every anchor and lookaround made an empty group, atomic groups plain and possessive
    repeats greedy: the same text exactly when the pattern has none of them."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\":
            esc = src[i:i + 2]
            out.append("(?:)" if esc in ("\\A", "\\Z", "\\z") else esc)
            i += 2
        elif c == "[":
            j = _class_end(src, i)
            out.append(src[i:j])
            i = j
        elif src.startswith(_LOOKAROUNDS, i):
            out.append("(?:)")
            i = _group_end(src, i)
        elif src.startswith("(?>", i):
            out.append("(?:")
            i += 3
        elif c in "^$":
            out.append("(?:)")
            i += 1
        else:
            out.append(c)
            i += 2 if c in "*+?}" and src[i + 1:i + 2] == "+" and src[i - 1:i] != "(" else 1
    return "".join(out)


def _class_end(src: str, i: int) -> int:
    """Just past the character class that opens at src[i] ("]" first, or after "^", is a member)."""
    j = i + 1
    if src[j:j + 1] == "^":
        j += 1
    if src[j:j + 1] == "]":
        j += 1
    while j < len(src) and src[j] != "]":
        j += 2 if src[j] == "\\" else 1
    return j + 1


def _group_end(src: str, i: int) -> int:
    """Just past the group that opens at src[i]."""
    depth, j = 0, i
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(src, j)
            continue
        depth += c == "("
        depth -= c == ")"
        j += 1
        if depth == 0:
            return j
    return j


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


def by_statement(count: int, rules: tuple[Rule, ...], runs: dict[str, frozenset[int]]) -> list[list[Rule]]:
    """For each of `count` statements, the rules whose runs (`scan_document`) hold it, in the rules' order: each
    statement then goes through its few rules, not through every rule asking whether it is one of its own."""
    out: list[list[Rule]] = [[] for _ in range(count)]
    for rule in rules:
        for i in runs[rule.id]:
            out[i].append(rule)
    return out
