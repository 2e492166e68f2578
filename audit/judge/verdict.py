"""The verdict: PASS, REVIEW or FAIL for one audited text, and whether it fails the run.

One rule, for every front-end and format: the verdict comes from the findings in force (after select,
ignore, severity and suppressions; good-practice and suppressed findings never count), the gates and the
uncheckable share. FAIL: a gate failed, an open finding is at or above the fail level (`fail-on`: error,
warning or info; `never` judges at the rules' own FAIL severities but fails nothing), or the uncheckable
share is above rules.yaml's `verdict: fail:` threshold. REVIEW: an open finding at the rules' REVIEW
severities below the fail level, or the share above the `review:` threshold. A FAIL fails the run (exit 1)
unless the fail level is `never`.
"""
from __future__ import annotations

from typing import Any

from audit.models import UNCHECKABLE, DocumentResult, Finding, GateResult, Verdict
from audit.rules.ruleset import SEVERITIES, RuleSet


def fail_severities(fail_on: str | None, rules: RuleSet) -> tuple[str, ...]:
    """The severities that make a FAIL: those at or above `fail_on`, else the rules' own `verdict: fail:`."""
    if fail_on in SEVERITIES:
        return SEVERITIES[:SEVERITIES.index(fail_on) + 1]
    return tuple((rules.verdict.get("fail", {}) or {}).get("severities", ("error",)))


def open_findings(result: DocumentResult) -> list[Finding]:
    """The findings that count for the verdict: neither good practice nor suppressed."""
    return [f for f in result.findings if not f.good and not f.suppressed]


def verdict(result: DocumentResult, rules: RuleSet, fail_on: str | None = None,
            gates: tuple[GateResult, ...] = ()) -> Verdict:
    """FAIL, REVIEW or PASS by the module's rule, with the reason in one sentence."""
    fails = fail_on != "never"
    failed = [g for g in gates if not g.passed]
    if failed:  # a failed gate fails the document, whatever the findings say
        names = ", ".join(g.id for g in failed)
        return Verdict("FAIL", f"gate failed: {names}. {failed[0].message}", fails, fail_on)
    share = result.scores.overall.uncheckable_share
    n = result.scores.overall.statements
    live = open_findings(result)
    severe = fail_severities(fail_on, rules)
    for name in ("FAIL", "REVIEW"):
        gate = dict(rules.verdict.get(name.lower(), {}) or {})
        levels = severe if name == "FAIL" else tuple(s for s in gate.get("severities", ()) if s not in severe)
        reasons = _reasons(live, levels, gate, share, n)
        if reasons:
            return Verdict(name, "; ".join(reasons) + ".", fails and name == "FAIL", fail_on)
    tail = f"{len(live)} informational finding{'s' if len(live) != 1 else ''}" if live else "no findings"
    return Verdict("PASS", f"{tail}; {share:.0%} of {n} statements rest on sources a reader cannot check.", False,
                   fail_on)


def _reasons(live: list[Finding], levels: tuple[str, ...], gate: dict[str, Any], share: float, n: int) -> list[str]:
    reasons = []
    hits = [f for f in live if f.severity in levels]
    if hits:
        ids = ", ".join(dict.fromkeys(f.check_id for f in hits))
        reasons.append(f"{len(hits)} {'/'.join(levels)} finding{'s' if len(hits) != 1 else ''} ({ids})")
    above = gate.get("uncheckable_share_above")
    if above is not None and n >= int(gate.get("min_statements", 1)) and share > float(above):
        kinds = "/".join(label.value.split("-")[0] for label in UNCHECKABLE)
        reasons.append(f"{share:.0%} of {n} statements rest on {kinds} sources (above {float(above):.0%})")
    return reasons
