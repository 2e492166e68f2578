"""Output formats of `check`: which format goes where (`outputs`), and one renderer per format (`render`).

| format | module | for |
|---|---|---|
| text | audit.present.summary | a terminal: one screen per document, `path:line:col: severity check-id message` |
| json | audit.present.output | machines: the JSON contract (schema_version 1) |
| sarif | audit.present.formats.sarif | code-scanning tools: SARIF 2.1.0 |
| github | audit.present.formats.github | GitHub Actions: workflow-command annotations |
| junit | audit.present.formats.junit | CI test reports: JUnit XML, one testsuite per document |
| markdown | audit.present.formats.markdown | a pull-request comment or a job summary |
| gitlab | audit.present.formats.forges | GitLab Code Quality (merge-request widget) |
| rdjson | audit.present.formats.forges | reviewdog's Diagnostic Format |
"""
from __future__ import annotations

import os
from collections.abc import Callable

from audit.errors import UsageError
from audit.models import DocumentResult
from audit.rules.ruleset import RuleSet

NAMES = ("text", "json", "sarif", "github", "junit", "markdown", "gitlab", "rdjson")

Paint = Callable[[str, str], str]


def outputs(default_format: str, specs: list[str]) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for each --output; stdout in --format when none is given.

    `--output FILE` with no FORMAT= is written in --format, or, when --format is the default text, in the
    format its extension names (.json, .sarif, .xml for JUnit, .md). `--output FORMAT=-` is standard output,
    so one run can print annotations and write a SARIF file.
    """
    if not specs:
        return [(default_format, None)]
    out: list[tuple[str, str | None]] = []
    for spec in specs:
        fmt, sep, dest = spec.partition("=")
        if sep and fmt in NAMES:
            out.append((fmt, None if dest == "-" else dest))  # FORMAT=- : standard output
        elif sep and fmt not in NAMES and "/" not in fmt and "." not in fmt:
            raise UsageError(f"--output {spec}: unknown format {fmt!r} (expected one of: {', '.join(NAMES)})")
        elif default_format == "text":  # no --format: the file name says what it wants
            out.append((_BY_EXTENSION.get(os.path.splitext(spec)[1].lower(), "text"), spec))
        else:
            out.append((default_format, spec))
    return out


_BY_EXTENSION = {".json": "json", ".sarif": "sarif", ".xml": "junit", ".md": "markdown", ".markdown": "markdown"}


def render(fmt: str, docs: list[DocumentResult], rules: RuleSet, errors: list[dict[str, str]],
           paint: Paint | None = None, quiet: bool = False) -> str:
    """The whole output of one run in one format; `paint` colours the text format (stdout on a terminal), and
    `quiet` makes it the findings' lines only."""
    if fmt == "text":
        from audit.present.summary import summary

        return summary(docs, errors, paint, quiet)
    if fmt == "json":
        from audit.present.output import to_json

        return to_json(docs, rules, errors)
    if fmt == "sarif":
        from audit.present.formats.sarif import to_sarif

        return to_sarif(docs, rules, errors)
    if fmt == "github":
        from audit.present.formats.github import to_github

        return to_github(docs, errors)
    if fmt == "junit":
        from audit.present.formats.junit import to_junit

        return to_junit(docs, rules, errors)
    if fmt == "markdown":
        from audit.present.formats.markdown import to_markdown

        return to_markdown(docs, errors)
    if fmt in ("gitlab", "rdjson"):
        from audit.present.formats.forges import to_gitlab, to_rdjson

        return to_gitlab(docs, errors) if fmt == "gitlab" else to_rdjson(docs, errors)
    raise UsageError(f"--format {fmt}: unknown format (expected one of: {', '.join(NAMES)})")
