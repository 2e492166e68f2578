"""`check --statistics`, `--quiet` and `--baseline` through the real entry point."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
NAMED = """Senator Jane Smith said the vote is on Tuesday.

The bridge will close in June, the Harbour Gazette reported.

The mayor, Tom Reyes, said the budget was balanced.

Councillor Maria Lopez said the deficit was known in March.
"""
ANOTHER = "\nThe contract was signed in secret, the Daily Courier reported.\n"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def _open(*paths: Path) -> list[dict]:
    docs = json.loads(run("check", "--format", "json", *paths).stdout)["documents"]
    return [dict(f, path=d["path"]) for d in docs for f in d["findings"]
            if not f["good_practice"] and not f["suppressed"]]


def test_statistics_counts_the_open_findings_per_check(tmp_path: Path) -> None:
    draft = tmp_path / "named.txt"
    draft.write_text(NAMED + ANOTHER, encoding="utf-8")
    proc = run("check", "--statistics", SEED, draft)
    assert proc.returncode == 1, proc.stderr
    rows = [re.match(r"^\s*(\d+)  (\S+)\s+(error|warning|info)\s+\S", line) for line in proc.stdout.splitlines()]
    assert all(rows), proc.stdout
    counts = Counter(f["check_id"] for f in _open(SEED, draft))
    assert {m.group(2): int(m.group(1)) for m in rows if m} == dict(counts)
    assert [int(m.group(1)) for m in rows if m] == sorted(counts.values(), reverse=True)
    assert counts["secondhand-unconfirmed"] >= 3  # two in the draft, one in the seed at least


def test_quiet_prints_only_findings(tmp_path: Path) -> None:
    draft = tmp_path / "named.txt"
    draft.write_text(NAMED, encoding="utf-8")
    loud = run("check", "--fail-on", "warning", draft)
    quiet = run("check", "--quiet", "--fail-on", "warning", draft)
    assert quiet.returncode == loud.returncode == 1
    lines = quiet.stdout.splitlines()
    assert lines[0] == f"{draft}: error verdict FAIL: 1 error/warning finding (secondhand-unconfirmed)."
    assert lines[1:] == [f"{draft}:3:1: warning secondhand-unconfirmed another outlet's report, not said to be "
                         "confirmed by this article"]
    assert all(line in loud.stdout for line in lines[1:]) and "statements" in loud.stdout
    passing = tmp_path / "passing.txt"
    passing.write_text("Senator Jane Smith said the plan was dead.\n", encoding="utf-8")
    proc = run("check", "-q", passing)
    assert (proc.returncode, proc.stdout) == (0, "")


def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    draft = tmp_path / "named.txt"
    draft.write_text(NAMED, encoding="utf-8")
    baseline = tmp_path / "audit.json"
    assert run("check", "--format", "json", "-o", baseline, draft).returncode == 0
    assert run("check", "--fail-on", "warning", draft).returncode == 1  # the old warning fails without a baseline
    proc = run("check", "--fail-on", "warning", "--baseline", baseline, "--format", "json", draft)
    assert proc.returncode == 0, proc.stdout
    (doc,) = json.loads(proc.stdout)["documents"]
    assert [f for f in doc["findings"] if not f["good_practice"]] == []
    assert doc["verdict"]["name"] == "PASS"
    draft.write_text(NAMED + ANOTHER, encoding="utf-8")  # a second secondhand report: new words, a new finding
    proc = run("check", "--fail-on", "warning", "--baseline", baseline, "-q", draft)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[1:] == [f"{draft}:9:1: warning secondhand-unconfirmed another outlet's report, "
                                            "not said to be confirmed by this article"]


def test_a_bad_baseline_is_one_line(tmp_path: Path) -> None:
    for content, message in ((None, "no such baseline file"), ("{", "not a readable JSON result"),
                             ("[]", "not a sourcing-audit JSON result")):
        baseline = tmp_path / "audit.json"
        if content is not None:
            baseline.write_text(content, encoding="utf-8")
        proc = run("check", "--baseline", baseline, SEED)
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"sourcing-audit: {baseline}: {message}") and proc.stderr.count("\n") == 1


def test_output_by_extension_and_by_name_are_the_same(tmp_path: Path) -> None:
    by_extension, by_name = tmp_path / "audit.json", tmp_path / "named.json"
    for spec in (str(by_extension), f"json={by_name}"):
        assert run("check", "-o", spec, SEED).returncode in (0, 1)
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (by_extension, by_name))
    assert a == b
    assert a["documents"][0]["readability"]["inputs"]["words"] > 100  # not left empty for `-o audit.json`
