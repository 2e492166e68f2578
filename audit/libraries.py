"""Finding the shared libraries WeasyPrint loads (Pango, HarfBuzz, GObject, fontconfig) without a compiler.

WeasyPrint opens each library by trying several names ("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", …);
cffi hands every name without a path to `ctypes.util.find_library`, which on Linux runs `ldconfig -p` and, when
that misses, `gcc` (about 22 lookups, two processes each: a quarter of a second of every `report`, `handout` and
`serve` start). `quick_library_lookup` answers those lookups from one reading of the linker cache instead, and from
the folders of LD_LIBRARY_PATH; where there is no cache to read (not Linux, no ldconfig) it changes nothing.
"""
from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def quick_library_lookup() -> Iterator[None]:
    """Within the block, `ctypes.util.find_library` reads the linker cache once and never runs gcc."""
    listing = _linker_cache() if sys.platform.startswith("linux") else None
    if listing is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _finder(listing, _machine_abi())  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _linker_cache() -> str | None:
    """`ldconfig -p`: one line per library the dynamic linker knows, soname first."""
    ldconfig = shutil.which("ldconfig") or next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig")
                                                  if os.access(p, os.X_OK)), None)
    if ldconfig is None:
        return None
    try:
        done = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False, timeout=10,
                              env={"LC_ALL": "C", "LANG": "C"})
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


# The ABI tag ctypes looks for in the cache for this machine, so a 32-bit copy is never taken for a 64-bit one.
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def _machine_abi() -> str:
    return _ABI.get(f"{os.uname().machine}-{struct.calcsize('P') * 8}", "libc6")


def _finder(listing: str, abi: str) -> Callable[[str], str | None]:
    folders = [Path(p) for p in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if p]

    def find_library(name: str) -> str | None:
        """The soname of lib<name>.so from LD_LIBRARY_PATH's folders or the cache, as ctypes would give it."""
        for folder in folders:
            found = sorted(folder.glob(f"lib{name}.so*")) if folder.is_dir() else []
            if found:
                return found[0].name
        hit = re.search(rf"\s(lib{re.escape(name)}\.[^\s]+)\s+\({re.escape(abi)}", listing)
        return hit.group(1) if hit else None

    return find_library
