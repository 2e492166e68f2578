"""Furniture known by its place: the section label over a headline, an explainer's question headings and a
reporter's contact line are no claims; the headline under a kicker is still the headline.

Expected labels were decided by reading the invented lines against ../shared/eval/GUIDELINES.md ("none": section
labels, subscription and contact prompts; a headline that asserts something is a claim), not from the tool's output.
"""
from __future__ import annotations

from tests.label_helpers import labels

KICKER = ("Markets & Economy\n\n"
          "Hiring cools sharply as retailers brace for a thin season\n\n"
          "By Ana Ruiz\n\n"
          "Employers added 62,000 jobs last month, the Labor Department said on Friday.\n")

EXPLAINER = ("Pharmacies to sell overdose tablets without a prescription\n\n"
             "The agency approved the tablets on Monday.\n\n"
             "What is the new tablet?\n\n"
             "It dissolves under the tongue in about two minutes.\n\n"
             "Who can buy it?\n\n"
             "Anyone over 18 can buy it off the shelf.\n\n"
             "“Who pays for it?” one pharmacist asked.\n\n"
             "Contact Jo Park securely at tips@ledger.example.\n")


def test_a_kicker_over_the_headline_is_furniture_and_the_headline_a_claim() -> None:
    got = dict(labels(KICKER))
    assert got["Markets & Economy"] == "none"
    assert got["Hiring cools sharply as retailers brace for a thin season"] == "unattributed"


def test_a_title_case_headline_is_not_a_kicker() -> None:
    got = dict(labels("Council Approves Budget After Long Debate\n\n"
                      "The council voted 5-2 on Monday, the clerk said.\n"))
    assert got["Council Approves Budget After Long Debate"] == "unattributed"


def test_question_headings_are_furniture_but_a_quoted_question_is_not() -> None:
    got = dict(labels(EXPLAINER))
    assert got["What is the new tablet?"] == "none"
    assert got["Who can buy it?"] == "none"
    assert got["“Who pays for it?” one pharmacist asked."] == "anonymous-source"
    assert got["It dissolves under the tongue in about two minutes."] == "unattributed"


def test_a_contact_line_is_furniture() -> None:
    assert dict(labels(EXPLAINER))["Contact Jo Park securely at tips@ledger.example."] == "none"
