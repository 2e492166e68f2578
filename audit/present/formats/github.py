"""GitHub Actions workflow commands: one annotation per finding, failed gates first.

`::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CHECK-ID::MESSAGE`, with `::warning` and
`::notice` for the other severities. Lines and columns are 1-based, columns in Unicode code points, and
endColumn is the column just after the finding (audit.present.formats.positions). GitHub only honours columns on
a one-line annotation, so a finding across lines gives no endColumn. Good-practice and suppressed findings
are left out: annotations are for what still needs an editor. Values are escaped as the Actions toolkit
does: %, CR and LF in the message; those and `:` and `,` in properties.
"""
from __future__ import annotations

from audit.models import DocumentResult, Finding
from audit.present.formats.positions import Locator, has_lines, in_order

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: str | int) -> str:
    head = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{name} {head}::{escape_data(message)}" if head else f"::{name}::{escape_data(message)}"


def to_github(docs: list[DocumentResult], errors: list[dict[str, str]]) -> str:
    lines = [command("error", g.message, file=doc.path, title=f"gate {g.id}")
             for doc in docs for g in doc.gates if not g.passed]
    lines += [command("error", e["message"], file=e["path"], title="input error") for e in errors]
    for doc in docs:
        locator = Locator(doc.file_text or doc.text)
        lines += [_annotation(doc, f, locator) for f in in_order(doc) if not f.good and not f.suppressed]
    return "\n".join(lines) + ("\n" if lines else "")


def _annotation(doc: DocumentResult, f: Finding, locator: Locator) -> str:
    name = COMMAND.get(f.severity, "warning")
    if not has_lines(doc):  # no lines in the file to point at: say which words instead
        return command(name, f"{f.message}: “{f.excerpt}”", file=doc.path, title=f.check_id)
    r = locator.region(f.start, f.end)
    props: dict[str, str | int] = {"file": doc.path, "line": r.start_line, "col": r.start_column,
                                   "endLine": r.end_line}
    if r.end_line == r.start_line:
        props["endColumn"] = r.end_column
    props["title"] = f.check_id
    return command(name, f"{f.message}: “{f.excerpt}”", **props)
