"""Document gates: a threshold on one of the article's scores, from the settings (`gates:`), passed or failed.

A gate is `{id: anonymous-share, metric: anonymous_share, max: 0.4}`: it fails when the metric is above
`max` (or below `min`). With `min-statements: N` it is only evaluated on articles with at least N claims.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from audit.models import UNCHECKABLE, GateResult, Label, Mix, Scores
from audit.rules.cache import code_pattern

GATE_KEYS = ("id", "metric", "max", "min", "min-statements")
_ID = code_pattern(r"[a-z0-9][a-z0-9-]*\Z")


def _share(mix: Mix, label: Label) -> float:
    return next(f.statement_share for f in mix.labels if f.label is label)


def _count(mix: Mix, *labels: Label) -> float:
    return float(sum(f.statements for f in mix.labels if f.label in labels))


@dataclass(frozen=True)
class Metric:
    name: str
    description: str  # what the number is, for messages and `config show`
    share: bool  # a share of claims (shown as a percentage) or a count
    read: Callable[[Scores], float]


METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("anonymous_share", "share of claims labelled anonymous-source", True,
           lambda s: _share(s.overall, Label.ANONYMOUS)),
    Metric("secondhand_share", "share of claims labelled secondhand-report", True,
           lambda s: _share(s.overall, Label.SECONDHAND)),
    Metric("unattributed_share", "share of claims labelled unattributed", True,
           lambda s: _share(s.overall, Label.UNATTRIBUTED)),
    Metric("uncheckable_share", "share of claims resting on anonymous, secondhand or leaked sources", True,
           lambda s: s.overall.uncheckable_share),
    Metric("top_source_share", "share of sourced statements resting on the most relied-on source", True,
           lambda s: s.top_source_share),
    Metric("lede_unattributed", "claims in the lede labelled unattributed", False,
           lambda s: _count(s.lede, Label.UNATTRIBUTED)),
    Metric("lede_uncheckable", "claims in the lede resting on anonymous, secondhand or leaked sources", False,
           lambda s: _count(s.lede, *UNCHECKABLE)),
    Metric("distinct_sources", "distinct sources in the article", False, lambda s: float(s.distinct_sources)),
)}


@dataclass(frozen=True)
class Gate:
    id: str
    metric: str
    max: float | None = None
    min: float | None = None
    min_statements: int = 0

    def describe(self) -> str:
        bound = f"max: {_num(self.max)}" if self.max is not None else f"min: {_num(self.min)}"
        extra = f", min-statements: {self.min_statements}" if self.min_statements else ""
        return f"{{id: {self.id}, metric: {self.metric}, {bound}{extra}}}"


def _num(x: float | None) -> str:
    return f"{x:g}" if x is not None else "null"


def parse_gate(entry: Any) -> tuple[Gate | None, list[tuple[str | None, str]]]:
    """A gate from one settings entry, or the problems as (key or None for the entry, message)."""
    if not isinstance(entry, dict):
        return None, [(None, "a gate is a mapping: {id: NAME, metric: METRIC, max: NUMBER}")]
    problems: list[tuple[str | None, str]] = [
        (k, f"unknown gate key {k!r} (expected one of: {', '.join(GATE_KEYS)})") for k in entry if k not in GATE_KEYS]
    gid, metric = entry.get("id"), entry.get("metric")
    if not isinstance(gid, str) or not _ID.match(gid):
        problems.append(("id" if "id" in entry else None, "a gate needs an id in kebab-case (id: anonymous-share)"))
    if not isinstance(metric, str) or metric not in METRICS:  # a list or a mapping is no metric (and no key)
        problems.append(("metric" if "metric" in entry else None,
                         f"unknown metric {metric!r} (expected one of: {', '.join(METRICS)})"))
    bounds = [k for k in ("max", "min") if k in entry]
    if len(bounds) != 1:
        problems.append((None, "a gate needs exactly one of max or min"))
    for k in bounds:
        if isinstance(entry[k], bool) or not isinstance(entry[k], (int, float)) or not _finite(entry[k]):
            problems.append((k, f"{k} must be a number (and not too large for one)"))
    least = entry.get("min-statements", 0)
    if isinstance(least, bool) or not isinstance(least, int) or least < 0:
        problems.append(("min-statements", "min-statements must be a whole number, 0 or more"))
    if problems:
        return None, problems
    return Gate(str(gid), str(metric), _float(entry.get("max")), _float(entry.get("min")), least), []


def _finite(x: float) -> bool:
    try:
        return math.isfinite(float(x))
    except OverflowError:  # an integer of hundreds of digits
        return False


def _float(x: Any) -> float | None:
    return None if x is None else float(x)


def evaluate_gates(gates: tuple[Gate, ...], scores: Scores) -> tuple[GateResult, ...]:
    """Each gate against the article's scores, in the order the settings give them."""
    return tuple(evaluate_gate(g, scores) for g in gates)


def evaluate_gate(gate: Gate, scores: Scores) -> GateResult:
    metric = METRICS[gate.metric]
    value = metric.read(scores)
    threshold = gate.max if gate.max is not None else gate.min
    assert threshold is not None
    claims = scores.overall.statements
    if claims < gate.min_statements:
        return GateResult(gate.id, True, f"{gate.id}: not evaluated: {claims} claims, fewer than "
                                         f"min-statements {gate.min_statements}", value, threshold)
    failed = value > threshold if gate.max is not None else value < threshold
    side = ("above the max" if gate.max is not None else "below the min") if failed else \
        ("within the max" if gate.max is not None else "at or above the min")
    return GateResult(gate.id, not failed, f"{gate.id}: {metric.description} is {_show(metric, value)}, "
                                           f"{side} of {_show(metric, threshold)}", value, threshold)


def _show(metric: Metric, x: float) -> str:
    return f"{x:.0%}" if metric.share else f"{x:g}"
