"""`batch` (audit an archive into Parquet tables) and `summary` (the readable view of a run): flags to one
BatchOptions value at this edge, the progress bar, the last line and the exit code. pyarrow and Dask are
imported only when these commands run, so `check` starts as fast as before."""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from audit.cli.options import options_from
from audit.cli.printer import Printer


def add_parsers(sub: Any, rules_opt: argparse.ArgumentParser) -> None:
    b = sub.add_parser(
        "batch", parents=[rules_opt], help="audit a whole archive into Parquet tables (all cores, or Dask)",
        description="Audit every article of an archive: JSONL, CSV, Parquet or WARC files, folders and globs of "
                    "article files, local or (with fsspec) remote. Writes the tables articles, statements, "
                    "sources and errors as Parquet parts under --out (schema: docs/batch.md).")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="archives, folders or globs")
    b.add_argument("--out", required=True, metavar="DIR", help="the run's folder (new, or the one to --resume)")
    b.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: every core, here %(default)s)")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="run the chunks on Dask: a scheduler's address (tcp://host:8786), or 'local' for a local "
                        "cluster of --jobs workers")
    b.add_argument("--resume", action="store_true", help="finish a run that stopped: skip the parts written")
    b.add_argument("--chunk-size", type=int, default=100, metavar="N", help="articles per part (default: 100)")
    for name in ("id", "text", "outlet", "date", "url", "title"):
        b.add_argument(f"--{name}-field", metavar="FIELD", help=f"the record field holding the {name}")
    b.add_argument("--outlet-is-publisher", action="store_true",
                   help="audit each article with its outlet as --publisher ('told <outlet>' is first-hand)")
    b.add_argument("--publisher", metavar="NAME", help="the outlet that wrote every article")
    b.add_argument("--config", metavar="FILE", help="settings file (default: discovered from the current folder)")
    b.add_argument("--encoding", default=None, help="article files' text encoding (default: utf-8)")
    b.add_argument("--no-readability", action="store_true", help="skip the readability figures (faster)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    s = sub.add_parser("summary", help="the readable view of a batch run: PDF, HTML and CSV",
                       description="Summarise a batch run: sourcing mix by outlet and by month, the spread of the "
                                   "cannot-check share, the articles most reliant on anonymous or secondhand "
                                   "sourcing. Writes FILE.pdf, FILE.html and FILE-*.csv.")
    s.add_argument("run", metavar="RUN", help="the folder a batch run wrote (its --out)")
    s.add_argument("-o", "--output", metavar="FILE.pdf", help="the PDF to write (default: reports/<RUN>-summary.pdf)")
    s.add_argument("--top", type=int, default=20, metavar="N", help="articles in the most-reliant list (default 20)")
    s.add_argument("--date", help="the date to print (YYYY-MM-DD; default: today)")


def batch_command(args: argparse.Namespace, printer: Printer) -> int:
    from audit.batch import require

    require("batch", "batch")
    from audit.batch.fields import FieldMap
    from audit.batch.run import BatchOptions, run_batch
    from audit.errors import UsageError

    if args.jobs < 1 or args.chunk_size < 1:
        raise UsageError("--jobs and --chunk-size must be at least 1")
    fields = FieldMap.from_flags(**{k: getattr(args, f"{k}_field") for k in
                                    ("id", "text", "outlet", "date", "url", "title")})
    opts = BatchOptions(tuple(args.inputs), args.out, options_from(args), fields, args.jobs, args.chunk_size,
                        args.dask, args.resume, args.outlet_is_publisher)
    bar = _Bar(printer.progress)
    result = run_batch(opts, bar.show)
    bar.close()
    skipped = f", {result.skipped} parts from the earlier run" if result.skipped else ""
    printer.out(f"wrote {args.out}: {result.articles} articles in {result.parts} parts{skipped}")
    if result.errors:
        for where, position, message in result.first_errors:
            sys.stderr.write(f"{where}:{position}: {message}\n" if position else f"{where}: {message}\n")
        if result.errors > len(result.first_errors):
            sys.stderr.write(f"... and {result.errors - len(result.first_errors)} more\n")
        printer.err(f"{result.errors} records could not be audited (see {os.path.join(args.out, 'errors')})")
        return 2
    return 0


class _Bar:
    """Articles done, the rate and the time left, on one line of a terminal's stderr; nothing otherwise."""

    def __init__(self, on: bool) -> None:
        self.on, self.start, self.shown = on, time.monotonic(), False

    def show(self, p: Any) -> None:
        if not self.on:
            return
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = p.articles / elapsed
        line = f"\rauditing: {p.articles} articles, {rate:.1f}/s, {p.errors} errors"
        if p.total_weight and p.weight:
            share = min(1.0, p.weight / p.total_weight)
            left = elapsed * (1 - share) / share
            filled = int(30 * share)
            line += f" [{'#' * filled}{'.' * (30 - filled)}] {share:.0%}, ETA {int(left) // 60}:{int(left) % 60:02d}"
        sys.stderr.write(line + "\033[K")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def summary_command(args: argparse.Namespace, printer: Printer) -> int:
    from audit.batch import require

    require("batch", "summary")
    from pathlib import Path

    from audit.batch.digest import digest_run
    from audit.batch.summary import render_summary, summary_csv
    from audit.present.report import parse_date

    day = parse_date(args.date)
    digest = digest_run(args.run, args.top)
    target = Path(args.output) if args.output else Path("reports") / f"{Path(args.run).resolve().name}-summary.pdf"
    pdf, html = render_summary(digest, day)
    outputs = [(target, pdf), (target.with_suffix(".html"), html.encode("utf-8"))]
    stem = target.with_suffix("")
    outputs += [(Path(f"{stem}-{name}.csv"), text.encode("utf-8")) for name, text in summary_csv(digest).items()]
    for path, body in outputs:
        printer.write_file(path, body)
    for path, _ in outputs:
        printer.out(f"wrote {path}")
    return 0
