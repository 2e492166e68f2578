"""GitLab Code Quality and reviewdog rdjson through the real CLI, validated against the schemas shipped in
tests/schemas (no network), with positions that point at the findings' words."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).parent / "schemas"
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
DRAFT = """# Pentagon delays missile order

Officials said the order for the missiles was delayed by two weeks.

The delay — announced at a café on Tuesday — angered allies. A former diplomat
said the decision was "a disgrace and a betrayal of Ukraine".
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def _schema(name: str) -> Any:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _open_findings(path: Path) -> list[dict[str, Any]]:
    (doc,) = json.loads(run("check", "--format", "json", path).stdout)["documents"]
    found = [f for f in doc["findings"] if not f["good_practice"] and not f["suppressed"]]
    return sorted(found, key=lambda f: (f["start"], f["end"], f["check_id"]))


def test_gitlab_validates_and_points_at_the_findings(draft: Path, tmp_path: Path) -> None:
    proc = run("check", "--format", "gitlab", draft, SEED, tmp_path / "missing.md")
    assert proc.returncode == 2  # the missing file; the others still reported
    issues = json.loads(proc.stdout)
    validator = _schema("gitlab-codequality.json")
    assert list(validator.iter_errors(issues)) == []
    assert list(validator.iter_errors([{**issues[0], "severity": "serious"}])), "the schema must catch a bad value"
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    mine = [i for i in issues if i["location"]["path"] == str(draft)]
    verdict, *found = mine
    assert (verdict["check_name"], verdict["severity"]) == ("verdict/fail", "blocker")
    expected = _open_findings(draft)
    assert [i["check_name"] for i in found] == [f["check_id"] for f in expected]
    lines = DRAFT.splitlines()
    for issue, f in zip(found, expected):
        begin = issue["location"]["positions"]["begin"]
        assert lines[begin["line"] - 1][begin["column"] - 1:].startswith(f["excerpt"].split()[0])
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[f["severity"]]
    assert issues[-1]["check_name"] == "input-error"


def test_rdjson_validates_and_counts_columns_in_utf8_bytes(draft: Path) -> None:
    proc = run("check", "--format", "rdjson", draft)
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    validator = _schema("reviewdog-rdjson.json")
    assert list(validator.iter_errors(result)) == []
    broken = {**result, "diagnostics": [{**result["diagnostics"][0], "severity": "SEVERE"}]}
    assert list(validator.iter_errors(broken)), "the schema must catch a bad severity"
    verdict, *found = result["diagnostics"]
    assert (verdict["code"]["value"], verdict["severity"]) == ("verdict/fail", "ERROR")
    expected = _open_findings(draft)
    assert [d["code"]["value"] for d in found] == [f["check_id"] for f in expected]
    raw = DRAFT.encode("utf-8").split(b"\n")
    for d, f in zip(found, expected):
        start, end = d["location"]["range"]["start"], d["location"]["range"]["end"]
        line = raw[start["line"] - 1]
        assert line[start["column"] - 1:].decode("utf-8").startswith(f["excerpt"].split()[0])
        if end["line"] == start["line"]:  # exclusive end, in bytes: the span decodes to the finding's words
            span = line[start["column"] - 1:end["column"] - 1].decode("utf-8")
            assert " ".join(span.split()).startswith(f["excerpt"].rstrip("…")[:20])
    after_cafe = [d for d in found if d["location"]["range"]["start"]["line"] == 5 and
                  d["location"]["range"]["start"]["column"] > 1]
    assert after_cafe, "a finding after the non-ASCII words on line 5"
    for d in after_cafe:  # "é" and "—" are 2 and 3 bytes: byte columns are past the code-point columns
        col = d["location"]["range"]["start"]["column"]
        assert raw[4][:col - 1].decode("utf-8").endswith(("allies. ", "allies."))
