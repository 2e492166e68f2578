"""The one-screen terminal summary of `check`."""
from __future__ import annotations

from collections.abc import Callable

from audit.models import DocumentResult

_SHORT = {"named-source": "named", "anonymous-source": "anonymous", "secondhand-report": "secondhand",
          "leaked-transcript": "leaked", "document": "document", "unattributed": "unattributed", "none": "none"}
_VERDICT_COLOUR = {"PASS": "32", "REVIEW": "33", "FAIL": "31"}


def summary(docs: list[DocumentResult], paint: Callable[[str, str], str]) -> str:
    lines: list[str] = []
    for d in docs:
        o = d.scores.overall
        mix = " · ".join(f"{_SHORT[f.label.value]} {f.statements}" for f in o.labels if f.statements)
        lines.append(f"{paint(d.path, '1')}  {paint(d.verdict.name, _VERDICT_COLOUR.get(d.verdict.name, '0'))}"
                     f"  {o.statements} statement{'s' if o.statements != 1 else ''}: {mix}")
        lines.append(f"  {o.uncheckable} of {o.statements} statements ({o.uncheckable_share:.0%}) rest on sources "
                     "a reader cannot check (anonymous, secondhand or leaked)")
        s = d.scores
        if s.top_source:
            lines.append(f"  {s.distinct_sources} distinct sources; most relied on: {s.top_source} "
                         f"({s.top_source_statements} of {s.sourced_statements} sourced statements)")
        for f in d.findings:
            if f.good:
                continue
            where = f"{d.path}:p{f.paragraph}" if f.paragraph else d.path
            lines.append(f"  {where}: {paint(f.severity, '2')} {f.check_id}: {f.message}")
    return "\n".join(lines)
