"""Folder walks that honour .gitignore: the article files under a folder, as `git ls-files` would list them.

Each .gitignore applies to its folder and below (pathspec's GitIgnoreSpec, a maintained gitignore matcher,
negations within a file included): those inside the walked folder, and those of the folders above it up to
the top of its git work tree (the folder holding `.git`). Hidden files and folders are left out too.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

Spec = tuple[str, Any]  # (the folder a .gitignore stands in, its GitIgnoreSpec)


def walk_articles(folder: str, extensions: tuple[str, ...]) -> list[str]:
    """Article files under `folder`, recursively, sorted, without hidden or git-ignored ones."""
    specs = _above(folder)
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        here = _spec(root)
        if here is not None:
            specs = [*(s for s in specs if _under(root, s[0])), here]
        else:
            specs = [s for s in specs if _under(root, s[0])]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _ignored(os.path.join(root, d), True, specs))
        found.extend(p for f in files if not f.startswith(".") and f.lower().endswith(extensions)
                     and not _ignored(p := os.path.join(root, f), False, specs))
    return sorted(found, key=lambda p: Path(p).parts)


def _under(path: str, base: str) -> bool:
    path, base = os.path.abspath(path), os.path.abspath(base)
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


def _spec(folder: str) -> Spec | None:
    ignore = os.path.join(folder, ".gitignore")
    if not os.path.isfile(ignore):
        return None
    import pathspec

    with open(ignore, encoding="utf-8", errors="replace") as fh:
        return folder, pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())


def _above(folder: str) -> list[Spec]:
    """The .gitignore files of the folders above `folder`, up to its work tree's top (none outside a work tree)."""
    here = Path(folder).resolve()
    chain = []
    for parent in here.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return []
    specs = [_spec(str(p)) for p in reversed(chain)]
    return [s for s in specs if s is not None]


def _ignored(path: str, is_dir: bool, specs: list[Spec]) -> bool:
    for base, spec in specs:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base)).replace(os.sep, "/")
        if spec.match_file(rel + "/" if is_dir else rel):
            return True
    return False
