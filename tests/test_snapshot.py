"""audit.rules.snapshot (issue 13): a loaded RuleSet kept on disk comes back equal, and only for the same files
under the same code."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from audit.errors import RulesError
from audit.rules import cache, rulefile, snapshot
from audit.rules.budget import BudgetPattern
from audit.rules.loader import DEFAULT_RULES, load_rules

RULES = (
    'version: "t1"\n'
    "precedence: [secondhand-report, leaked-transcript, anonymous-source, document, named-source, none, "
    "unattributed]\n"
    "lexicons:\n"
    "  verbs: [said, says]\n"
    "rules:\n"
    "  - id: test-said\n"
    "    kind: statement\n"
    "    label: unattributed\n"
    "    pattern: '\\b{verbs}\\b'\n"
    "    message: MESSAGE\n"
    "    why: because\n"
    "    examples:\n"
    "      match: [Bacon said so.]\n"
)
TEXT = "Officials told reporters. According to Ms. Smith, it said so; Reuters says the talks failed, sources said."


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any) -> Any:
        raise AssertionError("the rules file was parsed: the snapshot was not used")

    monkeypatch.setattr(rulefile, "parse", refuse)


def test_the_default_pack_comes_back_equal(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_rules()
    assert len(list(fresh.glob("ruleset-*.pickle"))) == 1
    _no_parsing(monkeypatch)
    again = load_rules()
    assert again is not first
    assert again == first  # every field; patterns compare by pattern, flags and program
    assert again.paths == (str(DEFAULT_RULES),)
    for old, new in zip(first.rules, again.rules):
        assert type(new.regex) is re.Pattern
        assert [m.span() for m in new.regex.finditer(TEXT)] == [m.span() for m in old.regex.finditer(TEXT)]
        assert new.regex.groupindex == old.regex.groupindex
    assert again.of_kind("attribution") == first.of_kind("attribution")


def test_an_edited_rules_file_is_read_again(fresh: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(RULES.replace("MESSAGE", "a speech verb"), encoding="utf-8")
    assert load_rules(path, base=None).rules[0].message == "a speech verb"
    path.write_text(RULES.replace("MESSAGE", "a verb of saying"), encoding="utf-8")
    assert load_rules(path, base=None).rules[0].message == "a verb of saying"
    assert len(list(fresh.glob("ruleset-*.pickle"))) == 2


def test_a_user_pattern_comes_back_under_its_budget(fresh: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(RULES.replace("MESSAGE", "a speech verb"), encoding="utf-8")
    first = load_rules(path, base=None)
    _no_parsing(monkeypatch)
    again = load_rules(path, base=None)
    assert isinstance(again.rules[0].regex, BudgetPattern)
    assert again.rules[0].regex.pattern == first.rules[0].regex.pattern
    said, says, said_2 = TEXT.index(" said "), TEXT.index(" says "), TEXT.rindex(" said.")
    assert [m.span() for m in again.rules[0].regex.finditer(TEXT)] == [(said + 1, said + 5), (says + 1, says + 5),
                                                                       (said_2 + 1, said_2 + 5)]


def test_a_file_with_problems_is_not_kept(fresh: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(RULES.replace("MESSAGE", "a speech verb").replace("unattributed\n", "secondhand\n", 1),
                    encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulesError, match="unknown label 'secondhand'"):
            load_rules(path, base=None)
    assert not list(fresh.glob("ruleset-*.pickle"))


def test_a_broken_snapshot_is_ignored(fresh: Path) -> None:
    first = load_rules()
    (target,) = fresh.glob("ruleset-*.pickle")
    target.write_bytes(b"\x80\x05not a pickle")
    assert load_rules() == first


def test_the_key_follows_the_bytes_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    base = snapshot.key([("rules.yaml", b"version: 1\n")])
    assert snapshot.key([("rules.yaml", b"version: 1\n")]) == base
    assert snapshot.key([("rules.yaml", b"version: 2\n")]) != base
    assert snapshot.key([("other.yaml", b"version: 1\n")]) != base
    monkeypatch.setattr(snapshot, "_code_stamp", lambda: (("entries.py", 1, 2),))
    assert snapshot.key([("rules.yaml", b"version: 1\n")]) != base


def test_off_keeps_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCING_AUDIT_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    assert load_rules().rules
    assert snapshot.load(snapshot.key([])) is None
    assert not list(tmp_path.rglob("ruleset-*"))


def test_the_prefilter_comes_with_the_snapshot(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that loads the rules from their snapshot reads no "needs" table (audit.rules.anchors): the
    snapshot carries the reading of its own patterns, the same as the table holds."""
    from audit.rules import anchors

    anchors.needs.cache_clear()  # as a new process starts (earlier tests read the same patterns elsewhere)
    anchors.exact_words.cache_clear()
    first = load_rules()
    scanned = [r for r in first.rules if r.kind in ("attribution", "statement")]
    expected = [(anchors.needs(r.regex), r.requires and anchors.exact_words(r.requires)) for r in scanned]
    assert any(need for need, _ in expected)
    monkeypatch.setattr(cache, "_ENTRIES", {})  # a new process
    monkeypatch.setattr(cache, "_SEEDED", {})
    anchors.needs.cache_clear()
    anchors.exact_words.cache_clear()
    _no_parsing(monkeypatch)
    again = load_rules()
    got = [(anchors.needs(r.regex), r.requires and anchors.exact_words(r.requires))
           for r in again.rules if r.kind in ("attribution", "statement")]
    assert got == expected
    assert "needs" not in cache._ENTRIES  # the table's file was never read
    anchors.needs.cache_clear()
    anchors.exact_words.cache_clear()
