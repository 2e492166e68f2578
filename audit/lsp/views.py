"""An audited draft as LSP values: diagnostics for its findings and failed gates, hover text, inlay hints."""
from __future__ import annotations

from lsprotocol import types

from audit.lsp.drafts import Audited
from audit.models import Finding, Label, LabelledStatement

SOURCE = "sourcing-audit"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def lsp_range(audited: Audited, start: int, end: int) -> types.Range:
    line, char = audited.position(start)
    end_line, end_char = audited.position(max(start, end))
    return types.Range(types.Position(line, char), types.Position(end_line, end_char))


def diagnostics(audited: Audited) -> list[types.Diagnostic]:
    """Every live finding (not good practice, not suppressed) in reading order, then each failed gate."""
    found = sorted((f for f in audited.doc.findings if not f.good and not f.suppressed),
                   key=lambda f: (f.start, f.end, f.check_id))
    out = [_diagnostic(audited, f) for f in found]
    first_line = lsp_range(audited, 0, 0)
    for gate in audited.doc.gates:
        if not gate.passed:  # a gate judges the whole draft: shown on its first line
            out.append(types.Diagnostic(first_line, f"gate failed: {gate.message}", types.DiagnosticSeverity.Error,
                                        gate.id, source=SOURCE))
    return out


def _diagnostic(audited: Audited, f: Finding) -> types.Diagnostic:
    return types.Diagnostic(lsp_range(audited, f.start, f.end), f.message, SEVERITY.get(f.severity), f.check_id,
                            source=SOURCE, data={"paragraph": f.paragraph})


def hover_text(audited: Audited, offset: int) -> tuple[str, tuple[int, int]] | None:
    """Markdown for what is at the offset, and its span: the statement (its label, source, rules with their why)
    and its findings, or a finding of no statement (a suppression comment's) that covers the offset."""
    s = audited.statement_at(offset)
    parts = _statement_parts(audited, s) if s is not None else []
    here = [f for f in audited.doc.findings
            if (s is not None and f.statement == s.index) or (f.statement is None and f.start <= offset < f.end)]
    for f in here:
        state = f" (suppressed: {f.suppression_reason})" if f.suppressed else ""
        parts.append(f"---\n\n**{f.check_id}** ({f.severity}){state}: {f.message}\n\n{f.why}"
                     + (f"\n\nWhat to do: {f.fix}" if f.fix else ""))
    if not parts:
        return None
    if s is not None:
        return "\n\n".join(parts), (s.statement.start, s.statement.end)
    parts[0] = parts[0].removeprefix("---\n\n")
    return "\n\n".join(parts), (here[0].start, here[0].end)


def _statement_parts(audited: Audited, s: LabelledStatement) -> list[str]:
    parts = [f"**{s.label.value}** · statement {s.index + 1}, paragraph {s.statement.paragraph}"]
    source = next((x for x in audited.doc.sources if x.id == s.source_id), None) if s.source_id else None
    if source is not None:
        parts.append(f"Source: {source.name} ({source.kind.value})")
    if s.carried_from is not None:
        parts.append(f"Label carried over from statement {s.carried_from + 1}.")
    for rule_id in s.rule_ids:
        rule = audited.rules.rule(rule_id)
        if rule is not None:
            parts.append(f"`{rule.id}`: {rule.message}\n\n{rule.why}")
    if s.label is Label.UNATTRIBUTED and not s.rule_ids:
        parts.append("No rule found an attribution: the article gives no source for this statement.")
    return parts


def inlay_hints(audited: Audited, start: int, end: int) -> list[types.InlayHint]:
    """Each statement's label just after it, for statements that end inside [start, end]."""
    out = []
    for s in audited.doc.statements:
        if s.label is Label.NONE or not start <= s.statement.end <= end:
            continue
        line, char = audited.position(s.statement.end)
        source = next((x.name for x in audited.doc.sources if x.id == s.source_id), None) if s.source_id else None
        tip = f"{s.label.value}" + (f": {source}" if source else "") + f" ({', '.join(s.rule_ids) or 'no rule'})"
        out.append(types.InlayHint(types.Position(line, char), s.label.value, padding_left=True, tooltip=tip))
    return out
