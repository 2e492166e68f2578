"""YAML and TOML files read with where each value was written (path:line:col), for settings and sidecars."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError, InputError
from audit.read.files import MAX_CONFIG_BYTES, read_limited

if TYPE_CHECKING:
    import yaml

MAX_SETTINGS_VALUES = 20_000  # values in a settings file or sidecar, aliases expanded (a real one has under 200)


@dataclass
class Located:
    """A parsed settings document with where each value (and key) was written."""

    path: str
    value: Any
    marks: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    table: str = ""  # "[tool.sourcing-audit] " in pyproject.toml

    def at(self, keys: tuple[Any, ...], key: bool = False) -> str:
        marks = self.key_marks if key and keys in self.key_marks else self.marks
        while keys and keys not in marks:
            keys = keys[:-1]
        m = marks.get(keys)
        return f"{self.path}:{m[0]}:{m[1]}" if m else self.path


def read_yaml(path: Path) -> Located:
    """A YAML file as values with line:col; syntax errors and duplicate keys raise ConfigError."""
    import yaml  # here: most runs read no YAML (the rules come from their snapshot, audit.rules.snapshot)

    from audit.read.yamlnodes import YamlProblem, compose

    text = _decoded(path)
    try:
        root = compose(text, str(path), max_values=MAX_SETTINGS_VALUES)
        value = yaml.SafeLoader(text).construct_document(root) if root is not None else None
    except YamlProblem as exc:
        raise ConfigError([str(exc)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError([f"{where}: YAML syntax error: {getattr(exc, 'problem', None) or exc}"]) from None
    loc, problems = Located(str(path), value), list[str]()
    if root is not None:
        _walk(root, (), loc, problems)
    if problems:
        raise ConfigError(problems)
    return loc


def _walk(node: yaml.Node, keys: tuple[Any, ...], loc: Located, problems: list[str]) -> None:
    import yaml

    loc.marks[keys] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else None
            loc.key_marks[keys + (name,)] = (k.start_mark.line + 1, k.start_mark.column + 1)
            if name in seen:
                problems.append(f"{loc.at(keys + (name,), key=True)}: duplicate key {name!r}")
            seen.add(name)
            _walk(v, keys + (name,), loc, problems)
    elif isinstance(node, yaml.SequenceNode):
        for n, v in enumerate(node.value):
            _walk(v, keys + (n,), loc, problems)


def read_toml(path: Path) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    data = _decoded(path)
    try:
        return tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: TOML syntax error: {exc}"]) from None
    except RecursionError:
        raise ConfigError([f"{path}: TOML nested too deep"]) from None


def _decoded(path: Path) -> str:
    """A settings or sidecar file's text: a regular file, within the size limit, in UTF-8."""
    try:
        return read_limited(path, MAX_CONFIG_BYTES, "settings file").decode("utf-8")
    except InputError as exc:
        raise ConfigError([str(exc)]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: cannot read: not UTF-8 at byte offset {exc.start}"]) from None
