"""GitHub Actions workflow commands: annotations, one per statement, most serious first, within GitHub's caps.

`::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CHECK-IDS::MESSAGES`, with `::warning` and
`::notice` for the other severities. Lines and columns are 1-based, columns in Unicode code points, and
endColumn is the column just after the span (audit.present.formats.positions). GitHub only honours columns on
a one-line annotation, so a span across lines gives no endColumn. Good-practice and suppressed findings
are left out: annotations are for what still needs an editor. Values are escaped as the Actions toolkit
does: %, CR and LF in the message; those and `:` and `,` in properties.

GitHub shows at most 10 annotations of each severity per step, so the findings of one statement are one
annotation (its most serious severity, every message on its own line), the annotations go errors first
(a FAIL verdict, failed gates, unreadable inputs, then findings in reading order), at most `CAP` of each
severity, and when some are left out a final notice (and the job summary) says how many.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.models import DocumentResult, Finding
from audit.present.formats.positions import Locator, has_lines, in_order

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = ("error", "warning", "notice")
CAP = 10  # annotations GitHub shows per severity in one step


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: str | int) -> str:
    head = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{name} {head}::{escape_data(message)}" if head else f"::{name}::{escape_data(message)}"


@dataclass(frozen=True)
class Annotations:
    lines: tuple[str, ...]  # the workflow commands to print, the final notice included
    left_off: dict[str, int]  # per command name (error, warning, notice): how many did not fit

    @property
    def note(self) -> str:
        """One line saying what was left out, or "" when everything fits."""
        parts = [f"{n} {name}{'s' if n != 1 else ''}" for name in ORDER if (n := self.left_off.get(name, 0))]
        if not parts:
            return ""
        return (f"{sum(self.left_off.values())} more annotations not shown ({', '.join(parts)}): GitHub shows "
                f"{CAP} per severity; every finding is in the job summary and in `sourcing-audit check` output.")


def annotation_set(docs: list[DocumentResult], errors: list[dict[str, str]]) -> Annotations:
    """Every annotation of the run in order, then the cap per severity and the final notice."""
    found: list[tuple[str, str]] = []  # (command name, line)
    for doc in docs:
        if doc.verdict.name == "FAIL":
            found.append(("error" if doc.verdict.fails else "notice",
                          command("error" if doc.verdict.fails else "notice", doc.verdict.reason, file=doc.path,
                                  title="sourcing-audit: FAIL")))
        found += [("error", command("error", g.message, file=doc.path, title=f"gate {g.id}"))
                  for g in doc.gates if not g.passed]
    found += [("error", command("error", e["message"], file=e["path"], title="input error")) for e in errors]
    for doc in docs:
        locator = Locator(doc.file_text or doc.text)
        found += [_annotation(doc, group, locator) for group in _groups(doc)]
    found.sort(key=lambda item: ORDER.index(item[0]))  # stable: reading order within a severity
    kept: list[str] = []
    left_off: dict[str, int] = {}
    for name in ORDER:
        lines = [line for n, line in found if n == name]
        room = CAP - 1 if name == "notice" and _overflows(found) else CAP  # the final notice is a notice too
        kept += lines[:room]
        if len(lines) > room:
            left_off[name] = len(lines) - room
    result = Annotations(tuple(kept), left_off)
    if result.note:
        result = Annotations((*kept, command("notice", result.note, title="sourcing-audit: more findings")),
                             left_off)
    return result


def _overflows(found: list[tuple[str, str]]) -> bool:
    return any(sum(n == name for n, _ in found) > (CAP - 1 if name == "notice" else CAP) for name in ORDER)


def to_github(docs: list[DocumentResult], errors: list[dict[str, str]]) -> str:
    lines = annotation_set(docs, errors).lines
    return "\n".join(lines) + ("\n" if lines else "")


def _groups(doc: DocumentResult) -> list[list[Finding]]:
    """Open findings grouped by statement (findings of no statement stand alone), most serious first in each."""
    groups: dict[object, list[Finding]] = {}
    for f in in_order(doc):
        if f.good or f.suppressed:
            continue
        key: object = ("s", f.statement) if f.statement is not None else ("f", f.start, f.end, f.check_id)
        groups.setdefault(key, []).append(f)
    rank = ("error", "warning", "info")
    return [sorted(g, key=lambda f: rank.index(f.severity) if f.severity in rank else 1) for g in groups.values()]


def _annotation(doc: DocumentResult, group: list[Finding], locator: Locator) -> tuple[str, str]:
    name = COMMAND.get(group[0].severity, "warning")
    title = ", ".join(dict.fromkeys(f.check_id for f in group))
    if len(group) == 1:
        message = f"{group[0].message}: “{group[0].excerpt}”"
    else:
        message = "\n".join(f"{f.severity} {f.check_id}: {f.message}" for f in group) + f"\n“{group[0].excerpt}”"
    if not has_lines(doc):  # no lines in the file to point at: say which words instead
        return name, command(name, message, file=doc.path, title=title)
    start, end = min(f.start for f in group), max(f.end for f in group)
    r = locator.region(start, end)
    props: dict[str, str | int] = {"file": doc.path, "line": r.start_line, "col": r.start_column,
                                   "endLine": r.end_line}
    if r.end_line == r.start_line:
        props["endColumn"] = r.end_column
    props["title"] = title
    return name, command(name, message, **props)
