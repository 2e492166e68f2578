"""Input files to plain text with offsets, and the text to paragraphs and statements (sentences) with spans.

Sentences come from Bling Fire's sentence breaker (chosen by measuring it on the dev gold: boundary F1
0.957 against pysbd 0.927 and syntok 0.953, and about 20x faster than pysbd). The text is never
normalised: every offset is a code-point offset into the text exactly as decoded.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from audit.errors import InputError
from audit.models import Paragraph, Statement
from audit.rules.cache import code_pattern
from audit.rules.words import need_pattern

_LINE = code_pattern(r"[^\n]+")
_BLANK = code_pattern(r"^[\s\ufeff\u200b\u200c\u200d\u2060]*$")
_SOFT_END = code_pattern(r"[A-Za-z0-9,;’'\"”-]\s*$")  # a line that stops mid-sentence
_SENTENCE_END = code_pattern(r"[.?!…:”’\"')\]]\s*$")
_CONTINUES = code_pattern(r"[a-z,;)\]]")  # a statement that cannot start a sentence
# a dash and a name after a closing quotation mark sign the quotation ("“…” — Jo Park, a delegate"): one statement
_SIGNATURE = code_pattern(r"(?:—|–|--)\s*[A-Z][^.!?“”\"]{1,80}\.?$")
_SPLITTER = None


def read_bytes(path: str | Path) -> bytes:
    """An article file's bytes (a regular file, within the size limit); every problem becomes one InputError line."""
    from audit.read.files import read_limited

    return read_limited(path)


def read_text(path: str | Path, encoding: str = "utf-8") -> str:
    """Read a plain-text article file."""
    return decode_text(read_bytes(path), str(path), encoding)


def decode_text(data: bytes, name: str, encoding: str = "utf-8") -> str:
    """Decode bytes, refusing binary data and naming the first undecodable byte."""
    if b"\x00" in data:  # anywhere, not only at the start: a NUL would be copied into the JSON and HTML
        raise InputError(f"{name}: looks like a binary file (NUL bytes); give a text article")
    try:
        # a UTF-8 byte-order mark is not text: offsets index the text after it
        text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding} at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            f"say what it is with --encoding, e.g. --encoding cp1252"
        ) from None
    except (UnicodeError, ValueError, TypeError) as exc:  # codecs such as punycode or idna fail without a position
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(f"{name}: cannot decode as {encoding}: {reason}; give a text encoding such as utf-8 or "
                         "cp1252 with --encoding") from None
    if not isinstance(text, str):
        raise InputError(f"{name}: {encoding!r} is not a text encoding")
    if is_blank(text):
        raise InputError(f"{name}: the file is empty (nothing but white space)")
    return text


def is_blank(text: str) -> bool:
    """Nothing but white space, byte-order marks and zero-width characters."""
    return _BLANK.match(text) is not None


def clip(s: str, limit: int) -> str:
    """White space folded, cut to `limit` characters with an ellipsis: an excerpt for a finding."""
    s = " ".join(s.split())
    return s if len(s) <= limit else s[:limit - 1].rstrip() + "…"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_paragraphs(text: str, join_wrapped: bool = True) -> tuple[Paragraph, ...]:
    """Paragraphs are lines; a hard-wrapped line (ends mid-sentence, next starts lower-case) is joined.

    `join_wrapped=False` for text whose lines are already paragraphs (Markdown, HTML and Word inputs).
    """
    spans: list[list[int]] = []
    prev_soft = False
    for m in _LINE.finditer(text):
        line = m.group()
        if _BLANK.match(line):
            prev_soft = False
            continue
        first = line.lstrip()[:1]
        if join_wrapped and prev_soft and spans and first.islower() and m.start() == spans[-1][1] + 1:
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
        prev_soft = bool(_SOFT_END.search(line)) and not _SENTENCE_END.search(line)
    paragraphs = []
    for n, (start, end) in enumerate(spans, 1):
        seg = text[start:end]
        start += len(seg) - len(seg.lstrip())
        end -= len(seg) - len(seg.rstrip())
        paragraphs.append(Paragraph(n, start, end))
    return tuple(paragraphs)


def _load_splitter() -> Any:
    """Bling Fire's sentence breaker from its shared library, without importing the package (and numpy)."""
    import ctypes
    import importlib.util

    spec = importlib.util.find_spec("blingfire")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the blingfire package is not installed")
    for folder in spec.submodule_search_locations:
        for name in ("libblingfiretokdll.so", "libblingfiretokdll.dylib", "blingfiretokdll.dll"):
            lib = Path(folder) / name
            if lib.exists():
                return ctypes.CDLL(str(lib)).TextToSentencesWithOffsets
    import blingfire  # an unusual layout: let the package find its library

    return blingfire.blingfire.TextToSentencesWithOffsets


def _sentence_ends(chunk: str) -> list[int]:
    """Where Bling Fire ends each sentence of `chunk`, as code-point offsets.

    We call the library's TextToSentencesWithOffsets ourselves: its Python wrapper maps byte offsets to
    code points one byte at a time (1.3 s against 0.8 s here over the 840 PolNeAR training texts); here
    ASCII text needs no mapping and other text is decoded once, slice by slice. The results are the same
    (checked on 6,630 paragraphs).
    """
    data = chunk.replace("\n", " ").encode("utf-8")
    limit = len(data) * 2 + 16
    splitter = _splitter(limit)
    n = splitter.call(data, limit)
    if n == -1 or n > limit:
        return [len(chunk)]
    byte_ends = sorted({min(e + 1, len(data)) for e in splitter.ends[:splitter.sentences(n)]})
    if chunk.isascii():
        return byte_ends
    chars, done, result = 0, 0, []
    for b in byte_ends:
        chars += len(data[done:b].decode("utf-8", "ignore"))
        done = b
        result.append(chars)
    return result


class _Splitter:
    """Bling Fire's entry point with its three output buffers, made once and grown when a paragraph needs more
    (allocating and zeroing them per paragraph was a seventh of `check`'s time). Each call gives the library
    the size the paragraph needs, not the buffers' size: it zeroes that many offsets of both arrays first
    (512 KB per paragraph at the buffers' first size was 6% of `check`'s instructions)."""

    def __init__(self, size: int) -> None:
        from ctypes import byref, c_int32, create_string_buffer

        global _SPLITTER
        if _SPLITTER is None:
            _SPLITTER = _load_splitter()
        self.size, self.entry = size, _SPLITTER
        self.out, self.starts, self.ends = create_string_buffer(size), (c_int32 * size)(), (c_int32 * size)()
        self.refs = (byref(self.out), byref(self.starts), byref(self.ends))  # made once: ctypes is slow per call

    def call(self, data: bytes, limit: int) -> int:
        """Split `data`; `limit` (at most the buffers' size) bounds the output as the library reads it. ctypes
        passes bytes as char * and an int as int."""
        return int(self.entry(data, len(data), *self.refs, min(limit, self.size)))

    def sentences(self, n: int) -> int:
        """How many sentences the last call wrote (its output up to the first NUL, one line per sentence)."""
        from ctypes import string_at

        return string_at(self.out, n).split(b"\0", 1)[0].count(b"\n") + 1


_BUFFERS: list[_Splitter] = []


def _splitter(size: int) -> _Splitter:
    if not _BUFFERS or _BUFFERS[0].size < size:
        _BUFFERS[:] = [_Splitter(max(size, 1 << 16))]
    return _BUFFERS[0]


def split_statements(text: str, paragraphs: tuple[Paragraph, ...] | None = None,
                     patterns: Mapping[str, re.Pattern[str]] | None = None) -> tuple[Statement, ...]:
    """Statements cover every paragraph's text in order; none crosses a paragraph boundary.

    `patterns`: the rule set's named patterns (none: Bling Fire's breaks alone); its END_BEFORE_TITLE adds sentence
    ends Bling Fire misses before a title, and TITLE_END joins a statement that ends on a title to the next."""
    patterns = {} if patterns is None else patterns
    title_end, before_title = patterns.get("TITLE_END"), patterns.get("END_BEFORE_TITLE")
    quick = need_pattern(before_title) if before_title is not None else None  # a paragraph it misses: no search
    paragraphs = split_paragraphs(text) if paragraphs is None else paragraphs
    out: list[Statement] = []
    for para in paragraphs:
        chunk = text[para.start:para.end]
        ends = sorted({min(max(b, 0), len(chunk)) for b in _sentence_ends(chunk)} | {len(chunk)}
                      | ({m.end() for m in before_title.finditer(chunk)}
                         if before_title is not None and (quick is None or quick.search(chunk)) else set()))
        cursor = 0
        for b in ends:
            seg = chunk[cursor:b]
            s = para.start + cursor + len(seg) - len(seg.lstrip())
            e = para.start + b - (len(seg) - len(seg.rstrip()))
            if e > s and out and out[-1].paragraph == para.index and (
                    _CONTINUES.match(text[s:e]) or (title_end is not None and title_end.search(out[-1].text))
                    or (out[-1].text[-1:] in "”\"’" and _SIGNATURE.match(text[s:e]))):
                prev = out.pop()  # a false break ("Sens. Jon Tester (D-Mont.) | and David Vitter", "Mr. | Obama")
                s = prev.start
            if e > s:
                out.append(Statement(len(out), s, e, para.index, text[s:e]))
            cursor = b
    return tuple(out)
