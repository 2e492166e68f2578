"""Quotation tags that no verb of saying marks: any verb after a quotation closed with a comma, a tag the splitter
cut from its question, a capitalised 'Tweeted', 'had a question for'. Invented sentences only."""
from __future__ import annotations

import pytest

from audit.label.quotes import after_quotation
from tests.label_helpers import labels, speaker

NAMED = "named-source"
UNATT = "unattributed"


def test_any_verb_after_a_quotation_closed_by_a_comma_tags_all_of_it() -> None:
    text = "“We are done here. Nobody on the council listens to us anymore,” Ames groaned at the meeting."
    assert [label for _, label in labels(text)] == [NAMED, NAMED]
    assert speaker(text, 0) == "Ames"


def test_verb_first_tag_after_a_quotation() -> None:
    text = "“This is the best day of my whole life! I came at six,” beamed Ann Lee of Dayton."
    assert [label for _, label in labels(text)] == [NAMED, NAMED]
    assert speaker(text, 0) == "Ann Lee"


@pytest.mark.parametrize("text", [
    "“The Long Goodbye” aired on Sunday.",
    "“Make the town great again” signs appeared overnight on every lawn.",
    "“Home,” premiered Friday at the Rialto.",
], ids=["title-then-verb", "slogan-as-adjective", "title-then-day"])
def test_a_title_in_quotation_marks_is_no_tag(text: str) -> None:
    assert [label for _, label in labels(text)] == [UNATT]


def test_a_tag_cut_from_its_question_gives_the_question_its_speaker() -> None:
    text = "“Would the tax be negotiable for the farmers?” Hannity pressed. “Or not at all?”"
    got = labels(text)
    assert [t for t, _ in got] == ["“Would the tax be negotiable for the farmers?”", "Hannity pressed.",
                                   "“Or not at all?”"]
    assert [label for _, label in got] == [NAMED, NAMED, NAMED]
    assert speaker(text, 0) == "Hannity"


def test_the_same_words_after_narration_are_no_tag() -> None:
    text = "The tax was negotiable for the farmers. Hannity pressed."
    assert [label for _, label in labels(text)] == [UNATT, UNATT]


@pytest.mark.parametrize("before, start, want", [
    ("“Why now?” ", 11, True),
    ("“Not again!”  ", 14, True),
    ("\x01\x01\x01” ", 5, True),
    ("“Why now.” ", 11, False),
    ("We left early. ", 15, False),
    ("“Why now?”\n\n", 12, False),
], ids=["question", "exclamation", "masked", "full-stop", "narration", "next-paragraph"])
def test_after_quotation(before: str, start: int, want: bool) -> None:
    assert after_quotation(before + "Lee pressed.", start) is want


def test_capitalised_tweeted_is_a_verb_of_saying() -> None:
    text = "“Not our plan, but a good one!” Ann Ruiz, the head of the group, Tweeted on Friday with a photo."
    got = labels(text)
    assert [label for _, label in got] == [NAMED] * len(got)
    assert labels("Ruiz’s Tweets are often angry.") == [("Ruiz’s Tweets are often angry.", UNATT)]


def test_a_question_for_the_crowd_introduces_the_quotation_after_it() -> None:
    text = "The mayor spoke for an hour. She then had a question for the crowd.\n\n“Who will pay for the bridge?”"
    assert [label for _, label in labels(text)] == [UNATT, NAMED, NAMED]


def test_that_quote_from_a_named_person_is_sourced() -> None:
    text = "That quote from Mayor Ann Lee appeared on the front page of the Herald in 1980."
    assert labels(text) == [(text, NAMED)]
    assert labels("The line from Boston to Albany was cut in 1980.")[0][1] == UNATT


def test_a_question_put_to_someone_is_not_theirs() -> None:
    text = "“Why would you run again after losing twice?” Lee was asked. “Because the town needs me,” she said."
    got = labels(text)
    assert [label for _, label in got] == [UNATT, UNATT, NAMED]
