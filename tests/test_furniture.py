"""Page furniture found by structure: a list of related headlines, or of ways to help, under a list label is no claim.

The expected labels were decided by reading the lines against ../shared/eval/GUIDELINES.md ("none": section
labels, bullet lists of headlines), not taken from the tool's output.
"""
from __future__ import annotations

from audit.pipeline import audit_text

ARTICLE = ("Council passes the budget\n\n"
           "The council passed the budget on Monday, the mayor said.\n\n"
           "{label}\n\n"
           "Mayor Lee: The Budget Is A Disaster.\n\n"
           "Senator Says She Will Not Run Again\n\n"
           "The vote came after a long debate.\n\n"
           "Mayor Lee Says The Vote Was Fair.\n")


def _labels(text: str) -> dict[str, str]:
    return {s.statement.text: s.label.value for s in audit_text(text, with_readability=False).statements}


def test_headlines_under_a_related_label_are_furniture() -> None:
    for label in ("Related:", "More stories", "READ MORE", "“Related:”"):
        got = _labels(ARTICLE.format(label=label))
        assert got["Mayor Lee: The Budget Is A Disaster."] == "none", label
        assert got["Senator Says She Will Not Run Again"] == "none", label


def test_the_list_ends_at_the_first_line_of_prose() -> None:
    got = _labels(ARTICLE.format(label="Related:"))
    assert got["The vote came after a long debate."] == "unattributed"
    # a headline-like line after the prose is a claim again: it follows no list label
    assert got["Mayor Lee Says The Vote Was Fair."] == "named-source"


def test_headlines_with_no_list_label_keep_their_label() -> None:
    got = _labels(ARTICLE.format(label="The council met at noon."))
    assert got["Mayor Lee: The Budget Is A Disaster."] == "named-source"


HELP = ("The fire destroyed 40 homes on Tuesday, the fire chief said.\n\n"
        "{label}\n\n"
        "Red Cross: redcross.example or text FIRE to 90999.\n\n"
        "- Call the county shelter at 555-0100.\n\n"
        "“Give what you can,” said Ana Diaz, who runs the shelter.\n")


def test_a_list_of_ways_to_help_is_furniture_down_to_the_first_quotation() -> None:
    for label in ("How to donate:", "How you can help the victims:", "Ways to help:"):
        got = _labels(HELP.format(label=label))
        assert got[label] == "none", label
        assert got["Red Cross: redcross.example or text FIRE to 90999."] == "none", label  # no speaker's colon
        assert got["- Call the county shelter at 555-0100."] == "none", label
        assert got["“Give what you can,” said Ana Diaz, who runs the shelter."] == "named-source", label


def test_a_directory_line_with_no_help_label_keeps_its_colon() -> None:
    got = _labels(HELP.format(label="The shelter opened at noon."))
    assert got["Red Cross: redcross.example or text FIRE to 90999."] == "named-source"


PAGE_TOP = ("{top}"
            "Harbor board backs new ferry schedule for the summer\n\n"
            "The harbor board voted 4-1 on Tuesday to add two evening ferries, the chair said.\n\n"
            "Riders lined up at the west dock before dawn\n\n"
            "The new schedule starts in June.\n")


def test_bylines_stamps_and_prompts_are_furniture() -> None:
    text = ("Ferry fares go up in May\n\n"
            "By Jane Roe | Staff Writer\n"
            "Updated 10:05 a.m. EST\n\n"
            "The harbor board raised fares on Tuesday, the chair said.\n\n"
            "3:40 p.m.\n\n"
            "Get the Harbor Herald’s morning newsletter in your inbox.\n\n"
            "By Tuesday, the board had voted twice.\n")
    got = _labels(text)
    for line in ("By Jane Roe | Staff Writer", "Updated 10:05 a.m. EST", "3:40 p.m.",
                 "Get the Harbor Herald’s morning newsletter in your inbox."):
        assert got[line] == "none", line
    assert got["By Tuesday, the board had voted twice."] == "unattributed"


def test_the_headline_under_a_byline_is_the_first_paragraph() -> None:
    """A headline with no closing stop is no caption when only page furniture stands above it; a line of the
    same shape further down still is."""
    for top in ("", "By Jane Roe | Staff Writer\nMarch 4, 2025\n\n", "Share this\n\nNov. 15, 2024\n\n"):
        got = _labels(PAGE_TOP.format(top=top))
        assert got["Harbor board backs new ferry schedule for the summer"] == "unattributed", top
        assert got["Riders lined up at the west dock before dawn"] == "none", top


KICKERS = ("Ferry fares to rise in June\nLocal News\n\nBy Jo Park\nMarch 3, 2025 4:05 PM EST\n"
           "Listen to this article (3 min)\n\n"
           "Fares on the island ferry will rise 10% in June, the port authority said.\n\n"
           "What to know\nThe increase is the first since 2019.\n\n"
           "6:40 p.m.\nResidents said the rise would hurt.\n\n"
           "Ferry Fares Rise Again\n\nLongtime ferry riders say the boats are old.\n")


def test_kickers_and_stamps_on_a_line_of_their_own_are_furniture() -> None:
    # "none": section labels, datelines alone, a page's audio button (GUIDELINES.md); a line of its own,
    # though its paragraph holds a headline, a stamp's byline or a live entry
    got = _labels(KICKERS)
    for line in ("Local News", "March 3, 2025 4:05 PM EST", "Listen to this article (3 min)", "What to know",
                 "6:40 p.m."):
        assert got[line] == "none", line
    assert got["Ferry fares to rise in June"] == "unattributed"  # the headline is a claim
    assert got["The increase is the first since 2019."] == "unattributed"
    assert got["Residents said the rise would hurt."] == "anonymous-source"
    assert got["Longtime ferry riders say the boats are old."] == "anonymous-source"  # a plural by its shape


def test_a_kicker_shape_is_no_furniture_when_it_shares_its_line_or_heads_the_article() -> None:
    got = _labels("What to know\nThe ferry runs at noon. Share prices fell.\n")
    assert got["What to know"] != "none"  # the first statement is the headline, whatever its shape
    got = _labels("The ferry runs at noon.\n\nShare prices fell. Fuel rose.\n")
    assert got["Share prices fell."] == "unattributed"


DECKED = ("CITY HALL\n\n"
          "Library hours cut as the county trims its budget\n"
          "{deck}\n\n"
          "By Jo Marsh, staff writer\n\n"
          "The county library will close on Sundays from March, the board said on Monday.\n\n"
          "Volunteers from the Friends of the Library at a sale on Elm Street last fall\n")


def test_a_deck_under_the_headline_is_a_claim_labelled_by_its_cues() -> None:
    got = _labels(DECKED.format(deck="Head librarian Ann Cole says the cuts go too far"))
    assert got["Head librarian Ann Cole says the cuts go too far"] == "named-source"
    got = _labels(DECKED.format(deck="Three branches have closed since spring"))
    assert got["Three branches have closed since spring"] == "unattributed"
    # the same shape further down, parted from the headline by a blank line, is still a caption
    assert got["Volunteers from the Friends of the Library at a sale on Elm Street last fall"] == "none"


def test_a_deck_with_no_verb_labels_the_package() -> None:
    got = _labels(DECKED.format(deck="Analysis and reader questions from the Gazette county team"))
    assert got["Analysis and reader questions from the Gazette county team"] == "none"


BLANK_DECKED = ("Politics\n\n"
                "Mayor wins a second term by a wide margin\n\n"
                "{deck}\n\n"
                "By Jo Marsh\n\n"
                "Mayor Ana Ruiz won a second term on Tuesday, the county clerk said.\n\n"
                "Arrest in March burglary\n\n"
                "A man was arraigned on Friday, court records show.\n")


def test_a_deck_after_one_blank_line_is_a_claim_and_a_short_crosshead_is_not() -> None:
    got = _labels(BLANK_DECKED.format(deck="Her wins in three wards leave her rival needing a miracle next year"))
    assert got["Her wins in three wards leave her rival needing a miracle next year"] == "unattributed"
    assert got["Arrest in March burglary"] == "none"
    # a title-case line there is no deck: a caption, or the headline repeated
    got = _labels(BLANK_DECKED.format(deck="Supporters Cheer The Mayor At Her Party On Main Street"))
    assert got["Supporters Cheer The Mayor At Her Party On Main Street"] == "none"


def test_a_short_line_of_a_list_is_no_crosshead() -> None:
    got = _labels("Council passes the budget\n\nThe mayor has to do the following:\n\nStop spending\nHire staff\n"
                  "Fix the roads.\n\nOther items\n\nThe pool opens on Monday.\n")
    assert got["Stop spending"] == "unattributed"
    assert got["Other items"] == "none"
