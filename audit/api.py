"""The public library API: what every front-end (CLI, web page, batch, handout, language server) calls.

Each front-end turns its own input into one AuditOptions value at its edge and calls these functions;
nothing here prints, exits or reads argv.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from audit import pipeline
from audit.models import DocumentResult
from audit.options import AuditOptions
from audit.pipeline import audit_file, audit_text
from audit.read.inputs import SourceText, load_source
from audit.rules.loader import load_rules, rules_for
from audit.settings.apply import apply_settings, rules_in_force
from audit.settings.discover import settings_for
from audit.settings.model import Settings

if TYPE_CHECKING:
    from audit.present.handout import HandoutOptions, RenderedHandout
    from audit.present.report import RenderedReport
    from audit.rules.ruleset import RuleSet

__all__ = ["AuditOptions", "HandoutOptions", "RenderedHandout", "RenderedReport", "Settings", "audit_file",
           "audit_source", "audit_text", "handout_options", "load_rules", "read_source", "render_handout",
           "render_report", "rules_for", "settings_for"]


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


def render_report(result: DocumentResult, rules: RuleSet | None = None, audit_date: dt.date | None = None,
                  title: str | None = None, paper: str = "a4", html: bool = False,
                  name: str = "report") -> RenderedReport:
    """The audit report of one result as PDF bytes (the JSON result attached as NAME.audit.json) and, with
    `html`, the same page as HTML. WeasyPrint is imported on first use."""
    from audit.present.report import render_report as render

    return render(result, rules or rules_for(), audit_date, title, paper, html, name)


def handout_options(level: str = "standard", grade: str = "9-10", minutes: str | int = 45,
                    statements: str | None = None, paper: str = "a4", title: str | None = None) -> HandoutOptions:
    """A front-end's raw handout values, checked and typed (UsageError, one line, on a bad one)."""
    from audit.present.handout import handout_options as build

    return build(level, grade, minutes, statements, paper, title)


def render_handout(result: DocumentResult, rules: RuleSet | None = None, options: HandoutOptions | None = None,
                   html: bool = False) -> RenderedHandout:
    """The classroom handout of one result: the student's worksheet (no answers) and the teacher's key, as
    PDF bytes and, with `html`, HTML. It reads the result's labels, roster and findings; it labels nothing."""
    from audit.present.handout import render_handout as render

    return render(result, rules or rules_for(), options, html)
