"""audit.label.referents and audit.label.names: who a pronoun stands for, on small hand-written paragraphs.

Every paragraph is invented; the expected speaker was decided by reading it (who says the words), not taken from
the tool's output.
"""
from __future__ import annotations

from collections import Counter

import pytest

from audit.label.names import (
    People,
    first_names,
    gender_cue,
    gender_of,
    given_index,
    given_with,
    person_name,
    surname_of,
)
from audit.pipeline import audit_text
from audit.rules.loader import default_rules
from tests.label_helpers import speaker


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
    pytest.param("Phyllis Ware said the vote was close. Barry Pell said it was not. “We lost,” she said.", 2,
                 "Phyllis Ware", id="she-skips-a-barry"),
    pytest.param("Jacob Oduya said the vote was close. Alma Reyes said it was not. “We won,” he said.", 2,
                 "Jacob Oduya", id="he-skips-an-alma"),
])
def test_a_he_or_a_she_goes_to_a_person_of_that_gender(text: str, index: int, name: str | None) -> None:
    assert speaker(text, index) == name


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Paul Diaz runs the water plant. “Tom Lee has his facts wrong,” he said.", 1, "Paul Diaz",
                 id="not-a-name-inside-the-quotation"),
    pytest.param("Mayor Ann Lee opened the bridge.\n\nPaul Diaz voted against it. “Officials never "
                 "listen,” he said. “Tom Lee knows that,” he added.", 3, "Paul Diaz", id="not-a-quoted-subject-after"),
    pytest.param("Tom Lee said the fair was a success.\n\nBob Sutton, a county chairman, voiced confidence.\n\n"
                 "“When Tom Lee debates her, she will lose,” he said.", 2, "Bob Sutton",
                 id="not-a-known-person-the-quotation-names"),
    pytest.param("Tom Lee said the fair was a success.\n\nBob Sutton, a county chairman, voiced confidence.\n\n"
                 "''Lee will lose,'' he said.", 2, "Bob Sutton", id="not-a-name-inside-doubled-apostrophes"),
    pytest.param("Ann Lee appeared to have the most to gain.\n\nShe skirted the first question from the host, Tom "
                 "Ruiz.\n\nShe also avoided the word tax. “The plan is fair,” she said.", 3, "Ann Lee",
                 id="a-chain-of-she-subjects-back-to-the-name"),
    pytest.param("Ann Lee appeared to have the most to gain.\n\nBut on Sunday she skirted the question from Tom Ruiz."
                 "\n\n“The plan is fair,” she said.", 2, "Ann Lee", id="a-she-subject-after-an-opening-phrase"),
])
def test_a_quotation_opening_a_statement_offers_no_subject(text: str, index: int, name: str) -> None:
    """The words a quotation opens with are the speaker's: the first name in them is not the statement's subject."""
    assert speaker(text, index) == name


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Sales fell all winter. The slide ended when Victor Hale, a rival executive, called with an "
                 "offer.\n\nIn a buyout, he said, the label would survive.", 2, "Victor Hale",
                 id="a-name-in-a-subordinate-clause-the-paragraph-before"),
    pytest.param("Tom Lee, a radio host, said the race was close.\n\nFor months his show has featured Sen. Mark Cole. "
                 "He has called Cole a hero.", 2, "Tom Lee", id="not-the-name-the-statement-gives-after-the-pronoun"),
    pytest.param("Jim Axel tweeted that the plan was a mistake.\n\nMayor Tom Reed said it would work.\n\nThen there's "
                 "Axel.\n\n“Too neat?” he wrote.", 3, "Jim Axel", id="a-known-name-the-paragraph-before"),
])
def test_a_he_or_a_she_goes_to_a_person_named_nearby(text: str, index: int, name: str) -> None:
    """With no fitting subject or source near it, a pronoun goes to the nearest person named (by a first name and a
    surname, or known by name) in its paragraph or, in a paragraph's first statement, the paragraph before."""
    assert speaker(text, index) == name


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Veteran columnist Delphine Marsh, who retired Monday, used her final column to thank readers."
                 "\n\n“It was a joy,” she wrote.", 1, "Delphine Marsh", id="a-role-before-the-name"),
    pytest.param("Speaking in Oslo, Harbor Authority spokesman Tom Lee repeated that the port opposed the fees.\n\n"
                 "Shippers should show receipts, he told reporters.", 1, "Tom Lee", id="an-opening-phrase-then-a-role"),
    pytest.param("In downtown San Francisco, marchers walked in silence.\n\n“I cried,” he said.", 1, None,
                 id="not-a-place-after-an-opening-word"),
    pytest.param("Former Vermont treasurer Rosa Quill, a longtime critic of the levy, calls it a mistake.\n\nShe "
                 "predicts it will fail.", 1, "Rosa Quill", id="capitals-a-role-then-the-name"),
    pytest.param("The fund drew fire all week.\n\nActing Harbor commissioner Anna Drury defended the fund on Monday."
                 "\n\nShe said it had “nothing to hide.”", 2, "Anna Drury",
                 id="capitals-a-role-then-the-name-no-comma"),
])
def test_a_subject_is_the_name_after_the_words_describing_it(text: str, index: int, name: str | None) -> None:
    """A statement's subject written as role words and a name ("Harbor Authority spokesman Tom Lee") is the
    name, for a pronoun after it."""
    assert speaker(text, index) == name


def test_a_family_is_two_people() -> None:
    text = "Bill Clinton said the deal was fair. Hillary Clinton said it was not."
    assert (speaker(text, 0), speaker(text, 1)) == ("Bill Clinton", "Hillary Clinton")


def test_the_issues_example_he_is_not_the_mayor() -> None:
    text = "The mayor, Ann Lee, spoke at noon. “Is it legal?” she asked. He emailed his deputy that the plan was off."
    assert speaker(text, 1) == "Ann Lee"
    assert speaker(text, 2) != "Ann Lee"


def test_they_goes_to_a_group_not_to_the_last_person() -> None:
    text = "Mayor Tom Diaz said the water was safe. Residents of the valley met on Monday. They said it was brown."
    result = audit_text(text, with_readability=False)
    assert speaker(text, 2) == "Residents of the valley"
    assert result.statements[2].label.value == "anonymous-source"


def test_it_goes_to_a_body_not_to_a_person() -> None:
    text = "Tom Diaz said the plant would close. The Water Board met on Friday. It said the plant would stay open."
    assert speaker(text, 2) == "Water Board"


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


@pytest.mark.parametrize(("text", "index", "expected"), [
    pytest.param("Texas Wins Water Fight In Court\n\nBy Jane Doe\n\n“It is over,” she said of the dispute.", 2, None,
                 id="no-headline-no-byline"),
    pytest.param("Jane Doe wins water fight in court\n\n“It is over,” she said.", 1, None, id="no-headline-subject"),
    pytest.param("See also: Tom Diaz speaks at the fair\n\n“It is over,” he said.", 1, None, id="no-furniture-line"),
    pytest.param("Texas was quiet on Monday. “It is over,” he said.", 1, None, id="no-place-subject"),
    pytest.param("Mr. Lee met George Washington’s heirs. Washington was quiet on Monday.\n\n“It is over,” he "
                 "said.", 2, "Lee", id="a-place-also-a-surname"),
])
def test_places_headlines_and_furniture_are_nobody(text: str, index: int, expected: str | None) -> None:
    """A headline, a byline, a 'See also' line or a place opening a sentence is no person a pronoun stands for."""
    assert speaker(text, index) == expected
    assert speaker(text, index) not in ("Jane Doe", "Tom Diaz", "Texas", "Washington")


def test_a_reporters_bio_is_skipped_for_the_last_source() -> None:
    text = ("Ann Lee said the water was clean.\n\nJane Doe is a senior reporter covering Congress.\n\n“It is over,” "
            "she said.")
    assert speaker(text, 2) == "Ann Lee"


def test_the_paragraph_subject_wins_over_the_headline() -> None:
    text = "Jane Doe Speaks Out On Water\n\nTom Diaz spoke on Monday. “It is over,” he said."
    assert speaker(text, 2) == "Tom Diaz"


@pytest.mark.parametrize(("text", "names"), [
    pytest.param("Rep. Diane Russell said the rules were unfair. Later, Russell said they would change.",
                 ["Diane Russell"], id="a-surname-that-is-a-first-name"),
    pytest.param("Mary Kay Henry said the union would fight. Henry said it would win.", ["Mary Kay Henry"],
                 id="a-bare-surname-has-no-gender"),
    pytest.param("Tom Ebeling said the plan was fair. Ann Ebeling said it was not. Mrs. Ebeling said it again.",
                 ["Tom Ebeling", "Ann Ebeling"], id="a-title-tells-a-family-apart"),
    pytest.param("Mr. Khan said the plan was fair.\n\nMs. Khan said it was not.", ["Khan", "Khan"],
                 id="two-people-by-their-titles"),
    pytest.param("Ann Lee Jr. said the plan was fair.\n\nSam Ruiz Jr. said it was not.\n\nLee said she would vote "
                 "yes. Ruiz said he would vote no.", ["Ann Lee Jr.", "Sam Ruiz Jr."], id="jr-is-no-surname"),
])
def test_one_roster_entry_per_person(text: str, names: list[str]) -> None:
    result = audit_text(text, with_readability=False)
    assert [s.name for s in result.sources if s.kind.value == "named-person"] == names


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Maria Ortiz said the plan was fair. “We will win,” he said.", 1, "Maria Ortiz",
                 id="a-guessed-gender-never-refuses-the-only-candidate"),
    pytest.param("Kelly Ross said the plan was fair. “We will win,” he said.", 1, "Kelly Ross",
                 id="a-unisex-name-has-no-gender"),
    pytest.param("Mr. Maria Ortiz said the plan was fair. Ann Lee left. “We will win,” he said.", 2, "Maria Ortiz",
                 id="a-title-overrides-a-first-name"),
    pytest.param("Maria Ortiz said the plan was fair. He said it again. Ann Lee spoke. “We won,” he said.", 3,
                 "Maria Ortiz", id="a-resolved-he-overrides-a-first-name"),
    pytest.param("Maria Ortiz said the plan was fair. Tom Diaz spoke. “We will win,” she said.", 2, "Maria Ortiz",
                 id="a-first-name-still-picks-between-two"),
    pytest.param("Ann Lee met Ted Cruz on Monday. Cruz said the plan was fine. “It is over,” she said.", 2, "Ann Lee",
                 id="a-surname-takes-the-articles-first-name"),
])
def test_a_first_name_is_a_weak_signal(text: str, index: int, name: str) -> None:
    assert speaker(text, index) == name


def test_a_surname_drops_its_possessive() -> None:
    assert surname_of("Sanders’") == surname_of("Sanders's") == surname_of("Sanders") == "sanders"
    assert surname_of("Ann Lee Jr.") == surname_of("Ann Lee, Sr.") == surname_of("Ann Lee III") == "lee"


def test_gender_from_a_first_name_is_a_guess() -> None:
    rules = default_rules()
    assert gender_cue("Ann Lee", rules) == ("f", False) and gender_cue("Mrs. Lee", rules) == ("f", True)
    assert gender_cue("Henry", rules) == (None, False) and gender_cue("Kelly Ross", rules) == (None, False)


def test_given_index_reads_first_names_and_titles_before_a_word() -> None:
    index = given_index("Hillary Rodham Clinton spoke. Mr. Comey’s memo. Bill Clinton left. In Texas, Lee won.",
                        default_rules())
    assert given_with("Rodham", index) == (True, "f") and given_with("Comey", index) == (True, "m")
    assert given_with("Clinton", index) == (True, None) and given_with("Texas", index) == (False, None)


def test_first_names_counts_the_first_names_before_each_surname() -> None:
    index = first_names("Donald J. Trump spoke. Ivanka Trump’s dress. Donald Trump left. Mr. Comey and Sen. Lee met.",
                        default_rules())
    assert index == {"Trump": Counter({"Donald": 2, "Ivanka": 1})}


@pytest.mark.parametrize(("phrase", "name"), [
    ("Sen. Ted Cruz (R-Texas)", "Ted Cruz"), ("Rep. Ann Lee (D)", "Ann Lee"), ("Ted Cruz", "Ted Cruz"),
    ("Virginia Gov. Terry McAuliffe", "Terry McAuliffe"), ("Vice President Joe Biden", "Joe Biden"),
    ("Sen. Ted Cruz", "Ted Cruz"), ("Lana Del Rey", "Lana Del Rey"), ("Mr. Khan", "Khan"),
    ("Sen. Ted Cruz of Texas", "Ted Cruz"), ("Gov. Phil Bryant of Mississippi", "Phil Bryant"),
])
def test_a_name_loses_everything_up_to_its_last_title(phrase: str, name: str) -> None:
    """One roster entry per person: 'Virginia Gov. Terry McAuliffe' and 'McAuliffe' are one name."""
    assert person_name(phrase, default_rules()) == name


def test_a_place_is_no_roster_name() -> None:
    text = "The senator from Vermont said the vote was rigged.\n\nLater the senator from Vermont said it again."
    result = audit_text(text, with_readability=False)
    assert [s.name for s in result.sources] == ["The senator from Vermont"]


def test_a_capitalised_word_of_a_name_or_place_tells_no_gender() -> None:
    # "King" in "King County" is no king: the woman named is still the "she" that follows
    text = ("King County Prosecutor Leesa Manion announced the charges on Monday. \"We will not stop,\" she said.\n")
    result = audit_text(text, with_readability=False)
    names = {s.id: s.name for s in result.sources}
    assert names[result.statements[-1].source_id or ""] == "Leesa Manion"


def test_a_pronoun_goes_to_the_person_named_before_it_in_the_same_statement() -> None:
    """Bling Fire keeps "… “a betrayal.” “…,” he said." in one statement; the "he" is the person that statement names
    first, not the unnamed source of the paragraph before, whatever order the rules find the two cues in."""
    text = ("Two board members said the cuts took up the meeting. One of them said the list was old.\n\n"
            "Rider advocate Marcus Lee, who heads the group Bus Riders United, called the talks “a betrayal.” "
            "“Riders were not in the room,” he said.")
    result = audit_text(text, with_readability=False)
    last = result.statements[-1]
    assert "he said" in last.statement.text
    assert last.label.value == "named-source"
    assert speaker(text, len(result.statements) - 1) == "Marcus Lee"


def test_a_web_address_is_a_body_not_a_person() -> None:
    """'according to Factcheck.org': the whole address, an organisation, so the 'he' after it is the man named."""
    text = ("Ruben Ostrander cites his fans as the source (the true figure is lower, according to Factcheck.org). "
            "He defended the claim by citing a poll.")
    assert speaker(text, 1) == "Ruben Ostrander"
    assert speaker(text, 0) == "Ruben Ostrander"


def test_a_name_far_into_a_long_statement_keeps_its_offset() -> None:
    """audit.label.candidates.Subjects.named_in: the offset of a name read past the first _NAMED_REACH characters
    of a long statement is into the statement, not into the part searched."""
    from audit.label.candidates import Subjects
    from audit.label.names import People
    from audit.models import Statement

    rules = default_rules()
    text = "The council met on Friday and talked about the budget. " * 30 + "Then Michael Capellas called."
    st = Statement(0, 7, 7 + len(text), 0, text)
    found = Subjects(rules, (st,), People.of(rules), {}, lambda ref: None).named_in(st)
    assert [(ref.phrase, ref.start) for ref in found] == [("Michael Capellas", 7 + text.index("Michael Capellas"))]


def test_a_common_word_after_a_pronoun_is_no_name_again() -> None:
    """audit.label.referents._named_after: "young" in lower case is not the surname Young named again."""
    text = ("Sales fell all winter. The slide ended when Michael Young, a rival executive, called with an offer.\n\n"
            "In a merger, he said, young workers would suffer.")
    assert speaker(text, 2) == "Michael Young"


_DEBATE = "Sen. Lee and Tom Ruiz met for a debate in Dover.\n\nLee put Ruiz on the defensive for much of the night. " \
          "He accused Lee of dodging the question."


def test_a_pronoun_is_not_the_person_its_statement_names_after_it() -> None:
    """"He accused Lee …" is not Lee, even when Lee is the subject just before; and a "he" wrongly taken back to Lee
    would teach Lee's gender, so a later "she" would find no one."""
    assert speaker(_DEBATE, 2) != "Lee"
    text = _DEBATE + "\n\nThroughout the debate, Lee found ways to cast herself as the heir.\n\nOn taxes, she " \
        "said she would keep the law."
    assert speaker(text, 4) == "Lee"


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Tom Ruiz said the vote was fair.\n\nThe anger is so plain that Mr. Lee was asked about it on "
                 "Thursday. He said he had not seen the video.", 2, "Lee", id="a-titled-name-in-a-clause"),
    pytest.param("Ann Cole said the race was close.\n\nSam Ruiz is speaking to a union hall on Friday. He says that if "
                 "voters want the old ways, “you have a fine candidate, but it's not Sam Ruiz.”", 2, "Sam Ruiz",
                 id="a-name-after-it-inside-a-quotation"),
])
def test_a_pronoun_finds_a_person_named_in_its_paragraph(text: str, index: int, name: str) -> None:
    """A person named by a title and a surname anywhere in a clause is a candidate, as one named by a first name and
    a surname is; a name the pronoun's statement gives after it inside a quotation does not refuse that person (a
    speaker may name themself)."""
    assert speaker(text, index) == name


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Ann Cole said the race was close.\n\nWalsh, a former union leader, had close ties to Ann Cole. But "
                 "on Sunday he gave Cole his support.\n\n“We need a fighter,” he said.", 3, "Walsh",
                 id="a-surname-with-a-role-apposition"),
    pytest.param("Ann Cole said the race was close.\n\nDover, a town of farms, had close ties to Ann Cole.\n\n“We need "
                 "a fighter,” she said.", 2, "Ann Cole", id="not-an-apposition-without-a-role"),
])
def test_a_one_word_name_with_a_role_apposition_is_a_person(text: str, index: int, name: str) -> None:
    assert speaker(text, index) == name


def test_a_subject_with_a_party_and_state_after_the_name() -> None:
    text = "Gov. Tom Reyes said the plan was sound.\n\nRep. Sam Duffield (R-Ore.) also addressed the dispute when " \
        "introducing Reyes on Thursday.\n\n“We will not back down,” he said."
    assert speaker(text, 2) == "Sam Duffield"


def test_a_pronoun_closing_a_quotation_that_opens_its_paragraph() -> None:
    """The quotation's first statements offer no candidate: the paragraph before names the speaker, as it does for a
    paragraph's first statement."""
    text = "Tom Reyes said the plan was sound.\n\nAnn Cole visited the plant on Friday.\n\n“Is this what we accept " \
        "now? Or do we have higher standards?” she told the crowd."
    assert speaker(text, 3) == "Ann Cole"


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Bo Sato is the club's manager.\n\nAt Pine Hollow, where members pay $5,000, Jay Morrow, the club's "
                 "president, was upbeat.\n\n“We are in the people-pleasing business,” he said.", 2, "Jay Morrow",
                 id="not-a-place-after-at"),
    pytest.param("Bo Sato is the club's manager.\n\nIn Dunmore Falls, where the plant closed, Jay Morrow was upbeat."
                 "\n\n“We will recover,” he said.", 2, "Jay Morrow", id="not-a-place-after-in"),
])
def test_an_opening_phrase_of_place_is_no_subject(text: str, index: int, name: str) -> None:
    assert speaker(text, index) == name


def test_a_pronoun_twice_in_a_statement_is_one_person() -> None:
    # the name between the two "he"s is not theirs: the first "he" comes before it
    text = ("Bob Hollis, a pastor, backs Senator Carl Mendez. “Vote early,” Mr. Hollis tells parishioners.\n\n"
            "Mr. Mendez has courted church voters for months.\n\n"
            "When he took the stage after Mr. Hollis's welcome, he said the key to winning was simple.")
    assert speaker(text, 3) == "Mendez"


def test_a_name_after_a_role_word_is_the_subject_not_the_capital_before_it() -> None:
    # "Olsen consultant Dwayne Kettering": the consultant opens the statement, not Olsen
    text = ("“This was the place where the town found hope,” Mayor Ted Olsen said that night.\n\n"
            "Olsen consultant Dwayne Kettering, the county's top pollster, picked up the thread.\n\n"
            "“Voters see that they have a lot in common,” he said.")
    assert speaker(text, 2) == "Dwayne Kettering"


def test_a_pronoun_prefers_the_main_clause_source_to_one_in_a_subordinate_clause() -> None:
    # the reporter named after "pointing out that" is talked of; the "he" is the one pointing out
    text = ("“The Gazette had its story written before it talked to me,” Hal Greer said.\n\n"
            "Hal Greer turned the story back on the Gazette, pointing out that the paper's Robert Vance had reported "
            "in June that the campaign was failing. He hoped, he said, that the paper would stop.")
    assert speaker(text, 2) == "Hal Greer"


def test_a_pronoun_goes_last_to_a_family_member_the_article_names_once() -> None:
    # the only Ruiz known as a person is a man; the article gives "Ana Ruiz" once: the "she" is hers
    text = ("Ana Ruiz and Bernard Sand both visited the state this week.\n\n"
            "Sand held a rally Saturday while Ruiz hosted an event Monday, where she praised Governor Tom Ruiz.\n\n"
            "“I want to mention someone who is not here,” she said.")
    assert speaker(text, 2) == "Ana Ruiz"


def test_a_pronoun_after_a_name_with_jr_is_the_whole_name() -> None:
    # "Lee Jr" is no name: Tom is the first name, Jr. the suffix
    text = "The council met.\n\nTom Lee Jr., who wrote the plan, said it would save money.\n\n“It is fair,” he said."
    assert speaker(text, 2) == "Tom Lee Jr."


def test_a_name_its_verb_follows_is_the_subject_not_a_name_after_a_comma() -> None:
    # "Tom Waring took his son, Jacob, there": Waring opens the statement; Jacob is his son, in an apposition
    text = ("Carl Pryce said the museum would open in May.\n\n"
            "Tom Waring took his son, Jacob, there on Sunday to explain who Pryce was.\n\n"
            "He said: “He was brave, and I hope my son will be too.”")
    assert speaker(text, 2) == "Tom Waring"


@pytest.mark.parametrize("text", [
    pytest.param("Ads target the mayor.\n\nThe Liberty Fund, which a former aide founded, launched an ad on Monday."
                 "\n\nIt slams the mayor for the budget.", id="a-relative-clause"),
    pytest.param("Ads target the mayor.\n\nThe Liberty Fund, a group a former aide founded, launched an ad on Monday."
                 "\n\nIt slams the mayor for the budget.", id="an-apposition"),
])
def test_a_body_before_an_apposition_is_the_subject_for_it(text: str) -> None:
    assert speaker(text, 2) == "Liberty Fund"


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("The mayor raised money.\n\nThe campaign's filing was released on Monday.\n\nIt said the campaign had "
                 "$200,000.", "The campaign's filing", id="a-filing"),
    pytest.param("Schools are changing.\n\nA new study was published in May.\n\nIt found that scores rose.",
                 "A new study", id="a-study"),
])
def test_it_goes_to_the_document_a_statement_opens_with(text: str, name: str) -> None:
    result = audit_text(text, with_readability=False)
    assert speaker(text, 2) == name
    assert result.statements[2].label.value == "document"


def test_they_after_a_study_goes_to_the_study_nearby_not_as_a_last_resort() -> None:
    # "They found" after a study: its authors, whom the study stands for; far from it, a "they" is not the study's
    text = "Schools are changing.\n\nA new study surveyed parents and teachers in Ohio.\n\nThey found that scores rose."
    result = audit_text(text, with_readability=False)
    assert speaker(text, 2) == "A new study"
    assert result.statements[2].label.value == "document"
    far = ("Mayor Tom Diaz spoke.\n\nA new study came out.\n\nMr. Diaz said the roads were fine.\n\n"
           "Mr. Diaz said the bridge was fine too.\n\nThey found that scores rose.")
    assert speaker(far, 4) != "A new study"
