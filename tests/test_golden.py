"""Golden output for each seed article: one line per statement (index, label, rule ids, text), compared exactly.

Regenerate with `pytest tests/test_golden.py --update-golden` and review the diff before committing it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from audit.pipeline import audit_text

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = {"seed": REPO / "seeds" / "putin-trump-tomahawk.txt"}


def golden_lines(text: str) -> str:
    result = audit_text(text, with_readability=False)
    lines = []
    for ls in result.statements:
        rule_ids = ",".join(ls.rule_ids) or "-"
        carried = f" (from {ls.carried_from})" if ls.carried_from is not None else ""
        shown = ls.statement.text.replace("\n", "⏎")
        lines.append(f"{ls.index:>3} | {ls.label.value}{carried} | {rule_ids} | {shown}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", SEEDS.keys())
def test_golden(name: str, update_golden: bool) -> None:
    got = golden_lines(SEEDS[name].read_text(encoding="utf-8"))
    path = GOLDEN / f"{name}.txt"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run pytest --update-golden and review the diff"
    assert got.splitlines() == path.read_text(encoding="utf-8").splitlines()
