"""Source phrases: what kind of source a captured phrase names (the `source` rules), and its clean text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from audit.models import Attribution, Label, SourceKind, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

# Conjunctions before a source; "That" capitalised opens a sentence as a determiner ("That person said").
_TRIM_LEAD = code_pattern(r"^(?:[Ee]ven|[Aa]nd|[Bb]ut|[Ss]o|[Tt]hen|[Aa]lso|[Ww]hile|[Aa]s|that|which|[Bb]ecause)\s+")
_TRIM_TAIL = code_pattern(r"[\s,;:—–-]+$|\s+(?:also|then|later|now|has|have|had)$")


@dataclass(frozen=True)
class SourceVerdict:
    kind: SourceKind
    label: Label
    rule_id: str


def classify_source(phrase: str, ruleset: RuleSet, publisher: str | None = None) -> SourceVerdict | None:
    """The kind of a source phrase: the first `source` rule whose pattern matches it, else of its head.

    The head is the phrase cut where the rules file's SOURCE_HEAD_END pattern first matches ("Democrats in
    Iowa who watched the debate" -> "Democrats"), so long descriptions are judged by the noun they describe.
    A verdict depends on the phrase, the publisher and the rule set only, so it is kept in the rule set's memo.
    """
    memo = ruleset.memo
    key = ("source", phrase, publisher)
    if key in memo:
        return memo[key]  # type: ignore[return-value]
    if len(memo) > _MEMO_MAX:
        memo.clear()
    memo[key] = verdict = _classify_whole(phrase, ruleset, publisher)
    return verdict


_MEMO_MAX = 200_000


def _classify_whole(phrase: str, ruleset: RuleSet, publisher: str | None) -> SourceVerdict | None:
    verdict = _classify(phrase, ruleset, publisher)
    head_end = ruleset.patterns.get("SOURCE_HEAD_END")
    if verdict is None and head_end is not None:
        cut = head_end.search(phrase, 1)  # from 1: the head has at least one character
        if cut is not None:
            verdict = _classify(phrase[:cut.start()].rstrip(), ruleset, publisher)
    return verdict


def _classify(phrase: str, ruleset: RuleSet, publisher: str | None) -> SourceVerdict | None:
    for rule in ruleset.of_kind("source"):
        if rule.regex.search(phrase):
            assert rule.source_kind is not None and rule.label is not None
            if rule.source_kind is SourceKind.OUTLET and is_publisher(phrase, publisher):
                return SourceVerdict(SourceKind.ORGANISATION, Label.NAMED, rule.id)
            return SourceVerdict(rule.source_kind, rule.label, rule.id)
    return None


def is_publisher(phrase: str, publisher: str | None) -> bool:
    if not publisher:
        return False
    a, b = _norm(phrase), _norm(publisher)
    return bool(b) and (b in a or (a in b and len(a) > 3))


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower().replace("the ", " ")).strip()


def _clean_source(raw: str) -> tuple[str, int]:
    """Trim conjunctions and trailing adverbs from a captured source; returns (text, offset of its start)."""
    lead = _TRIM_LEAD.match(raw)
    cut = lead.end() if lead else 0
    text = _TRIM_TAIL.sub("", raw[cut:])
    return text.strip(), cut + (len(raw[cut:]) - len(raw[cut:].lstrip()))


def _tail_source(phrase: str, shift: int, ruleset: RuleSet, publisher: str | None
                 ) -> tuple[str, int, SourceVerdict | None]:
    """A captured phrase that runs over a clause boundary, judged by what follows its last clause word.

    The rules file's SOURCE_TAIL pattern ends where the last clause's subject begins ("Clinton beamed as she"
    -> "she"); without it, or when the tail is no source either, there is none.
    """
    tail = ruleset.patterns.get("SOURCE_TAIL")
    m = tail.match(phrase) if tail is not None else None
    if m is None or m.end() >= len(phrase):
        return phrase, shift, None
    return phrase[m.end():], shift + m.end(), classify_source(phrase[m.end():], ruleset, publisher)


_SINGULAR = code_pattern(r"^(?:a|an|one|another|the|this|that)\s", re.I)


def singular(phrase: str) -> bool:
    """A description of one person ("a senior official", "the spokeswoman"), not of a group ("officials")."""
    return bool(_SINGULAR.match(phrase)) and not phrase.rstrip().endswith("s")


def in_subordinate_clause(a: Attribution, st: Statement, subordinate: re.Pattern[str]) -> bool:
    """Whether an attribution's source stands in a subordinate clause (the rules file's SUBORDINATE_I, matched on
    the statement up to the end of the source): "While Sanders has pledged …, Devine suggested …"."""
    head = st.text[:max(a.source_end - st.start, 0)]
    # the pattern's clause runs to the end without a comma or a semicolon: search from the last one only (a search
    # over the whole head for each of a statement's attributions is quadratic in a long statement)
    return bool(subordinate.search(head, max(head.rfind(","), head.rfind(";"), 0)))
