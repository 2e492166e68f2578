"""A colon that ends a paragraph: a verb of saying before it makes the next paragraph's quotation the subject's;
any other verb does not.

The expected labels were decided by reading the text against ../shared/eval/GUIDELINES.md (carry-over: a
quotation takes the attribution next to it), not taken from the tool's output.
"""
from __future__ import annotations

from tests.label_helpers import labels


def test_a_statement_after_a_colon_of_saying_carries_to_the_quotation() -> None:
    text = ("The council met on Monday.\n\n"
            "When the vote ended, the mayor released the following statement:\n\n"
            "“We will rebuild the bridge. It will take two years.”\n\n"
            "She went on to say:\n\n"
            "“Nobody will pay more tax.”\n")
    assert labels(text) == [
        ("The council met on Monday.", "unattributed"),
        ("When the vote ended, the mayor released the following statement:", "named-source"),
        ("“We will rebuild the bridge.", "named-source"),
        ("It will take two years.”", "named-source"),
        ("She went on to say:", "named-source"),
        ("“Nobody will pay more tax.”", "named-source"),
    ]


def test_a_colon_after_an_act_is_no_attribution() -> None:
    text = ("Police arrested two men after the chase:\n\n"
            "Both face felony charges.\n\n"
            "Gov. Ruiz signed three bills on Friday:\n\n"
            "The first raises the minimum wage.\n")
    assert {label for _, label in labels(text)} == {"unattributed"}


def test_an_act_and_a_colon_over_a_quoted_paragraph_introduce_the_quotation() -> None:
    text = ("The council met on Friday.\n\n"
            "She then listed the questions she wants answered:\n\n"
            "\"Who approved the contract? Why was it never put out to bid?\n\n"
            "\"When did the council learn of the overruns?\"\n\n"
            "The council meets again next week.\n")
    assert labels(text) == [
        ("The council met on Friday.", "unattributed"),
        ("She then listed the questions she wants answered:", "named-source"),
        ("\"Who approved the contract?", "named-source"),
        ("Why was it never put out to bid?", "named-source"),
        ("\"When did the council learn of the overruns?\"", "named-source"),
        ("The council meets again next week.", "unattributed"),
    ]


def test_an_act_and_a_colon_over_narration_are_no_attribution() -> None:
    text = ("She then listed the questions she wants answered:\n\n"
            "Most of them concern the contract.\n")
    assert {label for _, label in labels(text)} == {"unattributed"}



def test_embedded_posts_after_a_colon_of_saying_are_in_the_block() -> None:
    text = ("Two council members called for a recount on Tuesday:\n\n"
            "<tweet author=\"JaneRoe\">Every ballot must be counted again.</tweet>.\n\n"
            "<tweet author=\"JohnDoe\">The margin is too thin to trust.</tweet>.\n\n"
            "The clerk set the recount for Friday.\n")
    assert labels(text) == [
        ("Two council members called for a recount on Tuesday:", "anonymous-source"),
        ("<tweet author=\"JaneRoe\">Every ballot must be counted again.</tweet>.", "anonymous-source"),
        ("<tweet author=\"JohnDoe\">The margin is too thin to trust.</tweet>.", "anonymous-source"),
        ("The clerk set the recount for Friday.", "unattributed"),
    ]


def test_a_block_without_marks_in_the_speakers_voice_goes_on_over_its_paragraphs() -> None:
    # a letter quoted as a block: its paragraphs in "I"/"we" are hers, one paragraph between them too; the
    # writer's paragraph after it (no "I" or "we", none after it) is not. The letter is the setting of her words, a
    # document before its writer in GUIDELINES.md's chain order ("In a 2017 memo, the bureau proposed …")
    text = ("In a letter to the board, Ruiz wrote:\n\n"
            "When I took this job, the pool had been closed for a year.\n\n"
            "None of that was anyone's fault.\n\n"
            "The new budget would let us open it every weekend.\n\n"
            "The board meets again on Monday.\n")
    assert [label for _, label in labels(text)] == ["document"] * 4 + ["unattributed"]
    said = text.replace("In a letter to the board, Ruiz wrote:", "Ruiz told the board:")
    assert [label for _, label in labels(said)] == ["named-source"] * 4 + ["unattributed"]


def test_a_block_not_in_the_speakers_voice_or_followed_by_an_attribution_ends_after_its_paragraph() -> None:
    third = ("The mayor released a statement:\n\n"
             "The city will reopen the pool in May.\n\n"
             "The pool was built in 1961 and we swam there as children.\n")
    assert [label for _, label in labels(third)] == ["named-source", "named-source", "unattributed"]
    narrated = ("Ruiz wrote:\n\n"
                "We will reopen the pool in May.\n\n"
                "Critics said the date was too late.\n\n"
                "We want it open for the summer.\n")
    assert [label for _, label in labels(narrated)] == ["named-source", "named-source", "anonymous-source",
                                                         "unattributed"]


def test_an_interviewers_question_after_a_colon_is_not_the_speakers() -> None:
    text = ("Here is part of what Ruiz said at the hearing:\n\n"
            "Q: Why close the pool?\n\n"
            "RUIZ: We ran out of money for the repairs.\n")
    assert [label for _, label in labels(text)] == ["named-source", "unattributed", "named-source"]


def test_a_heading_ends_a_block_in_the_speakers_voice() -> None:
    # a section heading after the block: the paragraph under it is not the letter's, though it says "we"
    text = ("In a letter to the board, Ruiz wrote:\n\n"
            "When I took this job, the pool had been closed for a year.\n\n"
            "What comes next\n\n"
            "We will know more about the budget in May.\n")
    # the heading itself is a crosshead between blank lines (short-heading): no claim (GUIDELINES: section labels)
    assert [label for _, label in labels(text)] == ["document", "document", "none", "unattributed"]


def test_a_cue_and_a_colon_give_the_rest_of_the_paragraph_set_without_quotation_marks() -> None:
    # 'wrote: The plan is dead.' the words after the colon and the rest of the paragraph are the letter's
    text = ("Budget.\n\n"
            "In a letter to members, the union chief wrote: The plan is dead. We will try again in the fall.\n\n"
            "The council meets on Tuesday.\n")
    got = [label for _, label in labels(text)]
    assert got[2] == got[1] != "unattributed" and got[3] == "unattributed"  # (a letter's words: a document)
    # a colon in a clause of its own, far from the cue, introduces the writer's words
    far = ("Budget.\n\n"
           "The count showed just how weak the old guard of the party really is: With all votes in, it won a third. "
           "Everyone else shared the rest.\n")
    assert [label for _, label in labels(far)][-1] == "unattributed"


def test_list_items_that_open_with_a_topic_and_a_colon_are_in_the_block() -> None:
    text = ("Plan.\n\n"
            "The campaign said the changes it wants include:\n\n"
            "Rail fares: Planners want fares frozen for two years.\n\n"
            "Bus lanes: Planners have drawn ten new lanes.\n\n"
            "The council meets on Tuesday.\n")
    assert [label for _, label in labels(text)] == ["unattributed", "named-source", "named-source", "named-source",
                                                    "unattributed"]
