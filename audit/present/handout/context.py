"""The typed context of one handout page set: the student's (every answer field empty) or the key's.

The student's context is built without answers, not merely rendered without them, so no template can leak
one: labels, reasons and sources exist only in the key's context.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit import __version__
from audit.models import DocumentResult, Label
from audit.present.annotate import STYLES, LabelStyle
from audit.present.handout.options import HUNT_ROWS, HandoutOptions
from audit.present.handout.questions import Question, draw_questions
from audit.present.handout.reasons import alternative, label_reason, quote, source_answer
from audit.present.handout.select import Pick, eligible, select_statements
from audit.present.handout.teaching import OBJECTIVES, GlossaryEntry, Standard, glossary, standards
from audit.present.report import PAPER, Bar, SourceRow, article_title, excerpt, source_row
from audit.rules.ruleset import RuleSet

HUNT_EXCERPT = 32
UNSURE_EXCERPT = 40
UNSURE_MAX = 3
ROSTER_ROWS = (4, 10)  # blank roster rows on the student's sheet: at least, at most


@dataclass(frozen=True)
class Segment:
    text: str
    number: int | None  # the statement's number (from 1); None for text between statements
    style: LabelStyle | None = None  # the key only


@dataclass(frozen=True)
class ArticleParagraph:
    index: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class HuntRow:
    number: int
    paragraph: int
    excerpt: str
    hard: bool
    style: LabelStyle | None = None  # the rest: the key only
    reason: str = ""
    source: str = ""
    why: str = ""


@dataclass(frozen=True)
class Unsure:
    number: int
    paragraph: int
    style: LabelStyle
    confidence: float
    other: LabelStyle
    because: str
    excerpt: str  # in quotation marks


@dataclass(frozen=True)
class HandoutContext:
    key: bool
    title: str
    source: str
    paper: str
    audit_date: str  # empty: the handout prints no date of its own (students write theirs)
    tool_version: str
    level: str
    grade: str
    minutes: int
    objective: str
    standards: tuple[Standard, ...]
    glossary: tuple[GlossaryEntry, ...]
    letters: tuple[LabelStyle, ...]  # the tick boxes of the intro level
    article: tuple[ArticleParagraph, ...]
    hunt: tuple[HuntRow, ...]
    roster_rows: int  # blank rows on the student's sheet
    sources: tuple[SourceRow, ...]  # the key only
    questions: tuple[Question, ...]  # the student's carry prompts only
    bars: tuple[Bar, ...]  # the key only
    claims: int
    uncheckable_share: float
    top_source: str | None
    unsure: tuple[Unsure, ...]  # the key only


def build_contexts(result: DocumentResult, rules: RuleSet,
                   options: HandoutOptions) -> tuple[HandoutContext, HandoutContext]:
    """The student's context and the key's, from one result and one selection."""
    picks = select_statements(result, HUNT_ROWS[options.level], options.statements)
    key = _context(result, rules, options, picks, True)
    student = _context(result, rules, options, picks, False)
    return student, key


def _context(result: DocumentResult, rules: RuleSet, options: HandoutOptions, picks: tuple[Pick, ...],
             key: bool) -> HandoutContext:
    o = result.scores.overall
    questions = draw_questions(result, rules)
    if not key:
        questions = tuple(Question(q.paragraph, q.statement, q.kind, "", q.prompt, "", "") for q in questions)
    return HandoutContext(
        key=key, title=options.title or article_title(result), source=result.publisher or _file_name(result.path),
        paper=PAPER[options.paper], audit_date="", tool_version=__version__, level=options.level,
        grade=options.grade, minutes=options.minutes, objective=OBJECTIVES[options.level],
        standards=standards(options.grade),
        glossary=glossary(result.statements, {result.statements[p.index].statement.text for p in picks}),
        letters=tuple(STYLES.values()), article=_article(result, key), hunt=_hunt(result, rules, picks, key),
        roster_rows=min(max(len(result.sources), ROSTER_ROWS[0]), ROSTER_ROWS[1]),
        sources=tuple(source_row(s) for s in result.sources) if key else (), questions=questions,
        bars=tuple(Bar(STYLES[f.label], f.statements, round(f.statement_share, 3), f.words, round(f.word_share, 3))
                   for f in o.labels if f.label is not Label.NONE and f.statements) if key else (),
        claims=o.statements, uncheckable_share=round(o.uncheckable_share, 3),
        top_source=result.scores.top_source if key else None, unsure=_unsure(result) if key else ())


def _article(result: DocumentResult, key: bool) -> tuple[ArticleParagraph, ...]:
    by_paragraph: dict[int, list[Segment]] = {p.index: [] for p in result.paragraphs}
    cursor = {p.index: p.start for p in result.paragraphs}
    ends = {p.index: p.end for p in result.paragraphs}
    for ls in sorted(result.statements, key=lambda s: s.statement.start):
        st = ls.statement
        if st.start > cursor[st.paragraph]:
            by_paragraph[st.paragraph].append(Segment(result.text[cursor[st.paragraph]:st.start], None))
        by_paragraph[st.paragraph].append(Segment(st.text, ls.index + 1, STYLES[ls.label] if key else None))
        cursor[st.paragraph] = max(cursor[st.paragraph], st.end)
    for index, segments in by_paragraph.items():
        if ends[index] > cursor[index]:
            segments.append(Segment(result.text[cursor[index]:ends[index]], None))
    return tuple(ArticleParagraph(i, tuple(s)) for i, s in by_paragraph.items())


def _hunt(result: DocumentResult, rules: RuleSet, picks: tuple[Pick, ...], key: bool) -> tuple[HuntRow, ...]:
    rows = []
    for p in picks:
        ls = result.statements[p.index]
        row = HuntRow(p.index + 1, ls.statement.paragraph, excerpt(ls.statement.text, HUNT_EXCERPT), p.hard)
        if key:
            row = HuntRow(row.number, row.paragraph, row.excerpt, p.hard, STYLES[ls.label], label_reason(ls, rules),
                          source_answer(ls, result), p.why)
        rows.append(row)
    return tuple(rows)


def _unsure(result: DocumentResult) -> tuple[Unsure, ...]:
    """The claims the tool is least sure of that a reader could honestly label otherwise, one per pair of
    labels, lowest confidence first."""
    ranked = sorted((ls for ls in eligible(result) if ls.confidence < 1.0),
                    key=lambda ls: (ls.confidence, ls.index))
    out, seen = [], set()
    for ls in ranked:
        alt = alternative(ls, result)
        if alt is not None and (ls.label, alt[0]) not in seen:  # one of each kind of doubt
            seen.add((ls.label, alt[0]))
            out.append(Unsure(ls.index + 1, ls.statement.paragraph, STYLES[ls.label], round(ls.confidence, 2),
                              STYLES[alt[0]], alt[1], quote(excerpt(ls.statement.text, UNSURE_EXCERPT))))
    return tuple(out[:UNSURE_MAX])


def _file_name(path: str) -> str:
    """The article's file name for the sheet's header, not the folder it sat in on the teacher's machine."""
    return path.replace("\\", "/").rsplit("/", 1)[-1] or path
