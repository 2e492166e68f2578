"""Any rules or settings document either loads or ends in located problem lines, never in another exception
(issue 14). A few hundred generated documents each here; the corpus suite runs 20,000 (tests/corpus/test_fuzz.py)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from loader_fuzz import (
    RULES_DOC,
    SETTING_KEYS,
    SETTINGS_DOC,
    WORDS,
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


@pytest.mark.parametrize("key", SETTING_KEYS)
def test_every_setting_with_every_awkward_value_loads_or_gives_located_problems(key: str) -> None:
    """Not left to chance: each key, at the top, under per-path and in a gate, with each of the generator's
    awkward words (a NUL, an emoji, a pathological pattern, ...) alone, in a list and as a mapping's key. The
    fuzz run found `encoding: "\\0"` raising ValueError from codecs.lookup."""
    values: list[object] = [*WORDS, *([w] for w in WORDS), *({w: 1} for w in WORDS if w), 1.5, True, None, 10**30]
    for value in values:
        for doc in ({key: value}, {"per-path": {"**/x": {key: value}}},
                    {"gates": [{"id": "g", "metric": "anonymous_share", "max": 1, key: value}]}):
            check_settings_text(yaml.safe_dump(doc, allow_unicode=True), FOLDER / ".sourcing-audit.yaml")
