"""The server's edge: the CLI's flags and the client's initialization options to one LspConfig value.

The client may send, in `initializationOptions` (or as `workspace/didChangeConfiguration` settings under
"sourcing-audit"), the same settings `check` takes as flags, each overriding the flag:

    {"config": ".sourcing-audit.yaml", "rules": ["house.yaml"], "publisher": "The Herald",
     "select": ["anonymous-"], "ignore": ["lede-"], "debounce": 300, "inlayHints": true}

Relative paths are taken from the workspace's root folder. A key or value that cannot be used is reported
(the server shows it as a message) and left out; the others still apply.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.options import AuditOptions, split_ids

DEBOUNCE = 0.3  # seconds between the last keystroke and the audit
KEYS = ("config", "rules", "publisher", "select", "ignore", "debounce", "inlayHints")


@dataclass(frozen=True)
class LspConfig:
    options: AuditOptions = field(default_factory=lambda: AuditOptions(readability=False, encoding="utf-8"))
    debounce: float = DEBOUNCE  # seconds after a change before the draft is audited again
    inlay_hints: bool = True  # show each statement's label after it


def _ids(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return split_ids(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    return None


def _path(value: Any, root: Path | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    p = Path(value).expanduser()
    return str(p if p.is_absolute() or root is None else root / p)


def _option(key: str, value: Any, root: Path | None) -> Any:
    """One client setting as a typed value, or None when it cannot be used."""
    if key == "config":
        return _path(value, root)
    if key == "rules":
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            return None
        paths = tuple(_path(v, root) for v in values)
        return None if None in paths else paths
    if key == "publisher":
        return value if isinstance(value, str) and value.strip() else None
    if key in ("select", "ignore"):
        return _ids(value)
    if key == "debounce":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 10_000
        return value / 1000 if ok else None
    return value if isinstance(value, bool) else None  # inlayHints


def configure(base: LspConfig, given: Any, root: Path | None = None) -> tuple[LspConfig, list[str]]:
    """The client's settings over the flags' config; the problems, one line each, for the settings left out."""
    if given is None:
        return base, []
    if not isinstance(given, dict):
        return base, [f"sourcing-audit settings: expected an object, got {type(given).__name__}"]
    given = given.get("sourcing-audit", given) if isinstance(given.get("sourcing-audit"), dict) else given
    changes: dict[str, Any] = {}
    problems = []
    for key, value in given.items():
        if key not in KEYS:
            problems.append(f"sourcing-audit settings: unknown key {key!r} (expected one of: {', '.join(KEYS)})")
            continue
        typed = _option(key, value, root)
        if typed is None:
            problems.append(f"sourcing-audit settings: {key}: {value!r} cannot be used here")
        else:
            changes[key] = typed
    debounce = changes.pop("debounce", base.debounce)
    hints = changes.pop("inlayHints", base.inlay_hints)
    options = dataclasses.replace(base.options, **changes)
    return LspConfig(options, debounce, hints), problems
