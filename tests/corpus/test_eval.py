"""`sourcing-audit eval` prints the same figures as ../shared/eval/score.py on the tool's own JSON output, and the
dev-set figures stay above their floors. Needs ../shared/eval (tests/corpus/conftest.py fails without it)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "eval"
GOLD = {"dev": EVAL / "dev-gold.jsonl", "seed": EVAL / "seed-gold.jsonl"}


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*map(str, args)], capture_output=True, text=True, cwd=REPO, timeout=300)


@pytest.mark.parametrize("gold", GOLD.values(), ids=GOLD.keys())
def test_eval_prints_the_same_figures_as_score_py(tmp_path: Path, gold: Path) -> None:
    articles = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert articles
    paths = []
    for art in articles:
        p = tmp_path / f"{art['id']}.txt"
        p.write_text(art["text"], encoding="utf-8", newline="")
        paths.append(p)
    pred = tmp_path / "pred.json"
    check = _run(sys.executable, "-m", "audit", "check", "--format", "json", "--no-readability",
                 "--output", pred, *paths)
    assert check.returncode in (0, 1), check.stderr
    assert json.loads(pred.read_text(encoding="utf-8"))["errors"] == []

    scored = _run(sys.executable, EVAL / "score.py", gold, pred)
    assert scored.returncode == 0, scored.stderr
    figures = scored.stdout.rstrip("\n").splitlines()
    assert figures[-1].startswith("accuracy ")
    assert "documents with no prediction" not in scored.stdout

    ours = _run(sys.executable, "-m", "audit", "eval", gold, "--errors", "0")
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout.splitlines()[:len(figures)] == figures


def test_eval_json_matches_score_py_json(tmp_path: Path) -> None:
    gold = GOLD["seed"]
    (art,) = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    p = tmp_path / f"{art['id']}.txt"
    p.write_text(art["text"], encoding="utf-8", newline="")
    pred = tmp_path / "pred.json"
    _run(sys.executable, "-m", "audit", "check", "--format", "json", "--output", pred, p)
    theirs = json.loads(_run(sys.executable, EVAL / "score.py", gold, pred, "--json").stdout)
    ours = json.loads(_run(sys.executable, "-m", "audit", "eval", gold, "--json").stdout)
    for key in ("sentences", "accuracy", "macro_f1", "macro_over", "sourced", "per_class", "confusion", "errors"):
        assert ours[key] == theirs[key], key


def test_eval_bar_exits_1() -> None:
    proc = _run(sys.executable, "-m", "audit", "eval", GOLD["seed"], "--errors", "0", "--min-accuracy", "1.01")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1].startswith("below the bar: accuracy ")


# Issue 7's bars: dev-gold does not fall below the first landing's figures (0.95 / 0.89 / 0.96; this version
# reaches 0.959 / 0.916 / 0.970) and the seed stays 30 of 30. A rule change that loses accuracy fails here.
FLOORS = {"dev": ("0.95", "0.89", "0.96"), "seed": ("1.0", "1.0", "1.0")}


@pytest.mark.parametrize("name", FLOORS, ids=FLOORS.keys())
def test_accuracy_stays_above_its_floor(name: str) -> None:
    accuracy, macro, sourced = FLOORS[name]
    proc = _run(sys.executable, "-m", "audit", "eval", GOLD[name], "--errors", "0", "--min-accuracy", accuracy,
                "--min-macro-f1", macro, "--min-sourced-f1", sourced)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "below the bar" not in proc.stdout
