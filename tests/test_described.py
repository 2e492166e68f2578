"""audit.label.described: the person a definite description refers back to ("the senator" after "Sen. Marco
Rubio"). Invented paragraphs; each expected name was decided by reading who is speaking."""
from __future__ import annotations

import pytest

from audit.label.described import named_apposition
from audit.pipeline import audit_text
from tests.label_helpers import labels, speaker


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("Sen. Marco Rubio spoke in Miami on Friday.\n\n“I stand by everything,” the senator told reporters.",
                 "Marco Rubio", id="a-title-abbreviated-before-the-name"),
    pytest.param("Rep. Ann Lee spoke on Friday.\n\n“We are ready,” the congresswoman said.", "Ann Lee",
                 id="a-title-written-another-way"),
    pytest.param("Maria Bennett, the campaign manager, met voters.\n\n“We are ready,” the campaign manager said.",
                 "Maria Bennett", id="a-title-in-apposition"),
    pytest.param("Florida Sen. Marco Rubio spoke. Sen. Ann Ernst spoke.\n\n“We are ready,” the Florida senator "
                 "said.", "Marco Rubio", id="the-place-the-description-gives"),
    pytest.param("Florida Sen. Marco Rubio spoke on Friday at length about the budget, the border and the many other "
                 "things. Sen. Ann Ernst spoke.\n\n“We are ready,” the Florida senator said.", "Marco Rubio",
                 id="the-place-far-from-the-nearest-senator"),
    pytest.param("Sen. Marco Rubio of Florida spoke. Sen. Ann Ernst spoke.\n\n“We are ready,” the Florida senator "
                 "said.", "Marco Rubio", id="the-place-after-the-name"),
    pytest.param("Chelsea Clinton, the daughter of presidential candidate Hillary Clinton, spoke.\n\n“We are ready,” "
                 "the presidential candidate said.", "Hillary Clinton", id="not-the-name-before-the-apposition"),
    pytest.param("Teresa Okafor toured the plant on Monday. Later, President Okafor met union leaders in Akron."
                 "\n\nThe president said the plant would reopen.", "Teresa Okafor",
                 id="a-title-before-a-surname-alone"),
    pytest.param("Ann Moss and Tom Moss toured the plant. Later, Governor Moss met union leaders.\n\n“We are ready,” "
                 "the governor said.", "the governor", id="not-a-surname-two-first-names-share"),
])
def test_a_description_names_the_person_it_refers_back_to(text: str, name: str) -> None:
    index = len(labels(text)) - 1
    assert speaker(text, index) == name


@pytest.mark.parametrize("text", [
    pytest.param("Rep. Tom Diaz spoke on Friday.\n\n“We are ready,” the congresswoman said.", id="gender"),
    pytest.param("Sen. Ann Ernst spoke on Friday.\n\n“We are ready,” the Florida senator said.", id="place"),
    pytest.param("Sen. Tom Diaz spoke on Friday.\n\n“We are ready,” the senator's wife said.", id="possessive"),
    pytest.param("Gawker Media, the publisher, spoke on Friday.\n\n“We are ready,” the publisher said.",
                 id="no-person"),
])
def test_a_description_with_no_fitting_person_stays_as_it_is(text: str) -> None:
    index = len(labels(text)) - 1
    name = speaker(text, index)
    assert name is not None and name.lower().startswith("the ")


@pytest.mark.parametrize(("text", "label"), [
    pytest.param("One teacher, who asked not to be named, said the rule failed.\n\n“Kids hide the phones,” the teacher "
                 "said.", "anonymous-source", id="an-unnamed-teacher-referred-back-to"),
    pytest.param("“It works,” said a senior campaign adviser.\n\nThe senior adviser added that the race was close.",
                 "anonymous-source", id="said-before-the-unnamed-person"),
    pytest.param("Jane Doe, a teacher at Oak Middle School, said the rule worked.\n\n“Kids like it,” the teacher said.",
                 "named-source", id="a-name-before-the-indefinite-mention"),
    pytest.param("A teacher, Jane Doe, said the rule worked.\n\n“Kids like it,” the teacher said.", "named-source",
                 id="a-name-after-the-indefinite-mention"),
    pytest.param("A new head coach, he said, could lift the team.\n\nWhen asked, the head coach said he "
                 "wanted patience.", "named-source", id="an-indefinite-mention-that-does-not-speak"),
    pytest.param("On the radio recording, a pilot could be heard telling the tower he had lost an engine.\n\n"
                 "“We are turning back,” the pilot said.", "anonymous-source", id="heard-on-a-recording"),
    pytest.param("A party strategist who has advised the mayor for years, speaking on condition of anonymity, said "
                 "talks stalled.\n\n“Nobody is budging,” the strategist said.", "anonymous-source",
                 id="a-relative-clause-before-the-reason-for-anonymity"),
    pytest.param("A guard described the cells.\n\n“It is cold,” said the guard, who asked not to be named. The guard "
                 "said the heat had failed.", "anonymous-source", id="a-definite-mention-that-withholds-the-name"),
    pytest.param("A guard described the cells.\n\n“It is cold,” said the guard, Jo Park, who asked for a raise. "
                 "The guard said the heat had failed.", "named-source", id="a-definite-mention-with-a-name"),
])
def test_a_description_of_a_person_brought_in_without_a_name_is_anonymous(text: str, label: str) -> None:
    assert labels(text)[-1][1] == label


def test_the_description_with_a_name_beside_it_is_named() -> None:
    """A person brought in without a name and named later ("said the nurse, Jane Doe,") is named from there on."""
    got = labels("A former nurse told jurors that she saw the doctor take vials. “I knew what I was looking at,” "
                 "testified the nurse, Jane Doe, who worked at the hospital. “I just did not know who to tell.”")
    assert [label for _, label in got][1:] == ["named-source", "named-source"]


def test_an_unnamed_witness_named_in_the_next_breath_is_named() -> None:
    got = labels("A former nurse told jurors that she saw the doctor take vials. “I knew what I was looking at,” "
                 "testified the nurse, Jane Doe, who worked at the hospital.")
    assert [label for _, label in got] == ["named-source", "named-source"]


@pytest.mark.parametrize("text", [
    "A nurse said the ward was short-staffed for months.\n\nThe hospital's chief nurse, Maria Ortiz, disputed "
    "that account.",
    "A neighbor said the dog barked all night.\n\nThe next-door neighbor, Tom Reyes, said the dog was quiet.",
    "A nurse said the ward was short.\n\nThe board met twice. Later, the nurse, Maria Ortiz, said it was fine.",
])
def test_another_person_with_the_same_title_does_not_name_the_first(text: str) -> None:
    """Only a speech tag in the next statement, on the phrase's own words, names the unnamed person."""
    assert labels(text)[0][1] == "anonymous-source"


def test_the_same_noun_in_a_speech_tag_in_the_next_statement_names_the_first() -> None:
    got = labels("A nurse said the ward was short-staffed for months.\n\nThe nurse, Maria Ortiz, said she had "
                 "warned the board.")
    assert [label for _, label in got] == ["named-source", "named-source"]


def test_an_unnamed_source_never_named_stays_anonymous() -> None:
    got = labels("A nurse, who asked not to be named, said the unit was short. The nurse, worried, said more.")
    assert [label for _, label in got] == ["anonymous-source", "anonymous-source"]


@pytest.mark.parametrize(("text", "description"), [
    pytest.param("Trade is in the news.\n\nSome defenders of trade, like Gary Hufbauer, a fellow at a think tank, "
                 "also acknowledge that workers lost.", "Some defenders of trade, like Gary Hufbauer",
                 id="members-after-like"),
    pytest.param("Trade is in the news.\n\nThe survey, conducted by the Harbor Policy Institute, finds Lee ahead.",
                 "The survey, conducted by the Harbor Policy Institute", id="an-author-after-conducted-by"),
    pytest.param("Trade is in the news.\n\nSome candidates — for instance, Sen. Ted Cruz of Texas — have called for "
                 "a vote.", "Some candidates — for instance, Sen. Ted Cruz of Texas", id="members-between-dashes"),
    pytest.param("Trade is in the news.\n\nA new survey from Harbor College shows Lee ahead.",
                 "A new survey from Harbor College", id="a-body-after-from"),
    pytest.param("Trade is in the news.\n\nSome economists, like their peers, say the cost is high.",
                 "Some economists", id="not-members-with-no-name"),
])
def test_a_group_or_a_document_is_described_with_the_names_after_it(text: str, description: str) -> None:
    """The roster describes a group or a document with the members or the author the words after it name."""
    result = audit_text(text, with_readability=False)
    assert [s.description for s in result.sources] == [description]


def test_a_day_or_a_month_after_from_is_no_author() -> None:
    text = "A poll from Monday shows Lee ahead; a poll from May shows Diaz ahead."
    assert named_apposition(len("A poll"), text) is None
    assert named_apposition(text.index(" from May"), text) is None


def test_a_person_named_later_needs_the_head_and_its_comma() -> None:
    """named_later reads the head word with a comma after it ("the nurse, Jane Doe,"); without the comma there is
    no name set beside it, and the text is not searched further."""
    from audit.label.described import named_later

    text = "A former nurse told jurors the doctor took vials, testified the nurse, Jane Doe, who worked there."
    end = len("A former nurse")
    assert named_later("A former nurse", end, text)
    assert not named_later("A former nurse", end, text.replace("nurse, Jane", "nurse Jane"))


def test_a_name_again_in_other_letters_than_ascii_is_still_searched() -> None:
    """named_after compares in lower case only where the text is ASCII; beyond it re's case-insensitive search
    still runs: "Ruiz" again after the pronoun, with an accented word before it, is two people."""
    from audit.label.candidates import Referent
    from audit.label.mentions import named_after
    from audit.models import Label, SourceKind, Statement

    ref = Referent("Tom Ruiz", SourceKind.PERSON, Label.NAMED, "person", "tom ruiz")
    for text in ("He said Ruiz was wrong.", "He said café owner Ruiz was wrong."):
        assert named_after(ref, Statement(0, 0, len(text), 0, text), 2), text
    assert not named_after(ref, Statement(0, 0, 20, 0, "He said Lee was late."), 2)
