"""`summary`'s outputs from a Digest: one page set as HTML and PDF from templates/summary.html (the report's
stylesheet, letters and Okabe–Ito palette), and CSV tables for spreadsheets."""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from audit import __version__
from audit.batch.digest import BINS, Digest, MixRow
from audit.batch.tables import LABEL_COLUMNS
from audit.models import Label
from audit.present.annotate import STYLES, LabelStyle

CHART_ROWS = 25  # outlets (most articles first) and months (latest) drawn as bars; the tables list every one
BAR_WIDTH = 400.0


@dataclass(frozen=True)
class Segment:
    style: LabelStyle
    x: float
    width: float
    share: float


@dataclass(frozen=True)
class BarRow:
    row: MixRow
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Bin:
    label: str
    articles: int
    height: float  # of 100


@dataclass(frozen=True)
class SummaryContext:
    tool_version: str
    audit_date: str
    paper: str
    title: str
    digest: Digest
    legend: tuple[LabelStyle, ...]
    outlets: tuple[BarRow, ...]
    months: tuple[BarRow, ...]
    bins: tuple[Bin, ...]


def _bars(rows: tuple[MixRow, ...]) -> tuple[BarRow, ...]:
    out = []
    for row in rows:
        x, segments = 0.0, []
        for label, share in zip(Label, row.shares):
            width = round(share * BAR_WIDTH, 1)
            if width > 0:
                segments.append(Segment(STYLES[label], round(x, 1), width, share))
            x += share * BAR_WIDTH
        out.append(BarRow(row, tuple(segments)))
    return tuple(out)


def summary_context(digest: Digest, day: dt.date, paper: str = "a4") -> SummaryContext:
    biggest = max(1, *digest.histogram)
    bins = tuple(Bin(f"{10 * i}–{10 * (i + 1)}%", n, round(100 * n / biggest, 1))
                 for i, n in enumerate(digest.histogram))
    assert len(bins) == BINS
    return SummaryContext(__version__, day.isoformat(), paper, f"Sourcing of {digest.articles} articles",
                          digest, tuple(STYLES[label] for label in Label), _bars(digest.by_outlet[:CHART_ROWS]),
                          _bars(digest.by_month[-CHART_ROWS:]), bins)


def render_summary(digest: Digest, day: dt.date, paper: str = "a4") -> tuple[bytes, str]:
    """The summary as PDF bytes and as HTML, from the same template."""
    from audit.present.render import default_renderer

    renderer = default_renderer()
    html = renderer.html(summary_context(digest, day, paper), "summary.html")
    return renderer.html_to_pdf(html), html


def summary_csv(digest: Digest) -> dict[str, str]:
    """CSV tables by name: by-outlet, by-month, cannot-check (the histogram), most-reliant."""
    mix_header = ["articles", "statements", *(f"{c}_share" for c in LABEL_COLUMNS), "cannot_check_share",
                  "mean_article_cannot_check_share"]

    def mix(key: str, rows: tuple[MixRow, ...]) -> str:
        return _csv([key, *mix_header], [[r.key, r.articles, r.statements, *r.shares, r.cannot_check_share,
                                          r.mean_cannot_check] for r in rows])

    return {
        "by-outlet": mix("outlet", digest.by_outlet),
        "by-month": mix("month", digest.by_month),
        "cannot-check": _csv(["cannot_check_share_from", "cannot_check_share_to", "articles"],
                             [[i / BINS, (i + 1) / BINS, n] for i, n in enumerate(digest.histogram)]),
        "most-reliant": _csv(["id", "outlet", "date", "title", "statements", "anonymous_share", "secondhand_share"],
                             [[r.id, r.outlet, r.date, r.title, r.statements, r.anonymous_share,
                               r.secondhand_share] for r in digest.most_reliant]),
    }


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
