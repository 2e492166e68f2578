"""`report` (the audit report as PDF and HTML) and `diff` (how the sourcing changed between two versions)."""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
from dataclasses import dataclass
from pathlib import Path

from audit.cli.options import options_from
from audit.cli.printer import Printer
from audit.errors import AuditError, InputError, UsageError
from audit.models import DocumentResult
from audit.options import AuditOptions
from audit.rules.ruleset import RuleSet


def report_command(args: argparse.Namespace, rules: RuleSet, printer: Printer) -> int:
    """Audit and render each article; an input error is reported (exit 2) and the others still run.

    With --jobs, workers audit and render; this process writes every file and prints every line, in order."""
    from audit.cli.jobs import in_order
    from audit.present.report import parse_date

    try:
        day = parse_date(args.date)
        if args.output and len(args.paths) > 1:
            raise UsageError("-o/--output names one PDF; give one article, or none to write reports/<name>.pdf")
    except AuditError as exc:
        printer.err(str(exc))
        return 2
    targets = [Path(args.output) if args.output else Path("reports") / f"{Path(p).stem}.pdf" for p in args.paths]
    job = _ReportJob(options_from(args), tuple(args.rules), day, args.title, args.paper, args.html)
    jobs = 1 if "-" in args.paths else args.jobs
    status, written = 0, set()
    renders = in_order(job.render, list(zip(args.paths, [t.stem for t in targets])), jobs)
    for n, (path, target, got) in enumerate(zip(args.paths, targets, renders), 1):
        try:
            if target in written:
                raise UsageError(f"{path}: would overwrite {target}, written for another article this run")
            if isinstance(got, str):
                raise AuditError(got)
            outputs = [(target, got[0])]
            if got[1] is not None:
                outputs.append((target.with_suffix(".html"), got[1].encode("utf-8")))
            for out, body in outputs:  # rendered first: a failed render leaves no file behind
                printer.write_file(out, body)
            for out, _ in outputs:
                printer.out(f"wrote {out}")
            written.add(target)
        except AuditError as exc:
            printer.err(str(exc))
            status = 2
        printer.tick(n, len(args.paths), "rendering")
    return status


@dataclass(frozen=True)
class _ReportJob:
    """What rendering one report needs, as plain values a worker process can take."""

    options: AuditOptions
    rule_files: tuple[str, ...]
    day: dt.date | None
    title: str | None
    paper: str
    html: bool

    def render(self, item: tuple[str, str]) -> tuple[bytes, str | None] | str:
        """(PDF, HTML or None) for one (path, report name), or the input's error line."""
        from audit.api import audit_source, render_report
        from audit.rules.loader import rules_for

        path, name = item
        try:
            _refuse_huge(path)
            # the same settings, suppressions and gates as `check`, so the PDF's verdict is check's verdict
            result = audit_source(path, self.options)
            report = render_report(result, rules_for(self.rule_files), self.day, self.title, self.paper,
                                   self.html, name)
        except AuditError as exc:
            return str(exc)
        _freeze_once()
        return report.pdf, report.html


def _refuse_huge(path: str) -> None:
    """A text file far over the report's size, refused before it is audited (render_report checks exactly)."""
    from audit.present.report import REPORT_MAX_CHARS

    if Path(path).suffix.lower() in (".txt", ".md", ".markdown") and os.path.isfile(path) and \
            os.path.getsize(path) > 4 * REPORT_MAX_CHARS:  # 4 bytes at most per character in UTF-8
        raise InputError(f"{path}: {os.path.getsize(path):,} bytes, more than the {REPORT_MAX_CHARS:,} characters "
                         "a report lays out; `sourcing-audit check` reads it, or split it into parts")


_FROZEN: list[bool] = []


def _freeze_once() -> None:
    """After the first report, what lives as long as this process (modules, fonts, rules, caches) is loaded:
    freeze it out of every later garbage collection, which makes each later one about ten times cheaper.
    The CLI owns the process, so it decides this; the library, used inside someone else's, does not."""
    if not _FROZEN:
        gc.collect()
        gc.freeze()
        _FROZEN.append(True)


def diff_command(args: argparse.Namespace, rules: RuleSet, printer: Printer) -> int:
    from audit.present.diff import diff_dict, diff_results, render_markdown, render_text

    old, new = (_audit(path, args, rules) for path in (args.old, args.new))
    result = diff_results(old, new)
    if args.format == "json":
        printer.out(json.dumps(diff_dict(result), ensure_ascii=False, indent=1))
    elif args.format == "markdown":
        printer.out(render_markdown(result).rstrip("\n"))
    else:
        printer.out(render_text(result, printer.paint).rstrip("\n"))
    return 0


def _audit(path: str, args: argparse.Namespace, rules: RuleSet) -> DocumentResult:
    from audit.pipeline import audit_source
    from audit.read.inputs import load_source

    return audit_source(load_source(path, args.encoding or "utf-8"), rules, args.publisher, with_readability=False)
