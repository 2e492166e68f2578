"""The four tables of a run (schemas in docs/batch.md), their rows, and writing one part of each atomically.

A run's folder holds `articles/`, `statements/`, `sources/` and `errors/`, each a folder of Parquet parts
named `part-NNNNNN.parquet` after the chunk that wrote them; pyarrow, pandas, DuckDB and Spark read a folder
as one table. A part is written to a hidden temporary file and moved into place, `articles` last: a chunk
whose `articles` part exists is complete. The folder may be remote (audit.batch.store).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from audit.batch.fields import Meta
from audit.batch.store import Store
from audit.models import DocumentResult, Label

NAMES = ("statements", "sources", "errors", "articles")  # the order parts are renamed in: articles last
LABEL_COLUMNS = tuple(label.value.replace("-", "_") for label in Label)

_FINDING = pa.struct([("check_id", pa.string()), ("severity", pa.string()), ("count", pa.int32())])
SCHEMAS = {
    "articles": pa.schema(
        [("article", pa.int64()), ("id", pa.string()), ("input", pa.string()), ("position", pa.int64()),
         ("outlet", pa.string()), ("date", pa.string()), ("month", pa.string()), ("url", pa.string()),
         ("title", pa.string()), ("format", pa.string()), ("statements", pa.int32()), ("words", pa.int32())]
        + [(f"{c}_{what}", typ) for c in LABEL_COLUMNS
           for what, typ in (("statements", pa.int32()), ("share", pa.float64()))]
        + [("cannot_check_share", pa.float64()), ("lede_statements", pa.int32()),
           ("lede_cannot_check_share", pa.float64()), ("distinct_sources", pa.int32()),
           ("top_source", pa.string()), ("top_source_share", pa.float64()),
           ("flesch_kincaid_grade", pa.float64()), ("flesch_reading_ease", pa.float64()),
           ("words_per_sentence", pa.float64()), ("verdict", pa.string()), ("verdict_reason", pa.string()),
           ("findings_error", pa.int32()), ("findings_warning", pa.int32()), ("findings_info", pa.int32()),
           ("findings", pa.list_(_FINDING)), ("error", pa.string())]),
    "statements": pa.schema(
        [("article", pa.int64()), ("article_id", pa.string()), ("index", pa.int32()), ("start", pa.int32()),
         ("end", pa.int32()), ("paragraph", pa.int32()), ("label", pa.string()),
         ("rule_ids", pa.list_(pa.string())), ("source_id", pa.string()), ("carried_from", pa.int32()),
         ("confidence", pa.float64()), ("text", pa.string())]),
    "sources": pa.schema(
        [("article", pa.int64()), ("article_id", pa.string()), ("source_id", pa.string()), ("name", pa.string()),
         ("kind", pa.string()), ("described_as", pa.string()), ("anonymity_reason", pa.string()),
         ("statements", pa.int32())]),
    "errors": pa.schema(
        [("article", pa.int64()), ("article_id", pa.string()), ("input", pa.string()), ("position", pa.int64()),
         ("message", pa.string())]),
}


def part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


def article_row(n: int, meta: Meta, where: tuple[str, int], doc: DocumentResult | None,
                error: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"article": n, "id": meta.id, "input": where[0], "position": where[1],
                           "outlet": meta.outlet, "date": meta.date, "month": meta.month, "url": meta.url,
                           "title": meta.title, "error": error, "findings": []}
    if doc is None:
        return row
    overall = doc.scores.overall
    row.update(format=doc.source_format, statements=overall.statements, words=overall.words,
               cannot_check_share=overall.uncheckable_share, lede_statements=doc.scores.lede.statements,
               lede_cannot_check_share=doc.scores.lede.uncheckable_share,
               distinct_sources=doc.scores.distinct_sources, top_source=doc.scores.top_source,
               top_source_share=doc.scores.top_source_share, verdict=doc.verdict.name,
               verdict_reason=doc.verdict.reason)
    for fig in overall.labels:
        col = fig.label.value.replace("-", "_")
        row[f"{col}_statements"], row[f"{col}_share"] = fig.statements, fig.statement_share
    if doc.readability is not None:
        r = doc.readability
        row.update(flesch_kincaid_grade=r.flesch_kincaid_grade, flesch_reading_ease=r.flesch_reading_ease,
                   words_per_sentence=r.words_per_sentence)
    counted = [f for f in doc.findings if not f.good]
    severities = Counter(f.severity for f in counted)
    for severity in ("error", "warning", "info"):
        row[f"findings_{severity}"] = severities.get(severity, 0)
    per_check = Counter((f.check_id, f.severity) for f in counted)
    row["findings"] = [{"check_id": c, "severity": s, "count": k} for (c, s), k in sorted(per_check.items())]
    return row


def statement_rows(n: int, article_id: str, doc: DocumentResult) -> list[dict[str, Any]]:
    return [{"article": n, "article_id": article_id, "index": s.index, "start": s.statement.start,
             "end": s.statement.end, "paragraph": s.statement.paragraph, "label": s.label.value,
             "rule_ids": list(s.rule_ids), "source_id": s.source_id, "carried_from": s.carried_from,
             "confidence": s.confidence, "text": s.statement.text} for s in doc.statements]


def source_rows(n: int, article_id: str, doc: DocumentResult) -> list[dict[str, Any]]:
    return [{"article": n, "article_id": article_id, "source_id": src.id, "name": src.name,
             "kind": src.kind.value, "described_as": src.description, "anonymity_reason": src.anonymity_reason,
             "statements": len(src.statements)} for src in doc.sources]


def write_parts(out: str, index: int, rows: dict[str, list[dict[str, Any]]]) -> None:
    """One part of each table, each written to a hidden temporary file first; moved into place in NAMES order."""
    store = Store(out)
    temps = []
    for name in NAMES:
        buf = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]), buf, compression="zstd")
        temps.append((store.write_temporary(buf.getvalue().to_pybytes(), name, part_name(index)), name))
    for tmp, name in temps:
        store.move_into_place(tmp, name, part_name(index))


def _parts(store: Store, name: str) -> list[str]:
    return [f for f in store.names(name) if f.startswith("part-") and f.endswith(".parquet")]


def done_parts(out: str) -> set[int]:
    """The chunks whose `articles` part is in place (the part moved into place last)."""
    return {int(f[5:11]) for f in _parts(Store(out), "articles")}


def remove_temporaries(out: str) -> None:
    """Temporary files a killed run left behind (never read: their names start with a dot)."""
    store = Store(out)
    for name in NAMES:
        for f in store.names(name):
            if f.startswith(".part-") and f.endswith(".tmp"):
                store.remove(name, f)


def count_rows(out: str, name: str) -> int:
    store = Store(out)
    total = 0
    for f in _parts(store, name):
        with store.open(name, f) as fh:  # read whole: pyarrow's threads never call back into a Python file
            total += pq.ParquetFile(pa.BufferReader(fh.read())).metadata.num_rows
    return total


def read_parts(out: str, name: str, columns: list[str] | None = None) -> Iterator[list[dict[str, Any]]]:
    """A table's rows, one part at a time, in part order."""
    store = Store(out)
    for f in _parts(store, name):
        with store.open(name, f) as fh:  # a part is one chunk: read whole (see count_rows)
            yield pq.read_table(pa.BufferReader(fh.read()), columns=columns).to_pylist()


def first_errors(out: str, limit: int) -> tuple[tuple[str, int, str], ...]:
    """The first `limit` rows of `errors`, in the inputs' order: (input, line or record, message)."""
    found: list[tuple[str, int, str]] = []
    for rows in read_parts(out, "errors"):
        found.extend((row["input"], row["position"], row["message"]) for row in rows)
        if len(found) >= limit:
            break
    return tuple(found[:limit])
