"""One rule for the verdict and the exit code (audit.judge.verdict), reported the same way by every format.

Through the real entry point: a FAIL verdict exits 1 in every format, and 0 only with --exit-zero or
--fail-on never; the fail level decides which findings make a FAIL; suppressed findings never count.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")

# Four anonymous and one secondhand claim of six: 83% uncheckable, above the rules' FAIL share (50%). With the
# anonymous- and lede- checks ignored no error finding is left, so only the share makes the FAIL (issue 12).
SHARE_FAIL = """The mayor will resign next week, a city official said.

The budget was cut by a third, according to a person familiar with the plan.

The council knew about the deficit in March, two aides said.

The bridge will close in June, the Harbour Gazette reported.

The contract was signed in secret, sources said.

Senator Jane Smith said the vote is on Tuesday.
"""
# Named sources, one secondhand report: a warning (secondhand-unconfirmed), 17% uncheckable.
WARNING_ONLY = """Senator Jane Smith said the vote is on Tuesday.

The bridge will close in June, the Harbour Gazette reported.

The mayor, Tom Reyes, said the budget was balanced.

Councillor Maria Lopez said the deficit was known in March.

The clerk, Ann Wu, said the contract was signed on Monday.

Reyes said he would not resign.
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


@pytest.fixture
def share_fail(tmp_path: Path) -> Path:
    path = tmp_path / "share.txt"
    path.write_text(SHARE_FAIL, encoding="utf-8")
    return path


def _says_fail(fmt: str, out: str, fails: bool) -> bool:
    """Whether the output of one format reports a FAIL that fails the run (`fails`) or one that does not."""
    if fmt == "text":
        return out.splitlines()[0].split()[1] == "FAIL" and "FAIL: " in out
    if fmt == "json":
        verdict = json.loads(out)["documents"][0]["verdict"]
        return verdict["name"] == "FAIL" and verdict["fails"] is fails
    if fmt == "sarif":
        ids = [r["ruleId"] for r in json.loads(out)["runs"][0]["results"]]
        return ("verdict/fail" in ids) is fails
    if fmt == "github":
        verdicts = [line for line in out.splitlines() if "title=sourcing-audit%3A FAIL" in line]
        return len(verdicts) == 1 and verdicts[0].startswith("::error " if fails else "::notice ") and \
            (not fails or out.startswith(verdicts[0]))  # a FAIL that fails comes first
    if fmt == "junit":
        root = ET.fromstring(out)
        case = root.find("testsuite/testcase[@name='verdict']")
        assert case is not None
        return (case.find("failure") is not None) is fails and root.get("failures") == ("1" if fails else "0")
    return "| **FAIL** |" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_fail_verdict_exits_1_in_every_format(share_fail: Path, fmt: str) -> None:
    proc = run("check", "--ignore", "anonymous-,lede-", "--format", fmt, share_fail)
    assert proc.returncode == 1, proc.stderr
    assert _says_fail(fmt, proc.stdout, fails=True), proc.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_fail_on_never_reports_the_fail_and_exits_0(share_fail: Path, fmt: str) -> None:
    proc = run("check", "--ignore", "anonymous-,lede-", "--fail-on", "never", "--format", fmt, share_fail)
    assert proc.returncode == 0, proc.stderr
    assert _says_fail(fmt, proc.stdout, fails=False), proc.stdout


@pytest.mark.parametrize("fmt", ("text", "junit"))
def test_exit_zero_exits_0_on_a_fail(share_fail: Path, fmt: str) -> None:
    proc = run("check", "--exit-zero", "--format", fmt, share_fail)
    assert proc.returncode == 0, proc.stderr
    assert _says_fail(fmt, proc.stdout, fails=True)  # the formats report the FAIL; only the exit code is waived


def test_the_fail_level_decides_which_findings_fail(tmp_path: Path) -> None:
    path = tmp_path / "named.txt"
    path.write_text(WARNING_ONLY, encoding="utf-8")
    default = json.loads(run("check", "--format", "json", path).stdout)["documents"][0]
    assert [f["severity"] for f in default["findings"] if not f["good_practice"]] == ["warning"]
    assert (default["verdict"]["name"], default["verdict"]["fails"]) == ("REVIEW", False)
    assert run("check", path).returncode == 0
    proc = run("check", "--fail-on", "warning", "--format", "json", path)
    assert proc.returncode == 1
    verdict = json.loads(proc.stdout)["documents"][0]["verdict"]
    assert (verdict["name"], verdict["fails"], verdict["fail_on"]) == ("FAIL", True, "warning")
    junit = ET.fromstring(run("check", "--fail-on", "warning", "--format", "junit", path).stdout)
    failed = [c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None]
    assert failed == ["secondhand-unconfirmed", "verdict"]


def test_a_suppressed_finding_does_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "named.txt"
    path.write_text(WARNING_ONLY, encoding="utf-8")
    (tmp_path / "named.txt.sourcing-audit.yaml").write_text(
        "- {check: secondhand-unconfirmed, reason: the desk confirmed it}\n", encoding="utf-8")
    proc = run("check", "--fail-on", "warning", "--format", "json", path)
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout)["documents"][0]["verdict"]["name"] == "PASS"
