"""A loaded RuleSet kept on disk, in the start-up cache's folder (audit.rules.cache): the next run with the same
rule files and the same loading code reads it back instead of parsing the YAML, expanding the lexicons into
tries and compiling the patterns (those were about half of a one-article `check`).

The key holds the snapshot's format, the Python version and `re`'s engine, each rule file's path and the
SHA-256 of its bytes, and the size and time of every module the loading runs (audit/rules and the few modules
it reads through), so that an edit to a rules file or to the loader makes a new snapshot. A pattern of the
default pack is kept as the program `re` builds it from (cache.program), and built straight from it, as the
regex cache does: the same program, so the same matches. A user's pattern (the regex module's, audit.rules.budget)
is kept as that module pickles it. The prefilter's reading of the patterns (the "needs" table of
audit.rules.anchors) goes with them, so a run reads no other table to start. A snapshot that cannot be read,
or that does not rebuild, is ignored: it only ever saves time. SOURCING_AUDIT_CACHE=off turns it off with the
rest of the cache.
"""
from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import io
import os
import pickle
import re
import sys
from pathlib import Path
from typing import Any

from audit.rules import cache
from audit.rules.ruleset import RuleSet

_FORMAT = 2  # raise with every change to what is stored
_KEPT = 8  # snapshots kept in the folder (other rule files, other checkouts); the oldest go first
_PACKAGE = Path(__file__).resolve().parents[1]
_READ_THROUGH = ("models.py", "errors.py", "resources.py", "read/yamlnodes.py", "read/files.py")
_LIBRARIES = ("yaml", "regex")  # what parses the rule files and compiles user patterns


def key(files: list[tuple[str, bytes]]) -> str:
    """The snapshot's name for these rule files (path and bytes, in load order) under the code as it is now."""
    digest = hashlib.sha256(repr((_FORMAT, sys.version_info[:2], cache.engine(), _code_stamp())).encode())
    for path, data in files:
        digest.update(path.encode("utf-8", "surrogatepass") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def load(name: str) -> RuleSet | None:
    """The RuleSet saved under `name`, or None (no cache, no such snapshot, or one that does not rebuild)."""
    where = cache.folder()
    if where is None:
        return None
    path = where / f"ruleset-{name}.pickle"
    try:
        with open(path, "rb") as fh:
            values, needs = pickle.load(fh)
        found = RuleSet(*values)
        cache.seed("needs", needs)
    except Exception:  # a missing, truncated or stale file: load the rules as if there were none
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: the last to be dropped (save keeps the _KEPT most recent)
    return found


def save(name: str, ruleset: RuleSet) -> None:
    """Keep `ruleset` under `name` (written atomically: another process may be reading), and drop old ones."""
    where = cache.folder()
    if where is None:
        return
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, re.Pattern: _reduce_pattern}
    try:
        pickler.dump((tuple(getattr(ruleset, f.name) for f in dataclasses.fields(RuleSet)), _needs(ruleset)))
        where.mkdir(parents=True, exist_ok=True)
        tmp = where / f"ruleset-{name}.pickle.{os.getpid()}.tmp"
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, where / f"ruleset-{name}.pickle")
        old = sorted(where.glob("ruleset-*.pickle"), key=_mtime, reverse=True)[_KEPT:]
        for path in old:
            path.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def _needs(ruleset: RuleSet) -> dict[Any, Any]:
    """The entries of the start-up cache's "needs" table (audit.rules.anchors) for this rule set's patterns and
    gates, worked out when it was loaded: kept with it, so that a run never reads the whole table."""
    texts = {p.pattern for r in ruleset.rules for p in (r.regex, r.requires) if p is not None}
    return {k: v for k, v in cache.known("needs").items()
            if isinstance(k, tuple) and k and (k[0] in texts or (k[0] == "exact" and k[1:2] and k[1] in texts))}


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _reduce_pattern(pattern: re.Pattern[str]) -> tuple[Any, ...]:
    program = cache.program_of(pattern)
    if program is None:
        return re.compile, (pattern.pattern, pattern.flags)
    return cache.rebuild, (pattern.pattern, program)


def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of each module that loading a rules file runs, and of the YAML parser and
    the regex module (found, not imported): a new release of either makes a new snapshot."""
    paths = sorted(p for p in (_PACKAGE / "rules").iterdir() if p.suffix == ".py")
    paths += [_PACKAGE / name for name in _READ_THROUGH]
    paths += [p for p in (cache.package_file(name, "__init__.py") for name in _LIBRARIES) if p is not None]
    out = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        out.append((path.name, info.st_size, info.st_mtime_ns))
    return tuple(out)
