"""Dependence shares, diversity and the lede split: pure arithmetic on the labelled statements."""
from __future__ import annotations

from collections import Counter

from audit.models import UNCHECKABLE, Label, LabelFigure, LabelledStatement, Mix, Scores, Source

SCORED = tuple(Label)


def word_count(text: str) -> int:
    return len(text.split())


def mix(statements: tuple[LabelledStatement, ...]) -> Mix:
    """Per label: count, share of statements, words, share of words; and the uncheckable share."""
    n = len(statements)
    counts = [word_count(s.statement.text) for s in statements]  # each counted once, not twice
    words = sum(counts)
    by_label = Counter(s.label for s in statements)
    words_by: Counter[Label] = Counter()
    for s, count in zip(statements, counts):
        words_by[s.label] += count
    figures = tuple(
        LabelFigure(lab, by_label[lab], _share(by_label[lab], n), words_by[lab], _share(words_by[lab], words))
        for lab in SCORED)
    unchecked = sum(by_label[lab] for lab in UNCHECKABLE)
    return Mix(n, words, figures, unchecked, _share(unchecked, n))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score(statements: tuple[LabelledStatement, ...], sources: tuple[Source, ...], lede_paragraphs: int,
          excluded: frozenset[int] = frozenset()) -> Scores:
    """The article's scores: its mix, the lede's and the rest's, and how concentrated its sources are.

    Claims are the statements not labelled `none` and not excluded (a paragraph's second copy).
    """
    claims = tuple(s for s in statements if s.label is not Label.NONE and s.index not in excluded)
    lede = tuple(s for s in claims if s.statement.paragraph <= lede_paragraphs)
    rest = tuple(s for s in claims if s.statement.paragraph > lede_paragraphs)
    sourced = [s for s in claims if s.label is not Label.UNATTRIBUTED]
    reliance = Counter(s.source_id for s in sourced if s.source_id)
    top_id, top_n = reliance.most_common(1)[0] if reliance else (None, 0)
    top_name = next((src.name for src in sources if src.id == top_id), None)
    return Scores(mix(claims), mix(lede), mix(rest), lede_paragraphs, len(sources), top_name, top_n,
                  _share(top_n, len(sourced)), len(sourced))
