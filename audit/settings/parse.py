"""Validate a settings file (.sourcing-audit.yaml or [tool.sourcing-audit]): every problem with path:line:col."""
from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.errors import ConfigError
from audit.judge.gates import Gate, parse_gate
from audit.read.located import Located, read_toml, read_yaml
from audit.rules.cache import code_pattern
from audit.rules.ruleset import SEVERITIES
from audit.settings.model import FAIL_ON, KEYS, TABLE


def read_settings_file(path: Path) -> Located | None:
    """A settings file as a Located table; None for a pyproject.toml without [tool.sourcing-audit]."""
    if path.suffix == ".toml":
        data = read_toml(path)
        if path.name == "pyproject.toml":
            tool = data.get("tool", {})
            if not isinstance(tool, dict) or "sourcing-audit" not in tool:
                return None
            return Located(str(path), tool["sourcing-audit"], table=TABLE + " ")
        return Located(str(path), data)
    return read_yaml(path)


@dataclass(frozen=True)
class Layer:
    """Validated values from one place (a file's top level or one per-path block), with their origins."""

    values: dict[str, Any]
    where: dict[str, str]  # key -> origin
    entries: dict[str, str]  # "select:ID" -> where the id was written


@dataclass(frozen=True)
class SettingsFile:
    path: str
    root: Path  # the folder rule files and per-path patterns are relative to
    base: Layer
    per_path: tuple[tuple[str, Glob, Layer], ...]


def _label(keys: tuple[Any, ...]) -> str:
    out = ""
    for k in keys:
        name = str(k)
        if not name or not name.isprintable() or any(c.isspace() for c in name):
            name = repr(name)  # a key of spaces, tabs or control characters is shown quoted, never as blank space
        out += f"[{k}]" if isinstance(k, int) else (f".{name}" if out else name)
    return out


def _value(key: str, v: Any, root: Path) -> tuple[Any, str | None, Any]:
    """The validated value of one setting, or (None, the problem, the offending entry's key or index)."""
    if key in ("rules", "select", "ignore"):
        if not isinstance(v, list):
            return None, "expected a list", None
        for n, x in enumerate(v):
            if not isinstance(x, str) or not x.strip() or "," in x:
                return None, "expected a rule file" if key == "rules" else "expected one id (text, no commas)", n
            if key == "rules" and not os.path.isfile(root / x):  # False for a name too long, too
                return None, f"no such rules file {x!r} (relative to this file)", n
        return tuple(str(root / x) if key == "rules" else x.strip() for x in v), None, None
    if key == "severity":
        if not isinstance(v, dict):
            return None, "expected a mapping of check id to error, warning or info", None
        for k, level in v.items():
            if level not in SEVERITIES:
                return None, f"{level!r} is not one of {', '.join(SEVERITIES)}", k
        return {str(k): level for k, level in v.items()}, None, None
    if key == "fail-on":
        return (v, None, None) if v in FAIL_ON else (None, f"{v!r} is not one of {', '.join(FAIL_ON)}", None)
    if not isinstance(v, str) or not v.strip():  # publisher, encoding
        return None, "expected text", None
    if key == "encoding":
        problem = encoding_problem(v)
        if problem:
            return None, problem, None
    return v, None, None


def encoding_problem(name: str) -> str | None:
    """Why `name` cannot decode an article (unknown, not a text encoding, or one such as punycode that decodes
    names rather than text); None when it can."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return f"unknown encoding {name!r}"
    try:
        ok = getattr(info, "_is_text_encoding", True) and isinstance(b"A plain sentence.\n".decode(name), str)
    except (UnicodeError, LookupError, ValueError, TypeError):
        ok = False
    return None if ok else f"{name!r} is not an encoding for article text (try utf-8 or cp1252)"


def _layer(loc: Located, keys: tuple[Any, ...], table: Any, root: Path, problems: list[str],
           note: str = "") -> Layer:
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    entries: dict[str, str] = {}
    allowed = KEYS if not keys else KEYS[:-1]
    for key, v in table.items():
        at = loc.at(keys + (key,))
        if key not in allowed:
            hint = ", per-path blocks cannot nest" if key == "per-path" else ""
            close = [k for k in allowed if str(key).replace("_", "-") == k]
            hint += f"; did you mean {close[0]!r}?" if close else f" (expected one of: {', '.join(allowed)})"
            problems.append(f"{loc.at(keys + (key,), key=True)}: {loc.table}{_label(keys + (key,))}: "
                            f"unknown setting {key!r}{hint}")
            continue
        if key == "per-path":
            continue
        if key == "gates":
            val = _gates(loc, keys + (key,), v, problems)
        else:
            val, problem, sub = _value(key, v, root)
            if problem:
                bad = keys + (key,) + (() if sub is None else (sub,))
                problems.append(f"{loc.at(bad)}: {loc.table}{_label(bad)}: {problem}")
                continue
        values[key], where[key] = val, (at if loc.marks else f"{loc.path} {loc.table}".rstrip()) + note
        if key in ("select", "ignore", "severity"):
            for n, i in enumerate(val):
                entries[f"{key}:{i}"] = loc.at(keys + (key, n if key != "severity" else i), key=True) + note
    return Layer(values, where, entries)


def _gates(loc: Located, keys: tuple[Any, ...], v: Any, problems: list[str]) -> tuple[Gate, ...]:
    if not isinstance(v, list):
        problems.append(f"{loc.at(keys)}: {loc.table}{_label(keys)}: expected a list of gates")
        return ()
    out: list[Gate] = []
    for n, entry in enumerate(v):
        gate, errs = parse_gate(entry)
        for k, msg in errs:
            sub = keys + (n,) + ((k,) if k else ())
            problems.append(f"{loc.at(sub, key=msg.startswith('unknown gate key'))}: {loc.table}{_label(sub)}: {msg}")
        if gate is not None and any(g.id == gate.id for g in out):
            problems.append(f"{loc.at(keys + (n,))}: {loc.table}{_label(keys + (n,))}: duplicate gate id {gate.id!r}")
        elif gate is not None:
            out.append(gate)
    return tuple(out)


class Glob:
    """A `per-path` pattern, relative to the settings file, matched by wcmatch (a maintained glob matcher): `**`
    any folders, `*` and `?` within one name, `[..]` a class, `{a,b}` alternatives (`{opinion,features}/**`);
    a pattern without a slash matches the file name in any folder."""

    def __init__(self, pattern: str) -> None:
        from wcmatch import glob

        _check_glob(pattern)  # wcmatch reads "[z-a]" or "[a\\]" as matching nothing: say so instead
        self.pattern = pattern
        self.flags = glob.GLOBSTAR | glob.BRACE | glob.DOTGLOB | (glob.MATCHBASE if "/" not in pattern else 0)

    def match(self, rel: str) -> bool:
        from wcmatch import glob

        return bool(glob.globmatch(rel, self.pattern, flags=self.flags))


_CLASS = code_pattern(r"\[!?\]?(?:\\.|[^\]\\])*(\]|$)")


def _check_glob(pattern: str) -> None:
    """re.error for a character class left open (a backslash escapes its "]") or with a reversed range."""
    for m in _CLASS.finditer(pattern):
        if not m.group(1):
            raise re.error(f"the class at {m.start() + 1} has no closing ']'")
        body = re.sub(r"\\(.)", r"\1", m.group()[1:-1].lstrip("!"))
        for a, b in re.findall(r"(.)-(.)", body):
            if a > b:
                raise re.error(f"bad character range {a}-{b}")


def _glob(pattern: str) -> Glob:
    return Glob(pattern)


def parse_settings(loc: Located) -> SettingsFile:
    """Validate a whole settings file, collecting every problem before raising ConfigError."""
    table = loc.value if loc.value is not None else {}
    problems: list[str] = []
    root = Path(loc.path).resolve().parent
    if not isinstance(table, dict):
        raise ConfigError([f"{loc.at(())}: {loc.table}the settings must be a mapping (rules, select, ignore, ...)"])
    base = _layer(loc, (), table, root, problems)
    blocks = table.get("per-path", {})
    per_path = []
    if not isinstance(blocks, dict):
        problems.append(f"{loc.at(('per-path',))}: {loc.table}per-path: expected a mapping of glob to settings")
        blocks = {}
    for pattern, block in blocks.items():
        keys = ("per-path", pattern)
        if not isinstance(block, dict):
            problems.append(f"{loc.at(keys)}: {loc.table}per-path.{pattern}: expected a mapping of settings")
            continue
        try:
            regex = _glob(str(pattern))
        except re.error as exc:
            problems.append(f"{loc.at(keys, key=True)}: {loc.table}per-path: {pattern!r} is not a valid glob: {exc}")
            continue
        per_path.append((pattern, regex, _layer(loc, keys, block, root, problems, f" (per-path {pattern!r})")))
    if problems:
        raise ConfigError(problems)
    return SettingsFile(loc.path, root, base, tuple(per_path))
