"""What every editorial check reads (Context) and the helpers the check kinds share."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from audit.errors import RulesError
from audit.models import Finding, Label, LabelledStatement, Paragraph, Quotation, Source
from audit.read.text import clip
from audit.rules import cache
from audit.rules.cache import code_pattern
from audit.rules.ruleset import SEVERITIES, Check, RuleSet
from audit.rules.scan import Joined, join, matching

SEVERITY_ORDER = SEVERITIES
_EXCERPT = 200
_REF = code_pattern(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Context:
    """What every check reads: the text, its statements, quotations and roster, and what is left out."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    labelled: tuple[LabelledStatement, ...]
    sources: tuple[Source, ...]
    quotations: tuple[Quotation, ...]
    rules: RuleSet
    duplicates: dict[int, int]  # paragraph that repeats -> the paragraph it repeats

    @cached_property
    def skipped(self) -> frozenset[int]:
        """Statements no check looks at: page furniture and the second copy of a repeated paragraph."""
        return frozenset(ls.index for ls in self.labelled
                         if ls.label is Label.NONE or ls.statement.paragraph in self.duplicates)

    @cached_property
    def quotation_reach(self) -> tuple[list[int], list[int]]:
        """The quotations' starts in order, and for each, the furthest end of a quotation starting there or before."""
        starts, reach, furthest = [], [], -1
        for q in sorted(self.quotations, key=lambda q: q.start):
            furthest = max(furthest, q.end)
            starts.append(q.start)
            reach.append(furthest)
        return starts, reach

    @cached_property
    def _claims(self) -> tuple[LabelledStatement, ...]:
        skipped = self.skipped
        return tuple(ls for ls in self.labelled if ls.statement.index not in skipped)

    def claims(self) -> list[LabelledStatement]:
        """The statements the checks look at (every check asks: worked out once per document)."""
        return list(self._claims)

    @cached_property
    def _joined(self) -> Joined:
        return join([ls.statement.text for ls in self._claims])

    @cached_property
    def _matched(self) -> dict[tuple[str, int], list[LabelledStatement]]:
        return {}

    def claims_matching(self, pattern: re.Pattern[str]) -> list[LabelledStatement]:
        """The claims `pattern` finds a match in, in order: what `[ls for ls in claims() if pattern.search(ls.
        statement.text)]` keeps, with one search over all of them joined (audit.rules.scan.matching). Kept per
        pattern (its text and flags), for checks that share one (a request for comment: right-of-reply's
        both modes)."""
        key = (pattern.pattern, int(pattern.flags))
        found = self._matched.get(key)
        if found is None:
            found = self._matched[key] = [self._claims[i] for i in sorted(matching(pattern, self._joined))]
        return list(found)

    def lede(self) -> list[LabelledStatement]:
        return [ls for ls in self.claims() if ls.statement.paragraph <= self.rules.lede_paragraphs]

    def finding(self, check: Check, ls: LabelledStatement, severity: str | None = None, good: bool = False,
                excerpt: str | None = None) -> Finding:
        st = ls.statement
        return Finding(check.id, severity or check.severity, check.message, check.why, check.fix, st.index,
                       st.paragraph, st.start, st.end, _clip(excerpt if excerpt is not None else st.text), good)

    def near(self, index: int, window: int) -> str:
        """The statements from `window` before to `window` after one statement, joined."""
        lo, hi = max(index - window, 0), min(index + window, len(self.labelled) - 1)
        return " ".join(self.labelled[i].statement.text for i in range(lo, hi + 1))


def _clip(s: str) -> str:
    return clip(s, _EXCERPT)


_COMPILED: dict[tuple[int, int, str], tuple[Check, RuleSet, re.Pattern[str]]] = {}


def params_regex(check: Check, key: str, rules: RuleSet) -> re.Pattern[str]:
    """Compile params[key] (case-insensitive); {name} stands for a params list, a named pattern or a lexicon.

    Compiled once per check and rule set (held with both, so an id is never reused while cached)."""
    cached = _COMPILED.get((id(check), id(rules), key))
    if cached is not None and cached[0] is check and cached[1] is rules:
        return cached[2]
    pattern = _params_regex(check, key, rules)
    _COMPILED[(id(check), id(rules), key)] = (check, rules, pattern)
    return pattern


def _params_regex(check: Check, key: str, rules: RuleSet) -> re.Pattern[str]:
    raw = check.params.get(key)
    if not isinstance(raw, str):
        raise RulesError([f"{check.origin}: check {check.id!r}: params.{key} must be a pattern"])

    def sub(m: re.Match[str]) -> str:
        named = getattr(rules, "patterns", {}).get(m.group(1))
        if m.group(1) not in check.params and named is not None:
            return "(?:" + str(named.pattern) + ")"
        words = check.params.get(m.group(1), rules.lexicons.get(m.group(1)))
        if not isinstance(words, (list, tuple)):
            raise RulesError([f"{check.origin}: check {check.id!r}: params.{key} names {{{m.group(1)}}}, "
                              "which is neither a params list, a pattern nor a lexicon"])
        ordered = sorted(set(map(str, words)), key=lambda w: (-len(w), w))
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"

    try:
        compiled = cache.compile(_REF.sub(sub, raw), re.IGNORECASE, kept_in="check-params")
        cache.save()
        return compiled
    except re.error as exc:
        raise RulesError([f"{check.origin}: check {check.id!r}: params.{key} does not compile: {exc}"]) from None


def _first_statement(ctx: Context, src: Source) -> LabelledStatement | None:
    """Where a source is first cited: its first statement with an attribution of its own."""
    own = [i for i in src.statements if ctx.labelled[i].carried_from is None]
    candidates = own or list(src.statements)
    idx = candidates[0] if candidates else None
    if idx is None:
        idx = next((ls.index for ls in ctx.labelled for a in ls.attributions if a.source_text == src.description),
                   None)
    return None if idx is None or idx in ctx.skipped else ctx.labelled[idx]
