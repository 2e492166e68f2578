"""audit.label.referents and audit.label.names: who a pronoun stands for, on small hand-written paragraphs.

Every paragraph is invented; the expected speaker was decided by reading it (who says the words), not taken from
the tool's output.
"""
from __future__ import annotations

import pytest

from audit.label.names import People, gender_of
from audit.pipeline import audit_text
from audit.rules.loader import default_rules


def _speaker(text: str, index: int) -> str | None:
    """The roster name of the source of statement `index`."""
    result = audit_text(text, with_readability=False)
    names = {s.id: s.name for s in result.sources}
    sid = result.statements[index].source_id
    return names.get(sid) if sid is not None else None


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("The mayor, Ann Lee, spoke at noon. “Is it legal?” she asked. Tom Diaz, her deputy, stood up. "
                 "“It is,” he said.", 3, "Tom Diaz", id="he-skips-a-woman"),
    pytest.param("Tom Diaz spoke first. The mayor, Ann Lee, spoke at noon. “Is it legal?” she asked.", 2, "Ann Lee",
                 id="she-skips-a-man"),
    pytest.param("Mr. Kowalski said the bridge was safe. Engineers disagreed. “It is not,” she said. Dr. Maria "
                 "Ortiz said the cables were worn.", 2, None, id="she-never-goes-to-a-mister"),
    pytest.param("Bill Clinton said the deal was fair. Hillary Clinton said it was not. “We will fight it,” she said.",
                 2, "Hillary Clinton", id="she-tells-a-family-apart"),
    pytest.param("Hillary Clinton said the deal was unfair. Bill Clinton said it was not. Clinton, she said, would "
                 "fight it.", 2, "Hillary Clinton", id="she-after-two-of-a-family"),
])
def test_a_he_or_a_she_goes_to_a_person_of_that_gender(text: str, index: int, name: str | None) -> None:
    assert _speaker(text, index) == name


def test_a_family_is_two_people() -> None:
    text = "Bill Clinton said the deal was fair. Hillary Clinton said it was not."
    assert (_speaker(text, 0), _speaker(text, 1)) == ("Bill Clinton", "Hillary Clinton")


def test_the_issues_example_he_is_not_the_mayor() -> None:
    text = "The mayor, Ann Lee, spoke at noon. “Is it legal?” she asked. He emailed his deputy that the plan was off."
    assert _speaker(text, 1) == "Ann Lee"
    assert _speaker(text, 2) != "Ann Lee"


def test_they_goes_to_a_group_not_to_the_last_person() -> None:
    text = "Mayor Tom Diaz said the water was safe. Residents of the valley met on Monday. They said it was brown."
    result = audit_text(text, with_readability=False)
    assert _speaker(text, 2) == "Residents of the valley"
    assert result.statements[2].label.value == "anonymous-source"


def test_it_goes_to_a_body_not_to_a_person() -> None:
    text = "Tom Diaz said the plant would close. The Water Board met on Friday. It said the plant would stay open."
    assert _speaker(text, 2) == "Water Board"


def test_a_group_shown_by_named_members_is_theirs() -> None:
    """'Critics, like Senators Lee and Diaz, …' names its members: their 'they' is a named source."""
    text = ("Officials said the plan was sound.\n\nCritics of the plan, like Senator Ann Lee and Senator Bo Diaz, want "
            "changes. They sent a letter on Friday.\n\n“It must be fixed,” they wrote.")
    result = audit_text(text, with_readability=False)
    assert result.statements[3].label.value == "named-source"


@pytest.mark.parametrize(("phrase", "gender"), [
    ("Mrs. Lee", "f"), ("the spokeswoman", "f"), ("Ann Lee", "f"), ("Mr. Lee", "m"), ("Sen. Tom Diaz", "m"),
    ("the spokesman", "m"), ("Lee", None), ("a senior official", None),
])
def test_gender_comes_from_titles_words_and_first_names(phrase: str, gender: str | None) -> None:
    assert gender_of(phrase, default_rules()) == gender


def test_people_keeps_one_key_per_person() -> None:
    people = People.of(default_rules())
    bill, hillary = people.key("Bill Clinton", "m"), people.key("Hillary Clinton", "f")
    assert bill != hillary
    assert people.key("Clinton", "f") == hillary and people.key("Clinton", "m") == bill
    assert people.key("Clinton") == bill  # no gender: the first of that surname
    assert people.key("Bill Clinton") == bill
    later = People.of(default_rules())
    bare = later.key("Diaz")
    assert later.key("Tom Diaz", "m") == bare  # the bare surname first, then the full name: one person
    assert later.key("Diaz", add=False) == bare and later.key("Ortiz", add=False) is None
