"""A message speaks for its author (audit.label.messages): '"…," the statement said.' after the statement before
names who sent it. Invented sentences; the labels follow ../shared/eval/GUIDELINES.md (a named organisation or
person on the record is named-source; a public document with no author named near it is a document)."""
from __future__ import annotations

from tests.label_helpers import labels


def _label(text: str, statement: str) -> str:
    return dict(labels(text))[statement]


def test_the_statement_said_after_its_named_author_is_named() -> None:
    text = ("In a written statement released on Friday, Mayor Ana Ruiz congratulated the winner but questioned "
            "his plans. \"The city deserves better,\" the statement said.")
    assert _label(text, "In a written statement released on Friday, Mayor Ana Ruiz congratulated the winner but "
                        "questioned his plans.") == "named-source"
    assert _label(text, "\"The city deserves better,\" the statement said.") == "named-source"


def test_the_post_read_after_the_utility_said_in_a_post() -> None:
    text = ("The utility said in a post on X that crews would wait for the wind to drop. "
            "\"We know this is hard,\" the post read.")
    assert _label(text, "\"We know this is hard,\" the post read.") == "named-source"


def test_a_message_with_no_author_before_it_stays_a_document() -> None:
    text = "The council met on Monday. \"We know this is hard,\" the post read."
    assert _label(text, "\"We know this is hard,\" the post read.") == "document"


def test_a_different_message_before_does_not_name_the_author() -> None:
    text = "Mayor Ana Ruiz said in an email that the pool would close. \"Stay home,\" the banner read."
    assert _label(text, "\"Stay home,\" the banner read.") == "document"


def test_the_report_straight_after_an_outlet_is_its_piece() -> None:
    text = ("The mayor will not run again, the Valley Insider reported on Monday. "
            "According to the report, she had told aides in May.")
    assert _label(text, "According to the report, she had told aides in May.") == "secondhand-report"
    alone = "The mayor will not run again. According to the report, she had told aides in May."
    assert _label(alone, "According to the report, she had told aides in May.") == "document"


def test_a_report_with_its_own_owner_is_not_the_outlets() -> None:
    text = ("The guard will miss the game, the Valley Insider reported on Monday. "
            "According to the league's injury report, the center is questionable.")
    assert _label(text, "According to the league's injury report, the center is questionable.") == "document"


def test_a_report_that_names_who_released_it_is_not_the_outlets() -> None:
    text = ("The Times reported that the audit was delayed. "
            "The report, released by the comptroller in June, found 40 errors.")
    assert _label(text, "The report, released by the comptroller in June, found 40 errors.") == "document"
    bare = "The Times reported that the audit was delayed. The report said 40 errors were found."
    assert _label(bare, "The report said 40 errors were found.") == "secondhand-report"


def test_the_paper_after_a_study_is_the_study() -> None:
    text = ("A study published this week in the journal Soil Letters found that the lake warmed. "
            "\"It is remarkable,\" said Dr. Ana Ruiz, its lead author.\n\n"
            "The paper estimates that the lake lost a fifth of its ice.")
    assert _label(text, "The paper estimates that the lake lost a fifth of its ice.") == "document"
    assert _label("The council met. The paper estimates that the lake lost a fifth of its ice.",
                  "The paper estimates that the lake lost a fifth of its ice.") == "secondhand-report"


def test_the_paper_after_an_outlet_nearer_than_the_study_is_the_outlet() -> None:
    text = ("An analysis by the county found rents rose.\n\n"
            "The Chronicle first reported the figures. The paper said landlords had been warned.")
    assert _label(text, "The paper said landlords had been warned.") == "secondhand-report"


def test_the_paper_again_after_a_study_is_still_the_study() -> None:
    text = ("A study published this week in the journal Soil Letters found that the lake warmed.\n\n"
            "The paper estimates that the lake lost a fifth of its ice. The paper also says the fish moved north.")
    assert _label(text, "The paper also says the fish moved north.") == "document"


def test_messages_the_source_did_not_send_stay_documents() -> None:
    text = ("Judge Ana Ruiz said investigators had found emails that the clerk deleted. "
            "The newly found emails included notes on the budget.")
    assert _label(text, "The newly found emails included notes on the budget.") == "document"
