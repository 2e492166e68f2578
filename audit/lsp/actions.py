"""Code actions: suppress a finding with a comment in a Markdown draft (the `disable-next` and `disable` forms).

The comment is inserted with an empty reason on purpose: the desk must write why it accepts the finding, and
until it does the audit warns `suppression-no-reason` at the comment and the finding stays in force.
"""
from __future__ import annotations

from lsprotocol import types

from audit.lsp.drafts import Audited
from audit.lsp.views import SOURCE


def _insert(uri: str, line: int, character: int, text: str) -> types.WorkspaceEdit:
    at = types.Position(line, character)
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(types.Range(at, at), text)]})


def _paragraph_line(audited: Audited, paragraph: int | None) -> int | None:
    for p in audited.doc.paragraphs:
        if p.index == paragraph:
            return audited.position(p.start)[0]
    return None


def code_actions(audited: Audited, uri: str, context: list[types.Diagnostic]) -> list[types.CodeAction]:
    """For each of our diagnostics in the context that a comment can suppress: this paragraph, or the draft."""
    if not audited.markdown:
        return []  # plain text has no comments: a sidecar file (ARTICLE.txt.sourcing-audit.yaml) does it
    out: list[types.CodeAction] = []
    known = {c.id for c in audited.rules.checks}
    end_line, end_char = audited.index.position(len(audited.index.text))
    for diag in context:
        check = diag.code if isinstance(diag.code, str) else None
        if diag.source != SOURCE or check is None or check not in known:  # not gates, nor the suppression checks
            continue
        paragraph = diag.data.get("paragraph") if isinstance(diag.data, dict) else None
        line = _paragraph_line(audited, paragraph if isinstance(paragraph, int) else None)
        if line is not None:
            comment = f"<!-- sourcing-audit: disable-next {check} -- reason: -->\n"
            out.append(types.CodeAction(f"Suppress {check} in this paragraph (then write the reason)",
                                        kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                                        edit=_insert(uri, line, 0, comment)))
        lead = "\n" if end_char else ""
        comment = f"{lead}\n<!-- sourcing-audit: disable {check} -- reason: -->\n"
        out.append(types.CodeAction(f"Suppress {check} in this draft (then write the reason)",
                                    kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                                    edit=_insert(uri, end_line, end_char, comment)))
    return out
