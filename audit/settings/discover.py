"""Settings discovery and layering: which settings are in force for one input.

Layers, each over the one before: defaults; the settings file (`config`, else the nearest
.sourcing-audit.yaml or pyproject.toml with a [tool.sourcing-audit] table in the input's folder or above, up to
the repository's root or the home folder);
its `per-path` overrides that match the input, in file order; the front-end's options (the CLI's flags).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from audit.errors import ConfigError
from audit.options import AuditOptions
from audit.settings.model import DEFAULTS, FILENAME, TABLE, Settings
from audit.settings.parse import Layer, SettingsFile, parse_settings, read_settings_file

_CACHE: dict[tuple[str, int, int], SettingsFile | None] = {}


def load_settings_file(path: Path) -> SettingsFile | None:
    """A settings file, validated; parsed once per run (keyed by path, size and modification time)."""
    try:
        st = path.stat()
    except OSError:
        raise ConfigError([f"{path}: no such settings file"]) from None
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        loc = read_settings_file(path)
        _CACHE[key] = parse_settings(loc) if loc is not None else None
    return _CACHE[key]


def find_settings_file(start: Path) -> Path | None:
    """The nearest .sourcing-audit.yaml, or pyproject.toml with [tool.sourcing-audit], from start up to the
    repository's root (a folder with .git) or the user's home folder, whichever comes first, as linters do: a
    settings file in a shared folder above (/tmp) must not decide how an article there is checked."""
    folder = os.path.realpath(start)  # strings, not Paths: this runs once per input of a thousand-file run
    home = _home()
    while True:
        candidate = os.path.join(folder, FILENAME)
        if os.path.isfile(candidate):
            return Path(candidate)
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and load_settings_file(Path(candidate)) is not None:
            return Path(candidate)
        parent = os.path.dirname(folder)
        if folder == home or parent == folder or os.path.exists(os.path.join(folder, ".git")):
            return None
        folder = parent


def _home() -> str | None:
    try:
        home = os.path.expanduser("~")
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
        return None
    return None if home == "~" else os.path.realpath(home)


def _target(path: str, options: AuditOptions) -> Path | None:
    """The file the settings are for: the input, or the stdin file name for standard input (None: unnamed)."""
    if path == "-":
        name = options.stdin_filename
        return Path(name) if name else None
    if "://" in path:  # a URL: the settings of the current folder
        return None
    return Path(path)


def _settings_file(target: Path | None, options: AuditOptions) -> SettingsFile | None:
    given = options.config
    if given:
        found = load_settings_file(Path(given))
        if found is None:
            raise ConfigError([f"{given}: no {TABLE} table"])
        return found
    start = Path.cwd() if target is None else (target if os.path.isdir(target) else target.parent)
    path = find_settings_file(start)
    return load_settings_file(path) if path is not None else None


def _merge(acc: dict[str, Any], origin: dict[str, str], entries: dict[str, str], layer: Layer,
           extend: tuple[str, ...]) -> None:
    """Put one layer over acc: keys in `extend` add to what is there, the others replace it."""
    for key, val in layer.values.items():
        if key in extend and origin[key] != "default":
            if key == "severity":
                val = {**acc[key], **val}
            elif key == "gates":
                mine = {g.id for g in val}
                val = tuple(g for g in acc[key] if g.id not in mine) + tuple(val)
            else:
                val = tuple(dict.fromkeys(acc[key] + val))
            origin[key] = f"{origin[key]} + {layer.where[key]}"
        else:
            origin[key] = layer.where[key]
        acc[key] = val
    entries.update(layer.entries)


def _options_layer(options: AuditOptions) -> Layer:
    """The front-end's options as the top layer; a field left at None (or no rule files) is not given."""
    given: dict[str, Any] = {"rules": options.rules or None, "select": options.select, "ignore": options.ignore,
                             "fail-on": options.fail_on, "publisher": options.publisher, "encoding": options.encoding}
    values = {k: v for k, v in given.items() if v is not None}
    where = {k: f"--{k}" for k in values}
    entries = {f"{k}:{i}": f"--{k}" for k in ("select", "ignore") for i in values.get(k, ())}
    return Layer(values, where, entries)


def _relative(target: Path | None, root: Path) -> str | None:
    if target is None:
        return None
    rel = os.path.relpath(target.resolve(), root)
    return None if rel.startswith("..") else Path(rel).as_posix()


def settings_for(path: str, options: AuditOptions | None = None) -> Settings:
    """The settings in force for one input: defaults, the settings file, its matching per-path blocks, options."""
    options = options or AuditOptions()
    target = _target(path, options)
    found = _settings_file(target, options)
    acc, origin, entries = dict(DEFAULTS), dict.fromkeys(DEFAULTS, "default"), dict[str, str]()
    if found is not None:
        _merge(acc, origin, entries, found.base, ())
        rel = _relative(target, found.root)
        for _, regex, layer in found.per_path:
            if rel is not None and regex.match(rel):
                _merge(acc, origin, entries, layer, ("rules", "ignore", "severity", "gates"))
    _merge(acc, origin, entries, _options_layer(options), ("rules", "ignore"))
    return Settings(acc["rules"], acc["select"], acc["ignore"], acc["severity"], acc["fail-on"], acc["publisher"],
                    acc["encoding"], acc["gates"], found.path if found else None, origin, entries)
