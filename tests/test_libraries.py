"""audit/libraries.py: the linker-cache lookup WeasyPrint's libraries are found with (issue 13, report start-up)."""
from __future__ import annotations

import ctypes.util
from pathlib import Path

import pytest

from audit import libraries
from audit.libraries import quick_library_lookup

LISTING = """\
3 libs found in cache `/etc/ld.so.cache'
\tlibpango-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpango-1.0.so.0
\tlibgobject-2.0.so.0 (libc6) => /lib/i386-linux-gnu/libgobject-2.0.so.0
\tlibgobject-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgobject-2.0.so.0
"""
X86_64 = "libc6,x86-64"  # the ABI tag of a 64-bit x86 machine in the cache


def test_the_cache_gives_the_soname_ctypes_would_give(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    find = libraries._finder(LISTING, X86_64)
    assert find("pango-1.0") == "libpango-1.0.so.0"
    assert find("gobject-2.0") == "libgobject-2.0.so.0"
    # WeasyPrint's first guesses ("libgobject-2.0-0", "gobject-2.0-0") are no library: None, with no gcc run
    assert find("libgobject-2.0-0") is None and find("gobject-2.0-0") is None
    assert find("pango") is None  # lib<name>. exactly: "pango" is not "pango-1.0"


def test_a_32_bit_copy_is_not_taken_on_a_64_bit_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    only_32 = "\tlibgobject-2.0.so.0 (libc6) => /lib/i386-linux-gnu/libgobject-2.0.so.0\n"
    assert libraries._finder(only_32, X86_64)("gobject-2.0") is None


def test_a_folder_of_ld_library_path_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "libpango-1.0.so.7").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    assert libraries._finder(LISTING, X86_64)("pango-1.0") == "libpango-1.0.so.7"


def test_the_lookup_is_in_force_only_inside_the_block() -> None:
    original = ctypes.util.find_library
    with quick_library_lookup():
        assert ctypes.util.find_library is not original
        assert (ctypes.util.find_library("c") or "").startswith("libc.so")
    assert ctypes.util.find_library is original


def test_without_a_cache_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libraries, "_linker_cache", lambda: None)
    original = ctypes.util.find_library
    with quick_library_lookup():
        assert ctypes.util.find_library is original
