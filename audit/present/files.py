"""Writing outputs atomically: a failed write or render leaves no partial file."""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from audit.errors import InputError


def _regular_target(path: str | Path) -> Path:
    """Where to write: the file itself, or the regular file a symbolic link points to. A FIFO, a device, a
    socket or a folder is refused: replacing it with a regular file (as root, /dev/stdout) breaks the system."""
    if not str(path):
        raise InputError("(empty): not a file name to write to")
    target = Path(path)
    try:
        st = target.stat()  # follows links
    except FileNotFoundError:
        return Path(os.path.realpath(target)) if target.is_symlink() else target  # a dangling link: its target
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: not a file name to write to")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file (a device, named pipe or socket); outputs are written to "
                         "regular files only: leave out -o to write to standard output")
    return Path(os.path.realpath(target))


def write_atomic(path: str | Path, data: str | bytes | Iterable[str]) -> None:
    """Write a whole file or nothing: a temporary file beside it, renamed over it; removed on any failure,
    Ctrl-C or SIGTERM (the CLI turns SIGTERM into an exception, so this cleanup runs)."""
    target = _regular_target(path)
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in (data,) if isinstance(data, (str, bytes)) else data:  # text given in pieces: each in turn
                fh.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
