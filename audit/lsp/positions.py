"""Code-point offsets in a draft to LSP positions and back.

An LSP position is a 0-based line and a character counted in the code units of the position encoding the client
and server agreed on: UTF-16 unless the client offered another (LSP 3.17 `general.positionEncodings`), so "😀"
counts 2, "é" 1. Lines end at "\\n", "\\r\\n" or "\\r", as the protocol says. The audit's offsets count code
points into the text as read, which for .txt and .md drafts is the editor's text (a leading byte-order mark
aside: `shift`).
"""
from __future__ import annotations

from bisect import bisect_right

from audit.rules.cache import code_pattern

_LINE_END = code_pattern(r"\r\n|\r|\n")
ENCODINGS = ("utf-16", "utf-8", "utf-32")


def units(text: str, encoding: str = "utf-16") -> int:
    """How many code units of `encoding` the text takes."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class LineIndex:
    """One text's line starts, found once; maps offsets to (line, character) in an encoding, and back."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def _line_end(self, line: int) -> int:
        """Where line `line`'s text ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        return end - 2 if self.text.startswith("\r\n", end - 2) else end - 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of the code-point offset, 0-based; offsets past the end are clamped."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:min(offset, self._line_end(line))], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position; a character past the line's end means its end (LSP rule)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        at, end, count = self.starts[line], self._line_end(line), 0
        while at < end and count < character:
            count += units(self.text[at], self.encoding)
            at += 1
        return at
