"""Shared test options: `pytest --update-golden` rewrites tests/golden/*.txt from the current output."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.rules import cache


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files from the current output (review the diff before committing)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' start-up cache (audit.rules.cache) in a folder of their own, for every process they start:
    the rule files they write would otherwise each leave a snapshot in the user's cache."""
    before = os.environ.get("SOURCING_AUDIT_CACHE")
    os.environ["SOURCING_AUDIT_CACHE"] = str(tmp_path_factory.mktemp("start-up-cache"))
    yield
    if before is None:
        os.environ.pop("SOURCING_AUDIT_CACHE", None)
    else:
        os.environ["SOURCING_AUDIT_CACHE"] = before


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty start-up cache folder, and no tables read yet in this process (tests of audit.rules.cache and
    of the rule set's snapshot)."""
    monkeypatch.setenv("SOURCING_AUDIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_ENTRIES", {})
    monkeypatch.setattr(cache, "_CHANGED", set())
    monkeypatch.setattr(cache, "_SEEDED", {})
    return tmp_path / "cache"
