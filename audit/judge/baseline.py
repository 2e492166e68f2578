"""A baseline: an earlier result (the JSON contract) whose findings are not reported again.

A finding is the same as one in the baseline when its document path, check id and excerpt (the words it
points at) are: that survives edits elsewhere in the draft. Each baseline finding matches one finding, so
a second occurrence of the same words is new. What is left is judged again (audit.judge.verdict); gates and
the uncheckable share are about the whole draft, not about a finding, and still apply.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from audit.judge.verdict import verdict
from audit.models import DocumentResult
from audit.rules.ruleset import RuleSet

Key = tuple[str, str, str]


def baseline_keys(result: Any, name: str) -> Counter[Key]:
    """The findings of an earlier result as (path, check id, excerpt), counted; ValueError names the problem."""
    docs = result.get("documents") if isinstance(result, dict) else None
    if not isinstance(docs, list):
        raise ValueError(f"{name}: not a sourcing-audit JSON result (no 'documents' list)")
    keys: Counter[Key] = Counter()
    for doc in docs:
        for f in doc.get("findings", ()) if isinstance(doc, dict) else ():
            if isinstance(f, dict) and not f.get("good_practice"):
                keys[(str(doc.get("path")), str(f.get("check_id")), str(f.get("excerpt")))] += 1
    return keys


def without_baseline(doc: DocumentResult, known: Counter[Key], rules: RuleSet, fail_on: str) -> DocumentResult:
    """The document without the findings the baseline has (each used once), judged again."""
    left = Counter(known)
    kept = []
    for f in doc.findings:
        key = (doc.path, f.check_id, f.excerpt)
        if not f.good and left[key] > 0:
            left[key] -= 1
            continue
        kept.append(f)
    out = dataclasses.replace(doc, findings=tuple(kept))
    return dataclasses.replace(out, verdict=verdict(out, rules, fail_on, doc.gates))
