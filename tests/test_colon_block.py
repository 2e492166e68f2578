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
