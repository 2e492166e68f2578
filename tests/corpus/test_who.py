"""benchmarks/who.py: the right-person measure. It needs ../shared/eval/recall.py beside the repository, so it is in
the corpus suite, which fails (never skips) when that folder is missing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

WHO = Path(__file__).resolve().parents[2] / "benchmarks" / "who.py"


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    corpus, pred = tmp_path / "corpus.jsonl", tmp_path / "pred.json"
    corpus.write_text("", encoding="utf-8")
    pred.write_text(json.dumps({"documents": []}), encoding="utf-8")
    return subprocess.run([sys.executable, str(WHO), str(corpus), str(pred), *args], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": ""})


def test_no_cues_is_said_not_divided_by(tmp_path: Path) -> None:
    done = _run(tmp_path, "--part", "tune")
    assert done.returncode == 0 and "no cues" in done.stdout


@pytest.mark.parametrize("part", ["check", "all"])
def test_wrong_cases_are_printed_for_the_tune_part_only(tmp_path: Path, part: str) -> None:
    done = _run(tmp_path, "--part", part, "--wrong", "5")
    assert done.returncode != 0 and "tune part only" in done.stderr
