"""The text format of `check`: one screen per document, findings as `path:line:col: severity check-id message`.

Quiet when all is well: a document that passes with no open findings is one line. Colour only when the
caller gives `paint` (stdout on a terminal, without NO_COLOR); files get plain text.
"""
from __future__ import annotations

from collections.abc import Callable

from audit.models import DocumentResult, Finding
from audit.present.formats.positions import Locator, has_lines, in_order
from audit.present.safe import visible

_SHORT = {"named-source": "named", "anonymous-source": "anonymous", "secondhand-report": "secondhand",
          "leaked-transcript": "leaked", "document": "document", "unattributed": "unattributed", "none": "none"}
_VERDICT_COLOUR = {"PASS": "32", "REVIEW": "33", "FAIL": "31"}
_SEVERITY_COLOUR = {"error": "31", "warning": "33", "info": "36"}

Paint = Callable[[str, str], str]


def _plain(text: str, code: str) -> str:
    return text


def _s(n: int) -> str:
    return "s" if n != 1 else ""


def summary(docs: list[DocumentResult], errors: list[dict[str, str]] | None = None,
            paint: Paint | None = None, quiet: bool = False) -> str:
    """The whole text output of a run (input errors go to stderr from the CLI, so they are only counted);
    `quiet`: only the findings' lines, and one line for each failed gate and each FAIL verdict."""
    paint = paint or _plain
    if quiet:
        return "".join(line + "\n" for d in docs for line in quiet_lines(d, paint))
    blocks = [document_block(d, paint) for d in docs]
    lines = [line for block in blocks for line in block]
    total = _totals(docs, errors or [])
    if total:
        lines.append(total)
    return "\n".join(lines) + ("\n" if lines else "")


def document_block(d: DocumentResult, paint: Paint) -> list[str]:
    o = d.scores.overall
    mix = " · ".join(f"{_SHORT[f.label.value]} {f.statements}" for f in o.labels if f.statements)
    head = (f"{paint(visible(d.path), '1')}  {paint(d.verdict.name, _VERDICT_COLOUR.get(d.verdict.name, '0'))}"
            f"  {o.statements} statement{_s(o.statements)}: {mix}")
    shown = [f for f in in_order(d) if not f.good and not f.suppressed]
    failed_gates = [g for g in d.gates if not g.passed]
    if d.verdict.name == "PASS" and not shown and not failed_gates:
        return [head]
    lines = [head] + ([f"  {paint(d.verdict.name, _VERDICT_COLOUR.get(d.verdict.name, '0'))}: {d.verdict.reason}"]
                      if d.verdict.name != "PASS" else [])
    lines += [f"  {o.uncheckable} of {o.statements} statements ({o.uncheckable_share:.0%}) rest on sources "
                   "a reader cannot check (anonymous, secondhand or leaked)"]
    s = d.scores
    if s.top_source:
        lines.append(f"  {s.distinct_sources} distinct source{_s(s.distinct_sources)}; most relied on: "
                     f"{visible(s.top_source)} ({s.top_source_statements} of {s.sourced_statements} sourced "
                     "statements)")
    lines += [f"  {paint('gate ' + g.id, _SEVERITY_COLOUR['error'])} failed: {visible(g.message)}"
              for g in failed_gates]
    locator = Locator(d.file_text or d.text)
    lines += [finding_line(d, f, locator, paint) for f in shown]
    suppressed = sum(f.suppressed and not f.good for f in d.findings)
    if suppressed:
        lines.append(f"  ({suppressed} suppressed finding{_s(suppressed)} not shown)")
    lines.append("")
    return lines


def quiet_lines(d: DocumentResult, paint: Paint) -> list[str]:
    error = paint("error", _SEVERITY_COLOUR["error"])
    lines = [f"{d.path}: {error} verdict FAIL: {d.verdict.reason}"] if d.verdict.name == "FAIL" else []
    lines += [f"{d.path}: {error} gate {g.id} failed: {g.message}" for g in d.gates if not g.passed]
    locator = Locator(d.file_text or d.text)
    return lines + [finding_line(d, f, locator, paint) for f in in_order(d) if not f.good and not f.suppressed]


def statistics(docs: list[DocumentResult]) -> str:
    """How many open findings each check has over the run, most first (like `ruff check --statistics`)."""
    counts: dict[str, list[Finding]] = {}
    for f in (f for d in docs for f in d.findings if not f.good and not f.suppressed):
        counts.setdefault(f.check_id, []).append(f)
    rows = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    width = max((len(cid) for cid in counts), default=0)
    return "".join(f"{len(found):>5}  {cid:<{width}}  {found[0].severity:<7}  {found[0].message.split(' (')[0]}\n"
                   for cid, found in rows)


def finding_line(d: DocumentResult, f: Finding, locator: Locator, paint: Paint) -> str:
    """`path:line:col: severity check-id message`, the shape editors and CI logs link to."""
    if has_lines(d):
        line, col = locator.position(f.start)
        where = f"{visible(d.path)}:{line}:{col}"
    else:
        where = visible(d.path)
    severity = paint(f.severity, _SEVERITY_COLOUR.get(f.severity, "0"))
    return f"{where}: {severity} {paint(f.check_id, '2')} {visible(f.message)}"


def _totals(docs: list[DocumentResult], errors: list[dict[str, str]]) -> str:
    open_ = [f for d in docs for f in d.findings if not f.good and not f.suppressed]
    if not open_ and not errors:
        return ""
    counts = ", ".join(f"{n} {sev}{_s(n) if sev != 'info' else ''}" for sev in ("error", "warning", "info")
                       if (n := sum(f.severity == sev for f in open_)))
    files = len(docs) + len(errors)
    text = f"{len(open_)} finding{_s(len(open_))}" + (f" ({counts})" if counts else "")
    text += f" in {files} file{_s(files)}"
    if errors:
        text += f"; {len(errors)} could not be read"
    return text
