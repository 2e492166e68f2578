"""`handout`: the student worksheet and the answer key for one article, both rendered before either is written."""
from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from audit.cli.options import options_from
from audit.cli.printer import Printer
from audit.rules.ruleset import RuleSet


def handout_command(args: argparse.Namespace, rules: RuleSet, printer: Printer) -> int:
    """Check the flags, audit the article, render all files in memory, then write them; on a failed write,
    remove what this run wrote, so a failure leaves nothing half-written."""
    from audit.api import audit_source, handout_options, render_handout

    options = handout_options(args.level, args.grade, args.minutes, args.statements, args.paper, args.title)
    # the handout shows no readability figures: skip them (and the pronunciation dictionary they load)
    result = audit_source(args.path, dataclasses.replace(options_from(args), readability=False))
    handout = render_handout(result, rules, options, html=args.html)
    stem = Path(args.out_dir) / Path(result.path if args.path != "-" else "handout").stem
    outputs: list[tuple[Path, bytes]] = [(stem.with_name(f"{stem.name}-student.pdf"), handout.student_pdf),
                                         (stem.with_name(f"{stem.name}-key.pdf"), handout.key_pdf)]
    if handout.student_html is not None and handout.key_html is not None:
        outputs += [(stem.with_name(f"{stem.name}-student.html"), handout.student_html.encode("utf-8")),
                    (stem.with_name(f"{stem.name}-key.html"), handout.key_html.encode("utf-8"))]
    written: list[Path] = []
    try:
        for path, data in outputs:
            printer.write_file(path, data)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    for path, _ in outputs:
        printer.out(f"wrote {path}")
    return 0
