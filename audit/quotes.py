"""Quotations: where they open and close (straight, curly and single marks), and the text with them masked."""
from __future__ import annotations

from audit.models import Paragraph

MASK = "\x01"
_OPEN_DOUBLE = "“«"
_CLOSE_DOUBLE = "”»"
_MIN_MASK_WORDS = 5  # shorter quotations (titles, scare quotes) stay visible to the rules


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def find_quotations(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[tuple[int, int], ...]:
    """Outermost quotations as (start, end) spans, marks included.

    A quotation still open at a paragraph's end runs on when the next paragraph opens with a quotation
    mark (the news convention for a quotation over several paragraphs); otherwise it ends there.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    kind = ""  # "d" double or "s" single, for the outermost open quotation
    for pi, para in enumerate(paragraphs):
        depth_single = 0  # single quotation marks nested inside a double quotation
        i = para.start + (1 if open_at is not None else 0)  # skip the mark that re-opens a run-on quotation
        while i < para.end:
            ch = text[i]
            prev = text[i - 1] if i > para.start else " "
            nxt = text[i + 1] if i + 1 < para.end else " "
            if open_at is None:
                if ch in _OPEN_DOUBLE or (ch == '"' and not _is_letter(prev)):
                    open_at, kind = i, "d"
                elif (ch == "‘" or (ch == "'" and not _is_letter(prev))) and (_is_letter(nxt) or nxt in "“\"…"):
                    open_at, kind = i, "s"
            elif kind == "d":
                if ch in _CLOSE_DOUBLE or ch == '"':
                    spans.append((open_at, i + 1))
                    open_at = None
                elif ch == "‘":
                    depth_single += 1
                elif ch == "’" and depth_single and not _is_letter(nxt):
                    depth_single -= 1
            elif kind == "s" and ch in "’'" and not _is_letter(nxt):
                spans.append((open_at, i + 1))
                open_at = None
            i += 1
        if open_at is not None:
            following = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            runs_on = following is not None and text[following.start] in ("“\"" if kind == "d" else "‘'")
            if not runs_on:
                spans.append((open_at, para.end))
                open_at = None
    return tuple(spans)


def mask_quotations(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text with the inside of each long quotation replaced by MASK (marks and newlines kept)."""
    if not spans:
        return text
    parts: list[str] = []
    cursor = 0
    for start, end in spans:
        inner = text[start + 1:end - 1]
        if len(inner.split()) < _MIN_MASK_WORDS:
            continue
        parts.append(text[cursor:start + 1])
        parts.append("".join("\n" if c == "\n" else MASK for c in inner))
        cursor = end - 1
    parts.append(text[cursor:])
    return "".join(parts)
