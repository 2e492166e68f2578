"""The archive front-end: `sourcing-audit batch` and `summary` (issue 11).

An archive (JSONL, CSV, Parquet, WARC, folders and globs of article files) is read as a stream of records
(`records`), cut into numbered chunks of a fixed size, and each chunk is audited through the public library
(`audit.api`) by one function (`work.run_chunk`) that writes its rows as one part of each table, atomically
(`tables`). The same function runs in this process, in a pool of local processes, or on Dask workers
(`run`); the chunks and so the tables are the same whichever runs them. `summary` reads the `articles`
table back and renders the readable view (`summary`, `digest`). pyarrow comes with the `batch` extra, Dask
with the `dask` extra; `require` says so in one line when they are missing.
"""
from __future__ import annotations

import importlib.util

from audit.errors import UsageError

EXTRAS = {"batch": {"pyarrow": "pyarrow"}, "dask": {"dask": "dask", "distributed": "distributed"},
          "warc": {"warcio": "warcio"}}


def require(extra: str, what: str) -> None:
    """Raise a one-line UsageError naming the extra when its packages are not installed."""
    missing = [pip for module, pip in EXTRAS[extra].items() if importlib.util.find_spec(module) is None]
    if missing:
        wanted = "batch" if extra == "warc" else extra
        raise UsageError(f"{what} needs the {wanted} extra ({', '.join(missing)} missing): "
                         f"pip install 'sourcing-audit[{wanted}]'")
