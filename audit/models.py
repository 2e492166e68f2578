"""Every value that crosses a stage boundary: load -> split -> attribute -> label -> score -> check -> render."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def _pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle as (class, field values), so unpickling is one call of the class. `--jobs` workers hand every
    result back through a pipe; dataclasses' own pickling of slots classes looks the fields up again for each
    object, which was 60% of the parent's time unpickling results (a serial cost that held --jobs 2 back)."""
    cls.__reduce__ = _by_fields  # type: ignore[method-assign]
    return cls


def _by_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    """The object's own class (a subclass keeps its type and its fields) and its field values."""
    kind = type(self)
    values = _VALUES.get(kind) or _VALUES.setdefault(kind, _field_values(kind))
    return kind, values(self)


_VALUES: dict[type, Any] = {}  # class -> the function that gives an object's field values as a tuple


def _field_values(kind: type) -> Any:
    names = [f.name for f in fields(kind)]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        return lambda obj: (getattr(obj, names[0]),)
    return attrgetter(*names)


class Label(str, Enum):
    """The seven sourcing labels of GUIDELINES.md."""

    NAMED = "named-source"
    ANONYMOUS = "anonymous-source"
    SECONDHAND = "secondhand-report"
    LEAKED = "leaked-transcript"
    DOCUMENT = "document"
    UNATTRIBUTED = "unattributed"
    NONE = "none"

    def __str__(self) -> str:  # so f-strings and templates show the label itself
        return self.value


#: Labels whose statements a reader cannot check for themselves.
UNCHECKABLE = (Label.ANONYMOUS, Label.SECONDHAND, Label.LEAKED)


class SourceKind(str, Enum):
    """What kind of thing a source is; each kind implies a label."""

    PERSON = "named-person"
    ORGANISATION = "named-organisation"
    OUTLET = "news-outlet"
    DOCUMENT = "document"
    LEAK = "leaked-material"
    UNNAMED = "unnamed"

    def __str__(self) -> str:
        return self.value


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int  # 1-based, as shown to readers
    start: int
    end: int


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of the text, with code-point offsets into the text as read."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Match:
    """The text a rule matched: the evidence behind a label."""

    rule_id: str
    start: int
    end: int
    text: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue and the source it names, found in one statement."""

    rule_id: str
    statement: int
    cue: Match
    source_text: str
    source_start: int
    source_end: int
    kind: SourceKind
    label: Label
    kind_rule: str  # the source rule that decided the kind
    relay: str | None = None  # an outlet that relays the source ("told the Daily Mail")
    referent: Attribution | None = None  # a pronoun's: the source it stands for, as found (audit.label.referents)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quotation:
    start: int
    end: int
    statements: tuple[int, ...]
    attribution_statement: int | None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class LabelledStatement:
    statement: Statement
    label: Label
    rule_ids: tuple[str, ...]
    matches: tuple[Match, ...]
    source_id: str | None
    carried_from: int | None
    attributions: tuple[Attribution, ...] = ()
    confidence: float = 1.0

    @property
    def index(self) -> int:
        return self.statement.index


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """A distinct source of the article, once, with the statements that rely on it."""

    id: str
    name: str
    kind: SourceKind
    description: str
    statements: tuple[int, ...]
    paragraphs: tuple[int, ...]
    anonymity_reason: str | None
    relays: tuple[str, ...] = ()

    @property
    def named(self) -> bool:
        return self.kind is not SourceKind.UNNAMED


@dataclass(frozen=True)
class LabelFigure:
    label: Label
    statements: int
    statement_share: float
    words: int
    word_share: float


@dataclass(frozen=True)
class Mix:
    """The sourcing mix of a run of statements (the whole text, the lede or the rest)."""

    statements: int
    words: int
    labels: tuple[LabelFigure, ...]
    uncheckable: int
    uncheckable_share: float


@dataclass(frozen=True)
class Scores:
    overall: Mix
    lede: Mix
    rest: Mix
    lede_paragraphs: int
    distinct_sources: int
    top_source: str | None
    top_source_statements: int
    top_source_share: float
    sourced_statements: int


@dataclass(frozen=True)
class Readability:
    flesch_kincaid_grade: float
    flesch_reading_ease: float
    words_per_sentence: float
    words: int
    sentences: int
    syllables: int
    longest: tuple[int, ...]  # statement indexes, longest first


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    check_id: str
    severity: str  # error | warning | info
    message: str
    why: str
    fix: str
    statement: int | None
    paragraph: int | None
    start: int
    end: int
    excerpt: str
    good: bool = False  # a finding that reports good practice
    suppressed: bool = False  # accepted by the desk: kept in the output, marked, still counted
    suppression_reason: str | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Excluded:
    reason: str
    statement: int
    paragraph: int
    text: str


@dataclass(frozen=True)
class GateResult:
    """A document gate from the configuration: a threshold on a score, passed or failed."""

    id: str
    passed: bool
    message: str
    value: float
    threshold: float


@dataclass(frozen=True)
class Verdict:
    name: str  # PASS | REVIEW | FAIL
    reason: str
    fails: bool = False  # FAIL under a fail level other than `never`: `check` exits 1 (unless --exit-zero)
    fail_on: str | None = None  # the fail level it was judged at (error, warning, info, never; None: the rules')


@dataclass(frozen=True)
class DocumentResult:
    path: str
    text: str
    text_sha256: str
    paragraphs: tuple[Paragraph, ...]
    statements: tuple[LabelledStatement, ...]
    sources: tuple[Source, ...]
    quotations: tuple[Quotation, ...]
    scores: Scores
    readability: Readability | None
    findings: tuple[Finding, ...]
    excluded: tuple[Excluded, ...]
    verdict: Verdict
    publisher: str | None = None
    gates: tuple[GateResult, ...] = ()
    source_format: str = "text"  # text | markdown | html | docx: what `text` was extracted from
    file_text: str | None = None  # the file as written, when offsets index it too (lines are counted in it)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
