"""Inputs to text: files, folders and globs to paths, and each format to the text the engine reads.

What `SourceText.text` indexes, by format:

- text (.txt and any unknown extension): the decoded file, unchanged; `raw` is the same string.
- markdown (.md, .markdown): a *view* of the decoded file of exactly the same length, with the markup
  (heading #, emphasis markers, list bullets, blockquote >, link brackets and URLs, images, code blocks and
  inline code, HTML tags and comments, front matter, table pipes) replaced by spaces and line breaks kept,
  so every statement offset and line number points into the file as written; `raw` is the file. A soft
  line break inside a paragraph becomes a space, so a hard-wrapped paragraph stays one paragraph.
  Inline code and images are blanked whole (not prose); a link keeps its text. The
  markup is found from markdown-it-py's tokens: block tokens' line maps, and the source spans that the
  inline rules consume (recorded by wrapping those rules), never by parsing Markdown here.
- html (.html, .htm): the article body extracted by trafilatura (scripts, navigation and boilerplate
  dropped), one paragraph a line; offsets index that extracted text, and `raw` is None: there is no line
  and column in the HTML file to point at.
- docx (.docx): the paragraphs' text from python-docx, one a line; `raw` is None.

Standard input ("-") is read as bytes and decoded with the encoding; its name and format come from
--stdin-filename. Every problem with an input is an InputError with one line.
"""
from __future__ import annotations

import glob
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from audit.errors import InputError
from audit.read.text import decode_text, read_bytes, read_text

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".docx": "docx"}
STDIN = "-"


@dataclass(frozen=True)
class SourceText:
    name: str  # the path as given, or --stdin-filename, or "<stdin>"
    text: str  # what the engine reads; for .txt and .md the same length as the file's text
    format: str  # text | markdown | html | docx
    raw: str | None  # the decoded file as written (for line and column), None for .html and .docx


# --- paths -------------------------------------------------------------------------------------------

def expand_paths(paths: list[str], problems: list[InputError] | None = None) -> list[str]:
    """Files as given, folders walked for article files, globs expanded; first spelling of each path kept.

    A path that does not exist is kept, so that load_source reports it and the other inputs still run;
    a folder or a glob that matches no article file is an InputError, raised, or added to `problems` when
    a list is given (so the other arguments still run).
    """
    out: list[str] = []
    seen: set[str] = set()
    for arg in paths:
        try:
            expanded = _expand(arg)
        except InputError as exc:
            if problems is None:
                raise
            problems.append(exc)
            continue
        for path in expanded:
            key = path if path == STDIN else os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _expand(arg: str) -> list[str]:
    if arg == STDIN or os.path.isfile(arg):
        return [arg]
    if os.path.isdir(arg):
        walked = _walk(arg)
        if not walked:
            raise InputError(f"{arg}: no article files in this folder ({', '.join(ARTICLE_EXTENSIONS)})")
        return walked
    if glob.has_magic(arg):
        found: list[str] = []
        for match in sorted(glob.glob(arg, recursive=True), key=lambda p: Path(p).parts):
            found.extend(_walk(match) if os.path.isdir(match) else [match])
        if not found:
            raise InputError(f"{arg}: the pattern matches no article file")
        return found
    return [arg]  # missing: load_source says so


def _walk(folder: str) -> list[str]:
    """Article files under a folder, recursively, sorted, hidden folders and files left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, f) for f in files
                     if not f.startswith(".") and f.lower().endswith(ARTICLE_EXTENSIONS))
    return sorted(found, key=lambda p: Path(p).parts)


# --- loading -----------------------------------------------------------------------------------------

def source_format(name: str) -> str:
    """The format a file name implies: text for .txt and anything unknown."""
    return FORMATS.get(os.path.splitext(name)[1].lower(), "text")


def load_source(path: str, encoding: str = "utf-8", stdin_filename: str | None = None) -> SourceText:
    """Read one input and turn it into the text the engine reads (see the module docstring)."""
    if path == STDIN:
        name = stdin_filename or "<stdin>"
        data = sys.stdin.buffer.read()
        fmt = source_format(stdin_filename or "")
        if fmt == "docx":
            return SourceText(name, docx_text(data, name), fmt, None)
        decoded = decode_text(data, name, encoding)
    else:
        name, fmt = path, source_format(path)
        if fmt == "docx":
            return SourceText(name, docx_text(read_bytes(path), name), fmt, None)
        decoded = read_text(path, encoding)
    if fmt == "markdown":
        return SourceText(name, markdown_view(decoded, name), fmt, decoded)
    if fmt == "html":
        return SourceText(name, html_text(decoded, name), fmt, None)
    return SourceText(name, decoded, fmt, decoded)


def docx_text(data: bytes, name: str) -> str:
    """A Word document's paragraphs, one a line."""
    import docx  # python-docx; imported here, only .docx inputs need it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (BadZipFile, KeyError, ValueError, XMLSyntaxError, PackageNotFoundError, EOFError) as exc:
        reason = str(exc.args[0]).splitlines()[0] if exc.args else type(exc).__name__
        raise InputError(f"{name}: not a readable Word document (.docx): {reason}") from None
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise InputError(f"{name}: the Word document has no text")
    return text


def html_text(html: str, name: str) -> str:
    """The article body of a web page, one paragraph a line, without scripts, navigation or boilerplate."""
    import trafilatura  # imported here: it is slow to import and only HTML inputs need it

    text = trafilatura.extract(html, include_comments=False, include_tables=True, include_images=False,
                               deduplicate=False, output_format="txt")
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    return text


# --- Markdown ----------------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANKED_RULES = ("backticks", "image", "autolink", "html_inline")  # whole span is markup


class _Spans:
    """What the inline rules consumed in one inline token's content (offsets into that content)."""

    def __init__(self, tokens: list[Any]) -> None:
        self.tokens = tokens  # held so that its id stays unique while the parse runs
        self.links: list[tuple[int, int]] = []  # blanked first, then the labels shown again
        self.labels: list[tuple[int, int]] = []
        self.markup: list[tuple[int, int]] = []
        self.delimiters: list[tuple[Any, int, int]] = []
        self.replace: dict[int, str] = {}  # offset -> what the view shows there instead
        self.in_link = 0


def _spans(state: Any) -> _Spans:
    table = state.env.setdefault("_audit_spans", {})
    if id(state.tokens) not in table:
        table[id(state.tokens)] = _Spans(state.tokens)
    return table[id(state.tokens)]


def _recording(name: str, rule: Any) -> Any:
    def wrapped(state: Any, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        spans = _spans(state)
        spans.in_link += name == "link" and not silent
        try:
            ok = rule(state, silent)
        finally:
            spans.in_link -= name == "link" and not silent
        if ok and not silent:
            _record(name, spans, state, start, state.tokens[count:])
        return ok

    return wrapped


def _record(name: str, spans: _Spans, state: Any, start: int, new: list[Any]) -> None:
    end = state.pos
    if name == "link":
        spans.links.append((start, end))
    elif name in _BLANKED_RULES:
        spans.markup.append((start, end))
    elif name == "emphasis":  # one text token per marker; markup if the pairing used it
        for i, token in enumerate(new[-(end - start):]):
            spans.delimiters.append((token, start + i, start + i + 1))
    elif name == "escape":
        spans.markup.append((start, start + 1))  # the backslash
    elif name == "entity" and new and len(new[-1].content) <= end - start:
        shown = new[-1].content
        spans.replace.update({start + i: ch for i, ch in enumerate(shown.ljust(end - start))})


def _recording_tokenize(tokenize: Any) -> Any:
    def wrapped(state: Any) -> None:
        spans = _spans(state)
        if spans.in_link:
            spans.labels.append((state.pos, state.posMax))
        tokenize(state)

    return wrapped


def _used_delimiters(state: Any) -> None:
    """After emphasis pairing: a marker token that became em/strong (or was emptied) is markup."""
    spans = _spans(state)
    for token, start, end in spans.delimiters:
        if token.type != "text" or token.content == "":
            spans.markup.append((start, end))
    spans.delimiters.clear()


def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    md.disable("text_join")  # it swaps each inline token's children list, which keys the recorded spans
    for rule in md.inline.ruler.__rules__:
        md.inline.ruler.at(rule.name, _recording(rule.name, rule.fn))
    md.inline.ruler2.before("fragments_join", "audit_delimiters", _used_delimiters)
    md.inline.tokenize = _recording_tokenize(md.inline.tokenize)  # type: ignore[method-assign]
    return md


def markdown_view(source: str, name: str = "<markdown>") -> str:
    """The prose of a Markdown file at the offsets where it stands, markup blanked (see the docstring)."""
    env: dict[str, Any] = {}
    tokens = _parser().parse(source, env)
    lines = _lines(source)
    view = [ch if ch in "\r\n" else " " for ch in source]
    cursors: dict[int, int] = {}  # line -> where the next cell of a table row is looked for
    for token in tokens:
        if token.type == "inline" and token.map:
            spans = env.get("_audit_spans", {}).get(id(token.children))
            _show(view, source, lines, cursors, token.content, token.map[0], spans)
    text = "".join(view)
    if not text.strip():
        raise InputError(f"{name}: no prose in the Markdown (only markup, code or front matter)")
    return text


def _lines(source: str) -> list[tuple[int, int, int]]:
    """(start, end, end of the line break) of each line, as markdown-it counts lines."""
    out, start = [], 0
    for m in _LINE_BREAK.finditer(source):
        out.append((start, m.start(), m.end()))
        start = m.end()
    out.append((start, len(source), len(source)))
    return out


def _show(view: list[str], source: str, lines: list[tuple[int, int, int]], cursors: dict[int, int],
          content: str, first_line: int, spans: _Spans | None) -> None:
    """Copy one inline token's content into the view where it stands in the file, less its markup."""
    where: list[int | None] = []  # content offset -> file offset (None: not found in the file)
    breaks: dict[int, tuple[int, int]] = {}  # content offset of a line break -> its span in the file
    for i, part in enumerate(content.split("\n")):
        n = first_line + i
        start, end, brk = lines[n] if n < len(lines) else (0, 0, 0)
        col = source.find(part, cursors.get(n, start), end) if n < len(lines) else -1
        if col < 0:
            where.extend([None] * (len(part) + 1))
            continue
        cursors[n] = col + len(part)
        where.extend(range(col, col + len(part)))
        breaks[len(where)] = (end, brk)
        where.append(None)
    spans = spans or _Spans([])
    shown = [True] * len(content)
    for runs, value in ((spans.links, False), (spans.labels, True), (spans.markup, False)):
        for a, b in runs:
            shown[a:b] = [value] * (b - a)
    for c, pos in enumerate(where[:len(content)]):
        if c in breaks:  # a line break inside one paragraph (or heading, or cell): the lines join
            end, brk = breaks[c]
            view[end:brk] = [" "] * (brk - end)
        elif pos is not None and shown[c]:
            view[pos] = spans.replace.get(c, content[c])
