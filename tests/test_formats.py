"""Output formats of `check` (audit.present.formats, audit.present.summary) through the real CLI: positions,
SARIF, GitHub, JUnit, Markdown.

The draft is written as .txt and as .md. A line and column must point at the finding's words in the file:
for .txt the engine reads the file's text; for .md it reads a view of the same length and newlines with the
markup blanked (audit/inputs.py), so positions still land on the draft as written.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jsonschema
import pytest

from audit.models import GateResult
from audit.pipeline import audit_text
from audit.present.formats import render
from audit.present.formats.github import command, escape_data, escape_property
from audit.present.formats.positions import Locator, position
from audit.rules.loader import default_rules

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0.json"
DRAFT_SUFFIXES = (".txt", ".md")

DRAFT = """# Pentagon delays missile order

Officials said the order for the missiles was delayed by two weeks.

The delay — announced at a café on Tuesday — angered allies. A former diplomat
said the decision was "a disgrace and a betrayal of Ukraine".

> "We will not comment on internal deliberations," the Pentagon said in a statement.

Senator Jane Smith said the delay was "a serious mistake that puts Ukraine at risk".
"""
PASSING = "Senator Jane Smith said the plan was dead.\n\nThe vote is on Tuesday, Smith said.\n"


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120, env=env)


@pytest.fixture(params=DRAFT_SUFFIXES)
def draft(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    path = tmp_path / f"draft{request.param}"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _open_findings(path: Path) -> list[dict[str, Any]]:
    """The draft's findings from the JSON, in the order the formats list them, without good practice."""
    (doc,) = json.loads(run("check", "--format", "json", path).stdout)["documents"]
    found = [f for f in doc["findings"] if not f["good_practice"]]
    return sorted(found, key=lambda f: (f["start"], f["end"], f["check_id"]))


def _at(lines: list[str], line: int, col: int, end_line: int, end_col: int) -> str:
    """The file's text from (line, col) to just before (end_line, end_col), 1-based, code-point columns."""
    if line == end_line:
        return lines[line - 1][col - 1:end_col - 1]
    return "".join([lines[line - 1][col - 1:], *lines[line:end_line - 1], lines[end_line - 1][:end_col - 1]])


def _assert_points_at(text_at: str, finding: dict[str, Any]) -> None:
    words = " ".join(text_at.split())
    assert words.startswith(finding["excerpt"].rstrip("…")), (text_at, finding)


# --- positions ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "offset", "expected"), [
    ("abc", 0, (1, 1)),
    ("abc\ndef", 4, (2, 1)),
    ("abc\ndef", 6, (2, 3)),
    ("abc\n", 4, (2, 1)),
    ("a\r\nb", 3, (2, 1)),
    ("café — x\ny", 7, (1, 8)),
    ("😀x", 1, (1, 2)),
    ("ab", 99, (1, 3)),
], ids=["start", "second-line", "mid-line", "after-last-newline", "crlf", "non-ascii", "astral", "clamped"])
def test_position_is_1_based_in_code_points(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert position(text, offset) == expected


def test_region_end_is_exclusive() -> None:
    r = Locator("ab\ncd ef\n").region(6, 8)
    assert (r.start_line, r.start_column, r.end_line, r.end_column) == (2, 4, 2, 6)


# --- github -------------------------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")


def _unescape(s: str) -> str:
    for code, ch in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        s = s.replace(code, ch)
    return s


def _parse_github(out: str) -> list[tuple[str, dict[str, str], str]]:
    parsed = []
    for line in out.splitlines():
        m = _COMMAND.match(line)
        assert m, line
        props = dict(kv.split("=", 1) for kv in m.group(2).split(","))
        parsed.append((m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))))
    return parsed


def _groups(findings: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Open findings grouped by statement, as the annotations group them (read here from the JSON)."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for f in findings:
        if not f["suppressed"]:
            key = ("s", f["statement"]) if f["statement"] is not None else ("f", f["start"], f["check_id"])
            groups.setdefault(key, []).append(f)
    return list(groups.values())


def test_github_annotations_point_at_the_statements(draft: Path) -> None:
    proc = run("check", "--format", "github", draft)
    assert proc.returncode == 1, proc.stderr  # the draft has an error-level finding
    verdict, *annotations = _parse_github(proc.stdout)
    assert (verdict[0], verdict[1]["title"]) == ("error", "sourcing-audit: FAIL")
    groups = _groups(_open_findings(draft))
    assert len(annotations) == len(groups) > 2
    assert len(groups) < len(_open_findings(draft)), "some statement has two findings"
    rank = ["error", "warning", "notice"]
    assert [k for k, _, _ in annotations] == sorted((k for k, _, _ in annotations), key=rank.index)
    lines = draft.read_text(encoding="utf-8").splitlines(keepends=True)
    severity = {"error": "error", "warning": "warning", "info": "notice"}
    by_title = {p["title"]: (k, p, m) for k, p, m in annotations}
    for group in groups:
        ordered = sorted(group, key=lambda f: ["error", "warning", "info"].index(f["severity"]))
        kind, props, message = by_title[", ".join(dict.fromkeys(f["check_id"] for f in ordered))]
        assert props["file"] == str(draft)
        assert kind == severity[ordered[0]["severity"]]
        assert all(f["message"] in message for f in group) and group[0]["excerpt"] in message
        line, col, end_line = int(props["line"]), int(props["col"]), int(props["endLine"])
        # GitHub honours endColumn only on one-line annotations, so a finding over lines has none
        end_col = int(props["endColumn"]) if "endColumn" in props else len(lines[end_line - 1]) + 1
        _assert_points_at(_at(lines, line, col, end_line, end_col), min(group, key=lambda f: f["start"]))
    assert any(int(p["col"]) > 1 for _, p, _ in annotations), "a finding that starts mid-line"


def test_github_escapes_values_as_the_toolkit_does() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("warning", "x: y, z", file="C:/d,1.txt", line=3) == "::warning file=C%3A/d%2C1.txt,line=3::x: y, z"


def test_github_lists_failed_gates_first() -> None:
    doc = audit_text(DRAFT, "draft.txt", default_rules())
    gates = (GateResult("max-uncheckable", False, "33% uncheckable, above 25%", 0.33, 0.25),
             GateResult("min-named", True, "ok", 0.5, 0.2))
    out = render("github", [dataclasses.replace(doc, gates=gates)], default_rules(), [])
    verdict, first, *rest = _parse_github(out)
    assert verdict[1] == {"file": "draft.txt", "title": "sourcing-audit: FAIL"}
    assert first == ("error", {"file": "draft.txt", "title": "gate max-uncheckable"}, "33% uncheckable, above 25%")
    assert not any(p["title"].startswith("gate ") for _, p, _ in rest)


def test_github_appends_a_markdown_summary(tmp_path: Path, draft: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    proc = run("check", "--format", "github", draft, env=env)
    assert proc.returncode == 1, proc.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## sourcing-audit")
    assert "| document | verdict |" in text and "**FAIL**" in text


# --- sarif --------------------------------------------------------------------------------------------

def _sarif(*args: str | Path) -> dict[str, Any]:
    proc = run("check", "--format", "sarif", *args)
    assert proc.returncode in (0, 1, 2), proc.stderr
    return json.loads(proc.stdout)


def test_sarif_regions_point_at_the_statements(draft: Path) -> None:
    log = _sarif(draft)
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    findings = _open_findings(draft)
    verdict, *results = run_["results"]
    assert (verdict["ruleId"], verdict["level"]) == ("verdict/fail", "error")  # the draft FAILs: the outcome too
    assert len(results) == len(findings)
    lines = draft.read_text(encoding="utf-8").splitlines(keepends=True)
    for result, f in zip(results, findings):
        loc = result["locations"][0]["physicalLocation"]
        assert Path(unquote(urlparse(loc["artifactLocation"]["uri"]).path)) == draft
        r = loc["region"]
        text_at = _at(lines, r["startLine"], r["startColumn"], r["endLine"], r["endColumn"])
        _assert_points_at(text_at, f)
        assert r["snippet"]["text"] == text_at
        assert result["ruleId"] == f["check_id"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[f["severity"]]


def test_sarif_validates_against_the_schema(tmp_path: Path, draft: Path) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    log = _sarif(SEED, draft, tmp_path / "missing.txt")
    assert list(validator.iter_errors(log)) == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    broken = {**log, "runs": [{**log["runs"][0], "results": [{"level": "severe"}]}]}
    assert list(validator.iter_errors(broken)), "the schema must catch a bad result"


def test_sarif_rules_describe_every_check(draft: Path) -> None:
    *rules, verdict = _sarif(draft)["runs"][0]["tool"]["driver"]["rules"]
    checks = default_rules().checks
    assert [r["id"] for r in rules] == [c.id for c in checks]
    assert verdict["id"] == "verdict/fail"  # described once, after the checks, for the FAIL verdict's result
    for r, c in zip(rules, checks):
        assert r["shortDescription"]["text"] == c.message
        assert r["fullDescription"]["text"] == c.why
        assert c.why in r["help"]["text"] and c.fix in r["help"]["text"]
        assert "helpUri" not in r


def test_sarif_marks_suppressed_findings() -> None:
    doc = audit_text(DRAFT, "draft.txt", default_rules())
    first = doc.findings[0]
    accepted = dataclasses.replace(first, suppressed=True, suppression_reason="source vetted by the desk")
    doc = dataclasses.replace(doc, findings=(accepted, *doc.findings[1:]))
    log = json.loads(render("sarif", [doc], default_rules(), []))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log)) == []
    marked = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert [r["suppressions"] for r in marked] == [[{"kind": "inSource",
                                                     "justification": "source vetted by the desk"}]]


# --- junit, markdown, text, several outputs ----------------------------------------------------------

def test_junit_has_a_suite_per_document_and_a_case_per_check(draft: Path, tmp_path: Path) -> None:
    passing = tmp_path / "passing.txt"
    passing.write_text(PASSING, encoding="utf-8")
    proc = run("check", "--format", "junit", draft, passing)
    root = ET.fromstring(proc.stdout)
    checks = [c.id for c in default_rules().checks]
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(draft), str(passing)]
    # at the default fail level (error) the error findings fail their checks, and the FAIL verdict its case
    failing = {f["check_id"] for f in _open_findings(draft) if f["severity"] == "error"} | {"verdict"}
    assert len(failing) > 1
    for suite, expect_failing in zip(suites, (failing, set())):
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [*checks, "verdict"]
        assert {c.get("name") for c in cases if c.find("failure") is not None} == expect_failing
        assert suite.get("tests") == str(len(checks) + 1)
        assert suite.get("failures") == str(len(expect_failing))
    assert root.get("tests") == str(2 * len(checks) + 2) and root.get("failures") == str(len(failing))


def test_markdown_has_the_tables(draft: Path) -> None:
    out = run("check", "--format", "markdown", draft).stdout
    assert "| document | verdict | claims | uncheckable | findings |" in out
    assert f"### `{draft}`: FAIL" in out
    assert "| anonymous-source | 2 | 33% |" in out
    assert "| 5:62 | error | `anonymous-opinion` |" in out


def test_text_lists_findings_with_line_and_column(draft: Path, tmp_path: Path) -> None:
    passing = tmp_path / "passing.txt"
    passing.write_text(PASSING, encoding="utf-8")
    proc = run("check", draft, passing)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"{draft}  FAIL  6 statements")
    assert f"{draft}:5:62: error anonymous-opinion an unnamed source giving opinion or attacking someone" in lines
    assert f"{draft}:3:1: warning anonymous-bare a bare anonymous source: 'a source', 'officials said', " \
           "'sources say'" in lines
    assert [line for line in lines if line.startswith(str(passing))] == [f"{passing}  PASS  2 statements: named 2"]
    assert "\033[" not in proc.stdout  # not a terminal: no colour


def test_text_is_one_line_for_a_passing_draft(tmp_path: Path) -> None:
    passing = tmp_path / "passing.txt"
    passing.write_text(PASSING, encoding="utf-8")
    proc = run("check", passing)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{passing}  PASS  2 statements: named 2\n"


def test_text_colours_only_when_painted() -> None:
    doc = audit_text(DRAFT, "draft.txt", default_rules())
    plain = render("text", [doc], default_rules(), [])
    painted = render("text", [doc], default_rules(), [], paint=lambda t, c: f"\033[{c}m{t}\033[0m")
    assert "\033[" not in plain and "\033[31merror\033[0m" in painted
    assert re.sub(r"\033\[\d+m", "", painted) == plain


def test_several_outputs_are_all_written(draft: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.sarif"
    proc = run("check", "--output", f"json={a}", "--output", f"sarif={b}", draft)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert json.loads(a.read_text(encoding="utf-8"))["documents"][0]["path"] == str(draft)
    assert json.loads(b.read_text(encoding="utf-8"))["version"] == "2.1.0"
