"""The command-line front-end: flags to AuditOptions, commands, printing and exit codes.

The only part of the package that prints or exits; everything it does goes through the library.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any

from audit.cli.parser import FORMATS, Exit, build_parser
from audit.cli.printer import Printer
from audit.errors import AuditError

__all__ = ["FORMATS", "Exit", "Printer", "build_parser", "main", "run"]


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None or sys.stderr is None:  # started with `>&-` or `2>&-`
        if sys.stderr is not None:
            print("sourcing-audit: standard output is closed; send it somewhere (> FILE, or > /dev/null)",
                  file=sys.stderr)
        return Exit.ERROR
    parser = build_parser()
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminated)  # unwind, so half-written outputs are removed as on Ctrl-C
    if args.command is None:
        parser.print_help(sys.stderr)
        return Exit.ERROR
    try:
        return int(_dispatch(args))
    except AuditError as exc:
        Printer().err(str(exc))  # control characters in names shown visibly
        return Exit.ERROR
    except KeyboardInterrupt:
        print("sourcing-audit: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("sourcing-audit: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:  # `sourcing-audit rules list | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK


class _Terminated(BaseException):
    """SIGTERM, raised where the program is, so every `finally` and cleanup runs."""


def _terminated(signum: int, frame: Any) -> None:
    raise _Terminated()


def _dispatch(args: argparse.Namespace) -> Exit:
    from audit.cli import batch, commands

    handler = {"check": commands.check, "report": commands.report, "eval": commands.evaluate,
               "rules": commands.rules, "explain": commands.explain, "config": commands.config,
               "diff": commands.diff, "serve": commands.serve, "lsp": commands.lsp,
               "handout": commands.handout, "batch": batch.batch_command,
               "summary": batch.summary_command}[args.command]
    return Exit(handler(args, Printer(quiet=getattr(args, "quiet", False))))


def run(argv: list[str] | None = None) -> Any:  # console-script entry point
    exit_process(main(argv))


def exit_process(code: int) -> None:
    """End the process with `code`. After pyarrow (batch, summary), skip the interpreter's finalization: it stops
    threads that pyarrow's C++ thread pools still hold, and the process then aborted now and then ("terminate
    called without an active exception") after its work was done and written."""
    if "pyarrow" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(code))
    sys.exit(code)
