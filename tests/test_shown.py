"""Markdown markup is blanked to spaces so offsets point into the file; what is shown (statement text, matched
words, source names, excerpts) leaves the markup out instead, and the offsets stay exact."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from audit.read.markdown import markdown_view, shown_span

REPO = Path(__file__).resolve().parents[1]
DRAFT = ('Mayor **Jane**  *Smith* said the [plan](https://x.org "The plan") failed,\n'
         "and that the vote would wait.\n\n"
         "The delay was *announced* by the   **Harbour Gazette**, officials said.\n")


def test_shown_text_leaves_the_markup_out(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text(DRAFT, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "audit", "check", "--format", "json", path], capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    (doc,) = json.loads(proc.stdout)["documents"]
    texts = [s["text"] for s in doc["statements"]]
    assert texts == ["Mayor Jane Smith said the plan failed, and that the vote would wait.",
                     "The delay was announced by the Harbour Gazette, officials said."]
    first, second = doc["statements"]
    assert DRAFT[first["start"]:first["end"]].startswith("Mayor **Jane**  *Smith*")  # offsets into the file
    assert DRAFT[second["start"]:second["end"]].endswith("officials said.")
    assert first["matches"][0]["text"] == "Mayor Jane Smith"
    assert "Jane Smith" in {s["name"] for s in doc["sources"]}
    assert all("  " not in f["excerpt"] for f in doc["findings"])
    assert any(f["excerpt"] == texts[1] for f in doc["findings"])


def test_shown_span_cases() -> None:
    for raw, shown in (("a **b** c", "a b c"), ("x [link](u), y", "x link, y"), ('[s](u "T"),', "s,"),
                       ("one\ntwo", "one two"), ("**Jane**  *Smith*", "Jane Smith"), ("**a**b", "ab")):
        view = markdown_view(raw)
        assert len(view) == len(raw)
        assert shown_span(raw, view, 0, len(raw)) == shown, raw
