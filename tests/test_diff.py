"""`sourcing-audit diff OLD NEW` (audit.present.diff) through the real CLI, and the statement alignment itself."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from audit.pipeline import audit_text
from audit.present.diff import diff_results
from audit.rules.loader import default_rules

REPO = Path(__file__).resolve().parents[1]

OLD = """Pentagon delays missile order

Officials said the order for the missiles was delayed by two weeks.

Senator Jane Smith said the delay was "a serious mistake that puts Ukraine at risk".

The contract is worth $2 billion.

The decision surprised allies in Europe.
"""
NEW = """Pentagon delays missile order

Pentagon spokesman John Kirby said the order for the missiles was delayed by two weeks.

Senator Jane Smith said the delay was "a serious mistake that puts Ukraine at risk".

The contract is worth $2 billion.

According to the Wall Street Journal, the delay was ordered by the White House.
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_diff_json_reports_changes_additions_sources_and_shares(versions: tuple[Path, Path]) -> None:
    old, new = versions
    proc = run("diff", old, new, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert [(c["old_label"], c["new_label"]) for c in d["changed"]] == [("anonymous-source", "named-source")]
    assert d["changed"][0]["old_text"].startswith("Officials said")
    assert d["changed"][0]["new_text"].startswith("Pentagon spokesman John Kirby said")
    assert [(s["label"], s["text"]) for s in d["added"]] == [
        ("secondhand-report", "According to the Wall Street Journal, the delay was ordered by the White House.")]
    assert [(s["label"], s["text"]) for s in d["removed"]] == [
        ("unattributed", "The decision surprised allies in Europe.")]
    assert "John Kirby" in d["sources_added"] and "Wall Street Journal" in d["sources_added"]
    assert d["sources_dropped"] == ["Officials"]
    shares = {s["label"]: s for s in d["shares"]}
    assert shares["anonymous-source"]["before"] == 0.2 and shares["anonymous-source"]["after"] == 0.0
    assert shares["uncheckable"]["before"] == 0.2 and shares["uncheckable"]["after"] == 0.2
    assert d["statements"] == {"before": 5, "after": 5}


def test_diff_text_is_readable_and_exits_0(versions: tuple[Path, Path]) -> None:
    old, new = versions
    proc = run("diff", old, new)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith(f"{old} -> {new}: 5 -> 5 claims")
    assert "anonymous-source -> named-source: “Pentagon spokesman John Kirby said" in out
    assert "was: “Officials said the order" in out
    assert "  + secondhand-report: “According to the Wall Street Journal" in out
    assert "  - unattributed: “The decision surprised allies in Europe.”" in out
    assert "sources dropped: Officials" in out
    assert [line.split() for line in out.splitlines() if line.startswith("uncheckable")] == [
        ["uncheckable", "20%", "20%", "0"]]


def test_diff_markdown_has_the_tables(versions: tuple[Path, Path]) -> None:
    old, new = versions
    out = run("diff", old, new, "--format", "markdown").stdout
    assert "| before | after | statement |" in out
    assert "| anonymous-source | **named-source** | Pentagon spokesman John Kirby said" in out
    assert "| added | secondhand-report | According to the Wall Street Journal" in out
    assert "| uncheckable | 20% | 20% | 0 |" in out


def test_same_text_has_no_changes() -> None:
    doc = audit_text(OLD, "a.txt", default_rules(), with_readability=False)
    d = diff_results(doc, doc)
    assert (d.changed, d.added, d.removed, d.sources_added, d.sources_dropped) == ((), (), (), (), ())
    assert all(s.before == s.after for s in d.shares)


def test_moved_and_unchanged_statements_are_not_reported() -> None:
    rules = default_rules()
    a = audit_text("Officials said the talks stalled.\n\nThe weather was fine.\n", "a.txt", rules)
    b = audit_text("The weather was fine.\n\nOfficials said the talks stalled.\n", "b.txt", rules)
    d = diff_results(a, b)
    assert d.changed == ()
    assert sorted(s.text for s in d.added) == sorted(s.text for s in d.removed)  # a move: out here, in there


def test_missing_file_is_one_line_and_exit_2(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = versions
    proc = run("diff", old, tmp_path / "nope.txt")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"sourcing-audit: {tmp_path / 'nope.txt'}: no such file"]
