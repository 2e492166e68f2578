"""Any rules or settings document either loads or ends in located problem lines, never in another exception
(issue 14). A few hundred generated documents each here; the corpus suite runs 20,000 (tests/corpus/test_fuzz.py)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from loader_fuzz import (
    RULES_DOC,
    SETTINGS_DOC,
    check_rules_text,
    check_settings_text,
    toml_texts,
    yaml_texts,
)

from audit.errors import RulesError

FEW = settings(max_examples=300, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FOLDER = Path(tempfile.mkdtemp(prefix="loader-properties-"))


@FEW
@given(yaml_texts(RULES_DOC))
def test_a_rules_file_loads_or_gives_located_problems(text: str) -> None:
    check_rules_text(text, FOLDER / "rules.yaml")


@FEW
@given(yaml_texts(SETTINGS_DOC))
def test_a_settings_file_loads_or_gives_located_problems(text: str) -> None:
    check_settings_text(text, FOLDER / ".sourcing-audit.yaml")


@FEW
@given(toml_texts())
def test_a_pyproject_loads_or_gives_located_problems(text: str) -> None:
    check_settings_text(text, FOLDER / "pyproject.toml")


def test_the_property_sees_an_unlocated_problem(tmp_path: Path) -> None:
    """The check itself: a problem line without the file's name fails it."""
    with pytest.raises(AssertionError):
        from loader_fuzz import _located

        _located(("somewhere else: bad",), tmp_path / "rules.yaml")
    with pytest.raises(RulesError):
        from audit.rules.loader import load_rules

        (tmp_path / "r.yaml").write_text("rules: 3\n", encoding="utf-8")
        load_rules(tmp_path / "r.yaml", base=None)
