"""Corpus suite: attribution recall on PolNeAR (../shared/eval/recall.py over `check --format json`).

Reads ../shared/eval, which a user's clone does not have: `.ci/run` runs this folder on its own, and it
fails (never skips) when the data is missing. The floors are the figures this landing measured, less a
small margin: a change that loses coverage fails here. Issue 7's bars (cue and content recall 0.90) are
not reached yet; raise the floors as coverage grows.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
CUE_FLOOR, CONTENT_FLOOR, FP_CEILING = 0.90, 0.90, 0.05  # issue 7: its bars; measured 0.907 / 0.903 / 0.040
CUE_GAP = 0.03  # issue 7: the check quarter's cue recall within 0.03 of tune's (measured 0.913 / 0.884)


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    corpus = EVAL / "polnear-train.jsonl"
    assert corpus.exists(), f"{corpus} is missing: the corpus suite needs ../shared/eval"
    folder = tmp_path_factory.mktemp("polnear")
    with corpus.open(encoding="utf-8") as fh:
        for article in map(json.loads, fh):
            (folder / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
    pred = folder / "pred.json"
    cmd = [sys.executable, "-m", "audit", "check", "--format", "json", "--fail-on", "never", str(folder)]
    with pred.open("w", encoding="utf-8") as out:
        subprocess.run(cmd, stdout=out, check=True)
    sys.path.insert(0, str(EVAL))
    import recall  # ../shared/eval/recall.py, the scorer

    preds = recall.load_pred(str(pred))
    return {part: recall.measure(str(corpus), preds, part) for part in ("all", "tune", "check")}


def test_cue_recall_floor(measured: dict[str, dict[str, float]]) -> None:
    assert measured["all"]["cue_recall"] >= CUE_FLOOR


def test_content_recall_floor(measured: dict[str, dict[str, float]]) -> None:
    assert measured["all"]["content_recall"] >= CONTENT_FLOOR


def test_false_positive_proxy_ceiling(measured: dict[str, dict[str, float]]) -> None:
    assert measured["all"]["fp_proxy"] <= FP_CEILING


def test_check_quarter_within_003_of_tune(measured: dict[str, dict[str, float]]) -> None:
    assert abs(measured["tune"]["cue_recall"] - measured["check"]["cue_recall"]) <= 0.03


def test_check_quarter_within_the_gap_of_tune(measured: dict[str, dict[str, float]]) -> None:
    """Rules read against the tune part must hold on the check quarter nobody read."""
    assert measured["tune"]["cue_recall"] - measured["check"]["cue_recall"] <= CUE_GAP
