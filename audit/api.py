"""The public library API: what every front-end (CLI, web page, batch, handout, language server) calls.

Each front-end turns its own input into one AuditOptions value at its edge and calls these functions;
nothing here prints, exits or reads argv.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from audit import pipeline
from audit.models import DocumentResult
from audit.options import AuditOptions
from audit.pipeline import audit_file, audit_text
from audit.read.inputs import SourceText, load_source, source_from_bytes
from audit.rules.loader import load_rules, rules_for
from audit.settings.apply import apply_settings, rules_in_force
from audit.settings.discover import settings_for
from audit.settings.model import Settings

if TYPE_CHECKING:
    from audit.present.diff import DiffResult
    from audit.present.handout import HandoutOptions, RenderedHandout
    from audit.present.report import RenderedReport, ReportContext
    from audit.rules.ruleset import RuleSet

__all__ = ["AuditOptions", "DiffResult", "HandoutOptions", "RenderedHandout", "RenderedReport", "ReportContext",
           "Settings", "audit_data", "audit_file", "audit_source", "audit_text", "diff_results", "handout_options",
           "load_rules", "read_source", "render_handout", "render_report", "report_context", "result_json",
           "rules_for", "settings_for"]


def read_source(path: str | Path, options: AuditOptions | None = None, settings: Settings | None = None) -> SourceText:
    """Read one input (a .txt, .md, .html or .docx file, or "-" for standard input) as plain text with offsets."""
    options = options or AuditOptions()
    settings = settings or settings_for(str(path), options)
    return load_source(str(path), settings.encoding, options.stdin_filename)


def audit_source(path: str | Path, options: AuditOptions | None = None,
                 settings: Settings | None = None) -> DocumentResult:
    """Read and audit one input with the settings in force for it (settings file, per-path blocks, options):
    findings selected, severities set, suppressions marked, gates evaluated, as `check` and `report` do."""
    options = options or AuditOptions()
    settings = settings or settings_for(str(path), options)
    rules = rules_in_force(settings, rules_for(settings.rules))
    src = read_source(path, options, settings)
    doc = pipeline.audit_source(src, rules, settings.publisher, with_readability=options.readability)
    return apply_settings(doc, src, settings, rules)


def audit_data(data: bytes, name: str, options: AuditOptions | None = None) -> DocumentResult:
    """Audit an article given as bytes (an upload, a fetched page), its format from `name`'s extension, exactly
    as `check --stdin-filename NAME -` audits the same bytes: the settings in force for NAME, nothing written."""
    options = dataclasses.replace(options or AuditOptions(), stdin_filename=name)
    settings = settings_for("-", options)
    rules = rules_in_force(settings, rules_for(settings.rules))
    src = source_from_bytes(data, name, settings.encoding)
    doc = pipeline.audit_source(src, rules, settings.publisher, with_readability=options.readability)
    return apply_settings(doc, src, settings, rules)


def diff_results(old: DocumentResult, new: DocumentResult) -> DiffResult:
    """How the sourcing changed between two audited versions of an article (what `diff` shows)."""
    from audit.present.diff import diff_results as diff

    return diff(old, new)


def render_report(result: DocumentResult, rules: RuleSet | None = None, audit_date: dt.date | None = None,
                  title: str | None = None, paper: str = "a4", html: bool = False,
                  name: str = "report") -> RenderedReport:
    """The audit report of one result as PDF bytes (the JSON result attached as NAME.audit.json) and, with
    `html`, the same page as HTML. WeasyPrint (the report extra) is imported on first use."""
    from audit.extras import require
    from audit.present.report import render_report as render

    require("report", "the PDF report")
    return render(result, rules or rules_for(), audit_date, title, paper, html, name)


def report_context(result: DocumentResult, rules: RuleSet | None = None, audit_date: dt.date | None = None,
                   title: str | None = None, paper: str = "a4") -> ReportContext:
    """What the report's templates show for one result (a page that reuses them, such as `serve`'s, renders it)."""
    from audit.present.report import build_context

    return build_context(result, (rules or rules_for()).version, audit_date or dt.date.today(), title, paper)


def result_json(results: list[DocumentResult], rules: RuleSet | None = None,
                errors: list[dict[str, str]] | None = None) -> str:
    """The JSON contract (schema_version 1) for some results, exactly as `check --format json` writes it."""
    from audit.present.output import to_json

    return to_json(results, rules or rules_for(), errors or [])


def handout_options(level: str = "standard", grade: str = "9-10", minutes: str | int = 45,
                    statements: str | None = None, paper: str = "a4", title: str | None = None) -> HandoutOptions:
    """A front-end's raw handout values, checked and typed (UsageError, one line, on a bad one)."""
    from audit.present.handout import handout_options as build

    return build(level, grade, minutes, statements, paper, title)


def render_handout(result: DocumentResult, rules: RuleSet | None = None, options: HandoutOptions | None = None,
                   html: bool = False) -> RenderedHandout:
    """The classroom handout of one result: the student's worksheet (no answers) and the teacher's key, as
    PDF bytes and, with `html`, HTML. It reads the result's labels, roster and findings; it labels nothing."""
    from audit.extras import require
    from audit.present.handout import render_handout as render

    require("report", "the handout")
    return render(result, rules or rules_for(), options, html)
