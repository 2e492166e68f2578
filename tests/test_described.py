"""audit.label.described: the person a definite description refers back to ("the senator" after "Sen. Marco
Rubio"). Invented paragraphs; each expected name was decided by reading who is speaking."""
from __future__ import annotations

import pytest

from tests.label_helpers import labels, speaker


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("Sen. Marco Rubio spoke in Miami on Friday.\n\n“I stand by everything,” the senator told reporters.",
                 "Marco Rubio", id="a-title-abbreviated-before-the-name"),
    pytest.param("Rep. Ann Lee spoke on Friday.\n\n“We are ready,” the congresswoman said.", "Ann Lee",
                 id="a-title-written-another-way"),
    pytest.param("Maria Bennett, the campaign manager, met voters.\n\n“We are ready,” the campaign manager said.",
                 "Maria Bennett", id="a-title-in-apposition"),
    pytest.param("Florida Sen. Marco Rubio spoke. Sen. Joni Ernst spoke.\n\n“We are ready,” the Florida senator "
                 "said.", "Marco Rubio", id="the-place-the-description-gives"),
    pytest.param("Chelsea Clinton, the daughter of presidential candidate Hillary Clinton, spoke.\n\n“We are ready,” "
                 "the presidential candidate said.", "Hillary Clinton", id="not-the-name-before-the-apposition"),
])
def test_a_description_names_the_person_it_refers_back_to(text: str, name: str) -> None:
    index = len(labels(text)) - 1
    assert speaker(text, index) == name


@pytest.mark.parametrize("text", [
    pytest.param("Rep. Tom Diaz spoke on Friday.\n\n“We are ready,” the congresswoman said.", id="gender"),
    pytest.param("Sen. Joni Ernst spoke on Friday.\n\n“We are ready,” the Florida senator said.", id="place"),
    pytest.param("Sen. Tom Diaz spoke on Friday.\n\n“We are ready,” the senator's wife said.", id="possessive"),
    pytest.param("Gawker Media, the publisher, spoke on Friday.\n\n“We are ready,” the publisher said.",
                 id="no-person"),
])
def test_a_description_with_no_fitting_person_stays_as_it_is(text: str) -> None:
    index = len(labels(text)) - 1
    name = speaker(text, index)
    assert name is not None and name.lower().startswith("the ")
