"""The JSON contract (schema_version 1): its fields, offsets into the decoded text, and audit/schema.json."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from audit import __version__

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
LABELS = {"named-source", "anonymous-source", "secondhand-report", "leaked-transcript", "document",
          "unattributed", "none"}

STATEMENT_KEYS = {"index", "start", "end", "paragraph", "text", "label", "rule_ids", "matches", "source_id",
                  "carried_from"}
MATCH_KEYS = {"rule_id", "start", "end", "text"}
SOURCE_KEYS = {"id", "name", "kind", "description", "statements", "anonymity_reason"}
DOCUMENT_KEYS = {"path", "text_sha256", "statements", "sources", "scores", "readability"}


def check_json(*paths: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "audit", "check", "--format", "json", *map(str, paths)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def seed_json() -> dict[str, Any]:
    return check_json(SEED)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(resources.files("audit").joinpath("schema.json").read_text(encoding="utf-8"))


def test_top_level_fields(seed_json: dict[str, Any]) -> None:
    assert seed_json["schema_version"] == "1"
    assert seed_json["tool"] == {"name": "sourcing-audit", "version": __version__}
    assert isinstance(seed_json["rules"]["version"], str) and seed_json["rules"]["version"]
    assert seed_json["errors"] == []
    assert len(seed_json["documents"]) == 1


def test_document_statement_match_and_source_fields(seed_json: dict[str, Any]) -> None:
    (doc,) = seed_json["documents"]
    assert DOCUMENT_KEYS <= set(doc)
    assert doc["path"] == str(SEED)
    assert doc["statements"] and doc["sources"]
    for st in doc["statements"]:
        assert STATEMENT_KEYS <= set(st)
        assert st["label"] in LABELS
        for m in st["matches"]:
            assert MATCH_KEYS <= set(m)
            assert m["rule_id"] in st["rule_ids"]
    for src in doc["sources"]:
        assert SOURCE_KEYS <= set(src)
    assert {"overall", "lede", "rest"} <= set(doc["scores"])
    assert {"flesch_kincaid_grade", "flesch_reading_ease"} <= set(doc["readability"])


def _assert_offsets(doc: dict[str, Any], text: str) -> None:
    assert doc["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    prev_end = 0
    for n, st in enumerate(doc["statements"]):
        assert st["index"] == n
        assert prev_end <= st["start"] < st["end"] <= len(text)
        assert text[st["start"]:st["end"]] == st["text"]
        prev_end = st["end"]
        for m in st["matches"]:
            assert st["start"] <= m["start"] <= m["end"] <= st["end"]
            assert text[m["start"]:m["end"]] == m["text"]


def test_offsets_index_the_decoded_seed(seed_json: dict[str, Any]) -> None:
    _assert_offsets(seed_json["documents"][0], SEED.read_text(encoding="utf-8"))


def test_offsets_are_code_points_not_bytes_or_utf16(tmp_path: Path) -> None:
    text = "🇺🇦 Ukraine’s “plan” 😀 failed.\nOfficials said the café’s owner 👍 had left. He declined to comment.\n"
    p = tmp_path / "astral.txt"
    p.write_text(text, encoding="utf-8")
    (doc,) = check_json(p)["documents"]
    _assert_offsets(doc, text)
    assert doc["statements"][-1]["end"] == len(text.rstrip())


def test_offsets_with_cp1252_input_index_the_decoded_text(tmp_path: Path) -> None:
    text = "The café’s owner said “no”. Officials said the talks had stalled."
    p = tmp_path / "win.txt"
    p.write_bytes(text.encode("cp1252"))
    proc = subprocess.run([sys.executable, "-m", "audit", "check", "--format", "json", "--encoding", "cp1252",
                           str(p)], capture_output=True, text=True, cwd=REPO, timeout=120)
    _assert_offsets(json.loads(proc.stdout)["documents"][0], text)


def test_every_source_id_is_in_sources_or_null(seed_json: dict[str, Any]) -> None:
    (doc,) = seed_json["documents"]
    ids = [src["id"] for src in doc["sources"]]
    assert len(ids) == len(set(ids))
    indexes = {st["index"] for st in doc["statements"]}
    by_id = {src["id"]: src for src in doc["sources"]}
    for st in doc["statements"]:
        assert st["source_id"] is None or st["source_id"] in by_id
        if st["source_id"] is not None:
            assert st["index"] in by_id[st["source_id"]]["statements"]
        if st["label"] in ("unattributed", "none"):
            assert st["source_id"] is None
        assert st["carried_from"] is None or st["carried_from"] in indexes
    for src in doc["sources"]:
        assert set(src["statements"]) <= indexes


def test_the_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_seed_output_validates_against_the_schema(seed_json: dict[str, Any], schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema).validate(seed_json)


def test_output_with_an_error_validates(tmp_path: Path, schema: dict[str, Any]) -> None:
    data = check_json(SEED, tmp_path / "missing.txt")
    assert [e["path"] for e in data["errors"]] == [str(tmp_path / "missing.txt")]
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize("broken", [
    {"schema_version": "2"},
    {"tool": {"name": "sourcing-audit"}},
    {"documents": [{"path": "x.txt"}]},
], ids=["wrong-version", "tool-without-version", "document-without-fields"])
def test_the_schema_rejects_broken_output(seed_json: dict[str, Any], schema: dict[str, Any],
                                          broken: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate({**seed_json, **broken})


def test_the_schema_rejects_an_unknown_label(seed_json: dict[str, Any], schema: dict[str, Any]) -> None:
    bad = json.loads(json.dumps(seed_json))
    bad["documents"][0]["statements"][0]["label"] = "secondhand"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)


def test_the_streamed_result_is_the_result_encoded_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON result is written a batch of statements at a time (issue 13: a 16 MB article's result was one
    string, then its bytes); joined, the pieces are json.dumps of the whole result, batch edges included."""
    from audit.pipeline import audit_file
    from audit.present import output
    from audit.rules.loader import default_rules

    rules = default_rules()
    docs = [audit_file(path) for path in sorted((REPO / "seeds").glob("*.txt"))[:3]]
    errors = [{"path": "gone.txt", "message": "gone.txt: no such file «é»"}]
    for batch in (1, 2, 7, 10_000):
        monkeypatch.setattr(output, "_BATCH", batch)
        for some, errs in ((docs, errors), (docs[:1], []), ([], [])):
            whole = {"schema_version": "1", "tool": {"name": "sourcing-audit", "version": __version__},
                     "rules": {"version": rules.version, "files": list(rules.paths)},
                     "documents": [output.document_dict(d) for d in some], "errors": errs}
            pieces = list(output.json_pieces(some, rules, errs))
            assert "".join(pieces) == json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n"
            if some and batch <= 7:  # no piece holds a document's statements whole, nor half of them
                shortest = min(len(json.dumps(d["statements"], ensure_ascii=False)) for d in whole["documents"])
                assert max(map(len, pieces)) < shortest / 2


def test_json_on_stdout_and_in_a_file_are_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    args = [sys.executable, "-m", "audit", "check", "--format", "json", "--exit-zero"]
    printed = subprocess.run([*args, str(SEED)], capture_output=True, cwd=REPO, timeout=120, check=True).stdout
    subprocess.run([*args, "-o", str(out), str(SEED)], capture_output=True, cwd=REPO, timeout=120, check=True)
    assert printed == out.read_bytes()
    assert printed.endswith(b"}\n") and not printed.endswith(b"\n\n")
    assert json.loads(printed)["documents"][0]["path"].endswith("putin-trump-tomahawk.txt")
