"""The verdict: PASS, REVIEW or FAIL for one audited text, by the thresholds of rules.yaml `verdict:`."""
from __future__ import annotations

from typing import Any

from audit.models import UNCHECKABLE, DocumentResult, Verdict
from audit.rules.ruleset import RuleSet


def verdict(result: DocumentResult, rules: RuleSet) -> Verdict:
    """FAIL, REVIEW or PASS by the thresholds of rules.yaml `verdict:`, with the reason in one sentence."""
    share = result.scores.overall.uncheckable_share
    n = result.scores.overall.statements
    for name in ("FAIL", "REVIEW"):
        gate = rules.verdict.get(name.lower(), {}) or {}
        reasons = _gate_reasons(result, gate, share, n)
        if reasons:
            return Verdict(name, "; ".join(reasons) + ".")
    bad = [f for f in result.findings if not f.good]
    tail = f"{len(bad)} informational finding{'s' if len(bad) != 1 else ''}" if bad else "no findings"
    return Verdict("PASS", f"{tail}; {share:.0%} of {n} statements rest on sources a reader cannot check.")


def _gate_reasons(result: DocumentResult, gate: dict[str, Any], share: float, n: int) -> list[str]:
    reasons = []
    levels = gate.get("severities", ())
    hits = [f for f in result.findings if f.severity in levels and not f.good]
    if hits:
        ids = ", ".join(dict.fromkeys(f.check_id for f in hits))
        reasons.append(f"{len(hits)} {'/'.join(levels)} finding{'s' if len(hits) != 1 else ''} ({ids})")
    above = gate.get("uncheckable_share_above")
    if above is not None and n >= int(gate.get("min_statements", 1)) and share > float(above):
        kinds = "/".join(label.value.split("-")[0] for label in UNCHECKABLE)
        reasons.append(f"{share:.0%} of {n} statements rest on {kinds} sources (above {float(above):.0%})")
    return reasons
