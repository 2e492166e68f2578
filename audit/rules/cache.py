"""What start-up would otherwise redo every run, kept on disk: compiled regex programs and the syllable table.

Compiling the rule pack's patterns is most of loading it (about 0.15 s of a 0.3 s load), and every run compiles
the same patterns. Python's `re` turns a pattern into a program (a list of integers) and builds the pattern
object from it; `compile` keeps each program in a file keyed by the pattern's text and flags, and builds the
object straight from it next time: the same program, so the same matches. The cache lives in
$SOURCING_AUDIT_CACHE (or $XDG_CACHE_HOME/sourcing-audit, else ~/.cache/sourcing-audit), one file per
Python version and `re` engine; SOURCING_AUDIT_CACHE=off turns it off. A cache that cannot be read or written
is ignored: it only ever saves time.
"""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's engine: builds a pattern from its program
import array
import atexit
import marshal
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

_MAX_ENTRIES = 20_000  # beyond this (rules edited many times over), start again
_ENTRIES: dict[str, dict[Any, Any]] = {}
_CHANGED: set[str] = set()
_SEEDED: dict[str, dict[Any, Any]] = {}
_V = TypeVar("_V", int, str)


def folder() -> Path | None:
    env = os.environ.get("SOURCING_AUDIT_CACHE")
    if env is not None:
        return None if env.lower() in ("", "off", "0", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sourcing-audit"


def table(name: str) -> dict[Any, Any]:
    """The cached table `name` (read once per process; empty when there is none)."""
    if name not in _ENTRIES:
        _ENTRIES[name] = {}
        where = folder()
        try:
            if where is not None:
                with open(where / _file(name), "rb") as fh:
                    loaded = marshal.load(fh)
                if isinstance(loaded, dict):
                    _ENTRIES[name] = loaded
        except (OSError, EOFError, ValueError, TypeError):
            pass
    return _ENTRIES[name]


def seed(name: str, entries: dict[Any, Any]) -> None:
    """Entries of table `name` known without reading its file (a rule set's snapshot carries those of its own
    patterns, audit.rules.snapshot): `lookup` answers from them first."""
    _SEEDED.setdefault(name, {}).update(entries)


def lookup(name: str, key: Any) -> Any:
    """The entry `key` of table `name` (None when there is none): a seeded one, else the table's."""
    seeded = _SEEDED.get(name)
    if seeded is not None and key in seeded:
        return seeded[key]
    return table(name).get(key)


def known(name: str) -> dict[Any, Any]:
    """Every entry of table `name` this process knows: the table's and the seeded ones."""
    return {**table(name), **_SEEDED.get(name, {})}


def store(name: str, key: Any, value: Any) -> None:
    entries = table(name)
    if len(entries) >= _MAX_ENTRIES:
        entries.clear()
    entries[key] = value
    if name == "code" and name not in _CHANGED:
        atexit.register(save)  # the code's own patterns are met at import, with no later place to save them
    _CHANGED.add(name)


def save() -> None:
    """Write the tables that changed (atomically: another process may be reading)."""
    where = folder()
    for name in sorted(_CHANGED):
        if where is None:
            break
        try:
            where.mkdir(parents=True, exist_ok=True)
            tmp = where / f"{_file(name)}.{os.getpid()}.tmp"
            tmp.write_bytes(marshal.dumps(_ENTRIES[name]))
            os.replace(tmp, where / _file(name))
        except (OSError, ValueError):
            pass
    _CHANGED.clear()


def _file(name: str) -> str:
    return f"{name}-py{sys.version_info[0]}.{sys.version_info[1]}-sre{engine()}.marshal"


def package_file(package: str, name: str) -> Path | None:
    """A file of an installed package, found without importing the package (None when it is not installed):
    its size and time tell a new release (the stamps of the tables and of the rule set's snapshot)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / name


def engine() -> int:
    """The version of `re`'s engine: programs are kept per engine."""
    return int(_sre.MAGIC)


def compile(pattern: str, flags: int = 0, kept_in: str = "regex") -> re.Pattern[str]:
    """re.compile(pattern, flags), from the cached program when there is one (same errors when it fails).

    `kept_in` names the table: patterns compiled at run time (the checks' params) keep a small one of their own,
    so a run that loads the rules from their snapshot (audit.rules.snapshot) never reads the rule pack's."""
    key = (pattern, int(flags))
    hit = table(kept_in).get(key)
    if hit is not None:
        try:
            flags_in, code, groups, groupindex, indexgroup = hit
            return _build(pattern, flags_in, _ints(code), groups, groupindex, indexgroup)
        except (TypeError, ValueError, RuntimeError):
            pass
    compiled = re.compile(pattern, flags)
    found = program(pattern, flags)
    if found is not None:
        store(kept_in, key, found)
    return compiled


def code_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags) for a pattern written in the code (a module's constant, a lexicon's alternation
    built once per rule set): from the "code" table, one small file read once per process, so that a run does not
    compile the same few hundred patterns at every start. The same program, so the same matches."""
    return compile(pattern, flags, kept_in="code")


def program_of(compiled: re.Pattern[str]) -> tuple[Any, ...] | None:
    """The program of a compiled pattern: the one `compile` keeps in the regex table when it made the pattern
    (with the flags it was given, which lack the re.UNICODE that `re` adds), else worked out anew."""
    entries = table("regex")
    for flags in (compiled.flags & ~re.UNICODE, compiled.flags):
        hit = entries.get((compiled.pattern, int(flags)))
        if isinstance(hit, tuple) and len(hit) == 5 and hit[0] == compiled.flags:
            return hit
    return program(compiled.pattern, compiled.flags)


def rebuild(pattern: str, found: tuple[Any, ...]) -> re.Pattern[str]:
    """The pattern object built from a program that `program` returned (compiled anew if that fails)."""
    flags, code, groups, groupindex, indexgroup = found
    try:
        return _build(pattern, flags, _ints(code), groups, groupindex, indexgroup)
    except (TypeError, ValueError, RuntimeError):
        return re.compile(pattern, flags)


def _ints(code: bytes) -> list[int]:
    program = array.array("I")
    program.frombytes(code)
    return program.tolist()


def program(pattern: str, flags: int) -> tuple[Any, ...] | None:
    """What `re` builds a pattern object from, as plain values; None where its internals are not as expected."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        packed = array.array("I", [int(c) for c in code]).tobytes()
        program = (int(flags | parsed.state.flags), packed, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        same = _build(pattern, program[0], _ints(program[1]), *program[2:]) == re.compile(pattern, flags)
        return program if same else None
    except Exception:  # (any change in re's internals: just do not cache)
        return None


def _build(pattern: str, flags: int, code: list[int], groups: int, groupindex: dict[str, int],
           indexgroup: tuple[str | None, ...]) -> re.Pattern[str]:
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def word_counts(name: str, stamp: str, build: Callable[[], dict[str, int]]) -> Callable[[list[str]], dict[str, int]]:
    """A lookup of whole-number values by word, from an SQLite file in the cache (made from `build()` the first
    time, and again when `stamp` changes), so that a run reads only the words it asks for; from `build()` in
    memory when there is no cache."""
    return _lookup(name, stamp, build, int)


def word_texts(name: str, stamp: str, build: Callable[[], dict[str, str]]) -> Callable[[list[str]], dict[str, str]]:
    """The same as word_counts for text values (each with a character other than a digit: SQLite would store
    "0102" as the number 102)."""
    return _lookup(name, stamp, build, str)


def _lookup(name: str, stamp: str, build: Callable[[], dict[str, _V]],
            convert: Callable[[Any], _V]) -> Callable[[list[str]], dict[str, _V]]:
    where = folder()
    path = where / f"{name}-{stamp}.sqlite" if where is not None else None
    if path is not None and not path.exists():
        _write_counts(path, build())
    import sqlite3

    try:
        if path is None or not path.exists():
            raise OSError("no cache")
        # read only, and shared by threads (the web page's workers) one query at a time
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error):
        table_ = build()
        return lambda words: {w: table_[w] for w in words if w in table_}
    return _Table(db, convert)


class _Table(Generic[_V]):
    """A table in its SQLite file, read word by word (one article asks for a few hundred words: start-up stays
    small) until the run has asked for _WHOLE words; then read whole once and answered from memory (a run over
    many articles, or one long one, asks for a good part of it, query after query). The same rows either way."""

    def __init__(self, db: Any, convert: Callable[[Any], _V]) -> None:
        self.db = db
        self.convert: Callable[[Any], _V] = convert
        self.lock = threading.Lock()  # the web page's workers share the connection, one query at a time
        self.asked = 0
        self.whole: dict[str, _V] | None = None

    def __call__(self, words: list[str]) -> dict[str, _V]:
        whole = self.whole
        if whole is None:
            self.asked += len(words)
            if self.asked <= _WHOLE:
                return _select(self.db, self.lock, words, self.convert)
            with self.lock:
                rows = self.db.execute("SELECT word, n FROM counts").fetchall()
            whole = self.whole = {str(w): self.convert(n) for w, n in rows}
        return {w: whole[w] for w in words if w in whole}


_WHOLE = 10_000  # words asked of one table before it is read whole


def _select(db: Any, lock: threading.Lock, words: list[str], convert: Callable[[Any], _V]) -> dict[str, _V]:
    out: dict[str, _V] = {}
    for i in range(0, len(words), 500):
        part = words[i:i + 500]
        query = f"SELECT word, n FROM counts WHERE word IN ({','.join('?' * len(part))})"
        with lock:
            rows = db.execute(query, part).fetchall()
        out.update((str(w), convert(n)) for w, n in rows)
    return out


def _write_counts(path: Path, counts: dict[str, Any]) -> None:
    import sqlite3

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(path.name.split("-", 1)[0] + "-*.sqlite"):
            old.unlink(missing_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        db = sqlite3.connect(tmp)
        db.execute("CREATE TABLE counts (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
        db.executemany("INSERT INTO counts VALUES (?, ?)", counts.items())
        db.commit()
        db.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        pass  # no cache this time
