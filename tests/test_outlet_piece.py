"""A piece in another outlet named as the setting ("In a review in the Standard, the critic called …") relays
like "X told <outlet>": secondhand unless the outlet is the article's own publisher (GUIDELINES: "X told Fox News"
in an article not from Fox News; with no --publisher the outlet counts as another one); the review is no document,
and the roster still names the critic.
Also: a group of professionals is anonymous even when a document noun closes its tail, and the documents and
guards added with them. Expected labels come from reading GUIDELINES.md, not from the tool's output.
"""
from __future__ import annotations

import pytest

from audit.pipeline import audit_text

REVIEW = "In a 2024 review in The Riverside Standard, the critic Malcolm Pryor called the restaurant a triumph."


def _label(text: str, publisher: str | None = None) -> str:
    return audit_text(text, publisher=publisher, with_readability=False).statements[-1].label.value


@pytest.mark.parametrize("publisher, label", [(None, "secondhand-report"), ("The Riverside Standard", "named-source"),
                                              ("The Harbor Ledger", "secondhand-report")])
def test_a_review_in_another_outlet_relays(publisher: str | None, label: str) -> None:
    assert _label(REVIEW, publisher) == label


def test_the_roster_names_the_critic_not_the_outlet() -> None:
    result = audit_text(REVIEW, with_readability=False)
    names = {s.id: s.name for s in result.sources}
    assert "Pryor" in (names.get(result.statements[-1].source_id) or "")


@pytest.mark.parametrize("text, label", [
    ("Experts in campaign finance law said the emails could bring a complaint.", "anonymous-source"),
    ("Pharmacists say the biggest obstacle has been stigma.", "anonymous-source"),
    ("If the person does not wake within three minutes, the label says, give a second tablet.", "document"),
    ("Under a law passed by Congress in 2014, however, the aid can be suspended.", "document"),
    ("Emails released by the county appear to show the manager knew of the flaw.", "document"),
    ("It is 4 p.m., and the chef is arguing with a fish supplier.", "unattributed"),
    ("Inspectors cited the home for two minor deficiencies.", "unattributed"),
    ("In interviews, Democrats cited several factors for the low turnout.", "anonymous-source"),
])
def test_groups_documents_and_guards(text: str, label: str) -> None:
    assert _label(text) == label
