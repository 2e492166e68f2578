"""What a Markdown result shows: the markup that the view blanks to spaces (so offsets point into the file) is
left out of statement texts, matched words, source names and excerpts ("the   Herald" -> "the Herald").
Offsets, lines and columns stay exactly as they were."""
from __future__ import annotations

import dataclasses

from audit.models import DocumentResult
from audit.read.markdown import shown_span
from audit.read.text import clip


def collapse_markup(doc: DocumentResult, raw: str) -> DocumentResult:
    """The result with its shown text folded, for a Markdown input whose view `doc.text` lines up with `raw`."""
    view = doc.text
    if len(view) != len(raw):
        return doc

    def shown(start: int, end: int) -> str:
        return shown_span(raw, view, start, end)

    statements = tuple(dataclasses.replace(
        s, statement=dataclasses.replace(s.statement, text=shown(s.statement.start, s.statement.end)),
        matches=tuple(dataclasses.replace(m, text=shown(m.start, m.end)) for m in s.matches),
        attributions=tuple(dataclasses.replace(a, source_text=shown(a.source_start, a.source_end))
                           for a in s.attributions)) for s in doc.statements)
    sources = tuple(dataclasses.replace(src, name=" ".join(src.name.split()),
                                        description=" ".join(src.description.split())) for src in doc.sources)
    findings = tuple(dataclasses.replace(f, excerpt=clip(shown(f.start, f.end), len(f.excerpt)))
                     if f.excerpt and clip(view[f.start:f.end], 200) == f.excerpt else f for f in doc.findings)
    return dataclasses.replace(doc, statements=statements, sources=sources, findings=findings)
