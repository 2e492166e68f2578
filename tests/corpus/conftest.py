"""The corpus suite: tests that read the gold files in ../shared/eval, next to the clone.

`.venv/bin/python -m pytest` leaves this folder out (pyproject.toml: norecursedirs), so the README's test
command passes on a clone alone; `.ci/run` runs it too, as `.venv/bin/python -m pytest tests/corpus`, and
there a missing ../shared/eval fails the run instead of skipping.
"""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "eval"
NEEDED = ("dev-gold.jsonl", "seed-gold.jsonl", "score.py")


@pytest.fixture(autouse=True, scope="session")
def _gold_data() -> None:
    missing = [name for name in NEEDED if not (EVAL / name).is_file()]
    if missing:
        pytest.fail(f"the corpus suite needs {EVAL} (missing: {', '.join(missing)}); "
                    "run it where ../shared/eval sits next to the clone", pytrace=False)
