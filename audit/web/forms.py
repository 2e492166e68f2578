"""The web front-end's edge: a submitted form (or API request) to an article's bytes and one AuditOptions value.

Nothing from a request names a file on this machine: an upload's name is cut to a safe base name whose
extension picks the format, and pasted text is always `pasted.txt`.
"""
from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from audit.errors import InputError
from audit.options import AuditOptions
from audit.web.config import WebConfig

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
PASTED = "pasted.txt"
PASTED_FORMATS = ("txt", "md", "html")  # what pasted text may be: its name's extension
PAPERS = ("a4", "letter")
FIELD_MAX = 200  # characters of a title or publisher


class WebError(InputError):
    """A request the page cannot serve, with the HTTP status to answer and one line for the user."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Article:
    name: str  # a safe file name: its extension gives the format
    data: bytes
    url: str | None = None  # where it was fetched from, for URL inputs


@dataclass(frozen=True)
class Request:
    """What one submitted form asks for."""

    article: Article
    options: AuditOptions
    title: str | None
    paper: str

    @property
    def payload(self) -> str:
        """The article's bytes for the download forms (the server keeps nothing between requests)."""
        return base64.b64encode(self.article.data).decode("ascii")


def safe_name(filename: str) -> str:
    """An upload's base name, letters, digits, dots, dashes and underscores only; its extension must be known."""
    base = re.split(r"[\\/]", filename)[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot or "." + ext.lower() not in EXTENSIONS:
        raise WebError(f"{base[:100]!r}: unknown file type; give a .txt, .md, .html or .docx file", 415)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "upload"
    return f"{stem}.{ext.lower()}"


def checked(data: bytes, name: str, config: WebConfig) -> Article:
    if len(data) > config.article_max:
        raise WebError(f"{name}: the article is over the {config.article_max // (1024 * 1024)} MB limit", 413)
    if not data.strip():
        raise WebError(f"{name}: the text is empty; paste an article or choose a file")
    return Article(name, data)


def _text(form: Any, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


async def _upload(form: Any, key: str) -> tuple[str, bytes] | None:
    upload = form.get(key)
    if upload is None or isinstance(upload, str) or not upload.filename:
        return None
    data: bytes = await upload.read()
    return upload.filename, data


async def article_from(form: Any, config: WebConfig, prefix: str = "") -> Article:
    """The one input a form gives: a file, pasted text, or (for the main form) a URL to fetch."""
    upload = await _upload(form, prefix + "file")
    text = form.get(prefix + "text")
    text = text if isinstance(text, str) and text.strip() else None
    url = _text(form, prefix + "url")
    given = [x for x in (upload, text, url) if x]
    if not given:
        raise WebError("nothing to audit: paste an article's text, choose a file, or give a URL")
    if len(given) > 1:
        raise WebError("give one input: pasted text, a file, or a URL, not several")
    if upload is not None:
        return checked(upload[1], safe_name(upload[0]), config)
    if text is not None:
        kind = _text(form, prefix + "pasted") or "txt"
        if kind not in PASTED_FORMATS:
            raise WebError(f"pasted text: {kind[:20]!r} is not one of {', '.join(PASTED_FORMATS)}")
        return checked(text.encode("utf-8"), f"pasted.{kind}", config)
    return await _fetched(url, config)


async def _fetched(url: str, config: WebConfig) -> Article:
    from starlette.concurrency import run_in_threadpool

    from audit.web.fetch import FetchPolicy, fetch_url

    policy = FetchPolicy(config.allow_private_urls, config.also_allowed, config.fetch_timeout, config.article_max)
    page = await run_in_threadpool(fetch_url, url, policy)
    return dataclasses.replace(checked(page.data, page.name, config), url=page.url)


def options_from(form: Any, config: WebConfig) -> tuple[AuditOptions, str | None, str]:
    """The server's options with what the form adds (the publisher), the report's title, and its paper size."""
    publisher = _text(form, "publisher")[:FIELD_MAX] or None
    title = _text(form, "title")[:FIELD_MAX] or None
    paper = _text(form, "paper") or "a4"
    if paper not in PAPERS:
        raise WebError(f"paper: {paper[:20]!r} is not one of a4, letter")
    options = dataclasses.replace(config.options, publisher=publisher or config.options.publisher,
                                  formats=("json",))
    return options, title, paper


async def request_from(form: Any, config: WebConfig) -> Request:
    """A main-form or API request: the article from its text, file or URL field."""
    options, title, paper = options_from(form, config)
    return Request(await article_from(form, config), options, title, paper)


def download_from(form: Any, config: WebConfig) -> Request:
    """A download form: the article's bytes come back base64-encoded with their safe name."""
    options, title, paper = options_from(form, config)
    try:
        data = base64.b64decode(_text(form, "payload"), validate=True)
    except (binascii.Error, ValueError):
        raise WebError("the download form is damaged; audit the article again") from None
    name = safe_name(_text(form, "name") or PASTED)
    return Request(checked(data, name, config), options, title, paper)
