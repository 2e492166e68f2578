"""Output formats of `check`: text, json, sarif, github, junit, markdown.

STUB (issue 4): text and json; the others come next.
"""
from __future__ import annotations

from collections.abc import Callable

from audit.errors import UsageError
from audit.models import DocumentResult
from audit.rules import RuleSet

NAMES = ("text", "json", "sarif", "github", "junit", "markdown")


def outputs(default_format: str, specs: list[str]) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for each --output; stdout in --format when none is given."""
    if not specs:
        return [(default_format, None)]
    out = []
    for spec in specs:
        fmt, sep, dest = spec.partition("=")
        if sep and fmt in NAMES:
            out.append((fmt, dest))
        elif sep and fmt not in NAMES and "/" not in fmt and "." not in fmt:
            raise UsageError(f"--output {spec}: unknown format {fmt!r} (expected one of: {', '.join(NAMES)})")
        else:
            out.append((default_format, spec))
    return out


def render(fmt: str, docs: list[DocumentResult], rules: RuleSet, errors: list[dict[str, str]],
           paint: Callable[[str, str], str] | None = None) -> str:
    if fmt == "json":
        from audit.output import to_json

        return to_json(docs, rules, errors)
    if fmt == "text":
        from audit.summary import summary

        return summary(docs, paint or (lambda text, code: text))
    raise UsageError(f"--format {fmt}: not available yet")
