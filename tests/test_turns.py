"""Transcripts (audit.label.turns): a speaker's turn holds the paragraphs up to the next turn, where a speaker
takes a second turn; headlines and section labels that open with a name, tallies, the narration after the last
turn and page furniture are left alone.

The expected labels were decided by reading the invented texts against ../shared/eval/GUIDELINES.md (a
statement that continues the same source's account takes the carried label), not taken from the tool's output.
"""
from __future__ import annotations

from audit import audit_text
from tests.label_helpers import labels, speaker

PANEL = ("The panel met on Saturday in the studio.\n\n"
         "Jane Roe: The plan sounds good on paper. Nobody will pay it in the end.\n\n"
         "Most people never see the bill until April. It lands on the middle class.\n\n"
         "John Doe: That is not what the numbers from the budget office say.\n\n"
         "Roe: The numbers are wrong, and I will show you why.\n\n"
         "The tax would raise about $50 billion a year.\n")


def test_a_turn_holds_its_paragraph_and_those_up_to_the_next_turn() -> None:
    assert labels(PANEL) == [
        ("The panel met on Saturday in the studio.", "unattributed"),
        ("Jane Roe: The plan sounds good on paper.", "named-source"),
        ("Nobody will pay it in the end.", "named-source"),
        ("Most people never see the bill until April.", "named-source"),
        ("It lands on the middle class.", "named-source"),
        ("John Doe: That is not what the numbers from the budget office say.", "named-source"),
        ("Roe: The numbers are wrong, and I will show you why.", "named-source"),
        ("The tax would raise about $50 billion a year.", "unattributed"),  # after the last turn: narration
    ]


def test_the_paragraph_after_a_turn_is_the_speakers() -> None:
    assert speaker(PANEL, 3) == "Jane Roe"
    assert speaker(PANEL, 4) == "Jane Roe"


def test_a_turn_that_opens_a_quotation_is_a_turn() -> None:
    text = PANEL.replace("Jane Roe: The plan sounds good on paper. Nobody will pay it in the end.",
                         "\"Jane Roe: The plan sounds good on paper. Nobody will pay it in the end.\"")
    assert speaker(text, 3) == "Jane Roe"


def test_names_that_head_sections_once_each_are_no_transcript() -> None:
    text = ("Jane Roe: Student loans. Roe would forgive student debt over ten years.\n\n"
            "The plan would cost about a trillion dollars.\n\n"
            "John Doe: Credit scores. Doe would ban credit checks by employers.\n\n"
            "Banks oppose the idea.\n")
    got = dict(labels(text))
    assert got["The plan would cost about a trillion dollars."] == "unattributed"
    assert got["Banks oppose the idea."] == "unattributed"


def test_tallies_are_no_turns() -> None:
    text = ("Pledged delegates are won in primaries.\n\n"
            "Jane Roe: 1,769.\n\n"
            "John Doe: 1,501.\n\n"
            "Superdelegates can change their minds at the convention.\n\n"
            "Roe: 547.\n\n"
            "Doe: 46.\n")
    got = dict(labels(text))
    assert got["Superdelegates can change their minds at the convention."] == "unattributed"


def test_page_furniture_ends_a_turn() -> None:
    text = PANEL.replace("Most people never see the bill until April.",
                         "Share this story. Most people never see the bill until April.")
    got = dict(labels(text))
    assert got["Share this story."] == "none"
    assert got["Most people never see the bill until April."] == "unattributed"


def test_a_short_answer_is_a_turn_and_a_section_label_ends_one() -> None:
    # "DIAZ: No." is Diaz's turn (he also speaks at length), so the paragraph after it is his, not the moderator's;
    # a section label ends the turn before it
    text = ("MODERATOR: Senator, will you run for the seat again next year?\n\nDIAZ: No.\n\n"
            "My family needs me at home for a while.\n\nMODERATOR: Why did you change your mind about it?\n\n"
            "DIAZ: I have been thinking about it for a long time now.\n\nForeign policy:\n\n"
            "The senator has no experience abroad.\n")
    assert speaker(text, 2) == "DIAZ"
    assert [label for _, label in labels(text)][-2:] == ["unattributed", "unattributed"]


def test_a_salutation_or_a_title_in_quotation_marks_is_no_speaker() -> None:
    # "Dear Friends:" opens quoted words inside prose and "The Long Road Home:" a title: neither is a speaker's turn
    text = ("Newsletter\n\nThe newsletter opened with a line in bold. “Dear Friends: the city is broke and the council "
            "will not admit it.”\n\n“The Long Road Home: A Mayor in Hard Times” sold well.")
    assert [label for _, label in labels(text)][2:] == ["unattributed", "unattributed"]


def test_three_speakers_in_capitals_make_a_transcript_though_each_speaks_once() -> None:
    # a debate excerpt: the moderator, then two candidates; a turn holds the paragraph after it, up to the next turn
    text = ("Here is an exchange from the debate.\n\n"
            "MOORE: Mayor Ruiz, you have two minutes. What is your plan?\n\n"
            "RUIZ: Thank you for asking. I want to fix every road in the city.\n\n"
            "That means more crews. It means longer hours.\n\n"
            "LEE: Our roads are fine. The money should go to the schools.\n")
    assert [label for _, label in labels(text)] == ["unattributed"] + ["named-source"] * 8
    mixed = text.replace("MOORE:", "Moore:").replace("RUIZ:", "Ruiz:").replace("LEE:", "Lee:")
    # in mixed case three names with a colon may be headlines: no transcript, so the paragraph after a turn is left
    assert [label for _, label in labels(mixed)][5:7] == ["unattributed", "unattributed"]


def test_a_turn_whose_first_sentence_is_short_is_a_turn_for_its_whole_paragraph() -> None:
    # "Okafor: It is fair." is short, but the paragraph goes on in the same turn: the words after it are Okafor's,
    # not the turn before it (the carry names the speaker of the turn)
    text = ("Harlow: The plan taxes every single trade. Is that fair?\n\n"
            "Okafor: It is fair. The rich trade the most. They can pay.\n\n"
            "Harlow: But pension funds trade too, and often.\n\n"
            "Okafor: They do. The effect on them is tiny.\n")
    result = audit_text(text, with_readability=False)
    carried = [s.carried_from for s in result.statements]
    assert carried[2:5] == [None, 2, 2] and carried[-1] == 6


def test_a_fact_check_heading_in_capitals_ends_the_speakers_turn() -> None:
    """An AP-style fact check: the claim in the candidate's mouth, then 'THE FACTS:' in the same paragraph is the
    writer's check, no speaker of its own (GUIDELINES.md: the writer's analysis is unattributed)."""
    text = ("The candidates met on Sunday.\n\n"
            "LEE: “Taxes are the highest they have ever been.” THE FACTS: That is wrong. Rates were higher in 1980.\n")
    got = dict(labels(text))
    assert got["THE FACTS: That is wrong."] == "unattributed"
    assert got["Rates were higher in 1980."] == "unattributed"
    assert got["LEE: “Taxes are the highest they have ever been.”"] == "named-source"
