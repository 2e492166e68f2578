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
- docx (.docx): the paragraphs, tables and text boxes in document order, one paragraph (or table cell
  paragraph) a line (audit.read.word); `raw` is None.

Standard input ("-") is read as bytes and decoded with the encoding; its name and format come from
--stdin-filename. Every problem with an input is an InputError with one line.
"""
from __future__ import annotations

import glob
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from audit.errors import InputError
from audit.read.files import article_limit, read_stream
from audit.read.text import decode_text, read_bytes, read_text
from audit.rules.cache import code_pattern

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".docx": "docx"}
STDIN = "-"
SIDECAR_SUFFIX = ".sourcing-audit.yaml"  # ARTICLE.md.sourcing-audit.yaml: the suppressions for ARTICLE.md
_BROKEN_ZIP = (KeyError, ValueError, EOFError, OSError, NotImplementedError, IndexError,
               RuntimeError,  # a part marked encrypted
               AttributeError, TypeError)  # what zipfile and python-docx raise on a damaged file (found by fuzzing)
MAX_DOCX_PARTS = 2000  # a Word document's zip parts (an ordinary one has 10 to 40)
MAX_DOCX_UNPACKED = 100 * 2**20  # bytes, every part unpacked (images included)


def _broken_zip() -> tuple[type[BaseException], ...]:
    """_BROKEN_ZIP with zipfile's and zlib's own errors: imported when a .docx is read, not in every run."""
    import zlib
    from zipfile import BadZipFile

    return (BadZipFile, zlib.error, *_BROKEN_ZIP)


@dataclass(frozen=True)
class SourceText:
    name: str  # the path as given, or --stdin-filename, or "<stdin>"
    text: str  # what the engine reads; for .txt and .md the same length as the file's text
    format: str  # text | markdown | html | docx
    raw: str | None  # the decoded file as written (for line and column), None for .html and .docx


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


_URL = code_pattern(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(arg: str) -> bool:
    """An address given as an input (`scheme://...`); the fetcher takes http and https, and says so for others."""
    return _URL.match(arg) is not None


def _expand(arg: str) -> list[str]:
    if arg == STDIN or is_url(arg):
        return [arg]
    if os.path.isfile(arg):
        if arg.endswith(SIDECAR_SUFFIX):  # a draft's suppressions (pre-commit passes every staged file): skip it
            return []
        if not arg.lower().endswith(ARTICLE_EXTENSIONS):
            raise InputError(f"{arg}: not an article file (sourcing-audit reads {', '.join(ARTICLE_EXTENSIONS)})")
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
    """Article files under a folder, recursively, sorted, hidden and git-ignored ones left out."""
    from audit.read.walk import walk_articles

    return walk_articles(folder, ARTICLE_EXTENSIONS)


def source_format(name: str) -> str:
    """The format a file name implies: text for .txt and anything unknown."""
    return FORMATS.get(os.path.splitext(name)[1].lower(), "text")


def load_source(path: str, encoding: str = "utf-8", stdin_filename: str | None = None) -> SourceText:
    """Read one input and turn it into the text the engine reads (see the module docstring)."""
    if path == STDIN:
        name = stdin_filename or "<stdin>"
        if sys.stdin is None:  # started with standard input closed (`<&-`)
            raise InputError(f"{name}: standard input is closed")
        data = read_stream(sys.stdin.buffer, article_limit(), name)
        return source_from_bytes(data, name, encoding, source_format(stdin_filename or ""))
    if is_url(path):
        return url_source(path, encoding)
    if source_format(path) == "docx":
        return SourceText(path, docx_text(read_bytes(path), path), "docx", None)
    return _from_text(read_text(path, encoding), path, source_format(path))


def url_source(url: str, encoding: str = "utf-8") -> SourceText:
    """A page fetched (audit.read.fetch: http(s) only, 10 s, 5 MB, five redirects) and read as a file of its
    type would be, HTML with the same extraction as .html files; named by its URL in every output."""
    from audit.extras import require

    require("html", f"{url}: fetching a URL")
    from audit.read.fetch import FetchPolicy, fetch_url

    page = fetch_url(url, FetchPolicy(allow_private=True))
    return source_from_bytes(page.data, url, encoding, source_format(page.name))


def source_from_bytes(data: bytes, name: str, encoding: str = "utf-8", fmt: str | None = None) -> SourceText:
    """An input given as bytes (standard input, an upload, a fetched page), its format from `name` unless given."""
    fmt = fmt or source_format(name)
    if fmt == "docx":
        return SourceText(name, docx_text(data, name), fmt, None)
    return _from_text(decode_text(data, name, encoding), name, fmt)


def _from_text(decoded: str, name: str, fmt: str) -> SourceText:
    if fmt == "markdown":
        from audit.read.markdown import markdown_view  # here: most inputs are plain text

        return SourceText(name, markdown_view(decoded, name), fmt, decoded)
    if fmt == "html":
        return SourceText(name, html_text(decoded, name), fmt, None)
    return SourceText(name, decoded, fmt, decoded)


def docx_text(data: bytes, name: str) -> str:
    """A Word document's paragraphs, one a line."""
    import docx  # python-docx; imported here, only .docx inputs need it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    _check_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        from audit.read.word import word_lines

        text = "\n".join(word_lines(document))
    except (*_broken_zip(), XMLSyntaxError, PackageNotFoundError) as exc:  # a damaged zip or XML, in any part
        reason = (str(exc.args[0]).splitlines() or [""])[0] if exc.args else type(exc).__name__
        raise InputError(f"{name}: not a readable Word document (.docx): {reason or type(exc).__name__}") from None
    if not text.strip():
        raise InputError(f"{name}: the Word document has no text")
    return text


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip bomb before python-docx unpacks it: too many parts, or too many bytes once unpacked.

    The sizes are the ones the zip declares; zipfile stops reading a part at its declared size, so a part
    cannot unpack to more than it says."""
    from zipfile import ZipFile

    try:
        with ZipFile(io.BytesIO(data)) as zf:
            parts = zf.infolist()
    except _broken_zip() as exc:
        raise InputError(f"{name}: not a readable Word document (.docx): {exc or type(exc).__name__}") from None
    if len(parts) > MAX_DOCX_PARTS:
        raise InputError(f"{name}: the Word document has {len(parts):,} parts, more than the {MAX_DOCX_PARTS:,} "
                         "sourcing-audit opens (a zip bomb?)")
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_DOCX_UNPACKED:
        raise InputError(f"{name}: the Word document unpacks to {unpacked / 2**20:,.0f} MB, more than the "
                         f"{MAX_DOCX_UNPACKED // 2**20} MB sourcing-audit unpacks (a zip bomb?)")


def html_text(html: str, name: str) -> str:
    """The article body of a web page, one paragraph a line, without scripts, navigation or boilerplate."""
    from audit.extras import require

    require("html", f"{name}: reading HTML")
    import trafilatura  # imported here: it is slow to import and only HTML inputs need it

    text = trafilatura.extract(html, include_comments=False, include_tables=True, include_images=False,
                               deduplicate=False, output_format="txt")
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    return text
