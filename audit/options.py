"""AuditOptions: what a front-end asks of the library, as one typed value built at the front-end's edge.

The CLI builds it from its flags, a web page from a request, a batch job from a record. Fields left at None
are not given: the settings file (or the default) decides them. Nothing below the front-ends sees argv.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditOptions:
    rules: tuple[str, ...] = ()  # rule files read after the default pack (and after the settings file's)
    publisher: str | None = None  # the outlet that wrote the article: "told <publisher>" is first-hand
    encoding: str | None = None  # the inputs' text encoding (default: the settings', else utf-8)
    select: tuple[str, ...] | None = None  # only these checks and gates (ids or prefixes)
    ignore: tuple[str, ...] | None = None  # leave out these checks, gates and labelling rules
    fail_on: str | None = None  # the severity that fails a document: error, warning, info or never
    config: str | None = None  # the settings file to read instead of discovering one
    stdin_filename: str | None = None  # the name (and format) of standard input, "-"
    readability: bool = True  # compute the readability figures
    formats: tuple[str, ...] = ("text",)  # the output formats wanted (the first is the main one)


def split_ids(text: str | None) -> tuple[str, ...] | None:
    """Comma-separated ids ("anonymous-,lede-") as a tuple; None stays None (not given)."""
    if text is None:
        return None
    return tuple(x.strip() for x in text.split(",") if x.strip())
