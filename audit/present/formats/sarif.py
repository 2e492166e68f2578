"""SARIF 2.1.0 for code-scanning tools: every check as a rule, every finding as a result with a region.

Regions are 1-based lines and columns computed from the finding's offsets (audit.present.formats.positions);
columns count Unicode code points (`columnKind: unicodeCodePoints`), and `endColumn` is the column just
after the finding's last character, as SARIF defines it. Good-practice findings are not results (SARIF
results are problems; the JSON keeps them). Suppressed findings stay, with `suppressions` saying why.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from audit import __version__
from audit.models import DocumentResult, Finding, GateResult
from audit.present.formats.positions import Locator, has_lines, in_order
from audit.rules.ruleset import Check, RuleSet

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(docs: list[DocumentResult], rules: RuleSet, errors: list[dict[str, str]]) -> str:
    descriptors = [rule_descriptor(c) for c in rules.checks]
    index = {c.id: n for n, c in enumerate(rules.checks)}
    results: list[dict[str, Any]] = []
    for doc in docs:
        if doc.verdict.fails:  # the outcome, as every format reports it (audit.judge.verdict)
            results.append(_verdict_result(doc, descriptors, index))
        for gate in doc.gates:
            if not gate.passed:
                results.append(_gate_result(doc, gate, descriptors, index))
        locator = Locator(doc.file_text or doc.text)
        results.extend(_result(doc, f, locator, index) for f in in_order(doc) if not f.good)
    run = {
        "tool": {"driver": {"name": "sourcing-audit", "version": __version__, "semanticVersion": __version__,
                            "rules": descriptors,
                            "properties": {"rulesVersion": rules.version}}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not errors,
                         "toolExecutionNotifications": [_notification(e) for e in errors]}],
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def rule_descriptor(c: Check) -> dict[str, Any]:
    help_text = f"{c.why}\n\nWhat to do: {c.fix}" if c.fix else c.why
    desc: dict[str, Any] = {
        "id": c.id,
        "shortDescription": {"text": c.message},
        "fullDescription": {"text": c.why},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL.get(c.severity, "warning")},
        "properties": {"tags": ["sourcing"]},
    }
    if c.standard:
        desc["properties"]["standard"] = c.standard
    return desc


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the checkout); an absolute one is a
    file URI."""
    if path.lower().startswith(("http://", "https://")):  # a URL input: its address is its URI
        return path
    p = PurePath(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _location(doc: DocumentResult, locator: Locator | None = None, start: int = 0, end: int = 0) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(doc.path)}}
    if locator is not None and has_lines(doc):
        r = locator.region(start, end)
        physical["region"] = {"startLine": r.start_line, "startColumn": r.start_column,
                              "endLine": r.end_line, "endColumn": r.end_column,
                              "snippet": {"text": locator.text[start:end]}}
    return {"physicalLocation": physical}


def _result(doc: DocumentResult, f: Finding, locator: Locator, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.check_id,
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message if has_lines(doc) else f"{f.message}: “{f.excerpt}”"},
        "locations": [_location(doc, locator, f.start, f.end)],
        # stable across edits elsewhere in the draft: the check and the words it points at
        "partialFingerprints": {"sourcingAudit/v1": _fingerprint(f.check_id, f.excerpt)},
        "properties": {"statement": f.statement, "paragraph": f.paragraph, "excerpt": f.excerpt},
    }
    if f.check_id in index:
        result["ruleIndex"] = index[f.check_id]
    if f.suppressed:
        result["suppressions"] = [{"kind": "inSource",
                                   "justification": f.suppression_reason or "accepted in the draft"}]
    return result


def _gate_result(doc: DocumentResult, gate: GateResult, descriptors: list[dict[str, Any]],
                 index: dict[str, int]) -> dict[str, Any]:
    rule_id = f"gate/{gate.id}"
    if rule_id not in index:  # gates come from the settings, not the rules: describe each one once
        index[rule_id] = len(descriptors)
        descriptors.append({"id": rule_id, "shortDescription": {"text": f"document gate {gate.id}"},
                            "defaultConfiguration": {"level": "error"}})
    return {"ruleId": rule_id, "ruleIndex": index[rule_id], "level": "error",
            "message": {"text": gate.message}, "locations": [_location(doc)],
            "properties": {"value": gate.value, "threshold": gate.threshold}}


def _verdict_result(doc: DocumentResult, descriptors: list[dict[str, Any]], index: dict[str, int]) -> dict[str, Any]:
    rule_id = "verdict/fail"
    if rule_id not in index:
        index[rule_id] = len(descriptors)
        descriptors.append({"id": rule_id, "shortDescription": {"text": "the document's verdict is FAIL"},
                            "defaultConfiguration": {"level": "error"}})
    return {"ruleId": rule_id, "ruleIndex": index[rule_id], "level": "error",
            "message": {"text": f"FAIL: {doc.verdict.reason}"}, "locations": [_location(doc)]}


def _notification(error: dict[str, str]) -> dict[str, Any]:
    return {"level": "error", "message": {"text": error["message"]},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(error["path"])}}}]}


def _fingerprint(check_id: str, excerpt: str) -> str:
    return hashlib.sha256(f"{check_id}\0{excerpt}".encode()).hexdigest()[:32]
