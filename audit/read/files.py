"""Reading a file the user names, safely: regular files only, never more than a size limit.

A FIFO would block the read forever, and /dev/zero or /dev/urandom never end: anything but a regular file is
refused before it is read (opened without blocking, then checked with fstat, so a FIFO swapped in between the
check and the read cannot block either). A file larger than the limit is refused with its size, rather than
read into memory.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from audit.errors import InputError

MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # an article file, or standard input (a long article is under 1 MB)
MAX_CONFIG_BYTES = 5 * 1024 * 1024  # a rules file, a settings file, a suppression sidecar, an eval gold file


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


def article_limit() -> int:
    """The most bytes an article may have: MAX_ARTICLE_BYTES, or $SOURCING_AUDIT_MAX_ARTICLE_MB megabytes (a
    whole number) for the rare longer one (a book-length transcript, a benchmark's 16 MB article)."""
    raw = os.environ.get(LIMIT_ENV, "").strip()
    if not raw:
        return MAX_ARTICLE_BYTES
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"{LIMIT_ENV}={raw!r}: expected a whole number of megabytes, such as 50")
    return int(raw) * 1024 * 1024


LIMIT_ENV = "SOURCING_AUDIT_MAX_ARTICLE_MB"


def read_limited(path: str | Path, limit: int | None = None, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes (an article's: article_limit()); every problem is one
    InputError line."""
    limit = article_limit() if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what}") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise InputError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            hint = "; give a file, or - for standard input" if what == "file" else ""
            raise InputError(f"{path}: is {_kind(mode)}, not a regular file{hint}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return read_stream(fh, limit, str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_stream(fh: BinaryIO, limit: int, name: str) -> bytes:
    """At most `limit` bytes from an open stream (standard input too); more is refused, not read to the end."""
    data = fh.read(limit + 1)
    if data is None:  # a non-blocking stream with nothing ready
        data = b""
    if len(data) > limit:
        raise InputError(f"{name}: larger than {_size(limit)}, the most sourcing-audit reads; split it, give the "
                         f"article alone, or raise the limit for articles with {LIMIT_ENV}")
    return data
