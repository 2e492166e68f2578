"""Offsets to positions: a code-point offset into a document's text as (line, column), both 1-based.

Columns count Unicode code points, so the first character of a line is column 1 and a column is the
offset from the line's start plus one (SARIF `columnKind: unicodeCodePoints`). Lines end at "\n" only; a
"\r" before it counts as the line's last character. For .txt and .md inputs the text has the file's length
and newlines, so positions point into the file itself; for .html and .docx they point into the extracted
text, which has no lines in the file, so the formats give no position for those (see `has_lines`).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from audit.models import DocumentResult, Finding

#: Input formats whose text keeps the file's lines, so that a line and column point into the file.
LINE_FORMATS = ("text", "markdown")


def has_lines(doc: DocumentResult) -> bool:
    return doc.source_format in LINE_FORMATS


@dataclass(frozen=True)
class Region:
    """Where a finding is: start line and column, and the line and column just after its last character."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


class Locator:
    """Maps offsets in one text to (line, column); finds the line starts once, then bisects."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        at = find("\n")
        while at != -1:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the character at `offset`, 1-based; an offset past the end is clamped."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def region(self, start: int, end: int) -> Region:
        """The span [start, end) as a Region; the end column is exclusive (one past the last character)."""
        line, col = self.position(start)
        end_line, end_col = self.position(max(end, start))
        return Region(line, col, end_line, end_col)


def in_order(doc: DocumentResult) -> list[Finding]:
    """A document's findings in reading order (then by check id), the order every format lists them in."""
    return sorted(doc.findings, key=lambda f: (f.start, f.end, f.check_id))


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of `offset` in `text`, 1-based, columns in code points; for one-off look-ups."""
    return Locator(text).position(offset)
