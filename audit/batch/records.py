"""An archive's inputs as one stream of records, cut into numbered chunks.

Inputs, by name: `.jsonl`/`.ndjson` (one article a line; each line is passed on as bytes and parsed by the
worker, so a broken line is that record's error), `.csv`/`.tsv` (a header row, one article a row), `.parquet`
(one article a row, read a batch at a time), `.warc`/`.warc.gz` (the HTML pages of `response` and `resource`
records, read with warcio), and folders and globs of article files (every format `check` reads). A path
with a scheme (`s3://...`) is opened through fsspec. Records come in the order of the inputs and, within an
input, of the file, so chunk k holds the same records whatever runs it.
"""
from __future__ import annotations

import contextlib
import csv
import glob
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from audit.errors import InputError

JSONL = (".jsonl", ".ndjson", ".jsonl.gz")
TABLES = {".csv": ",", ".tsv": "\t"}
WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True)
class Record:
    """One article as read, before it is parsed or audited: its input, where it is in it, and what it holds."""

    input: str  # the file it came from
    position: int  # 1-based line (JSONL, CSV), row (Parquet) or record (WARC); 0 for an article file
    kind: str  # json (payload: the line's bytes) | fields (a mapping) | file (a path) | html (a WARC page)
    payload: Any
    article_id: str | None = None  # the id a file or WARC record implies (the fields decide for the others)
    weight: int = 0  # bytes read, for the progress bar


@dataclass(frozen=True)
class Chunk:
    index: int  # 0-based; part-{index:06d} in every table
    records: tuple[Record, ...]

    @property
    def weight(self) -> int:
        return sum(r.weight for r in self.records)


def chunks(records: Iterable[Record], size: int) -> Iterator[Chunk]:
    """Consecutive runs of `size` records (the last may be shorter), numbered from 0."""
    batch: list[Record] = []
    index = 0
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield Chunk(index, tuple(batch))
            batch, index = [], index + 1
    if batch:
        yield Chunk(index, tuple(batch))


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Every input file, in order: archives as given, folders walked, globs expanded (sorted). A missing
    input, or a folder or glob with nothing readable in it, is an InputError (nothing has run yet)."""
    from audit.read.inputs import expand_paths

    out: list[str] = []
    for arg in inputs:
        if _remote(arg):
            out.extend(_remote_glob(arg))
        elif os.path.isfile(arg):
            out.append(arg)
        elif os.path.isdir(arg):
            out.extend(expand_paths([arg]))
        elif glob.has_magic(arg):
            out.extend(_glob(arg))
        else:
            raise InputError(f"{arg}: no such file, folder or pattern")
    return out


def _glob(pattern: str) -> list[str]:
    from audit.read.inputs import ARTICLE_EXTENSIONS, expand_paths

    matches = sorted(glob.glob(pattern, recursive=True), key=lambda p: Path(p).parts)
    found = [p for p in matches if os.path.isfile(p) and _archive(p)]
    folders = [p for p in matches if os.path.isdir(p)]
    found += [p for p in matches if os.path.isfile(p) and p.lower().endswith(ARTICLE_EXTENSIONS)]
    found += expand_paths(folders, []) if folders else []
    if not found:
        raise InputError(f"{pattern}: the pattern matches no archive or article file")
    return found


def total_bytes(paths: Iterable[str]) -> int:
    """The inputs' size on disk (0 for remote ones): the denominator of the progress bar."""
    return sum(os.path.getsize(p) for p in paths if not _remote(p) and os.path.isfile(p))


def read_records(paths: Iterable[str], roots: dict[str, str] | None = None,
                 columns: tuple[str, ...] = ()) -> Iterator[Record]:
    """The records of each input in turn; `roots` maps an article file to the folder it was found in (its id
    is its path under that folder, without the extension); `columns` are the table columns worth reading."""
    for path in paths:
        name = path.lower()
        if name.endswith(JSONL):
            yield from _jsonl(path)
        elif name.endswith(tuple(TABLES)):
            yield from _csv(path, TABLES[os.path.splitext(name)[1]])
        elif name.endswith(".parquet"):
            yield from _parquet(path, columns)
        elif name.endswith(WARC):
            yield from _warc(path)
        else:
            yield Record(path, 0, "file", path, _file_id(path, (roots or {}).get(path)), _size(path))


def _archive(path: str) -> bool:
    return path.lower().endswith((*JSONL, *TABLES, ".parquet", *WARC))


def _file_id(path: str, root: str | None) -> str:
    rel = os.path.relpath(Path(path).resolve(), root) if root else os.path.basename(path)
    return os.path.splitext(rel)[0].replace(os.sep, "/")


def _size(path: str) -> int:
    return 0 if _remote(path) else os.path.getsize(path)


def _remote(path: str) -> bool:
    return "://" in path


def _remote_glob(url: str) -> list[str]:
    import fsspec  # only for paths with a scheme; the user installs the backend (s3fs, gcsfs, ...)

    fs, _, found = fsspec.get_fs_token_paths(url)
    if not found:
        raise InputError(f"{url}: no such file or pattern")
    return [fs.unstrip_protocol(p) for p in sorted(found)]


def _open(path: str) -> IO[bytes]:
    if _remote(path):
        import fsspec

        return fsspec.open(path, "rb", compression="infer").open()  # type: ignore[no-any-return]
    if path.lower().endswith(".gz") and not path.lower().endswith(WARC):
        import gzip

        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def _jsonl(path: str) -> Iterator[Record]:
    with _open(path) as fh:
        for line_no, line in enumerate(fh, 1):
            if line.strip():
                yield Record(path, line_no, "json", line, None, len(line))


def _csv(path: str, delimiter: str) -> Iterator[Record]:
    csv.field_size_limit(1 << 30)
    with _open(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        start = 2
        for row in reader:
            weight = sum(len(v) for v in row.values() if isinstance(v, str))
            yield Record(path, start, "fields", dict(row), None, weight)
            start = reader.line_num + 1


def _parquet(path: str, columns: tuple[str, ...]) -> Iterator[Record]:
    import pyarrow.parquet as pq

    # a local file by its path: pyarrow reads it natively; a Python file object would have pyarrow's threads call
    # back into Python, and one still reading at exit aborted the process ("terminate called …")
    with (contextlib.nullcontext(path) if not _remote(path) else _open(path)) as fh:
        pf = pq.ParquetFile(fh)
        wanted = [c for c in pf.schema_arrow.names if c in columns] or None
        size = os.path.getsize(path) if not _remote(path) else 0
        rows = max(1, pf.metadata.num_rows)
        row = 0
        for batch in pf.iter_batches(batch_size=256, columns=wanted):
            for values in batch.to_pylist():
                row += 1
                yield Record(path, row, "fields", values, None, size // rows)


def _warc(path: str) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator

    with _open(path) as fh:
        for n, rec in enumerate(ArchiveIterator(fh, arc2warc=True), 1):
            if rec.rec_type not in ("response", "resource"):
                continue
            kind = (rec.http_headers.get_header("Content-Type") if rec.http_headers else None) \
                or rec.rec_headers.get_header("Content-Type") or ""
            if "html" not in kind.lower():
                continue
            body = rec.content_stream().read()
            url = rec.rec_headers.get_header("WARC-Target-URI")
            meta = {"url": url, "date": rec.rec_headers.get_header("WARC-Date"), "html": body}
            yield Record(path, n, "html", meta, url or rec.rec_headers.get_header("WARC-Record-ID"), len(body))


def roots_of(inputs: Iterable[str], paths: Iterable[str]) -> dict[str, str]:
    """For each article file found in a folder input, that folder (ids are paths under it)."""
    folders = [Path(a).resolve() for a in inputs if not _remote(a) and os.path.isdir(a)]
    out: dict[str, str] = {}
    for p in paths:
        resolved = Path(p).resolve()
        for folder in folders:
            if resolved.is_relative_to(folder):
                out[p] = str(folder)
                break
    return out
