"""Word (.docx) to text: the body's paragraphs, tables and text boxes, in document order, one paragraph a line.

python-docx's `Document.paragraphs` leaves out tables and text boxes, where a sentence such as "Officials said
the budget was cut" can stand. So the body is walked in order: a paragraph is a line, then the paragraphs of
any text box anchored in it; a table is its rows in order, each cell's paragraphs a line (nested tables
inside the cell, in place). A text box stored twice (Word's mc:AlternateContent, with a VML fallback) is read
once.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast


def word_lines(document: Any) -> list[str]:
    """The lines of a python-docx Document's body, in document order."""
    return list(_block_lines(document.element.body))


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _tag(name: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(name))


def _block_lines(parent: Any) -> Iterator[str]:
    p, tbl = _tag("w:p"), _tag("w:tbl")
    for child in parent.iterchildren():
        if child.tag == p:
            yield _paragraph_text(child)
            yield from _text_boxes(child)
        elif child.tag == tbl:
            yield from _table_lines(child)
        elif child.tag == _tag("w:sdt"):  # a content control: its content is blocks too
            content = child.find(_tag("w:sdtContent"))
            if content is not None:
                yield from _block_lines(content)


def _table_lines(tbl: Any) -> Iterator[str]:
    for tr in tbl.iterchildren(_tag("w:tr")):
        for tc in tr.iterchildren(_tag("w:tc")):
            yield from _block_lines(tc)


def _paragraph_text(p: Any) -> str:
    """The paragraph's own text (python-docx's, so tabs and breaks read as it reads them), without text boxes."""
    from docx.text.paragraph import Paragraph

    return str(Paragraph(p, cast(Any, None)).text)  # the text needs no parent part


def _text_boxes(p: Any) -> Iterator[str]:
    fallback = _FALLBACK
    for box in p.iter(_tag("w:txbxContent")):
        if any(a.tag == fallback for a in box.iterancestors()):
            continue  # the same box again, for readers that lack the DrawingML one
        yield from _block_lines(box)
