"""`sourcing-audit eval` errors that need no gold data (the figures are checked in tests/corpus/)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*map(str, args)], capture_output=True, text=True, cwd=REPO, timeout=300)


def test_eval_missing_gold_file_is_exit_2(tmp_path: Path) -> None:
    proc = _run(sys.executable, "-m", "audit", "eval", tmp_path / "none.jsonl")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"sourcing-audit: {tmp_path / 'none.jsonl'}: no such gold file"
