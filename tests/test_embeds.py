"""Embedded posts: the words of a post are its author's, named by the signature line a pasted post ends with
("— Jane Roe (@JaneRoe) May 1, 2020"); embed markup, links and handles alone are no claims.

The expected labels were decided by reading the invented texts against ../shared/eval/GUIDELINES.md (an
identified person or organisation on the record is a named source), not taken from the tool's output.
"""
from __future__ import annotations

from tests.label_helpers import labels, speaker

PASTED = ("The council voted to close the pool on Tuesday.\n\n"
          "The pool closes for good on Monday. Thanks to every lifeguard who kept us safe. "
          "pic.twitter.com/AbCd123 — Jane Roe (@JaneRoe) May 1, 2020\n\n"
          "The vote was 5 to 2.\n")


def test_a_pasted_post_is_the_words_of_the_account_that_signs_it() -> None:
    assert labels(PASTED) == [
        ("The council voted to close the pool on Tuesday.", "unattributed"),
        ("The pool closes for good on Monday.", "named-source"),
        ("Thanks to every lifeguard who kept us safe. pic.twitter.com/AbCd123 — Jane Roe (@JaneRoe) May 1, 2020",
         "named-source"),
        ("The vote was 5 to 2.", "unattributed"),
    ]
    assert speaker(PASTED, 1) == "Jane Roe"


MARKUP = ("The council voted to close the pool on Tuesday.\n\n"
          "<tweet id=\"1\" author=\"@JaneRoe\" datetime=\"2020-05-01\">The pool closes for good on Monday. "
          "Thanks to every lifeguard. — Jane Roe (@JaneRoe) May 1, 2020</tweet>.\n\n"
          "<tweet tweet-id=\"123456789\"><tweet/>.\n\n"
          "#CityPool pic.twitter.com/AbCd123\n")


def test_an_embed_with_its_signature_is_the_signers_and_bare_markup_is_no_claim() -> None:
    assert labels(MARKUP) == [
        ("The council voted to close the pool on Tuesday.", "unattributed"),
        ("<tweet id=\"1\" author=\"@JaneRoe\" datetime=\"2020-05-01\">The pool closes for good on Monday.",
         "named-source"),
        ("Thanks to every lifeguard.", "named-source"),
        ("— Jane Roe (@JaneRoe) May 1, 2020</tweet>.", "named-source"),  # the signature: the cue
        ("<tweet tweet-id=\"123456789\"><tweet/>.", "none"),
        ("#CityPool pic.twitter.com/AbCd123", "none"),
    ]
    assert speaker(MARKUP, 1) == "Jane Roe"
    assert speaker(MARKUP, 2) == "Jane Roe"


def test_a_dash_and_a_date_without_a_handle_sign_nothing() -> None:
    text = "The pool closes for good on Monday. — Jane Roe, May 1, 2020\n"
    assert {label for _, label in labels(text)} == {"unattributed"}
