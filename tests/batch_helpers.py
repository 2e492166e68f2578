"""Shared by the batch tests (main suite and corpus suite): running the CLI, reading a run's tables, and
`check --format json` on the same texts for comparison."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
TABLES = ("articles", "statements", "sources", "errors")


def cli(*args: str | Path, cwd: Path = REPO, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def table(run: Path, name: str) -> list[dict[str, Any]]:
    """A table's rows, in part order then row order (as written)."""
    parts = sorted((run / name).glob("part-*.parquet"))
    return [row for part in parts for row in pq.read_table(part).to_pylist()]


def part_names(run: Path, name: str) -> list[str]:
    return sorted(p.name for p in (run / name).iterdir())


def check_labels(paths: list[Path], cwd: Path = REPO) -> dict[str, list[tuple[int, int, int, str]]]:
    """`check --format json` on article files: per file stem, (index, start, end, label) of each statement."""
    proc = cli("check", "--format", "json", "--fail-on", "never", *paths, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert len(out["documents"]) == len(paths)
    return {Path(d["path"]).stem: [(s["index"], s["start"], s["end"], s["label"]) for s in d["statements"]]
            for d in out["documents"]}


def batch_labels(run: Path) -> dict[str, list[tuple[int, int, int, str]]]:
    found: dict[str, list[tuple[int, int, int, str]]] = {}
    for s in table(run, "statements"):
        found.setdefault(s["article_id"], []).append((s["index"], s["start"], s["end"], s["label"]))
    return found


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def write_txt_folder(folder: Path, records: list[dict[str, Any]], id_field: str = "id") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for r in records:
        path = folder / f"{r[id_field]}.txt"
        path.write_bytes(r["text"].encode("utf-8"))
        paths.append(path)
    return paths
