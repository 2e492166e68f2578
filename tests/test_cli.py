"""The CLI through its real entry point (`python -m audit`): output, exit codes, and one-line user errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from audit import __version__

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"


def run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def _one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("sourcing-audit: ")
    return lines[0]


def _expected_exit(doc: dict) -> int:
    failing = [f for f in doc["findings"] if f["severity"] == "error" and not f["good_practice"]]
    return 1 if failing else 0


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"sourcing-audit {__version__}"


def test_no_command_prints_help_and_exits_2() -> None:
    proc = run()
    assert proc.returncode == 2
    assert "usage:" in proc.stderr


def test_check_json_on_the_seed() -> None:
    proc = run("check", "--format", "json", SEED)
    data = json.loads(proc.stdout)
    (doc,) = data["documents"]
    assert data["errors"] == []
    assert proc.returncode == _expected_exit(doc), proc.stderr
    assert doc["path"] == str(SEED)
    assert len(doc["statements"]) >= len(SEED.read_text(encoding="utf-8").strip().splitlines())


def test_check_text_on_the_seed_agrees_with_the_json() -> None:
    data = json.loads(run("check", "--format", "json", SEED).stdout)
    (doc,) = data["documents"]
    proc = run("check", SEED)
    assert proc.returncode == _expected_exit(doc), proc.stderr
    claims = doc["scores"]["overall"]["statements"]
    assert proc.stdout.startswith(f"{SEED}  {doc['verdict']['name']}  {claims} statements")
    assert "Traceback" not in proc.stderr


def test_exit_zero_overrides_findings() -> None:
    assert run("check", "--exit-zero", "--fail-on", "info", SEED).returncode == 0


def test_fail_on_never_exits_0() -> None:
    assert run("check", "--fail-on", "never", SEED).returncode == 0


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "seed.json"
    proc = run("check", "--format", "json", "--output", out, SEED)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"][0]["path"] == str(SEED)
    assert [p.name for p in out.parent.iterdir()] == ["seed.json"]  # no temporary file left behind


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "folder").mkdir()
    (tmp / "folder" / "notes.bin").write_bytes(b"\x00")
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"\n  \n\t\n")
    (tmp / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp / "latin1.txt").write_bytes("Le café est fermé.".encode("latin-1"))
    return {
        "missing": (tmp / "nope.txt", "no such file"),
        "empty-folder": (tmp / "folder", "no article files"),
        "empty": (tmp / "empty.txt", "empty"),
        "whitespace-only": (tmp / "blank.txt", "empty"),
        "binary": (tmp / "binary.txt", "binary"),
        "invalid-utf8": (tmp / "latin1.txt", "byte offset 6"),
    }


@pytest.mark.parametrize("case", ["missing", "empty-folder", "empty", "whitespace-only", "binary", "invalid-utf8"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, case: str, fmt: str) -> None:
    path, needle = _bad_inputs(tmp_path)[case]
    line = _one_error_line(run("check", "--format", fmt, path))
    assert str(path) in line
    assert needle in line


def test_encoding_flag_reads_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "win.txt"
    p.write_bytes("Senator Jane Smith said the café’s plan was “dead”.".encode("cp1252"))
    proc = run("check", "--format", "json", "--encoding", "cp1252", p)
    assert proc.returncode in (0, 1), proc.stderr
    (doc,) = json.loads(proc.stdout)["documents"]
    assert doc["statements"][0]["text"] == "Senator Jane Smith said the café’s plan was “dead”."


def test_unreadable_file_among_several_still_outputs_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Officials said the talks had stalled.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    proc = run("check", "--format", "json", SEED, bad, good)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"sourcing-audit: {bad}: not valid utf-8 at byte offset 3 (byte 0xe9); say what it is with --encoding, "
        "e.g. --encoding cp1252"]
    data = json.loads(proc.stdout)
    assert [d["path"] for d in data["documents"]] == [str(SEED), str(good)]
    assert [e["path"] for e in data["errors"]] == [str(bad)]
    assert "byte offset 3" in data["errors"][0]["message"]


def test_unreadable_file_among_several_in_text_format(tmp_path: Path) -> None:
    proc = run("check", SEED, tmp_path / "nope.txt")
    assert proc.returncode == 2
    assert proc.stdout.startswith(str(SEED))
    assert _one_error_line(proc).endswith("nope.txt: no such file")


def test_broken_rules_file_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    kind: statement\n    label: secondhand\n", encoding="utf-8")
    proc = run("check", "--rules", bad, SEED)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert f"{bad}:4:12: rule 'x': unknown label 'secondhand'" in proc.stderr


def test_missing_rules_file_is_exit_2(tmp_path: Path) -> None:
    line = _one_error_line(run("check", "--rules", tmp_path / "none.yaml", SEED))
    assert line == f"sourcing-audit: {tmp_path / 'none.yaml'}: no such rules file"


def test_rules_list() -> None:
    proc = run("rules", "list")
    assert proc.returncode == 0
    ids = [line.split()[0] for line in proc.stdout.splitlines()]
    assert {"subject-speech-verb", "according-to", "boilerplate", "source-outlet"} <= set(ids)
    assert len(ids) == len(set(ids))


def test_rules_test_passes_on_the_shipped_pack() -> None:
    proc = run("rules", "test")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().splitlines()[-1].endswith(" passed, 0 failed")


def test_rules_test_fails_on_a_wrong_example(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("rules:\n  - id: sponsored\n    kind: statement\n    label: none\n"
                     "    pattern: '^Sponsored'\n    message: m\n    why: w\n"
                     "    examples:\n      match: [Not sponsored at all.]\n", encoding="utf-8")
    proc = run("rules", "test", "--rules", extra)
    assert proc.returncode == 1
    assert "sponsored: match example did not match: 'Not sponsored at all.'" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1].endswith(" passed, 1 failed")


def test_rules_validate() -> None:
    proc = run("rules", "validate")
    assert proc.returncode == 0
    assert proc.stdout.startswith("ok: ")


def test_explain_a_rule() -> None:
    proc = run("explain", "according-to")
    assert proc.returncode == 0
    assert proc.stdout.startswith("according-to: ")
    assert "Why: " in proc.stdout
    assert "Matches:" in proc.stdout
    assert "Defined at " in proc.stdout


def test_explain_an_unknown_rule() -> None:
    line = _one_error_line(run("explain", "no-such-rule"))
    assert "no-such-rule" in line
