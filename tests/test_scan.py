"""audit.rules.scan: one search over a document's joined statements finds exactly what one search per statement
finds (issue 13), for any pattern: the fast path for scannable ones, statement by statement for the rest."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.label.engine import scan_document
from audit.label.quotes import find_quotations, mask_quotations
from audit.read import text as textmod
from audit.rules.loader import default_rules
from audit.rules.scan import candidates, join, matching, scannable

SEED = Path(__file__).resolve().parents[1] / "seeds" / "putin-trump-tomahawk.txt"
PATTERNS = {
    "word-boundaries": r"\bab\b",
    "crosses-a-separator": r"b\W+a",  # the NUL between statements is \W: only a check of the segment refuses it
    "negated-class-runs-on": r"a[^c]+z",
    "dot-runs-on": r"x.*y",
    "empty-match": r"q*",
    "not-a-boundary": r"\Bb",
    "alternatives": r"(?:ab|b a|ba\b)",
    "anchored": r"^a",  # not scannable: searched statement by statement
    "at-the-end": r"b$",
    "lookahead": r"a(?!b)",
    "lookbehind": r"(?<!\w)b",
    "case": r"(?i)\bAB",
}


@pytest.mark.parametrize("name", list(PATTERNS))
@settings(max_examples=200, deadline=None)
@given(segments=st.lists(st.text(alphabet="ab zc.\x00", min_size=1, max_size=8), min_size=0, max_size=6))
def test_matching_is_a_search_of_each_segment(name: str, segments: list[str]) -> None:
    pattern = re.compile(PATTERNS[name])
    expected = {i for i, seg in enumerate(segments) if pattern.search(seg)}
    joined = join(segments)
    assert matching(pattern, joined) == expected
    assert expected <= set(candidates(pattern, joined))


def test_what_is_scannable() -> None:
    assert scannable(re.compile(r"\b(?:said|says)\b[^,$]"))
    for unsafe in (r"^a", r"a$", r"\Aa", r"a\Z", r"a(?=b)", r"a(?!b)", r"(?<=a)b", r"(?<!a)b", r"(?>a+)b",
                   r"a++b", r"(?x) a"):
        assert not scannable(re.compile(unsafe)), unsafe


def test_a_match_running_into_the_next_segment_is_refused() -> None:
    joined = join(["say b", "a word"])
    assert candidates(re.compile(r"b\W+a"), joined) == [0]  # the joined text matches across the separator
    assert matching(re.compile(r"b\W+a"), joined) == frozenset()  # neither segment does


def test_the_rule_pack_runs_where_a_statement_search_says() -> None:
    """Every rule of the shipped pack, on the seed article: the per-document tables hold every statement the
    per-statement searches match (exactly, for gates)."""
    rules, seed_text = default_rules(), SEED.read_text(encoding="utf-8")
    paragraphs = textmod.split_paragraphs(seed_text)
    statements = textmod.split_statements(seed_text, paragraphs)
    masked = mask_quotations(seed_text, find_quotations(seed_text, paragraphs))
    attribution, statement = scan_document(statements, masked, rules)
    for rule in rules.of_kind("attribution"):
        segs = [masked[s.start:s.end] for s in statements]
        if rule.requires is not None:
            assert attribution[rule.id] == {i for i, seg in enumerate(segs) if rule.requires.search(seg)}, rule.id
        else:
            assert {i for i, seg in enumerate(segs) if rule.regex.search(seg)} <= attribution[rule.id], rule.id
    for rule in rules.of_kind("statement"):
        assert {s.index for s in statements if rule.regex.search(s.text)} <= statement[rule.id], rule.id
    assert any(attribution.values()) and any(statement.values())
