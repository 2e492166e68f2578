"""audit.rules.words: the word prefilter's bitset index answers exactly what each statement's own words answer."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.rules.anchors import WORD, needs
from audit.rules.words import NeedTable, Words, members, need_pattern

PATTERNS = [r"\b(?:said|told)\b", r"(?i)\bsaid\b", r"\w+:\s", r"(?i)according\s+to", r"\bask(?:ed)?\b.*:",
            r"[ſs]aid", r"(?i)k\b", r"\bpoll\b|\bsurvey\b", r"(?i:[\u0345\s])said\b", r"\w+"]
WORDS = ["ſ:", "ſaid", "\u212a", "İ-", "said", "Said", "SAID", "told", "ask", "asked", "According", "to", "poll",
         "Polls", "survey", "k", "K", "word", "ιsaid", "é"]


def _by_statement(segments: list[str], pattern: re.Pattern[str]) -> list[int] | None:
    """The prefilter as it was asked before the index: each statement's own words and characters, per Need."""
    found = needs(pattern)
    if not found:
        return None
    keep = []
    for seg in segments:
        tokens, chars = set(WORD.findall(seg)), set(seg)
        lowered = set(WORD.findall(seg.lower())) if seg.isascii() else None
        ok = True
        for need in found:
            firsts = {t[0] for t in need.texts} | {c for t in need.folded_texts for c in (t[0].lower(), t[0].upper())}
            folded = bool(need.folded_words or need.folded_texts)
            low = {w.lower() for w in need.folded_words}
            ok = ok and bool(need.words & tokens or firsts & chars or
                             (folded and (lowered is None or low & lowered)))
        keep.append(ok)
    return [i for i, k in enumerate(keep) if k]


@pytest.mark.parametrize("source", PATTERNS)
@settings(max_examples=200, deadline=None)
@given(segments=st.lists(st.lists(st.sampled_from(WORDS), max_size=5).flatmap(
    lambda ws: st.sampled_from([" ", ": ", ", ", ""]).map(lambda sep: sep.join(ws))), max_size=8))
def test_the_index_answers_what_each_statements_words_answer(source: str, segments: list[str]) -> None:
    pattern = re.compile(source)
    assert Words(segments).may_match(pattern) == _by_statement(segments, pattern)
    table = NeedTable([re.compile(p) for p in PATTERNS] + [pattern])  # one pass over the part for every Need
    assert Words(segments, table).may_match(pattern) == _by_statement(segments, pattern)


def test_a_pattern_the_table_does_not_hold_is_answered_whole() -> None:
    segments = ["He said so.", "She asked: why?", "nothing"]
    table = NeedTable([re.compile(r"\bsaid\b")])
    assert Words(segments, table).may_match(re.compile(r"\basked\b")) == [1]
    assert Words(segments, table).may_match(re.compile(r"\bsaid\b")) == [0]


def test_members_are_the_set_bits_in_order() -> None:
    assert members(0) == [] and members(0b1011) == [0, 1, 3] and members(1 << 2500) == [2500]


def test_word_bits_holds_the_statements_with_one_of_the_words() -> None:
    words = Words(["He said so.", "nothing", "She told him.", "said and told"])
    assert members(words.word_bits(frozenset({"said", "told"}))) == [0, 2, 3]
    assert words.word_bits(frozenset({"absent"})) == 0 and words.every == 0b1111


@pytest.mark.parametrize("source", PATTERNS)
@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join))
def test_the_need_pattern_finds_something_wherever_the_pattern_matches(source: str, text: str) -> None:
    """need_pattern: a text the quick pattern misses is one the pattern misses too (a case-folded Need gives none)."""
    pattern, quick = re.compile(source), need_pattern(re.compile(source))
    if quick is not None and pattern.search(text):
        assert quick.search(text), (source, text)


def test_the_splitters_title_pattern_has_a_need_pattern() -> None:
    """END_BEFORE_TITLE (audit.read.text) is searched only in paragraphs with a title or a time's "m": the quick
    pattern holds them as whole words (not "Mr" inside "Mrs.", nor "m" inside "from")."""
    from audit.rules.loader import default_rules

    quick = need_pattern(default_rules().patterns["END_BEFORE_TITLE"])
    assert quick is not None
    assert quick.search("It was late. Mr. Diaz left.") and quick.search("It closed at 9 p.m. Results came.")
    assert not quick.search("A program from Mrsville and Dreams.")
    assert need_pattern(re.compile(r"(?i)\bsaid\b")) is None and need_pattern(re.compile(r"\w+")) is None
