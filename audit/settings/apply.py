"""Apply the settings in force to a result: select, ignore, severity, suppressions, gates and the verdict."""
from __future__ import annotations

import dataclasses

from audit.errors import ConfigError
from audit.judge.context import SEVERITY_ORDER
from audit.judge.gates import evaluate_gates
from audit.judge.suppress import META_CHECKS, apply_suppressions, read_suppressions
from audit.judge.verdict import verdict
from audit.models import DocumentResult, Finding
from audit.read.inputs import SourceText
from audit.rules.ruleset import RuleSet
from audit.settings.model import Settings


def check_ids(settings: Settings, rules: RuleSet) -> None:
    """Every id in select, ignore and severity names a check, gate or rule of this rule set (ConfigError if not)."""
    checks = {c.id for c in rules.checks} | set(META_CHECKS)
    gates = {g.id for g in settings.gates}
    labelling = {r.id for r in rules.rules}
    problems = []
    for key, ids, pool in (("select", settings.select, checks | gates), ("ignore", settings.ignore,
                                                                          checks | gates | labelling)):
        for i in ids:
            if not any(x.startswith(i) for x in pool):
                why = "names only labelling rules; select picks checks and gates (ignore switches rules off)" \
                    if any(x.startswith(i) for x in labelling) else "matches no check, gate or rule " \
                                                                    "(see `sourcing-audit rules list`)"
                problems.append(f"{settings.entries.get(f'{key}:{i}', '--' + key)}: {key}: {i!r} {why}")
    for i in settings.severity:
        if i not in checks:
            problems.append(f"{settings.entries.get(f'severity:{i}', 'severity')}: severity: {i!r} is not a check id")
    if problems:
        raise ConfigError(problems)


_FILTERED: dict[tuple[int, tuple[str, ...]], tuple[RuleSet, RuleSet]] = {}


def rules_in_force(settings: Settings, rules: RuleSet) -> RuleSet:
    """The rule set without the labelling rules `ignore` switches off (checks are filtered by apply_settings)."""
    check_ids(settings, rules)
    key = (id(rules), settings.ignore)
    if key not in _FILTERED:
        kept = tuple(r for r in rules.rules if not any(r.id.startswith(i) for i in settings.ignore))
        _FILTERED[key] = (rules, dataclasses.replace(rules, rules=kept) if len(kept) < len(rules.rules) else rules)
    return _FILTERED[key][1]


def apply_settings(doc: DocumentResult, src: SourceText, settings: Settings, rules: RuleSet) -> DocumentResult:
    """Keep the selected findings at their set severity, mark suppressed ones, evaluate gates, redo the verdict."""
    kept = [_severity(f, settings) for f in doc.findings if settings.wanted(f.check_id)]
    sups, invalid = read_suppressions(src, doc, settings.encoding)
    known = {c.id for c in rules.checks}
    kept, meta = apply_suppressions(kept, sups, known, lambda cid: not settings.wanted(cid))
    kept += [_severity(f, settings) for f in invalid + meta if settings.wanted(f.check_id)]
    kept.sort(key=lambda f: (SEVERITY_ORDER.index(f.severity), f.start))
    gates = evaluate_gates(tuple(g for g in settings.gates if settings.wanted(g.id)), doc.scores)
    out = dataclasses.replace(doc, findings=tuple(kept), gates=gates, source_format=src.format)
    return dataclasses.replace(out, verdict=verdict(out, rules, settings.fail_on, gates))


def _severity(f: Finding, settings: Settings) -> Finding:
    level = settings.severity.get(f.check_id)
    return dataclasses.replace(f, severity=level) if level and level != f.severity else f
