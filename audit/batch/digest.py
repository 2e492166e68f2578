"""A run's `articles` table boiled down for `summary`: the sourcing mix by outlet and by month, the spread of
the cannot-check share, and the articles most reliant on anonymous or secondhand sourcing. The parts are
read one at a time (only the columns needed), so a run of millions of articles fits in memory.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from audit.batch.tables import LABEL_COLUMNS
from audit.errors import InputError

BINS = 10  # the cannot-check share in tenths: 0-10%, 10-20%, ... 90-100%
MIN_STATEMENTS = 5  # an article needs this many statements to be listed among the most reliant
_COLUMNS = ["id", "outlet", "month", "date", "title", "statements", "cannot_check_share", "error",
            *(f"{c}_statements" for c in LABEL_COLUMNS)]


@dataclass(frozen=True)
class MixRow:
    """The sourcing mix of a group of articles: statement-weighted shares per label."""

    key: str  # the outlet or month ("(none)" when the archive did not say)
    articles: int
    statements: int
    shares: tuple[float, ...]  # one per label, in LABEL_COLUMNS order
    cannot_check_share: float  # of the group's statements
    mean_cannot_check: float  # the mean of the articles' shares


@dataclass(frozen=True)
class Reliant:
    id: str
    outlet: str
    date: str
    title: str
    statements: int
    anonymous_share: float
    secondhand_share: float

    @property
    def share(self) -> float:
        return self.anonymous_share + self.secondhand_share


@dataclass(frozen=True)
class Digest:
    run: str
    articles: int
    audited: int
    errors: int
    overall: MixRow
    by_outlet: tuple[MixRow, ...]  # most articles first
    by_month: tuple[MixRow, ...]  # in date order
    histogram: tuple[int, ...]  # articles per tenth of the cannot-check share
    most_reliant: tuple[Reliant, ...]


class _Group:
    def __init__(self) -> None:
        self.articles = self.statements = 0
        self.labels = [0] * len(LABEL_COLUMNS)
        self.share_sum = 0.0

    def add(self, statements: int, labels: list[int], share: float) -> None:
        self.articles += 1
        self.statements += statements
        self.labels = [a + b for a, b in zip(self.labels, labels)]
        self.share_sum += share

    def row(self, key: str) -> MixRow:
        total = max(1, self.statements)
        shares = tuple(round(n / total, 4) for n in self.labels)
        cannot = sum(self.labels[LABEL_COLUMNS.index(c)] for c in _UNCHECKABLE) / total
        return MixRow(key, self.articles, self.statements, shares, round(cannot, 4),
                      round(self.share_sum / max(1, self.articles), 4))


_UNCHECKABLE = ("anonymous_source", "secondhand_report", "leaked_transcript")


def digest_run(run: str, top: int = 20) -> Digest:
    from audit.batch.tables import done_parts, read_parts

    if not done_parts(run):
        raise InputError(f"{run}: no articles table here (is it the --out of a batch run?)")
    overall = _Group()
    outlets: defaultdict[str, _Group] = defaultdict(_Group)
    months: defaultdict[str, _Group] = defaultdict(_Group)
    histogram = [0] * BINS
    heap: list[tuple[float, tuple[int, ...], int, Reliant]] = []
    articles = errors = 0
    for rows in read_parts(run, "articles", _COLUMNS):
        for r in rows:
            articles += 1
            if r["error"] is not None or not r["statements"]:
                errors += r["error"] is not None
                continue
            labels = [r[f"{c}_statements"] or 0 for c in LABEL_COLUMNS]
            share = r["cannot_check_share"] or 0.0
            for group in (overall, outlets[r["outlet"] or "(none)"], months[r["month"] or "(none)"]):
                group.add(r["statements"], labels, share)
            histogram[min(BINS - 1, int(share * BINS))] += 1
            if r["statements"] >= MIN_STATEMENTS:
                item = _reliant(r, labels)
                entry = (item.share, _negate(item.id), -articles, item)
                heapq.heappush(heap, entry) if len(heap) < top else heapq.heappushpop(heap, entry)
    by_outlet = sorted((g.row(k) for k, g in outlets.items()), key=lambda m: (-m.articles, m.key))
    by_month = sorted((g.row(k) for k, g in months.items()), key=lambda m: m.key)
    reliant = tuple(e[3] for e in sorted(heap, key=lambda e: (-e[0], e[3].id, -e[2])))
    return Digest(run, articles, overall.articles, errors, overall.row("all articles"), tuple(by_outlet),
                  tuple(by_month), tuple(histogram), reliant)


def _negate(text: str) -> tuple[int, ...]:
    """A key that sorts strings backwards, so that among equal shares the heap keeps the first ids."""
    return tuple(-ord(c) for c in text)


def _reliant(r: dict[str, object], labels: list[int]) -> Reliant:
    n = int(str(r["statements"]))
    anonymous = labels[LABEL_COLUMNS.index("anonymous_source")] / n
    secondhand = labels[LABEL_COLUMNS.index("secondhand_report")] / n
    return Reliant(str(r["id"]), str(r["outlet"] or ""), str(r["date"] or ""), str(r["title"] or ""), n,
                   round(anonymous, 4), round(secondhand, 4))
