"""HTML comments in a Markdown or HTML file, as its parser reads them: the places a suppression can stand.

Markdown: markdown-it-py's `html_block` and `html_inline` tokens (a comment in a code fence, an indented
code block or inline code is code, not a comment). HTML: the comments Python's HTML tokenizer
(html.parser) reports (`<!--` in a <script> or <style> is not one, and `&lt;!--` is text). Offsets are
code-point offsets into the file as decoded, with 1-based line and column.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser

from audit.rules.cache import code_pattern

_COMMENT = code_pattern(r"<!--(.*?)-->", re.DOTALL)
_LINE = code_pattern(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Comment:
    start: int  # the offset of `<!--`
    end: int  # the offset just after `-->`
    body: str  # what stands between them
    line: int
    column: int


def find_comments(raw: str, fmt: str) -> tuple[Comment, ...]:
    """The comments of a "markdown" or "html" file, in file order; none for any other format."""
    if fmt == "markdown":
        spans = _markdown_comments(raw)
    elif fmt == "html":
        spans = _html_comments(raw)
    else:
        return ()
    starts = _line_starts(raw)
    out = []
    for start, end in spans:
        line = bisect_right(starts, start)
        out.append(Comment(start, end, raw[start + 4:end - 3], line, start - starts[line - 1] + 1))
    return tuple(out)


def _line_starts(raw: str) -> list[int]:
    return [0] + [m.end() for m in _LINE.finditer(raw)]


def _markdown_comments(raw: str) -> list[tuple[int, int]]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    tokens = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).parse(raw)
    starts = _line_starts(raw)
    found: list[tuple[int, int]] = []
    cursor = 0
    for token in tokens:
        if token.type == "html_block" and token.map:
            pieces = [m.group(0) for m in _COMMENT.finditer(token.content)]
        elif token.type == "inline" and token.map:
            pieces = [c.content for c in token.children or () if c.type == "html_inline"
                      and c.content.startswith("<!--")]
        else:
            continue
        for piece in pieces:  # where the parser's comment stands in the file: the first match from its line on
            at = raw.find(piece, max(cursor, starts[min(token.map[0], len(starts) - 1)]))
            if at < 0:  # a comment over lines inside a blockquote or list: the file has the markers
                first = piece.split("\n", 1)[0]
                at = raw.find(first, max(cursor, starts[min(token.map[0], len(starts) - 1)]))
                close = raw.find("-->", at) if at >= 0 else -1
                if close < 0:
                    continue
                found.append((at, close + 3))
                cursor = close + 3
                continue
            found.append((at, at + len(piece)))
            cursor = at + len(piece)
    return found


class _Comments(HTMLParser):
    def __init__(self, starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = starts
        self.found: list[tuple[int, int]] = []

    def handle_comment(self, data: str) -> None:
        line, col = self.getpos()  # the position of `<!--` while its comment is handled
        start = self.starts[line - 1] + col
        self.found.append((start, start + len(data) + 7))


def _html_comments(raw: str) -> list[tuple[int, int]]:
    # html.parser counts lines at "\n" only; a lone "\r" is not a line break to it
    parser = _Comments([0] + [m.end() for m in re.finditer("\n", raw)])
    parser.feed(raw)
    parser.close()
    return [(a, b) for a, b in parser.found if raw.startswith("<!--", a) and raw.startswith("-->", b - 3)]
