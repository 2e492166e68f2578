"""Formats for the other forges: GitLab Code Quality (a JSON array of issues, the Code Climate subset GitLab
reads) and reviewdog's rdjson (a DiagnosticResult).

Both list the open findings (neither good practice nor suppressed) in reading order, and, like every format,
the outcome (audit.judge.verdict): a FAIL that fails the run and each failed gate are one more entry, at the
top of the document. GitLab: severity error -> major, warning -> minor, info -> info, a FAIL or a failed gate
-> blocker; lines 1-based, columns in code points; the fingerprint is stable across edits elsewhere in the
draft (path, check and the words it points at, numbered when they repeat). rdjson: ERROR, WARNING, INFO;
columns count UTF-8 bytes, as reviewdog's Position defines them, and the end is exclusive.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from audit.models import DocumentResult, Finding
from audit.present.formats.positions import Locator, has_lines, in_order

GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
RDJSON_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _open(doc: DocumentResult) -> list[Finding]:
    return [f for f in in_order(doc) if not f.good and not f.suppressed]


def _outcome(doc: DocumentResult) -> list[tuple[str, str]]:
    """(name, message) for a FAIL that fails the run and for each failed gate."""
    out = [("verdict/fail", f"FAIL: {doc.verdict.reason}")] if doc.verdict.fails else []
    return out + [(f"gate/{g.id}", g.message) for g in doc.gates if not g.passed]


def to_gitlab(docs: list[DocumentResult], errors: list[dict[str, str]]) -> str:
    issues: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    for doc in docs:
        for name, message in _outcome(doc):
            issues.append(_issue(name, message, "blocker", {"path": doc.path, "lines": {"begin": 1}},
                                 _fingerprint(seen, doc.path, name, message)))
        locator = Locator(doc.file_text or doc.text)
        for f in _open(doc):
            location: dict[str, Any] = {"path": doc.path, "lines": {"begin": 1}}
            if has_lines(doc):
                r = locator.region(f.start, f.end)
                location = {"path": doc.path, "positions": {"begin": {"line": r.start_line, "column": r.start_column},
                                                            "end": {"line": r.end_line, "column": r.end_column}}}
            issues.append(_issue(f.check_id, f"{f.message}: “{f.excerpt}”", GITLAB_SEVERITY.get(f.severity, "minor"),
                                 location, _fingerprint(seen, doc.path, f.check_id, f.excerpt)))
    for e in errors:
        issues.append(_issue("input-error", e["message"], "blocker", {"path": e["path"], "lines": {"begin": 1}},
                             _fingerprint(seen, e["path"], "input-error", e["message"])))
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"


def _issue(name: str, description: str, severity: str, location: dict[str, Any], fingerprint: str) -> dict[str, Any]:
    return {"type": "issue", "check_name": name, "description": description, "categories": ["Sourcing"],
            "severity": severity, "location": location, "fingerprint": fingerprint}


def _fingerprint(seen: Counter[str], *parts: str) -> str:
    key = "\0".join(parts)
    seen[key] += 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]


def to_rdjson(docs: list[DocumentResult], errors: list[dict[str, str]]) -> str:
    diagnostics: list[dict[str, Any]] = []
    for doc in docs:
        diagnostics += [{"message": message, "location": {"path": doc.path}, "severity": "ERROR",
                         "code": {"value": name}} for name, message in _outcome(doc)]
        text = doc.file_text or doc.text
        locator = Locator(text)
        for f in _open(doc):
            location: dict[str, Any] = {"path": doc.path}
            if has_lines(doc):
                location["range"] = {"start": _byte_position(text, locator, f.start),
                                     "end": _byte_position(text, locator, f.end)}
            diagnostics.append({"message": f"{f.message}: “{f.excerpt}”" if not has_lines(doc) else f.message,
                                "location": location, "severity": RDJSON_SEVERITY.get(f.severity, "WARNING"),
                                "code": {"value": f.check_id}})
    diagnostics += [{"message": e["message"], "location": {"path": e["path"]}, "severity": "ERROR",
                     "code": {"value": "input-error"}} for e in errors]
    result = {"source": {"name": "sourcing-audit"}, "diagnostics": diagnostics}
    return json.dumps(result, ensure_ascii=False, indent=1) + "\n"


def _byte_position(text: str, locator: Locator, offset: int) -> dict[str, int]:
    """The line (1-based) and the column in UTF-8 bytes (1-based) of a code-point offset."""
    line, column = locator.position(offset)
    line_start = min(max(offset, 0), len(text)) - (column - 1)
    return {"line": line, "column": len(text[line_start:line_start + column - 1].encode("utf-8")) + 1}
