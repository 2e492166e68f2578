"""The annotated article of the report: each paragraph cut into plain text and labelled statements.

Each label has a letter, an underline style and an Okabe–Ito colour, so a statement's label still reads
on a greyscale photocopy (by the letter and the line) and for colour-blind readers.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.models import DocumentResult, Label, LabelledStatement
from audit.rules.cache import code_pattern


@dataclass(frozen=True)
class LabelStyle:
    label: str  # the label itself, e.g. "anonymous-source"; also the CSS class suffix
    name: str  # for readers, e.g. "anonymous source"
    letter: str
    colour: str  # Okabe–Ito
    line: str  # the underline, in words, for the legend


STYLES = {
    Label.NAMED: LabelStyle("named-source", "named source", "N", "#009E73", "solid underline"),
    Label.ANONYMOUS: LabelStyle("anonymous-source", "anonymous source", "A", "#D55E00", "wavy underline"),
    Label.SECONDHAND: LabelStyle("secondhand-report", "secondhand report", "S", "#E69F00", "dashed underline"),
    Label.LEAKED: LabelStyle("leaked-transcript", "leaked transcript", "L", "#CC79A7", "double underline"),
    Label.DOCUMENT: LabelStyle("document", "document", "D", "#0072B2", "line above and below"),
    Label.UNATTRIBUTED: LabelStyle("unattributed", "unattributed", "U", "#56B4E9", "dotted underline"),
    Label.NONE: LabelStyle("none", "not a claim", "X", "#777777", "no line, grey text"),
}
LEGEND = tuple(STYLES.values())


WORD_MAX = 60  # characters of one word shown in a report; a longer one is cut (layout cost grows with it)
TEXT_MAX = 3000  # characters of one statement shown in a report; the rest is cut, with a note
_LONG_WORD = code_pattern(rf"\S{{{WORD_MAX + 1},}}")


def for_display(text: str) -> str:
    """Text as a report shows it: a word longer than WORD_MAX and a text longer than TEXT_MAX cut, each cut
    saying how much it left out (an unbreakable 40 KB word took WeasyPrint 75 s to lay out)."""
    text = _LONG_WORD.sub(lambda m: f"{m.group()[:WORD_MAX]}…[+{len(m.group()) - WORD_MAX:,} characters]", text)
    if len(text) > TEXT_MAX:
        text = text[:TEXT_MAX] + f" […cut for display: {len(text) - TEXT_MAX:,} more characters]"
    return text


@dataclass(frozen=True)
class Evidence:
    """A rule behind a label and the text it matched, if any."""

    rule_id: str
    text: str


@dataclass(frozen=True)
class Note:
    """Why a statement has its label: the margin note beside its paragraph."""

    index: int
    style: LabelStyle
    evidence: tuple[Evidence, ...]
    carried_from: int | None
    confidence: float


@dataclass(frozen=True)
class Segment:
    text: str
    note: Note | None  # None for text between statements


@dataclass(frozen=True)
class ParagraphView:
    index: int
    segments: tuple[Segment, ...]
    notes: tuple[Note, ...]


def note(ls: LabelledStatement) -> Note:
    evidence = [Evidence(m.rule_id, for_display(m.text)) for m in ls.matches]
    matched = {m.rule_id for m in ls.matches}
    evidence += [Evidence(r, "") for r in ls.rule_ids if r not in matched]
    # readers count from 1: statement 0 of the JSON is S1 here
    carried = None if ls.carried_from is None else ls.carried_from + 1
    return Note(ls.index + 1, STYLES[ls.label], tuple(evidence), carried, round(ls.confidence, 2))


def annotate(result: DocumentResult) -> tuple[ParagraphView, ...]:
    by_paragraph: dict[int, list[LabelledStatement]] = {}
    for ls in result.statements:
        by_paragraph.setdefault(ls.statement.paragraph, []).append(ls)
    views = []
    for para in result.paragraphs:
        statements = sorted(by_paragraph.get(para.index, []), key=lambda s: s.statement.start)
        segments: list[Segment] = []
        cursor = para.start
        for ls in statements:
            if ls.statement.start > cursor:
                segments.append(Segment(for_display(result.text[cursor:ls.statement.start]), None))
            segments.append(Segment(for_display(ls.statement.text), note(ls)))
            cursor = max(cursor, ls.statement.end)
        if para.end > cursor:
            segments.append(Segment(for_display(result.text[cursor:para.end]), None))
        views.append(ParagraphView(para.index, tuple(segments), tuple(s.note for s in segments if s.note)))
    return tuple(views)
