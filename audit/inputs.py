"""Inputs to text: files, folders and globs to paths, and each format to the text the engine reads.

STUB (issue 4): plain text only; Markdown, HTML, Word and standard input come next.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.text import read_text


@dataclass(frozen=True)
class SourceText:
    name: str  # the path as given, or --stdin-filename, or "<stdin>"
    text: str  # what the engine reads; for .txt and .md the same length as the file's text
    format: str  # text | markdown | html | docx
    raw: str | None  # the decoded file as written (for line and column), None for .docx


def expand_paths(paths: list[str]) -> list[str]:
    return list(paths)


def load_source(path: str, encoding: str = "utf-8", stdin_filename: str | None = None) -> SourceText:
    text = read_text(path, encoding)
    return SourceText(path, text, "text", text)
