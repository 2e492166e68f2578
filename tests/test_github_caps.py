"""GitHub shows 10 annotations per severity per step: one annotation per statement, errors first, at most 10
of each severity, a final notice and a line in the job summary for the rest; Markdown capped with "N more"."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from audit.pipeline import audit_text
from audit.present.formats.markdown import COMMENT_LIMIT, to_markdown
from audit.rules.loader import default_rules

REPO = Path(__file__).resolve().parents[1]


def _draft(pairs: int) -> str:
    paras = []
    for i in range(pairs):
        paras.append(f'A former diplomat said decision {i} was "a disgrace and a betrayal of Ukraine".')
        paras.append(f"The plan number {i} was delayed, an official said.")
    return "\n\n".join(paras) + "\n"


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=120, env=env)


def test_many_findings_give_at_most_10_annotations_per_severity_and_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text(_draft(25), encoding="utf-8")
    (doc,) = json.loads(run("check", "--format", "json", path).stdout)["documents"]
    found = [f for f in doc["findings"] if not f["good_practice"]]
    assert len(found) >= 30
    statements = {f["statement"] for f in found}
    summary = tmp_path / "summary.md"
    proc = run("check", "--format", "github", path, env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    kinds = Counter(line.split(" ", 1)[0] for line in lines)
    assert all(n <= 10 for n in kinds.values()), kinds
    assert lines[0].startswith("::error ") and "title=sourcing-audit%3A FAIL" in lines[0]
    shown = lines[1:-1]
    assert len(shown) < len(statements) < len(found)  # grouped per statement, and still more than fit
    rank = ["::error", "::warning", "::notice"]
    assert [line.split(" ", 1)[0] for line in shown] == sorted((x.split(" ", 1)[0] for x in shown), key=rank.index)
    m = re.match(r"::notice title=sourcing-audit%3A more findings::(\d+) more annotations not shown", lines[-1])
    assert m, lines[-1]
    assert int(m.group(1)) == len(statements) - len(shown)  # one annotation per statement with findings
    text = summary.read_text(encoding="utf-8")
    assert f"{m.group(1)} more annotations not shown" in text
    assert text.count("| error |") + text.count("| warning |") == len(found)  # every finding in the summary


def test_a_statement_with_two_findings_is_one_annotation(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text(_draft(1), encoding="utf-8")
    (doc,) = json.loads(run("check", "--format", "json", path).stdout)["documents"]
    ids = [f["check_id"] for f in doc["findings"] if not f["good_practice"] and f["statement"] == 0]
    assert len(ids) >= 2
    lines = [x for x in run("check", "--format", "github", path).stdout.splitlines() if "line=1," in x]
    assert len(lines) == 1
    assert lines[0].startswith("::error ") and all(i in lines[0] for i in ids)


def test_markdown_is_capped_with_an_n_more_line() -> None:
    rules = default_rules()
    doc = audit_text(_draft(400), "big.txt", rules, with_readability=False)
    found = [f for f in doc.findings if not f.good]
    out = to_markdown([doc], [])
    assert len(out.encode("utf-8")) <= COMMENT_LIMIT
    shown = out.count("| error |") + out.count("| warning |") + out.count("| info |")
    assert 0 < shown < len(found)
    assert out.rstrip().endswith("for all of them.")
    assert f"**{len(found) - shown} more findings not shown**" in out
    small = to_markdown([doc], [], limit=3000)
    assert len(small.encode("utf-8")) <= 3000 and "more findings not shown" in small
    assert to_markdown([doc], [], limit=10**8).count("| error |") + \
        to_markdown([doc], [], limit=10**8).count("| warning |") == len(found)  # uncapped: all of them
