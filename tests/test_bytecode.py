"""audit.bytecode (issue 13): with bytecode off, the package's modules are compiled once into the start-up cache."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROBE = ("import audit.models as m, audit.label.quotes as q; "
         "print(type(m.__spec__.loader).__name__, q._MARKS.findall('a “b” c'))")


def _run(cache: str, *flags: str, pycache: Path | None = None) -> str:
    env = {**os.environ, "SOURCING_AUDIT_CACHE": cache, "PYTHONPATH": str(REPO)}
    if pycache is not None:  # Python's own bytecode, written elsewhere than beside the sources
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, *flags, "-c", PROBE], env=env, capture_output=True, text=True, check=True,
                         cwd=REPO)
    return out.stdout.strip()


def test_modules_are_kept_in_the_cache_and_read_back(tmp_path: Path) -> None:
    first = _run(str(tmp_path), "-B")
    kept = sorted((tmp_path / "bytecode").glob("*.marshal"))
    assert kept, "no module was kept"
    stamps = [p.stat().st_mtime_ns for p in kept]
    again = _run(str(tmp_path), "-B")
    assert first == again == "_Loader ['“', '”']"
    kept_again = sorted((tmp_path / "bytecode").glob("*.marshal"))
    assert [p.stat().st_mtime_ns for p in kept_again] == stamps  # read back, not written again


def test_a_broken_file_is_compiled_again(tmp_path: Path) -> None:
    _run(str(tmp_path), "-B")
    for p in (tmp_path / "bytecode").glob("*.marshal"):
        p.write_bytes(b"\x00not marshal")
    assert _run(str(tmp_path), "-B") == "_Loader ['“', '”']"


def test_nothing_is_kept_when_python_writes_bytecode_or_the_cache_is_off(tmp_path: Path) -> None:
    assert _run("off", "-B").endswith("['“', '”']")
    assert not _run(str(tmp_path), pycache=tmp_path / "pycache").startswith("_Loader")
    assert not (tmp_path / "bytecode").exists()
