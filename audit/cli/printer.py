"""Where the commands' output goes: stdout, stderr, files; colour only on a terminal and never with NO_COLOR set."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from audit.errors import AuditError
from audit.present.safe import visible


class Printer:
    def __init__(self, quiet: bool = False) -> None:
        self.color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        self.progress = sys.stderr.isatty() and not quiet

    def out(self, text: str = "") -> None:
        try:
            sys.stdout.write(text + "\n")
        except BrokenPipeError:
            raise
        except OSError as exc:  # `> /dev/full`, a closed descriptor
            raise AuditError(f"cannot write to standard output: {exc.strerror or exc}") from None

    def out_pieces(self, pieces: Iterable[str]) -> None:
        """Write text given in pieces (a streamed JSON result), as out("".join(pieces).rstrip("\\n")) would when
        it ends with one newline."""
        try:
            for piece in pieces:
                sys.stdout.write(piece)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise AuditError(f"cannot write to standard output: {exc.strerror or exc}") from None

    def err(self, text: str) -> None:
        lines = [visible(line) for line in text.split("\n")]  # a file name may hold escape sequences
        print("sourcing-audit: " + "\n".join(lines), file=sys.stderr)

    def paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def tick(self, done: int, total: int, what: str) -> None:
        """A progress bar on a terminal when there are many inputs; nothing otherwise."""
        if self.progress and total > 5:
            width = 30
            filled = width * done // total
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r{what} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}" + end)
            sys.stderr.flush()

    def append_file(self, path: str, text: str) -> None:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)

    def write_file(self, path: str | Path, data: str | bytes | Iterable[str]) -> None:
        from audit.present.files import write_atomic

        write_atomic(path, data)
