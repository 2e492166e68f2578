"""Quotation mark pairing (audit.label.quotes): nested quotations in the same curly marks and inch marks.

Each expected span was worked out by reading the invented text: where a reader sees the quotation open and
close. Labels follow ../shared/eval/GUIDELINES.md (carry-over: a statement inside a direct quotation takes
that quotation's label).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.label.quotes import find_quotations
from audit.read.text import split_paragraphs
from tests.label_helpers import labels


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in find_quotations(text, split_paragraphs(text))]


def test_a_quotation_nested_in_the_same_curly_marks_does_not_end_the_outer_one() -> None:
    text = ("Jane Roe wrote, “If you care, show it when “your team” is at fault. Otherwise it rings hollow.” "
            "The post was shared widely.")
    assert _quoted(text) == ["“If you care, show it when “your team” is at fault. Otherwise it rings hollow.”"]
    assert [label for _, label in labels(text)] == ["named-source", "named-source", "unattributed"]


def test_two_nested_quotations_in_one_outer_quotation() -> None:
    text = "“They sold “Vote Roe” shirts and “Roe 2030” hats at the fair,” the mayor said. He left early."
    assert _quoted(text) == ["“They sold “Vote Roe” shirts and “Roe 2030” hats at the fair,”"]


def test_a_new_sentence_in_curly_marks_is_no_nested_quotation() -> None:
    # the closing mark of the first quotation was left out; the second one opens a sentence and is a quotation
    # of its own, so the tag between them stays outside any quotation
    text = "“We lost the vote. “We will win the next one,” she said. “Nobody can stop us.”"
    quoted = _quoted(text)
    assert "she said" not in "".join(quoted)
    assert quoted[-1] == "“Nobody can stop us.”"


def test_a_nested_opening_mark_with_too_few_closing_marks_after_it_nests_nothing() -> None:
    # one closing mark is left in the paragraph: it closes the outer quotation as before
    text = "“The fee is what they call “fair and the plan goes on,” the mayor said. The vote is in May."
    assert _quoted(text) == ["“The fee is what they call “fair and the plan goes on,”"]


def test_an_opening_mark_turned_to_close_is_no_nested_quotation() -> None:
    # '“No,“ she said' closes with a mark turned the wrong way; the quotations after it are their own
    text = "“Not at all,“ she said. “They lied,” he said. “It is over.”"
    assert _quoted(text) == ["“Not at all,“", "“They lied,”", "“It is over.”"]


def test_an_inch_mark_inside_a_quotation_does_not_close_it() -> None:
    text = ("“He is like 6’2”. People that tall are hard to miss. Nobody saw him,” the guard said.\n\n"
            "“The lot was empty.”")
    assert _quoted(text) == ["“He is like 6’2”. People that tall are hard to miss. Nobody saw him,”",
                             "“The lot was empty.”"]
    assert [label for _, label in labels(text)] == ["named-source"] * 4
    straight = "\"The wall is 8'6\" at the gate, and it is higher at the back,\" the builder said."
    assert _quoted(straight) == ["\"The wall is 8'6\" at the gate, and it is higher at the back,\""]


def test_an_inch_mark_that_would_leave_the_quotation_open_closes_it() -> None:
    # no closing mark follows in the paragraph: the mark after the digits ends the quotation, as before
    text = "The sign read “Max 7’6”. Trucks turn back at the bridge."
    assert _quoted(text) == ["“Max 7’6”"]


def test_an_opening_mark_followed_by_a_space_still_opens() -> None:
    text = "The ad shows Roe saying, “ we have to win this state. We will not lose it.” The crowd cheers."
    assert _quoted(text) == ["“ we have to win this state. We will not lose it.”"]


PIECES = ["“", "”", "‘", "’", '"', "'", "''", "6’2", "5'2", " ", ". ", ", ", "\n\n", "We won", "she said",
          "your team", "Otherwise it rings hollow", "(", "…"]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_a_quotation_never_runs_past_a_paragraph_that_does_not_open_with_a_mark(text: str) -> None:
    # whatever the marks, a quotation ends in its paragraph unless the next one opens with a quotation mark
    # (a quotation over several paragraphs); spans are in order and do not overlap
    paragraphs = split_paragraphs(text)
    spans = find_quotations(text, paragraphs)
    assert all(a <= b < c for (_, a), (b, c) in zip(((0, 0), *spans), spans))
    for start, end in spans:
        inside = [p for p in paragraphs if p.start < end and start < p.end]
        assert all(text[p.start] in "“\"'‘«" for p in inside[1:]), (text, start, end)


def test_an_inch_mark_closes_when_another_quotation_opens_next() -> None:
    # the ” after 6’2 is the quotation's own closing mark here: the next mark opens a new quotation
    text = ("The guard said the man was “6’2”. Nobody else on the street saw him that night. "
            "Later a neighbour wrote that he was “a kind and quiet man.”")
    assert _quoted(text) == ["“6’2”", "“a kind and quiet man.”"]


def test_an_opening_mark_turned_to_close_after_punctuation_is_no_nested_quotation() -> None:
    # '“Wait!“,': the mark after "Wait!" closes the quotation (typed the wrong way round), so three quotations
    text = "“Wait!“, she said. “Stop right there,” he said. “Now put it down.”"
    assert _quoted(text) == ["“Wait!“", "“Stop right there,”", "“Now put it down.”"]


def test_a_closing_mark_before_a_tag_with_no_opening_mark_closes_a_quotation_from_the_paragraph_start() -> None:
    # the writer left out the opening mark: the quotation is the paragraph up to the closing mark before its tag
    text = "The mayor spoke last.\n\nWe have no money left. The bridge can wait,” Ruiz said on Monday."
    assert _quoted(text) == ["We have no money left. The bridge can wait,”"]
    straight = 'Ruiz spoke.\n\nWe have no money left. The bridge can wait," she added.'
    assert _quoted(straight) == ['We have no money left. The bridge can wait,"']
    told = "We have no money left. The bridge can wait,” the city manager told reporters."
    assert _quoted(told) == ["We have no money left. The bridge can wait,”"]


def test_a_closing_mark_with_no_tag_after_it_or_after_a_closed_quotation_opens_no_paragraph_quotation() -> None:
    # no tag after the mark: nobody's words are marked; a quotation closed before it in the paragraph: the paragraph
    # is no quotation from its start (the tag of the first one sits in between)
    assert _quoted("We have no money left. The bridge can wait,” and the council agreed.") == []
    text = "“We won,” she said. We will win again,” she added."
    assert _quoted(text)[0] == "“We won,”"
