"""The GitHub Action (action.yml): setup-python pinned by commit with a pip cache, the inputs reach the CLI, and a
glob that matches no draft is a notice, not a failure. The check step's script is run with bash as the runner
would, with `sourcing-audit` from this checkout on PATH (the install steps need the network and are not run)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
FAILING = 'A former diplomat said the decision was "a disgrace and a betrayal of Ukraine".\n'


def _step(name: str) -> dict[str, Any]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def run_step(cwd: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    step = _step("Check the drafts")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values = {**defaults, **inputs}
    for key, expr in step["env"].items():
        name = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", expr)
        assert name, expr
        env[key] = values[name.group(1)]
    return subprocess.run(["bash", "-e", "-c", step["run"]], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=120)


def test_setup_python_is_pinned_by_commit_with_a_pip_cache() -> None:
    (setup,) = [s for s in ACTION["runs"]["steps"] if str(s.get("uses", "")).startswith("actions/setup-python")]
    assert re.fullmatch(r"actions/setup-python@[0-9a-f]{40}", setup["uses"])
    assert setup["with"]["cache"] == "pip"
    assert "pyproject.toml" in setup["with"]["cache-dependency-path"]
    assert {"select", "ignore", "publisher", "rules", "sarif"} <= set(ACTION["inputs"])


def test_a_glob_with_no_draft_is_a_notice(tmp_path: Path) -> None:
    proc = run_step(tmp_path, paths="drafts/**/*.md")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["::notice title=sourcing-audit::no draft matches drafts/**/*.md",
                                        "::notice title=sourcing-audit::no drafts to check"]


def test_the_inputs_reach_the_check(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts" / "a"
    drafts.mkdir(parents=True)
    (drafts / "x.md").write_text(FAILING, encoding="utf-8")
    proc = run_step(tmp_path, paths="drafts/**/*.md\nnews/*.md", sarif="out/audit.sarif")
    assert proc.returncode == 1, proc.stderr  # the FAIL fails the step
    lines = proc.stdout.splitlines()
    assert lines[0] == "::notice title=sourcing-audit::no draft matches news/*.md"
    assert any(line.startswith("::error file=drafts/a/x.md,") for line in lines)
    sarif = json.loads((tmp_path / "out" / "audit.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    proc = run_step(tmp_path, paths="drafts", ignore="anonymous-,lede-", **{"fail-on": "error"})
    assert proc.returncode == 0, proc.stdout  # what ignore leaves fails nothing
    assert not [line for line in proc.stdout.splitlines() if line.startswith("::error")]
    rules = tmp_path / "house.yaml"
    rules.write_text("version: 1\n", encoding="utf-8")
    proc = run_step(tmp_path, paths="drafts", rules=str(rules), select="no-such-check")
    assert proc.returncode == 2 and "no-such-check" in proc.stderr  # select and rules are passed on
