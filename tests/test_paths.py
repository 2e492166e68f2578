"""Paths: per-path globs with wcmatch (`{opinion,features}/**`), folder walks that honour .gitignore, sidecars
skipped and non-article files refused, through the real entry point."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAMED = "Senator Jane Smith said the plan was dead.\n"
ANON = "The plan is dead, officials said.\n"


def run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_per_path_braces_match(tmp_path: Path) -> None:
    _write(tmp_path / ".sourcing-audit.yaml", "per-path:\n  '{opinion,features}/**': {ignore: [anonymous-]}\n")
    paths = [_write(tmp_path / d / "x" / "a.md", ANON) for d in ("opinion", "features", "news")]
    docs = json.loads(run("check", "--format", "json", *paths).stdout)["documents"]
    anonymous = {Path(d["path"]).parts[-3]: any(f["check_id"].startswith("anonymous-") for f in d["findings"])
                 for d in docs}
    assert anonymous == {"opinion": False, "features": False, "news": True}


def test_folder_walks_honour_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _write(tmp_path / ".gitignore", "drafts/old/\n*.tmp.md\n")
    for rel in ("drafts/a.md", "drafts/old/b.md", "drafts/c.tmp.md", "drafts/opinion/d.md", "drafts/opinion/e.md",
                "drafts/.hidden.md"):
        _write(tmp_path / rel, NAMED)
    _write(tmp_path / "drafts" / "opinion" / ".gitignore", "e.md\n")
    proc = run("check", "--format", "json", "drafts", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    paths = [d["path"] for d in json.loads(proc.stdout)["documents"]]
    assert paths == ["drafts/a.md", "drafts/opinion/d.md"]
    proc = run("check", "--format", "json", "drafts/old/b.md", cwd=tmp_path)  # named on the command line: checked
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["drafts/old/b.md"]


def test_sidecars_are_skipped_and_other_files_refused_in_one_line(tmp_path: Path) -> None:
    draft = _write(tmp_path / "drafts" / "a.md", NAMED)
    sidecar = _write(tmp_path / "drafts" / "a.md.sourcing-audit.yaml", "- {check: anonymous-bare, reason: ok}\n")
    proc = run("check", "--format", "json", draft, sidecar)  # what pre-commit passes with `files: ^drafts/`
    assert proc.returncode == 0, proc.stderr
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == [str(draft)]
    csv = _write(tmp_path / "drafts" / "budget.csv", "item,cost\nbridge,40\n")
    proc = run("check", draft, csv)
    assert proc.returncode == 2
    assert proc.stderr == (f"sourcing-audit: {csv}: not an article file (sourcing-audit reads .txt, .md, .markdown, "
                           ".html, .htm, .docx)\n")
    assert proc.stdout.startswith(f"{draft}  REVIEW  1 statement: named 1")  # the article still checked
    assert "unattributed" not in proc.stdout


def test_the_pre_commit_examples_pass_articles_only() -> None:
    import re

    hook = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    hook_files = re.search(r"^\s*files: (\S+)", hook, re.M)
    example = re.search(r"^\s*files: (\S+)\s+# only the drafts", readme, re.M)
    assert hook_files and example
    for pattern in (hook_files.group(1), example.group(1)):
        staged = ["drafts/a.md", "drafts/b.txt", "drafts/a.md.sourcing-audit.yaml", "drafts/budget.csv",
                  "drafts/photo.jpg", "drafts/c.docx"]
        assert [f for f in staged if re.search(pattern, f)] == ["drafts/a.md", "drafts/b.txt", "drafts/c.docx"]
