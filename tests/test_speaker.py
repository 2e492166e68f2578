"""audit.label.speaker: the speaker's name where a rule's source phrase is a description beside it, or an opening
phrase taken for the subject. Invented sentences; each expected name was decided by reading who is speaking."""
from __future__ import annotations

import pytest

from tests.label_helpers import labels, speaker


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("Dana Whitfield, a spokeswoman for the mayor, called on the council to act and said the vote was "
                 "a mistake.", "Dana Whitfield", id="name-then-description"),
    pytest.param("“The plan is dead,” Oren Castell, the analyst who runs the survey site tweeted on Monday.",
                 "Oren Castell", id="name-then-description-after-a-quotation"),
    pytest.param("The bridge was never inspected, said the agency's director, Paula M. Brennard.", "Paula M. Brennard",
                 id="closing-description-then-name"),
    pytest.param("But the other candidate on the stage, former Governor Lena Marsh, drew a contrast, saying that "
                 "the costs were real.", "Lena Marsh", id="description-then-name-as-subject"),
    pytest.param("Another pollster, Ruth Okafor, said the race was close.", "Ruth Okafor", id="another-then-name"),
    pytest.param("A pollster, Ruth Okafor of Dunmore College, said the race was close.", "Ruth Okafor",
                 id="description-then-name-of-a-body"),
    pytest.param("Her chief policy aide, Tomas Berg, calls the plan a blueprint.", "Tomas Berg",
                 id="possessive-description-then-name"),
    pytest.param("Reyes' sister, Marisol Reyes, said the family was proud.", "Marisol Reyes",
                 id="possessor-description-then-name"),
    pytest.param("One pastor backing Senator Vale, Darren Whitby of Grace Hill Church in Marlow, said he had called "
                 "150 pastors.", "Darren Whitby", id="description-then-name-of-a-body-in-a-town"),
])
def test_a_name_beside_a_description_names_the_speaker(text: str, name: str) -> None:
    assert speaker(text, 0) == name


@pytest.mark.parametrize("text", [
    "Dana Whitfield, a spokeswoman for the mayor, called on the council to act and said the vote was a mistake.",
    "Another pollster, Ruth Okafor of Dunmore College, said the race was close.",
    "Her chief policy aide, Tomas Berg, calls the plan a blueprint.",
])
def test_a_description_beside_a_name_is_no_anonymous_source(text: str) -> None:
    assert labels(text)[0][1] == "named-source"


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("Moreover, Jeremy Olund, an economist at the institute, noted that the plans end in 2030.",
                 "Jeremy Olund", id="linking-adverb"),
    pytest.param("Of the governor, Halvorsen, who has given money to his rival, said, “He is a fine man.”",
                 "Halvorsen", id="preposition"),
    pytest.param("Worried by the protests in the capital, Senator Ida Brandt said she had called the mayor.",
                 "Ida Brandt", id="participle-phrase"),
    pytest.param("Once he was elected, Mr. Varga made the treaty a priority, announcing a new envoy.", "Varga",
                 id="subordinate-clause-then-participle-cue"),
    pytest.param("Inside the conference hall, Voss on Tuesday dismissed the plan, arguing that it was too costly.",
                 "Voss", id="place-phrase"),
    pytest.param("Having promised that the plant would stay open, Judge Amberley went on to read the ruling.",
                 "Amberley", id="participle-holding-the-cue"),
])
def test_an_opening_phrase_is_not_the_subject(text: str, name: str) -> None:
    assert speaker(text, 0) == name


@pytest.mark.parametrize(("text", "name", "label"), [
    pytest.param("Days after it ruled last July in favor of the plan, Senator Ida Brandt of Ohio, now a presidential "
                 "contender, proposed an amendment.", "Ida Brandt", "named-source", id="pronoun-and-verb"),
    pytest.param("After the meeting ended in chaos when many delegates were deemed ineligible, Roberta Vance, the "
                 "state party chairwoman, said she had received threats.", "Roberta Vance", "named-source",
                 id="auxiliary-the-group-was-no-source"),
    pytest.param("The quarrel began even before he landed, as Mr. Ortega, contradicting the minister, said he had "
                 "refused.", "Ortega", "named-source", id="clause-then-as"),
    pytest.param("People who were briefed on the plan, including aides, said it would fail.",
                 "People who were briefed on the plan", "anonymous-source",
                 id="a-relative-clause-is-part-of-the-source"),
])
def test_a_clause_taken_for_the_subject_gives_way_to_the_subject(text: str, name: str, label: str) -> None:
    assert speaker(text, 0) == name
    assert labels(text)[0][1] == label


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("After Brask said that the plan would fail, Olund said he disagreed.", "Olund",
                 id="a-subordinate-clause-keeps-its-own-speaker"),
    pytest.param("Kelly, a spokeswoman, said the plan would work.", "Kelly", id="a-name-ending-like-an-adverb"),
    pytest.param("A farmer near Concord, New Hampshire, said the roads were closed.", "A farmer near Concord",
                 id="a-place-is-no-name"),
])
def test_a_subject_stays_the_speaker(text: str, name: str) -> None:
    assert speaker(text, 0) == name


def test_a_surname_the_text_writes_as_a_name_is_no_opening_word() -> None:
    text = "The vote was close, according to Hastily. Hastily, a clerk, said the count was right."
    assert speaker(text, 1) == "Hastily"


@pytest.mark.parametrize(("text", "name", "label"), [
    pytest.param("News of the merger was first reported by the Daily Ledger.", "the Daily Ledger", "secondhand-report",
                 id="outlet-agent"),
    pytest.param("The plan was jointly written by a county delegate, Marisa Quellen, and a union organiser.",
                 "Marisa Quellen", "named-source", id="agent-with-a-name-in-apposition"),
    pytest.param("The ruling was sharply criticized by local farmers.", "local farmers", "anonymous-source",
                 id="group-agent"),
])
def test_a_passive_is_spoken_by_its_agent(text: str, name: str, label: str) -> None:
    assert speaker(text, 0) == name
    assert labels(text)[0][1] == label



@pytest.mark.parametrize(("text", "name"), [
    pytest.param("The network was quick to push back after Senator Ivo Marsh blamed it for the report.", "Ivo Marsh",
                 id="after-a-clause"),
    pytest.param("The mayor did not sound confident when Tillerman asked whether the plan would pass.", "Tillerman",
                 id="when-a-clause"),
    pytest.param("Clara Voss was booed at the debate when she said the attack was unfair.", "Clara Voss",
                 id="a-pronoun-after-when"),
    pytest.param("CNN was quick to push back after Senator Ivo Marsh blamed the network for the error.",
                 "Ivo Marsh", id="not-the-outlet-the-clause-opens-with"),
])
def test_a_source_phrase_over_a_clause_boundary_keeps_its_last_subject(text: str, name: str) -> None:
    assert speaker(text, 0) == name


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("Mr. Manford, citing “the unique appeal of the candidate,” said the candidate could be competitive "
                 "in states like Ohio.", "Manford", id="subject-aside-verb-then-a-clause"),
    pytest.param("WASHINGTON (AP) — The firm has grown, according to new filings it submitted to the Senate.",
                 "new filings it submitted to the Senate", id="a-dateline-is-no-subject"),
    pytest.param("“It is over,” said Petra Smolen, who has been a critic.", "Petra Smolen", id="a-relative-clause"),
])
def test_a_clause_after_the_verb_is_no_speaker(text: str, name: str) -> None:
    assert speaker(text, 0) == name


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("Ms. Toreal, Mrs. Raman and other prominent donors in both parties said their networks had changed.",
                 "Ms. Toreal, Mrs. Raman and other prominent donors in both parties", id="two-names-and-others"),
    pytest.param("But Ellison and other security experts acknowledge that the scenario would be novel.",
                 "Ellison and other security experts", id="one-name-and-others-after-but"),
])
def test_a_group_keeps_the_members_named_before_it(text: str, name: str) -> None:
    assert speaker(text, 0) == name
    assert labels(text)[0][1] == "anonymous-source"


@pytest.mark.parametrize("text", [
    pytest.param("Last November, a spokesman for the campaign said the ads would stop.", id="a-time-opens-it"),
    pytest.param("Across Ohio, a spokesman for the campaign said, turnout was low.", id="a-place-opens-it"),
])
def test_an_opening_phrase_before_an_unnamed_speaker_names_nobody(text: str) -> None:
    # the description is the subject itself, not an apposition closed by a comma: the speaker stays unnamed
    assert labels(text)[0][1] == "anonymous-source"
    assert speaker(text, 0) == "a spokesman for the campaign"


def test_the_opening_words_are_the_rules_files_lexicon() -> None:
    # "Moreover" opens the sentence and is no subject because rules.yaml's opening_words says so: the same rules
    # without that lexicon take it for the speaker's name
    import dataclasses

    from audit.pipeline import audit_text
    from audit.rules.loader import default_rules

    text = "Moreover, Jane Roe, director of the Acme Institute, noted this week that costs rose.\n"
    pack = default_rules()
    without = dataclasses.replace(pack, lexicons={**pack.lexicons, "opening_words": ()})
    sources = [[a.source_text for s in audit_text(text, ruleset=rules).statements for a in s.attributions]
               for rules in (pack, without)]
    assert sources == [["Jane Roe"], ["Moreover"]]


@pytest.mark.parametrize(("text", "name", "label"), [
    pytest.param("“Turnout will be low,” said another pollster, David Orrin, who teaches at the college.",
                 "David Orrin", "named-source", id="another-role-then-the-name"),
    pytest.param("“We are done,” said one aide, Mary Tesslow.", "Mary Tesslow", "named-source",
                 id="one-role-then-the-name"),
    pytest.param("“It is hard,” said a voter in Des Moines, Iowa.", "a voter in Des Moines", "anonymous-source",
                 id="a-place-after-the-role-is-no-name"),
    pytest.param("“It is hard,” said a voter, Orrin Tesslow.", "a voter", "anonymous-source",
                 id="no-common-first-name"),
])
def test_a_closing_tag_names_the_person_after_an_indefinite_role(text: str, name: str, label: str) -> None:
    """'said another pollster, David Orrin': the apposition names the speaker (GUIDELINES.md: named by name), when it
    opens with a common first name."""
    assert speaker(text, 0) == name
    assert labels(text)[0][1] == label


@pytest.mark.parametrize(("text", "name", "label"), [
    pytest.param("Rafe Monte, a spokesman for Mrs. Lee, called on the mayor to apologize and said he had gone too far.",
                 "Rafe Monte", "named-source", id="a-name-then-its-role-with-a-phrase-then-two-verbs"),
    pytest.param("Last May, a spokesman for the campaign said the ads would stop.", "a spokesman for the campaign",
                 "anonymous-source", id="an-opening-time-is-no-name"),
])
def test_a_role_with_a_phrase_after_a_name_is_that_persons(text: str, name: str, label: str) -> None:
    """'Rafe Monte, a spokesman for Mrs. Lee, … and said': the second verb's subject is the named spokesman."""
    assert speaker(text, 0) == name
    assert labels(text)[0][1] == label


@pytest.mark.parametrize(("text", "names", "label"), [
    pytest.param("Two objectors, Ana Fuller and Tom Weir, had challenged the bid, contending that it was late.",
                 ("Ana Fuller", "Tom Weir"), "named-source", id="a-group-then-two-names"),
    pytest.param("The three scholars -- Mr. Holm, Ms. Vance and Mr. Pruitt -- agreed the rule was void.",
                 ("Holm", "Vance", "Pruitt"), "named-source", id="a-group-then-names-between-dashes"),
    pytest.param("Officials in Ohio, Texas and Iowa, said the count was right.", ("Officials in Ohio",),
                 "anonymous-source", id="places-are-no-members"),
])
def test_a_group_with_its_members_named_after_it_is_theirs(text: str, names: tuple[str, ...], label: str) -> None:
    """A group described, then its members named in apposition: the statement rests on named persons (the roster
    names one of them)."""
    assert speaker(text, 0) in names
    assert labels(text)[0][1] == label


@pytest.mark.parametrize(("text", "index", "name", "label"), [
    pytest.param("Mr. Kerrigan met the minister on Monday. The goal, he said, is a durable cease-fire.", 1,
                 "Kerrigan", "named-source", id="he-in-an-aside"),
    pytest.param("Regional officials met with the ferry unions. The talks, they said, eased some fears.", 1,
                 "Regional officials", "anonymous-source", id="they-in-an-aside"),
])
def test_a_pronoun_set_off_after_the_first_words_is_the_speaker(text: str, index: int, name: str,
                                                                 label: str) -> None:
    """'The goal, he said, is …': 'he' is the speaker; 'The goal' opens the content, it names nobody."""
    assert speaker(text, index) == name
    assert labels(text)[index][1] == label
