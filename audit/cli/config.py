"""`config show` (the settings in force for a path and where each came from) and `config init` (a starter file)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from audit.cli.options import options_from
from audit.cli.printer import Printer
from audit.errors import UsageError
from audit.rules.loader import rules_for
from audit.settings.apply import check_ids
from audit.settings.discover import settings_for
from audit.settings.model import FILENAME
from audit.settings.starter import starter


def config_command(args: argparse.Namespace, printer: Printer) -> int:
    if args.action == "init":
        return _init(args, printer)
    settings = settings_for(args.path, options_from(args))
    check_ids(settings, rules_for(settings.rules))
    printer.out(f"# settings for {args.path}, from {settings.config or 'the defaults (no settings file found)'}")
    for key, name in (("rules", "rules"), ("select", "select"), ("ignore", "ignore"), ("severity", "severity"),
                      ("fail-on", "fail_on"), ("publisher", "publisher"), ("encoding", "encoding")):
        printer.out(f"{key}: {_flow(getattr(settings, name))}  # {settings.origin[key]}")
    printer.out(f"gates:{' []' if not settings.gates else ''}  # {settings.origin['gates']}")
    for g in settings.gates:
        printer.out(f"  - {g.describe()}")
    return 0


def _flow(value: Any) -> str:
    if isinstance(value, tuple):
        value = list(value)
    return yaml.safe_dump(value, default_flow_style=True, width=10**6, allow_unicode=True).strip() \
        .removesuffix("\n...").strip()


def _init(args: argparse.Namespace, printer: Printer) -> int:
    if args.path != ".":
        raise UsageError("`config init` writes .sourcing-audit.yaml in the current folder and takes no PATH")
    target = Path.cwd() / FILENAME
    if target.exists() and not args.force:
        raise UsageError(f"{FILENAME} already exists here; use --force to overwrite it")
    printer.write_file(target, starter())
    printer.out(f"wrote {target}")
    return 0
