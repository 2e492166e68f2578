"""Which statements go in the source hunt: deterministic, and each pick with the reason it was picked.

The rule, in order: leave out what is not a claim and the second copy of a repeated paragraph; take the
clearest statement of each label the article has (a cue of its own, highest confidence, earliest), so every
label is hunted; then fill up to the level's number of rows, alternating a hard statement (carried over from
a quotation's attribution, or confidence below 1; lowest confidence first) and an easy one (a cue of its
own, confidence 1), each time from the label with the fewest rows so far; show them in reading order. The
teacher's --statements replace all of this; `advanced` takes every claim.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from audit.models import DocumentResult, Label, LabelledStatement
from audit.present.annotate import STYLES

#: the six labels of a claim, in the guidelines' order; `none` (not a claim: page furniture) is never hunted
ORDER = tuple(label for label in Label if label is not Label.NONE)


@dataclass(frozen=True)
class Pick:
    index: int  # the statement's index in the result (0-based; the handout prints index + 1)
    hard: bool
    why: str  # why it is in the hunt, for the key


def is_hard(ls: LabelledStatement) -> bool:
    """Hard: the label comes from a quotation's attribution elsewhere, or the tool is not fully sure."""
    return ls.carried_from is not None or ls.confidence < 1.0


def _why_hard(ls: LabelledStatement) -> str:
    if ls.carried_from is not None:
        return "hard: carried from a quotation"
    if ls.label is Label.UNATTRIBUTED:
        return "hard: no source to find"
    return f"hard: confidence {ls.confidence:.1f}"


def _ease(ls: LabelledStatement) -> tuple[bool, float, int]:
    return (ls.carried_from is not None, -ls.confidence, ls.index)


def eligible(result: DocumentResult) -> list[LabelledStatement]:
    """Every claim but those of a paragraph that repeats an earlier one (the engine's finding says which)."""
    repeats = {f.paragraph for f in result.findings if f.check_id == "duplicate-paragraph"}
    return [ls for ls in result.statements if ls.statement.paragraph not in repeats and ls.label is not Label.NONE]


def select_statements(result: DocumentResult, rows: int | None, chosen: tuple[int, ...] = ()) -> tuple[Pick, ...]:
    """The hunt's statements in reading order: the teacher's `chosen` (numbered from 1), every eligible one
    when `rows` is None, else the coverage-then-mix rule of this module's docstring."""
    if chosen:
        return tuple(Pick(n - 1, is_hard(result.statements[n - 1]), "chosen by the teacher") for n in chosen)
    pool = eligible(result)
    if rows is None:
        return tuple(Pick(ls.index, is_hard(ls), _why_hard(ls) if is_hard(ls) else "easy")
                     for ls in pool)
    picks: dict[int, Pick] = {}
    for label in ORDER:
        of_label = sorted((ls for ls in pool if ls.label is label), key=_ease)
        if of_label:
            ls = of_label[0]
            picks[ls.index] = Pick(ls.index, is_hard(ls), f"clearest {STYLES[label].name}")
    _fill(pool, picks, rows)
    return tuple(sorted(picks.values(), key=lambda p: p.index))


def _fill(pool: list[LabelledStatement], picks: dict[int, Pick], rows: int) -> None:
    """Add statements until `rows`: hard and easy in turn, each from the label with the fewest rows so far."""
    labels: Counter[Label] = Counter(ls.label for ls in pool if ls.index in picks)
    want_hard = True
    while len(picks) < rows:
        hard = [ls for ls in pool if ls.index not in picks and is_hard(ls)]
        easy = [ls for ls in pool if ls.index not in picks and not is_hard(ls)]
        if not hard and not easy:
            return
        if (want_hard and hard) or not easy:
            ls = min(hard, key=lambda s: (labels[s.label], s.confidence, s.index))
            picks[ls.index] = Pick(ls.index, True, _why_hard(ls))
        else:
            ls = min(easy, key=lambda s: (labels[s.label], s.index))
            picks[ls.index] = Pick(ls.index, False, "easy")
        labels[ls.label] += 1
        want_hard = not want_hard
