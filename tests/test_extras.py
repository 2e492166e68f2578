"""The lean install: `check` on text, Markdown and Word needs no extra; a command or input that needs one says
which in one line. A missing package is simulated by blocking its import (sys.modules[name] = None) before the
real entry point (audit.cli:run) runs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import tomllib

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "putin-trump-tomahawk.txt"
HEAVY = ("weasyprint", "trafilatura", "lxml_html_clean", "nltk")
_WITHOUT = ("import sys\n"
            "for name in sys.argv[1].split(','):\n"
            "    sys.modules[name] = None  # import raises ImportError, as when the package is not installed\n"
            "from audit.cli import run\n"
            "run(sys.argv[2:])\n")


def run_without(modules: tuple[str, ...], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _WITHOUT, ",".join(modules), *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_the_core_dependencies_leave_out_the_heavy_packages() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"]).lower()
    assert not [name for name in HEAVY if name in core]
    extras = project["optional-dependencies"]
    assert any(d.startswith("weasyprint") for d in extras["report"])
    assert any(d.startswith("trafilatura") for d in extras["html"])
    assert "report" in (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")  # the README set-up: all


def test_check_runs_without_the_heavy_packages(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Vote delayed\n\nSenator Jane Smith said the vote is on *Tuesday*.\n", encoding="utf-8")
    for args in (("--format", "json", SEED, draft), ("--format", "sarif", draft), (draft,)):
        proc = run_without(HEAVY, "check", *args)
        assert proc.returncode in (0, 1), proc.stderr
        assert proc.stderr == ""
    data = json.loads(run_without(HEAVY, "check", "--format", "json", SEED, draft).stdout)
    assert [d["path"] for d in data["documents"]] == [str(SEED), str(draft)]
    assert data["documents"][0]["readability"]["words_per_sentence"] > 0


def test_report_without_the_report_extra_is_one_line(tmp_path: Path) -> None:
    for command in (("report", "-o", tmp_path / "x.pdf"), ("handout", "--out-dir", tmp_path)):
        proc = run_without(("weasyprint",), *command, SEED)
        assert proc.returncode == 2
        assert proc.stderr == (f"sourcing-audit: {command[0]} needs the report extra (weasyprint not installed): "
                               "pip install 'sourcing-audit[report]'\n")
        assert list(tmp_path.iterdir()) == []


def test_an_html_input_without_the_html_extra_is_one_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Senator Jane Smith said the vote is on Tuesday.</p></body></html>",
                    encoding="utf-8")
    proc = run_without(("trafilatura",), "check", page)
    assert proc.returncode == 2
    assert proc.stderr == (f"sourcing-audit: {page}: reading HTML needs the html extra (trafilatura not installed): "
                           "pip install 'sourcing-audit[html]'\n")
