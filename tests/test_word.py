"""Word inputs: tables and text boxes are read in document order, so their sentences are labelled."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml

REPO = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BOX = (f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
       '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r>'
       "<w:t>A former aide said the mayor knew.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
       "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>A former aide said the mayor knew.</w:t>"
       "</w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def _draft(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Senate passes the budget.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Officials said the budget was cut."
    table.cell(0, 1).text = "Cost"
    table.cell(1, 0).text = "Bridge deck"
    table.cell(1, 1).text = "The Harbour Gazette reported the figure."
    p = d.add_paragraph("The vote came late on Tuesday.")
    p._p.append(parse_xml(BOX))
    d.add_paragraph("Senator Jane Smith said the vote was fair.")
    d.save(str(path))
    return path


def test_a_word_table_and_text_box_are_read_in_order_and_labelled(tmp_path: Path) -> None:
    path = _draft(tmp_path / "draft.docx")
    proc = subprocess.run([sys.executable, "-m", "audit", "check", "--format", "json", path], capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    (doc,) = json.loads(proc.stdout)["documents"]
    texts = [s["text"] for s in doc["statements"]]
    assert texts == ["Senate passes the budget.", "Officials said the budget was cut.", "Cost", "Bridge deck",
                     "The Harbour Gazette reported the figure.", "The vote came late on Tuesday.",
                     "A former aide said the mayor knew.",  # the text box once, not twice, after its paragraph
                     "Senator Jane Smith said the vote was fair."]
    label = {s["text"]: s["label"] for s in doc["statements"]}
    assert label["Officials said the budget was cut."] == "anonymous-source"  # the table sentence is labelled
    assert label["The Harbour Gazette reported the figure."] == "secondhand-report"
    assert label["A former aide said the mayor knew."] == "anonymous-source"
