"""The package's own modules, compiled once and kept in the start-up cache, for a Python that writes no bytecode.

Python keeps a compiled module beside its source (__pycache__) unless told not to: PYTHONDONTWRITEBYTECODE=1, or
`python -B`, as container images and some checkouts set. Then every run compiles each module it imports from its
source, and for `check` on one article that was about 40% of the CPU time (some 70 modules). When bytecode is off,
`install` puts a finder before Python's own for this package's modules alone: a module's code object is kept in
the start-up cache's folder (audit.rules.cache: $SOURCING_AUDIT_CACHE, else the user's cache folder), in a file
named by the source's path, size and modification time and the interpreter's bytecode magic, and read back from
there next time: the code Python would have compiled, as it would have kept it in __pycache__. Nothing is
written beside the sources, and SOURCING_AUDIT_CACHE=off turns it off with the rest of the cache. A file that
cannot be read or written is ignored: it only ever saves time.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Sequence
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader
from importlib.util import MAGIC_NUMBER
from types import CodeType, ModuleType

_MAGIC = MAGIC_NUMBER.hex()
_PACKAGE = __name__.split(".")[0] + "."
_FOLDER: list[str] = []  # where the code objects are kept (set by install)


def folder() -> str | None:
    """The start-up cache's folder (audit.rules.cache.folder), worked out without importing anything more."""
    env = os.environ.get("SOURCING_AUDIT_CACHE")
    if env is not None:
        return None if env.lower() in ("", "off", "0", "no") else env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sourcing-audit")


def install() -> None:
    """Keep the package's compiled modules in the start-up cache, when Python writes no bytecode of its own."""
    if not sys.dont_write_bytecode or _FOLDER or any(f is _Finder for f in sys.meta_path):
        return
    where = folder()
    if where is None:
        return
    _FOLDER.append(os.path.join(where, "bytecode"))
    finders = sys.meta_path
    at = next((i for i, f in enumerate(finders) if f is PathFinder), len(finders))
    finders.insert(at, _Finder)


class _Finder:
    """Finds this package's modules as Python's path finder does, and loads a plain source module with _Loader."""

    @classmethod
    def find_spec(cls, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if not fullname.startswith(_PACKAGE):
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and type(spec.loader) is SourceFileLoader:
            spec.loader = _Loader(spec.loader.name, spec.loader.path)
        return spec

    @classmethod
    def invalidate_caches(cls) -> None:
        pass


class _Loader(SourceFileLoader):
    def get_code(self, fullname: str) -> CodeType:
        path = self.get_filename(fullname)
        try:
            info = os.stat(path)
        except OSError:
            return super().get_code(fullname)  # type: ignore[return-value]
        stamp = (path, info.st_size, info.st_mtime_ns)
        name = f"{zlib.crc32(path.encode('utf-8', 'surrogatepass')):08x}"
        kept = os.path.join(_FOLDER[0], f"{name}-{info.st_size}-{info.st_mtime_ns}-{_MAGIC}.marshal")
        try:
            with open(kept, "rb") as fh:
                found, code = marshal.loads(fh.read())
            if found == stamp and isinstance(code, CodeType):
                return code
        except (OSError, EOFError, ValueError, TypeError):
            pass
        code = self.source_to_code(self.get_data(path), path)
        _keep(kept, name, marshal.dumps((stamp, code)))
        return code


def _keep(kept: str, name: str, data: bytes) -> None:
    """Write one module's file (atomically: another process may be reading) and drop its older versions."""
    where = os.path.dirname(kept)
    try:
        os.makedirs(where, exist_ok=True)
        tmp = f"{kept}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, kept)
        for other in os.listdir(where):
            if other.startswith(name + "-") and other.endswith(".marshal") and other != os.path.basename(kept):
                os.unlink(os.path.join(where, other))
    except OSError:
        pass
