"""Load the default rule pack and extra rule files into one RuleSet."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from audit.errors import InputError, RulesError
from audit.read.files import MAX_CONFIG_BYTES, read_limited
from audit.resources import resource
from audit.rules import snapshot
from audit.rules.ruleset import RuleSet

if TYPE_CHECKING:
    from audit.rules.rulefile import Doc

DEFAULT_RULES = resource("rules.yaml")


def load_rules(*extra: str | Path, base: str | Path | None = DEFAULT_RULES) -> RuleSet:
    """Load the default pack (or `base`) and overlay each extra file; all problems raise one RulesError.

    The same files under the same code come back from the snapshot of the last load (audit.rules.snapshot);
    the YAML is read, and yaml and the regex module imported, only when there is none."""
    paths = [Path(p) for p in ([base] if base is not None else []) + list(extra)]
    raw = [_read(path) for path in paths]
    name = snapshot.key([(str(p), data) for p, data in zip(paths, raw) if isinstance(data, bytes)])
    if all(isinstance(data, bytes) for data in raw):
        found = snapshot.load(name)
        if found is not None:
            return found
    from audit.rules import rulefile

    docs = []
    problems: list[str] = []
    for path, data in zip(paths, raw):
        doc, errs = rulefile.parse(path, data) if isinstance(data, bytes) else (None, [data])
        problems += errs
        if doc is not None:
            docs.append(doc)
    if problems:
        raise RulesError(problems)
    ruleset, problems = build(docs)
    if problems or ruleset is None:
        raise RulesError(problems)
    snapshot.save(name, ruleset)
    return ruleset


def _read(path: Path) -> bytes | str:
    """The bytes of a rules file, or the problem that stopped its reading."""
    try:
        return read_limited(path, MAX_CONFIG_BYTES, "rules file")
    except InputError as exc:
        return str(exc)


def build(docs: list[Doc]) -> tuple[RuleSet | None, list[str]]:
    """Merge documents in order (later files add to or override earlier ones) and validate everything."""
    from audit.rules import anchors, cache
    from audit.rules.entries import _check, _rule
    from audit.rules.rulefile import _Builder, _named_patterns

    b = _Builder()
    for doc in docs:
        b.add_doc(doc)
    b.inflect_lexicons()
    lexicons = {name: tuple(words) for name, words in b.lexicons.items()}
    rules = [r for r in (_rule(b, rid, node) for rid, (_, node) in b.rule_nodes.items()) if r is not None]
    checks = [c for c in (_check(b, cid, node) for cid, (_, node) in b.check_nodes.items()) if c is not None]
    patterns = _named_patterns(b)
    scanned = [r for r in rules if r.kind in ("attribution", "statement")]
    split = [patterns["END_BEFORE_TITLE"]] if "END_BEFORE_TITLE" in patterns else []  # audit.read.text's prefilter
    anchors.prime([r.regex for r in scanned] + split, [r.requires for r in scanned if r.requires is not None])
    cache.save()
    if b.problems:
        return None, b.problems
    return RuleSet(b.version, b.precedence, b.lede, lexicons, tuple(rules), tuple(checks), b.verdict,
                   tuple(b.paths), patterns), []


_DEFAULT: list[RuleSet] = []


def default_rules() -> RuleSet:
    """The shipped pack, loaded once per process."""
    if not _DEFAULT:
        _DEFAULT.append(load_rules())
    return _DEFAULT[0]


_BY_FILES: dict[tuple[str, ...], tuple[tuple[tuple[int, int] | None, ...], RuleSet]] = {}


def rules_for(files: tuple[str, ...] = ()) -> RuleSet:
    """The default pack plus these rule files, loaded once per process for each distinct list, and again when
    one of the files has changed since (a language server outlives edits to the rules it uses)."""
    key = tuple(files)
    stamp = tuple(_stamp(path) for path in key)
    known = _BY_FILES.get(key)
    if known is None or known[0] != stamp:
        known = stamp, load_rules(*key) if key else default_rules()
        _BY_FILES[key] = known
    return known[1]


def _stamp(path: str) -> tuple[int, int] | None:
    """A rules file's modification time and size, which change when it is edited; None when it cannot be read."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_mtime_ns, info.st_size
