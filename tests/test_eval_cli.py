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


SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
SEED_GOLD = REPO / "seeds" / "putin-trump-tomahawk.gold.jsonl"
LABELS = {"named-source", "anonymous-source", "secondhand-report", "leaked-transcript", "document",
          "unattributed", "none"}


def test_the_shipped_gold_file_is_the_seed_article_labelled() -> None:
    import json

    (article,) = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines()]
    assert article["text"] == SEED.read_text(encoding="utf-8")
    sentences = article["sentences"]
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    assert all(s["label"] in LABELS and set(s["also"]) <= LABELS - {s["label"]} for s in sentences)
    ends = [0] + [s["end"] for s in sentences]
    assert all(prev <= s["start"] < s["end"] for prev, s in zip(ends, sentences))
    covered = "".join(article["text"][s["start"]:s["end"]] for s in sentences)
    assert "".join(covered.split()) == "".join(article["text"].split())  # every word in one sentence
    by_text = {article["text"][s["start"]:s["end"]]: s["label"] for s in sentences}
    assert by_text["Share this @internewscast.com"] == "none"
    assert by_text["Bloomberg reported that the talks helped shape an initial 28-point peace proposal heavily "
                   "favoring Russian interests, later reduced to 19 points."] == "secondhand-report"


def test_the_readme_eval_example_runs_on_the_shipped_gold_file() -> None:
    # README: `sourcing-audit eval seeds/putin-trump-tomahawk.gold.jsonl`, on a clone with no ../shared
    proc = _run(sys.executable, "-m", "audit", "eval", "seeds/putin-trump-tomahawk.gold.jsonl",
                "--min-accuracy", "0.95", "--min-macro-f1", "0.9")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = [line for line in proc.stdout.splitlines() if line.startswith("accuracy ")]
    assert last and last[0].endswith("over 36 sentences"), proc.stdout
    assert "confusion (rows gold, columns predicted):" in proc.stdout
