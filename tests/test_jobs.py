"""`--jobs N` (issue 13): several processes, the same output byte for byte, in input order, through the real CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO)


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    """The seed, two short articles and an empty file (an input error in the middle of the list)."""
    paths = [tmp_path / "a-seed.txt", tmp_path / "b-named.txt", tmp_path / "c-empty.txt", tmp_path / "d-anon.txt"]
    paths[0].write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    paths[1].write_text("The mayor said the bridge would open in May. It opened in June.\n", encoding="utf-8")
    paths[2].write_text("  \n", encoding="utf-8")
    paths[3].write_text("A senior official, who asked not to be named, said talks had failed.\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_many_jobs_print_what_one_job_prints(articles: list[Path], fmt: str) -> None:
    one = run("check", "--format", fmt, "--jobs", "1", *articles)
    many = run("check", "--format", fmt, "--jobs", "3", *articles)
    assert (many.stdout, many.stderr, many.returncode) == (one.stdout, one.stderr, one.returncode)
    assert one.returncode == 2  # the empty file is an input error; the other three still ran
    assert "c-empty.txt: the file is empty" in one.stderr
    if fmt == "json":
        # input order: the seed first, the anonymous official last
        order = [one.stdout.index(p.name) for p in (articles[0], articles[1], articles[3])]
        assert order == sorted(order)


def test_a_broken_rules_file_stops_every_job(articles: list[Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    kind: nonsense\n", encoding="utf-8")
    one = run("check", "--jobs", "1", "--rules", bad, *articles)
    many = run("check", "--jobs", "2", "--rules", bad, *articles)
    assert one.returncode == many.returncode == 2
    assert one.stderr == many.stderr and "bad.yaml" in many.stderr and "Traceback" not in many.stderr


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_whole_number_of_at_least_one(value: str) -> None:
    proc = run("check", "--jobs", value, SEED)
    assert proc.returncode == 2
    assert "argument -j/--jobs: expected" in proc.stderr


def test_json_files_and_a_baseline_are_the_same_with_many_jobs(articles: list[Path], tmp_path: Path) -> None:
    """Workers encode each document's JSON themselves (not with a baseline, which changes the documents)."""
    base = tmp_path / "base.json"
    base.write_text(run("check", "--format", "json", "--jobs", "1", articles[1]).stdout, encoding="utf-8")
    for extra in ([], ["--baseline", str(base)]):
        outs = []
        for jobs in ("1", "3"):
            target = tmp_path / f"out-{jobs}-{len(extra)}.json"
            proc = run("check", "--jobs", jobs, "-o", f"json={target}", "-o", "text=-", *extra, *articles)
            outs.append((target.read_text(encoding="utf-8"), proc.stdout, proc.returncode))
        assert outs[0] == outs[1]
        labels = [s["label"] for s in json.loads(outs[0][0])["documents"][2]["statements"]]
        assert labels == ["anonymous-source"]  # the senior official who asked not to be named


def test_documents_encoded_apart_make_the_same_json() -> None:
    from audit.api import audit_data
    from audit.present.output import document_pieces, json_pieces, to_json
    from audit.rules.loader import default_rules

    docs = [audit_data(SEED.read_bytes(), "seed.txt"), audit_data(b"The mayor said it would open in May.\n", "b.txt")]
    rules, errors = default_rules(), [{"path": "c.txt", "message": "c.txt: the file is empty"}]
    rendered: list[str | None] = [None, "".join(document_pieces(docs[1]))]
    assert "".join(json_pieces(docs, rules, errors, rendered)) == to_json(docs, rules, errors)
    assert json.loads(rendered[1] or "")["statements"][0]["label"] == "named-source"
