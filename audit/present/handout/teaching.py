"""What the handout says to students that does not come from the engine: the labels in plain words (with an
example from this article where it has one the hunt does not use), the learning objective per level and the
Common Core standards per grade band."""
from __future__ import annotations

import re
from dataclasses import dataclass

from audit.models import Label, LabelledStatement
from audit.present.annotate import STYLES, LabelStyle
from audit.present.handout.reasons import quote
from audit.present.report import excerpt

PLAIN = {
    Label.NAMED: ("named source", "A person or organisation the article names says it or stands behind it.",
                  "“We will vote on Tuesday,” Senator Ana Ruiz said."),
    Label.ANONYMOUS: ("anonymous source", "Someone says it, but the article does not give their name.",
                      "A senior official, who asked not to be named, said the talks had stalled."),
    Label.SECONDHAND: ("secondhand report", "The article passes on what another news outlet reported.",
                       "The plan was first reported by Reuters."),
    Label.LEAKED: ("leaked transcript", "It comes from a recording, transcript or document that was leaked, "
                   "not published.", "A leaked memo shows the company knew of the fault."),
    Label.DOCUMENT: ("document", "It comes from a public record: a report, a court filing, official data, a poll.",
                     "According to the court filing, the firm owes $2 million."),
    Label.UNATTRIBUTED: ("unattributed", "The article says it in its own voice, with no source.",
                         "The bridge will close next week."),
    Label.NONE: ("not a claim", "Not part of the story: a caption, a share button, a byline.",
                 "Share this article"),
}
OBJECTIVES = {
    "intro": "I can tell whether a statement in a news article comes from a named source, an unnamed source, "
             "another outlet or a document, or has no source at all.",
    "standard": "I can identify how each statement of a news article is sourced, who the sources are, and "
                "which claims a reader cannot check.",
    "advanced": "I can identify how every statement of a news article is sourced, judge which claims a reader "
                "cannot check, and plan how to verify them.",
}
STANDARD_TEXT = {
    "RI.8.1": "cite the evidence that supports an analysis of the text",
    "RI.8.8": "evaluate the claims in a text and whether the evidence is sufficient",
    "RI.9-10.1": "cite strong and thorough textual evidence",
    "RI.9-10.8": "evaluate the claims in a text and whether the evidence is relevant and sufficient",
    "RI.11-12.1": "cite textual evidence, and say where the text leaves matters uncertain",
    "RI.11-12.7": "integrate and evaluate multiple sources of information",
}
EXAMPLE_MAX = 90


@dataclass(frozen=True)
class GlossaryEntry:
    style: LabelStyle
    plain: str
    example: str  # in quotation marks
    example_number: int | None  # the statement it is taken from (from 1), or None for a made-up example


@dataclass(frozen=True)
class Standard:
    code: str
    text: str


def standards(grade: str) -> tuple[Standard, ...]:
    """Common Core reading standards (informational text) for the grade band's first number."""
    m = re.search(r"\d+", grade)
    first = int(m.group()) if m else 0
    if not first:
        codes = ("RI.9-10.8", "RI.11-12.7")
    elif first <= 8:
        codes = ("RI.8.1", "RI.8.8")
    elif first <= 10:
        codes = ("RI.9-10.1", "RI.9-10.8")
    else:
        codes = ("RI.11-12.1", "RI.11-12.7")
    return tuple(Standard(f"CCSS.ELA-Literacy.{c}", STANDARD_TEXT[c]) for c in codes)


def glossary(statements: tuple[LabelledStatement, ...], hunted: set[str]) -> tuple[GlossaryEntry, ...]:
    """Each label in plain words, with the article's clearest statement of that label whose words the hunt
    does not use (`hunted`: their texts, so a repeated paragraph gives nothing away), not carried from a
    quotation, the surest then the shortest; else a made-up example."""
    out = []
    for label, (_, plain, made_up) in PLAIN.items():
        own = sorted((ls for ls in statements if ls.label is label and ls.statement.text not in hunted
                      and ls.carried_from is None),
                     key=lambda ls: (-ls.confidence, len(ls.statement.text), ls.index))
        if own:
            out.append(GlossaryEntry(STYLES[label], plain, quote(excerpt(own[0].statement.text, EXAMPLE_MAX)),
                                     own[0].index + 1))
        else:
            out.append(GlossaryEntry(STYLES[label], plain, quote(made_up), None))
    return tuple(out)
