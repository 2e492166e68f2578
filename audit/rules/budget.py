"""Patterns from the user's own rule files, run under a time budget: a pattern that backtracks cannot hang a run.

The default pack's patterns are tested here on long texts (benchmarks/bench_hostile.py); a user's are not. Each
pattern written in a rules file other than the default pack (a rule's `pattern` and `requires`, and named
`patterns:`) is compiled with the `regex` module, which reads the same syntax as `re` (lookarounds included)
and can stop a match after a time limit:

- when the rules are loaded, it is tried on a few long texts known to make backtracking patterns explode
  (`(a+)+$`, `(x+x+)+y`); one that needs more than PROBE_SECONDS, twice (the second time with PROBE_RETRY
  times that), is refused, naming the rule;
- while an article is audited, all user patterns share DOCUMENT_SECONDS; past it, the article ends with one
  error line that names the rule (PatternTimeout), and the other articles still run.
RE2 (linear time) was measured and not chosen: 22 of the 43 default rules use lookarounds it lacks, so a user
rule could not build on the pack's named patterns.
"""
from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from typing import Any, cast

from audit.errors import AuditError

DOCUMENT_SECONDS = 1.0  # all user patterns together, per article (the regex module may overshoot it 3x)
PROBE_SECONDS = 0.05  # each probe text, when the rules are loaded
PROBE_RETRY = 20  # a probe past PROBE_SECONDS is tried once more with this many times the time (`_within`)
_PROBES = tuple(unit * (2000 // len(unit)) + "!" for unit in ("a", "A", "x", " ", ",", "a ", "Aa", "a,", "1"))
_FLAGS = ((re.IGNORECASE, "IGNORECASE"), (re.MULTILINE, "MULTILINE"), (re.DOTALL, "DOTALL"), (re.VERBOSE, "VERBOSE"))
_deadline: list[float] = []  # the current article's deadline (a stack: nested audits keep their own)


class PatternTimeout(AuditError):
    """A user pattern ran past the article's time budget."""


@contextlib.contextmanager
def document_budget(seconds: float = DOCUMENT_SECONDS) -> Iterator[None]:
    """The time user patterns may take on one article, shared by all of them."""
    _deadline.append(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.pop()


class BudgetPattern:
    """A compiled user pattern with the methods the engine calls on an re.Pattern, each under the budget."""

    def __init__(self, compiled: Any, what: str) -> None:
        self._re = compiled
        self.what = what  # "rule 'x' (my-rules.yaml:12)": named in the error
        self.pattern: str = compiled.pattern
        self.flags: int = compiled.flags
        self.groupindex: dict[str, int] = dict(compiled.groupindex)
        self.groups: int = compiled.groups

    def _timeout(self) -> float:
        return max(_deadline[-1] - time.monotonic(), 0.001) if _deadline else DOCUMENT_SECONDS

    def _run(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._re, method)(*args, timeout=self._timeout())
        except TimeoutError:
            raise PatternTimeout(self._message()) from None

    def _message(self) -> str:
        return (f"{self.what}: its pattern ran past the {DOCUMENT_SECONDS:g} s budget on this text and was "
                "stopped; it backtracks: rewrite it without nested repeats such as (a+)+")

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._run("search", string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._run("match", string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._run("fullmatch", string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        matches = self._run("finditer", string, pos, endpos, False, None)
        while True:
            try:
                found = next(matches)
            except StopIteration:
                return
            except TimeoutError:
                raise PatternTimeout(self._message()) from None
            yield found

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        return list(self._run("findall", string, pos, endpos))

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return str(self._run("sub", repl, string, count))


def user_pattern(source: str, flags: int, what: str) -> re.Pattern[str]:
    """Compile a user's pattern under the budget (BudgetPattern stands in for re.Pattern: same methods).

    Raises re.error for a pattern that does not compile (as `re` would word it), and ValueError for one that
    backtracks on the probe texts."""
    import regex  # only here: a run with the default pack alone never imports it

    re.compile(source, flags)  # the same syntax errors, worded as for the default pack
    rflags = regex.V0
    for ours, theirs in _FLAGS:  # the regex module's flags of the same names
        if flags & ours:
            rflags |= getattr(regex, theirs)
    try:
        compiled = regex.compile(source, rflags)
    except (regex.error, ValueError, TypeError) as exc:  # what `re` reads and `regex` does not (rare)
        raise ValueError(f"the pattern does not compile for a time-limited run: {exc}") from None
    for probe in _PROBES:
        if not _within(compiled, probe):
            raise ValueError(f"the pattern takes more than {PROBE_SECONDS * PROBE_RETRY:g} s on a text of "
                             f"{len(probe):,} characters ({probe[:6]!r}...): it backtracks; rewrite it without "
                             "nested repeats such as (a+)+ or (\\w+\\s?)*")
    return cast("re.Pattern[str]", BudgetPattern(compiled, what))


def _within(compiled: Any, probe: str) -> bool:
    """Whether the pattern searches the probe within PROBE_SECONDS, or, once past it, within PROBE_RETRY times
    that: the limit is wall time, which a busy machine stretches for a long but linear pattern (a copy of the
    default pack's), while a backtracking one needs far more on these probes."""
    for seconds in (PROBE_SECONDS, PROBE_SECONDS * PROBE_RETRY):
        try:
            compiled.search(probe, timeout=seconds)
            return True
        except TimeoutError:
            continue
    return False
