"""Markdown for a pull-request comment or a GitHub job summary: an overview, then each document's
verdict, sourcing shares and findings as tables.

Capped so that GitHub takes it: `COMMENT_LIMIT` (65,536 characters, a comment's limit) by default,
`SUMMARY_LIMIT` (1 MiB, a step summary's) for the job summary; sizes are counted in UTF-8 bytes, which is never
fewer than characters. What does not fit is cut at a whole line and counted in one "N more" line."""
from __future__ import annotations

from audit.models import UNCHECKABLE, DocumentResult
from audit.present.formats.positions import Locator, has_lines, in_order
from audit.present.safe import visible
from audit.rules.cache import code_pattern

_UNSAFE_IN_CODE = code_pattern(r"[`<>&\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPECIAL = code_pattern(r"([\\`*_\[\]|#~])")


def cell(s: str) -> str:
    """Text safe in a table cell: one line, Markdown punctuation escaped, no raw HTML."""
    s = " ".join(visible(s).split())
    return _SPECIAL.sub(r"\\\1", s).replace("<", "&lt;").replace(">", "&gt;")


def code(s: str) -> str:
    """A name as inline code; one that could break out of it (a new line, a backtick, a tag, a control
    character: a hostile file name) as an escaped cell instead."""
    if _UNSAFE_IN_CODE.search(s):
        return cell(visible(s))
    return "`" + s.replace("|", "\\|") + "`"


COMMENT_LIMIT = 65_536
SUMMARY_LIMIT = 1_048_576
_ROW = "\x00"  # marks a finding row while the lines are assembled, so the cut can count them


def to_markdown(docs: list[DocumentResult], errors: list[dict[str, str]], limit: int = COMMENT_LIMIT,
                note: str = "") -> str:
    """The whole Markdown, at most `limit` bytes in UTF-8; `note` (a line for the reader) goes first."""
    out = ["## sourcing-audit", ""] + ([cell(note), ""] if note else [])
    if docs:
        out += ["| document | verdict | claims | uncheckable | findings |", "|---|---|---:|---:|---|"]
        out += [f"| {code(d.path)} | **{d.verdict.name}** | {d.scores.overall.statements} | "
                f"{d.scores.overall.uncheckable_share:.0%} | {_counts(d)} |" for d in docs]
        out.append("")
    for e in errors:
        out += [f"**Could not read** {code(e['path'])}: {cell(e['message'])}", ""]
    for d in docs:
        out += _document(d)
    return _capped(out, limit)


def _capped(lines: list[str], limit: int) -> str:
    """The lines joined, cut at the last whole line that leaves room for the "N more" line when too long."""
    text = "\n".join(x.lstrip(_ROW) for x in lines).rstrip("\n") + "\n"
    if len(text.encode("utf-8")) <= limit:
        return text
    room = limit - 400  # the "N more" line, whatever N is
    kept: list[str] = []
    rest: list[str] = []
    size = 0
    for n, line in enumerate(lines):
        size += len(line.lstrip(_ROW).encode("utf-8")) + 1
        if size > room:
            rest = lines[n:]
            break
        kept.append(line.lstrip(_ROW))
    findings = sum(x.startswith(_ROW) for x in rest)
    docs = sum(x.startswith("### ") for x in rest)
    more = f"**{findings} more finding{'s' if findings != 1 else ''}"
    more += f" (and {docs} more document{'s' if docs != 1 else ''})" if docs else ""
    more += (" not shown**: the output is capped at "
             f"{limit:,} bytes; run `sourcing-audit check` (or `--format json`) for all of them.")
    return "\n".join(kept).rstrip("\n") + "\n\n" + more + "\n"


def _counts(d: DocumentResult) -> str:
    open_ = [f for f in d.findings if not f.good and not f.suppressed]
    parts = [f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}"
             for sev in ("error", "warning", "info") if (n := sum(f.severity == sev for f in open_))]
    suppressed = sum(f.suppressed and not f.good for f in d.findings)
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    return ", ".join(parts) or "none"


def _document(d: DocumentResult) -> list[str]:
    o = d.scores.overall
    out = [f"### {code(d.path)}: {d.verdict.name}", "", cell(d.verdict.reason), ""]
    for g in d.gates:
        if not g.passed:
            out += [f"- **gate {cell(g.id)} failed**: {cell(g.message)}"]
    if any(not g.passed for g in d.gates):
        out.append("")
    out += ["| label | statements | share of claims |", "|---|---:|---:|"]
    out += [f"| {f.label.value} | {f.statements} | {f.statement_share:.0%} |" for f in o.labels if f.statements]
    kinds = ", ".join(label.value for label in UNCHECKABLE)
    out += [f"| **uncheckable** ({kinds}) | {o.uncheckable} | {o.uncheckable_share:.0%} |", ""]
    findings = [f for f in in_order(d) if not f.good]
    if findings:
        locator = Locator(d.file_text or d.text)
        out += ["| where | severity | check | finding | text |", "|---|---|---|---|---|"]
        for f in findings:
            line, col = locator.position(f.start) if has_lines(d) else (None, None)
            where = f"{line}:{col}" if line else f"¶{f.paragraph}" if f.paragraph else ""
            sev = f"{f.severity} (suppressed)" if f.suppressed else f.severity
            out.append(f"{_ROW}| {where} | {sev} | {code(f.check_id)} | {cell(f.message)} | {cell(f.excerpt)} |")
        out.append("")
    good = [f for f in d.findings if f.good]
    if good:
        out += ["Good practice: " + "; ".join(f"{code(f.check_id)} {cell(f.excerpt)}" for f in good), ""]
    return out
