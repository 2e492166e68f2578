"""A bracketed citation that closes a paragraph ("… [Reuters.]"), as newsletters and round-ups cite each item:
the item's statements rest on the cited source (GUIDELINES.md: another outlet's reporting is a secondhand report),
and only the statements of that paragraph do.

The expected labels were decided by reading the text against ../shared/eval/GUIDELINES.md, not taken from the
tool's output.
"""
from __future__ import annotations

from tests.label_helpers import labels


def test_a_closing_citation_carries_back_over_its_paragraph_only() -> None:
    text = ("The council met on Monday.\n\n"
            "STORM HITS COAST The storm knocked out power to 40,000 homes. "
            "Crews expect a week of repairs. [Reuters.]\n\n"
            "The pool reopens in June.\n")
    assert labels(text) == [
        ("The council met on Monday.", "unattributed"),
        ("STORM HITS COAST The storm knocked out power to 40,000 homes.", "secondhand-report"),
        ("Crews expect a week of repairs.", "secondhand-report"),
        ("[Reuters.]", "secondhand-report"),
        ("The pool reopens in June.", "unattributed"),
    ]


def test_stage_directions_and_link_labels_in_brackets_are_no_citation() -> None:
    text = ("“We are not going anywhere,” the mayor said. “Not now.” [Applause.]\n\n"
            "The council voted to close the pool. [Watch]\n\n"
            "The library lost its grant. [Source]\n")
    got = labels(text)
    assert got[-2:] == [("The library lost its grant.", "unattributed"), ("[Source]", "unattributed")]
    assert ("The council voted to close the pool.", "unattributed") in got
    assert got[0][1] == got[1][1] == "named-source"


def test_a_statement_with_its_own_quotation_is_no_tag_of_the_one_before() -> None:
    text = 'Fans booed the officials for "ruining the game." Ward thanked the fans for "sticking with us."\n'
    assert labels(text)[0] == ('Fans booed the officials for "ruining the game."', "unattributed")


def test_image_credits_and_labels_in_brackets_carry_nothing() -> None:
    for mark in ("[Staff Photo]", "[Getty Images]", "[Sponsored Content]", "[Jane Doe.]"):
        got = labels(f"The parade starts at noon. {mark}\n")
        assert got[0] == ("The parade starts at noon.", "unattributed"), mark
