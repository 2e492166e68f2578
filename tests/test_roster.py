"""audit.label.roster: who a statement's source is, by name, on small hand-written paragraphs.

The expected names were decided by reading each paragraph (who is speaking), not taken from the tool's output.
"""
from __future__ import annotations

import pytest

from audit.pipeline import audit_text
from tests.label_helpers import speaker


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Felipe Calderon said the wall was a bad idea.\n\nIn Texas, Donald Trump answered Calderon "
                 "on Friday. “We will build it,” he said.", 2, "Donald Trump", id="he-after-a-subject-not-the-object"),
    pytest.param("Felipe Calderon said the wall was a bad idea.\n\nDonald Trump has made several statements on "
                 "the matter. “We will build it,” he said.", 2, "Donald Trump", id="he-after-the-paragraph-subject"),
    pytest.param("Felipe Calderon said the wall was a bad idea.\n\nMr. Obama was angry. “Fine,” he said.", 2,
                 "Obama", id="he-after-a-titled-subject"),
    pytest.param("Felipe Calderon said the wall was a bad idea.\n\nWashington was quiet. “Fine,” he said.", 2,
                 "Felipe Calderon", id="a-one-word-subject-may-be-a-place"),
    pytest.param("Felipe Calderon said the wall was a bad idea.\n\n“Fine,” he said.", 1, "Felipe Calderon",
                 id="he-with-no-name-in-its-paragraph"),
    pytest.param("Felipe Calderon said the wall was a bad idea.\n\nDonald Trump spoke next.\n\nThe crowd cheered "
                 "Calderon. “Fine,” he said.", 3, "Felipe Calderon", id="he-after-a-known-name-in-its-paragraph"),
])
def test_a_pronoun_names_the_person_its_paragraph_is_about(text: str, index: int, name: str) -> None:
    assert speaker(text, index) == name


def test_a_name_in_apposition_names_the_source() -> None:
    text = "Facebook created the tool in 2014, a spokeswoman, Anna Richardson White, said on Saturday."
    assert speaker(text, 0) == "Anna Richardson White"
    assert audit_text(text, with_readability=False).statements[0].label.value == "named-source"


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("“It would not have happened,” says J.J. MacNab, an expert on militias.", "J.J. MacNab",
                 id="initials"),
    pytest.param("“You don't know what you don't know,” said R. Gil Kerlikowske, the commissioner.",
                 "R. Gil Kerlikowske", id="one-initial"),
])
def test_an_inverted_source_keeps_its_initials(text: str, name: str) -> None:
    assert speaker(text, 0) == name


def test_page_furniture_names_no_source() -> None:
    """A "See also" line reads like "X: …" to the colon rules, but it is furniture (label none): no source."""
    text = ("The mayor said the budget was balanced.\n\nSee also: Council budget explained\n\n"
            "Jane Smith said the water was clean.")
    result = audit_text(text, with_readability=False)
    see_also = next(s for s in result.statements if s.statement.text.startswith("See also"))
    assert see_also.label.value == "none" and see_also.source_id is None
    assert [s.name for s in result.sources] == ["The mayor", "Jane Smith"]
    assert all(see_also.index not in s.statements for s in result.sources)


def test_a_pronoun_taken_back_to_an_unnamed_person_names_that_person() -> None:
    """'He' after an unnamed official is that official: the label says anonymous, so must the source."""
    text = ("Mayor Ana Ruiz opened the bridge on Friday.\n\nA senior official who asked not to be named said the "
            "repairs had cost more than planned. He said the contractor was paid twice.")
    result = audit_text(text, with_readability=False)
    assert result.statements[2].label.value == "anonymous-source"
    assert speaker(text, 2) == "A senior official who asked not to be named"
    # a group named in between is no "he"
    text = "A senior official said talks stalled. Residents said they were angry. He said the deal was off."
    assert speaker(text, 2) == "A senior official"


def test_an_office_of_a_state_is_no_part_of_the_name() -> None:
    text = "Deputy Secretary of State Tom Nides said the talks would go on."
    assert speaker(text, 0) == "Tom Nides"


def test_a_first_person_speaker_is_the_writer() -> None:
    # A memoir's "“No,” I said." and a column's "We reported last week that …" rest on the writer, who signs the
    # article; "I think" is the writer's own analysis: unattributed.
    text = ("“I am not shy,” I said. “I never was.”\n\nWe reported last week that the mayor resigned. I think it "
            "rained. “Why?” I asked him.")
    assert [speaker(text, i) for i in range(6)] == ["the writer", "the writer", "the writer", None, "the writer",
                                                   "the writer"]


@pytest.mark.parametrize(("text", "label", "name"), [
    pytest.param("In the ruling, Judge Amberley wrote that the plant must close.", "document", "Amberley",
                 id="a-ruling-a-judge-wrote"),
    pytest.param("In a 2017 memo, the bureau proposed that the pilot end.", "document", "the bureau",
                 id="a-memo-a-body-suggested"),
    pytest.param("In the recorded call, Witkoff informed Ushakov of the meeting.", "leaked-transcript", "Witkoff",
                 id="a-recording-a-speaker-informed"),
    pytest.param("In the latest poll, the senator leads by four points.", "document", "the latest poll",
                 id="a-poll-with-no-speaker"),
    pytest.param("“We filed the largest report in the county,” Mayor Tom Hale said in a press release.", "document",
                 "Tom Hale", id="said-in-a-press-release"),
    pytest.param("Judge Ana Ruiz wrote in her ruling that the law was “an attempt to punish.”", "document", "Ana Ruiz",
                 id="wrote-in-her-ruling"),
    pytest.param("The Riverside Fund stated in a release Tuesday that the grant was never paid.", "document",
                 "Riverside Fund", id="stated-in-a-release"),
])
def test_the_speaker_in_a_setting_is_named_and_the_setting_labels(text: str, label: str, name: str) -> None:
    result = audit_text(text, with_readability=False)
    assert result.statements[0].label.value == label
    assert speaker(text, 0) == name


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("Meanwhile, CNN’s Dana Whitcombe said the speech would run long.", "Dana Whitcombe",
                 id="outlet-reporter"),
    pytest.param("“Fine,” the Post's senior politics editor Owen Brask responded.", "Owen Brask", id="outlet-editor"),
    pytest.param("CNN reported that the speech would run long.", "CNN", id="the-outlet-itself"),
    pytest.param("A panel of reporters led by CNN’s Dana Whitcombe agreed that the plan was weak.", "CNN",
                 id="not-a-phrase-that-only-ends-with-a-reporter"),
])
def test_an_outlets_reporter_is_named(text: str, name: str) -> None:
    assert speaker(text, 0) == name
    assert audit_text(text, with_readability=False).statements[0].label.value == "secondhand-report"


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("“It was a fair vote,” said Mara Quill of Laramie.", "Mara Quill", id="name-of-a-town"),
    pytest.param("Tobin Hale of Grace Hill Baptist Church warned that the plan would fail.", "Tobin Hale",
                 id="name-of-a-church"),
    pytest.param("Deputy Director Sam Ortiz of Harlow County said the plan would fail.", "Sam Ortiz",
                 id="title-name-of-a-county"),
    pytest.param("Secretary of State Lena Varga said the plan would fail.", "Lena Varga", id="an-office-of-a-state"),
])
def test_a_person_of_a_place_or_a_body_is_named_by_their_name(text: str, name: str) -> None:
    assert speaker(text, 0) == name


def test_a_first_person_inside_someone_elses_words_is_theirs() -> None:
    # "I told the council …" in a block after "Mayor Ana Ruiz said:" is the mayor's, not the writer's
    text = "Mayor Ana Ruiz said:\n\nWe have balanced the budget. I told the council that we would."
    assert [speaker(text, i) for i in range(3)] == ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(("text", "index", "name"), [
    pytest.param("Hillary Clinton toured the plant on Monday.\n\n“Jobs come first,” Clinton said.", 1,
                 "Hillary Clinton", id="a-surname-takes-the-first-name-the-article-gives"),
    pytest.param("Hillary Clinton and Bill Clinton toured the plant.\n\n“Jobs come first,” Clinton said.", 1,
                 "Clinton", id="not-when-two-first-names-could-be-meant"),
    pytest.param("Bill Clinton waved. Hillary Clinton toured the plant.\n\n“Jobs come first,” Mrs. Clinton said.", 2,
                 "Hillary Clinton", id="the-first-name-that-fits-a-title"),
    pytest.param("Sen. Ted Cruz (R-Texas) said the bill would fail. Cruz said it twice.", 1, "Ted Cruz",
                 id="a-party-tag-is-no-part-of-a-name"),
    pytest.param("The crowd cheered the anchor Jorge Ramos on Friday.\n\n“It was rude,” Ramos said.", 1,
                 "Jorge Ramos", id="a-first-name-no-lexicon-knows"),
    pytest.param("The former Secretary of State Okafor toured the plant.\n\n“Jobs come first,” Okafor said.", 1,
                 "Okafor", id="not-a-word-after-of"),
    pytest.param("The plant closed. Following Okafor, the workers left.\n\n“Jobs come first,” Okafor said.", 2,
                 "Okafor", id="not-a-participle-opening-a-clause"),
])
def test_a_person_is_named_by_their_fullest_name(text: str, index: int, name: str) -> None:
    """The roster names a person by the fullest name the article gives them, even outside a source phrase; the
    party and state after a lawmaker's name are not part of it."""
    assert speaker(text, index) == name


def test_a_poll_beside_a_share_of_its_respondents_is_the_source() -> None:
    text = "According to a Riverside Gazette survey, 51 percent of respondents said they would back the plan."
    assert speaker(text, 0) == "a Riverside Gazette survey"
    alone = "Some 51 percent of respondents said they would back the plan."
    assert speaker(alone, 0) == "Some 51 percent of respondents"


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("“The voters have spoken,” said council member Dana Pike when asked about Tom Hardy.", "Dana Pike",
                 id="not-the-person-a-when-clause-names"),
    pytest.param("“We are ready,” said Rob Kane while touring the plant with Ann Lee.", "Rob Kane",
                 id="not-a-while-clause"),
])
def test_a_clause_after_a_speakers_name_is_no_part_of_it(text: str, name: str) -> None:
    assert speaker(text, 0) == name
