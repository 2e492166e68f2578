"""The CLI's edge: parsed flags (an argparse.Namespace) to one AuditOptions value for the library."""
from __future__ import annotations

import argparse

from audit.options import AuditOptions, split_ids


def options_from(args: argparse.Namespace) -> AuditOptions:
    """The options one command's flags ask for; flags a command does not have are left to the settings."""
    fmt = getattr(args, "format", None) or "text"
    specs = getattr(args, "output", None)  # check: a list of [FORMAT=]FILE; report: one PDF path
    if isinstance(specs, list) and specs:  # the formats the outputs are written in: `-o audit.json` is json
        from audit.present.formats import outputs

        formats = (fmt, *(name for name, _ in outputs(fmt, specs)))
    else:
        formats = (fmt,)
    readability = not getattr(args, "no_readability", False)
    if args.command == "check":  # check computes the readability figures only for the formats that show them
        readability = readability and bool(set(formats) & {"json", "markdown"})
    return AuditOptions(
        rules=tuple(getattr(args, "rules", None) or ()),
        publisher=getattr(args, "publisher", None),
        encoding=getattr(args, "encoding", None),
        select=split_ids(getattr(args, "select", None)),
        ignore=split_ids(getattr(args, "ignore", None)),
        fail_on=getattr(args, "fail_on", None),
        config=getattr(args, "config", None),
        stdin_filename=getattr(args, "stdin_filename", None),
        readability=readability,
        formats=formats)
