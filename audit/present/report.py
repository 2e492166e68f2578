"""The audit report: one typed context per article, rendered to PDF (and HTML) from the templates."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit import __version__
from audit.errors import InputError, UsageError
from audit.models import DocumentResult, Finding, Label, Source
from audit.present.annotate import LEGEND, STYLES, LabelStyle, ParagraphView, annotate, for_display
from audit.rules.ruleset import SEVERITIES

if TYPE_CHECKING:
    from audit.rules.ruleset import RuleSet

SEVERITY_ORDER = {name: n for n, name in enumerate(SEVERITIES)}
PAPER = {"a4": "A4", "letter": "letter"}
TITLE_MAX = 120
REPORT_MAX_CHARS = 200_000  # characters of article text a report lays out (a long feature has 60,000; see README)
EXCERPT_MAX = 80  # characters of a sentence quoted again in "Method and limits"; the article has it in full


@dataclass(frozen=True)
class Bar:
    style: LabelStyle
    statements: int
    statement_share: float
    words: int
    word_share: float


@dataclass(frozen=True)
class LedeRow:
    style: LabelStyle
    lede: int
    lede_share: float
    rest: int
    rest_share: float


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one check: its why and fix once, then each place it fired."""

    check_id: str
    severity: str
    good: bool
    message: str
    why: str
    fix: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class SourceRow:
    id: str
    name: str
    description: str
    kind: str
    named: bool
    anonymity_reason: str
    relays: tuple[str, ...]
    paragraphs: tuple[int, ...]
    statements: int


@dataclass(frozen=True)
class Sentence:
    """A statement quoted in the readability or method section."""

    index: int
    paragraph: int
    words: int
    text: str
    style: LabelStyle
    confidence: float
    reason: str = ""  # why the checks left it out, for excluded text

    @property
    def excerpt(self) -> str:
        return excerpt(self.text)


@dataclass(frozen=True)
class ReadabilityView:
    grade: float
    ease: float
    words_per_sentence: float
    words: int
    sentences: int
    syllables: int
    longest: tuple[Sentence, ...]


@dataclass(frozen=True)
class ReportContext:
    """Everything the templates show, and nothing they must compute beyond layout."""

    title: str
    path: str
    paper: str
    audit_date: str
    tool_version: str
    rules_version: str
    publisher: str | None
    words: int
    statements: int
    not_claims: int
    paragraphs: int
    verdict: str
    verdict_reason: str
    summary: str
    top_findings: tuple[Finding, ...]
    distinct_sources: int
    top_source: str | None
    top_source_statements: int
    sourced_statements: int
    uncheckable: int
    uncheckable_share: float
    bars: tuple[Bar, ...]
    lede_paragraphs: int
    lede_rows: tuple[LedeRow, ...]
    lede_uncheckable_share: float
    rest_uncheckable_share: float
    findings: tuple[FindingGroup, ...]
    sources: tuple[SourceRow, ...]
    article: tuple[ParagraphView, ...]
    legend: tuple[LabelStyle, ...]
    readability: ReadabilityView | None
    excluded: tuple[Sentence, ...]
    unsure: tuple[Sentence, ...]


def build_context(result: DocumentResult, rules_version: str, audit_date: dt.date, title: str | None = None,
                  paper: str = "a4", unsure: int = 5) -> ReportContext:
    s = result.scores
    o = s.overall
    findings = sort_findings(result.findings)
    return ReportContext(
        title=title or article_title(result), path=result.path, paper=PAPER[paper],
        audit_date=audit_date.isoformat(), tool_version=__version__, rules_version=rules_version,
        publisher=result.publisher, words=o.words, statements=o.statements,
        not_claims=len(result.statements) - o.statements, paragraphs=len(result.paragraphs),
        verdict=result.verdict.name, verdict_reason=result.verdict.reason, summary=summary_sentence(result),
        top_findings=tuple(f for f in findings if not f.good)[:3], distinct_sources=s.distinct_sources,
        top_source=s.top_source, top_source_statements=s.top_source_statements,
        sourced_statements=s.sourced_statements, uncheckable=o.uncheckable,
        uncheckable_share=round(o.uncheckable_share, 3),
        bars=tuple(Bar(STYLES[f.label], f.statements, round(f.statement_share, 3), f.words, round(f.word_share, 3))
                   for f in o.labels if f.label is not Label.NONE),
        lede_paragraphs=s.lede_paragraphs,
        lede_rows=tuple(LedeRow(STYLES[a.label], a.statements, round(a.statement_share, 3), b.statements,
                                round(b.statement_share, 3))
                        for a, b in zip(s.lede.labels, s.rest.labels) if a.label is not Label.NONE),
        lede_uncheckable_share=round(s.lede.uncheckable_share, 3),
        rest_uncheckable_share=round(s.rest.uncheckable_share, 3),
        findings=group_findings(findings), sources=tuple(source_row(src) for src in result.sources),
        article=annotate(result), legend=LEGEND, readability=readability_view(result),
        excluded=tuple(_sentence(result, e.statement, e.reason) for e in result.excluded),
        unsure=least_sure(result, unsure))


def article_title(result: DocumentResult) -> str:
    """The first line of the article that is not boilerplate (a line labelled `none`), shortened for a title."""
    skip = {ls.statement.paragraph for ls in result.statements if ls.label is Label.NONE}
    para = next((p for p in result.paragraphs if p.index not in skip), None)
    line = result.text[para.start:para.end] if para else result.text.strip()
    line = " ".join(line.strip().splitlines()[0].split()) if line.strip() else result.path
    line = for_display(line)
    if len(line) <= TITLE_MAX:
        return line
    return line[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def summary_sentence(result: DocumentResult) -> str:
    o = result.scores.overall
    if not o.statements:
        return "The article makes no statements the tool could label."
    if not o.uncheckable:
        return f"None of the {o.statements} statements rests on a source a reader cannot check."
    verb = "rests on a source" if o.uncheckable == 1 else "rest on sources"
    return (f"{o.uncheckable} of {o.statements} statements {verb} a reader cannot check: "
            "anonymous, secondhand or leaked.")


def sort_findings(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Most serious first; good practice last; then in reading order."""
    return tuple(sorted(findings, key=lambda f: (f.good, SEVERITY_ORDER.get(f.severity, 3), f.paragraph or 0,
                                                 f.start, f.check_id)))


def group_findings(findings: tuple[Finding, ...]) -> tuple[FindingGroup, ...]:
    """One group per check, in the order of each check's most serious finding (findings come sorted)."""
    groups: dict[tuple[str, bool], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.check_id, f.good), []).append(f)
    return tuple(FindingGroup(fs[0].check_id, fs[0].severity, fs[0].good, fs[0].message, fs[0].why, fs[0].fix,
                              tuple(fs)) for fs in groups.values())


def source_row(src: Source) -> SourceRow:
    return SourceRow(src.id, for_display(src.name), for_display(src.description), src.kind.value, src.named,
                     for_display(src.anonymity_reason or "none given"), tuple(map(for_display, src.relays)),
                     src.paragraphs, len(src.statements))


def _sentence(result: DocumentResult, index: int, reason: str = "") -> Sentence:
    ls = result.statements[index]
    # numbered from 1 for readers, as in the annotated article
    return Sentence(ls.index + 1, ls.statement.paragraph, len(ls.statement.text.split()),
                    for_display(ls.statement.text),
                    STYLES[ls.label], round(ls.confidence, 2), reason)


def excerpt(text: str, limit: int = EXCERPT_MAX) -> str:
    """The sentence whole if it is short, else its first words up to `limit` characters and an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",;:—–- ") + "…"


def readability_view(result: DocumentResult) -> ReadabilityView | None:
    r = result.readability
    if r is None:
        return None
    return ReadabilityView(round(r.flesch_kincaid_grade, 1), round(r.flesch_reading_ease, 1),
                           round(r.words_per_sentence, 1), r.words, r.sentences, r.syllables,
                           tuple(_sentence(result, i) for i in r.longest))


def least_sure(result: DocumentResult, count: int) -> tuple[Sentence, ...]:
    ranked = sorted((s for s in result.statements if s.confidence < 1.0), key=lambda s: (s.confidence, s.index))
    return tuple(_sentence(result, s.index) for s in ranked[:count])


def parse_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date {text!r}: expected a date as YYYY-MM-DD") from None


@dataclass(frozen=True)
class RenderedReport:
    """One article's report: the PDF (with the JSON result attached) and, when asked for, the same page as HTML."""

    pdf: bytes
    html: str | None


def check_report_size(result: DocumentResult) -> None:
    """A report lays out the whole article; past REPORT_MAX_CHARS that takes minutes and gigabytes: refused."""
    if len(result.text) > REPORT_MAX_CHARS:
        raise InputError(f"{result.path}: {len(result.text):,} characters, more than the {REPORT_MAX_CHARS:,} a "
                         "report lays out; `sourcing-audit check` reads it, or split it into parts")


def render_report(result: DocumentResult, rules: RuleSet, audit_date: dt.date | None = None, title: str | None = None,
                  paper: str = "a4", html: bool = False, name: str = "report") -> RenderedReport:
    """Render one audited article as a PDF (and HTML) from the templates; `name` names the attached JSON file."""
    from audit.present.output import to_json
    from audit.present.render import PdfAttachment, default_renderer

    check_report_size(result)
    context = build_context(result, rules.version, audit_date or dt.date.today(), title, paper)
    renderer = default_renderer()
    when = dt.datetime.combine(dt.date.fromisoformat(context.audit_date), dt.time())
    data = to_json([result], rules, []).encode("utf-8")
    pdf = renderer.pdf(context, [PdfAttachment(f"{name}.audit.json", data,
                                               "sourcing-audit result (JSON, schema_version 1)", when)])
    return RenderedReport(pdf, renderer.html(context) if html else None)
