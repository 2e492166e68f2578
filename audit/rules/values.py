"""Typed values of a rules file: the verdict's thresholds and the checks' params, each problem with path:line:col.

A value of the wrong type (`window: abc`, `above: 1e400`, `verdict: {fail: abc}`) is a located problem when the
rules are loaded, never a traceback when an article is checked.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import yaml

from audit.models import Label
from audit.rules.ruleset import SEVERITIES

if TYPE_CHECKING:
    from audit.rules.rulefile import _Builder

WHOLE_PARAMS = ("window", "min_words", "min_statements")  # whole numbers, 0 or more
SHARE_PARAMS = ("above", "uncheckable_share_above")  # numbers from 0 to 1
LABEL_PARAMS = ("labels", "weak_labels", "strong_labels")  # lists of labels
_LABELS = {lab.value for lab in Label}
_MAX_WHOLE = 1_000_000
_VERDICT_KEYS = ("severities", "uncheckable_share_above", "min_statements")


def plain(node: yaml.Node) -> Any:
    """A checked node (see audit.read.yamlnodes) as plain Python values; aliases stay shared, not copied."""
    return yaml.safe_load(yaml.serialize(node))


def value_problem(key: str, value: Any) -> str | None:
    """What is wrong with one params or verdict value, by its key; None when it fits."""
    if key in WHOLE_PARAMS:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_WHOLE:
            return f"{key}: expected a whole number from 0 to {_MAX_WHOLE:,}, not {_show(value)}"
    elif key in SHARE_PARAMS:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1 \
                or (isinstance(value, float) and math.isnan(value)):
            return f"{key}: expected a number from 0 to 1, not {_show(value)}"
    elif key in LABEL_PARAMS:
        bad = [x for x in value if x not in _LABELS] if isinstance(value, list) else None
        if bad is None or bad:
            return f"{key}: expected a list of labels ({', '.join(sorted(_LABELS))})"
    elif key in ("unquoted_severity", "severities"):
        levels = value if key == "severities" else [value]
        if not isinstance(levels, list) or any(x not in SEVERITIES for x in levels):
            return f"{key}: expected {'a list of ' if key == 'severities' else ''}{', '.join(SEVERITIES)}"
    elif isinstance(value, list):
        if any(not isinstance(x, (str, int, float)) or isinstance(x, bool) for x in value):
            return f"{key}: expected a list of words"
    elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return f"{key}: expected a pattern, a word, a number or a list of words"
    return None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_params(b: _Builder, path: str, cid: str, node: yaml.Node) -> dict[str, Any]:
    """A check's params, each value checked by its key (see value_problem)."""
    out: dict[str, Any] = {}
    for knode, vnode in b.mapping(path, node, f"check {cid!r}: params"):
        key = str(knode.value)
        value = plain(vnode)
        problem = value_problem(key, value)
        if problem:
            b.err(path, vnode, f"check {cid!r}: params.{problem}")
        else:
            out[key] = value
    return out


def verdict_thresholds(b: _Builder, path: str, node: yaml.Node) -> dict[str, Any]:
    """`verdict: {fail: {...}, review: {...}}`, each threshold checked."""
    out: dict[str, Any] = {}
    for knode, vnode in b.mapping(path, node, "verdict"):
        name = str(knode.value)
        if name not in ("fail", "review"):
            b.err(path, knode, f"verdict: unknown key {name!r} (expected fail, review)")
            continue
        gate: dict[str, Any] = {}
        for gk, gv in b.mapping(path, vnode, f"verdict.{name}"):
            key, value = str(gk.value), plain(gv)
            problem = value_problem(key, value) if key in _VERDICT_KEYS else \
                f"unknown key {key!r} (expected one of: {', '.join(_VERDICT_KEYS)})"
            if problem:
                b.err(path, gv, f"verdict.{name}.{problem}")
            else:
                gate[key] = value
        out[name] = gate
    return out
