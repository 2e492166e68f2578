"""What must hold on any input: no crash, statements cover the text in order, one valid label each."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.errors import InputError
from audit.models import Label
from audit.pipeline import audit_text
from audit.present.output import to_json
from audit.rules.loader import default_rules

PIECES = [
    "Officials said", "Representative Don Bacon said", "he said", "she told reporters", "they said",
    "according to the Wall Street Journal", "Bloomberg reported that", "The transcript shows", "A new poll found",
    "Democrats fear that", "Share this", "Follow us on Twitter", "said Caddell,", "told the Daily Mail",
    "the plan", "Trump", "Putin", "in a statement", "(CROSSTALK)", "WALLACE:", "In the recorded call,",
    "“", "”", "‘", "’", '"', "'", "«", "»", "…", "—", "–", ".", ". ", "? ", "! ", ", ", ": ", ";",
    " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\ufeff", "\u200b", "😀", "🇺🇦", "é", "ß", "ﬁ",
    "Mr.", "U.S.", "No. 3", "1,000", "e.g.", "\x01", "\x00", "http://example.com/a.b",
]

TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map(" ".join),
)

INVISIBLE = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060"}  # byte-order mark, zero-width characters


def _blank(text: str) -> bool:
    """Nothing a reader could see: white space and invisible characters only (an empty article)."""
    return all(not _visible(ch) for ch in text)


def _visible(ch: str) -> bool:
    return not ch.isspace() and ch not in INVISIBLE


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_is_covered_in_order_with_one_label_each(text: str) -> None:
    if _blank(text):
        with pytest.raises(InputError):
            audit_text(text, with_readability=False)
        return
    result = audit_text(text, with_readability=False)
    labelled = result.statements
    covered: set[int] = set()
    prev_end, prev_para = 0, 0
    for n, ls in enumerate(labelled):
        s = ls.statement
        assert s.index == n == ls.index
        assert 0 <= prev_end <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.paragraph >= prev_para
        prev_end, prev_para = s.end, s.paragraph
        covered.update(range(s.start, s.end))
        assert isinstance(ls.label, Label)
        assert ls.carried_from is None or (0 <= ls.carried_from < len(labelled) and ls.carried_from != n)
        for m in ls.matches:
            assert s.start <= m.start <= m.end <= s.end
            assert text[m.start:m.end] == m.text
    missing = [i for i, ch in enumerate(text) if _visible(ch) and i not in covered]
    assert missing == []
    ids = {src.id for src in result.sources}
    assert all(ls.source_id is None or ls.source_id in ids for ls in labelled)
    json.loads(to_json([result], default_rules(), []))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join))
def test_readability_never_crashes(text: str) -> None:
    if _blank(text):
        return
    r = audit_text(text).readability
    assert r is not None
    assert r.words >= 1 and r.sentences >= 1 and r.syllables >= 0
