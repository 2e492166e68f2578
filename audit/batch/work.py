"""The per-chunk function: audit each record of a chunk through the library, write one part of each table.

The same function runs in this process, in a local process pool and on Dask workers; it takes one picklable
`ChunkJob` and returns small `ChunkStats`, so the rows never travel back to whoever scheduled it. A record
that cannot be audited (a broken JSON line, no text, undecodable or binary text, an article that raises)
becomes a row of `errors` and an `articles` row with its `error`; the chunk goes on.
"""
from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from typing import Any

from audit.api import AuditOptions, audit_data, audit_source
from audit.batch.fields import FieldMap, Meta, meta_of, pick
from audit.batch.records import Chunk, Record
from audit.errors import AuditError, ConfigError, RulesError
from audit.models import DocumentResult


@dataclass(frozen=True)
class ChunkJob:
    chunk: Chunk
    out: str  # the run's folder
    size: int  # records per chunk: chunk k's first article is number k * size
    fields: FieldMap
    options: AuditOptions
    outlet_is_publisher: bool = False  # audit each article with its outlet as --publisher


@dataclass(frozen=True)
class ChunkStats:
    index: int
    articles: int
    errors: int
    weight: int


class RecordError(Exception):
    """A record that cannot be audited; the message is one line, without the record's place."""


def run_chunk(job: ChunkJob) -> ChunkStats:
    rows: dict[str, list[dict[str, Any]]] = {"articles": [], "statements": [], "sources": [], "errors": []}
    from audit.batch import tables

    for i, record in enumerate(job.chunk.records):
        n = job.chunk.index * job.size + i
        meta, doc, error = audit_record(record, job)
        rows["articles"].append(tables.article_row(n, meta, (record.input, record.position), doc, error))
        if doc is not None:
            rows["statements"].extend(tables.statement_rows(n, meta.id, doc))
            rows["sources"].extend(tables.source_rows(n, meta.id, doc))
        else:
            rows["errors"].append({"article": n, "article_id": meta.id, "input": record.input,
                                   "position": record.position, "message": error})
    tables.write_parts(job.out, job.chunk.index, rows)
    return ChunkStats(job.chunk.index, len(job.chunk.records), len(rows["errors"]), job.chunk.weight)


def audit_record(record: Record, job: ChunkJob) -> tuple[Meta, DocumentResult | None, str | None]:
    """The record's metadata, and its audit or the one-line reason it has none."""
    default_id = record.article_id or f"{os.path.basename(record.input)}:{record.position}"
    meta = Meta(default_id)
    try:
        if record.kind == "file":
            return meta, audit_source(record.payload, job.options), None
        fields = _fields(record)
        meta = meta_of(fields, job.fields, default_id)
        options = job.options
        if job.outlet_is_publisher and meta.outlet:
            options = dataclasses.replace(options, publisher=meta.outlet)
        if record.kind == "html":
            return meta, audit_data(fields["html"], "page.html", options), None
        return meta, audit_data(_text(fields, job.fields), "article.txt",
                                dataclasses.replace(options, encoding="utf-8")), None
    except RecordError as exc:
        return meta, None, str(exc)
    except (RulesError, ConfigError):
        raise  # not one article's problem (checked before the run starts)
    except AuditError as exc:
        return meta, None, _unnamed(str(exc))
    except Exception as exc:  # an article that makes the engine raise is that article's error, not the run's
        return meta, None, f"the audit failed: {type(exc).__name__}: {exc}".splitlines()[0]


def _fields(record: Record) -> dict[str, Any]:
    if record.kind != "json":
        return dict(record.payload)
    try:
        value = json.loads(record.payload)
    except UnicodeDecodeError as exc:
        raise RecordError(f"not valid UTF-8 at byte {exc.start} of the line") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON at character {exc.pos + 1} of the line: {exc.msg}") from None
    if not isinstance(value, dict):
        raise RecordError(f"not a JSON object but {type(value).__name__}")
    return value


def _text(fields: dict[str, Any], names: FieldMap) -> bytes:
    value = pick(fields, names.text)
    if value is None:
        raise RecordError(f"no text: none of the fields {', '.join(names.text)} (name it with --text-field)")
    if not isinstance(value, str):
        raise RecordError(f"the text field holds {type(value).__name__}, not text")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordError(f"the text is not valid UTF-8 (at character {exc.start})") from None


def _unnamed(message: str) -> str:
    """An InputError's message without the stand-in name this module gave the record."""
    for name in ("article.txt: ", "page.html: "):
        if message.startswith(name):
            message = message[len(name):]
    return message.replace("looks like a binary file", "looks like binary data")
