"""Where a statement rule may fire (`where:` in rules.yaml): the statement's place in its paragraph, on its line, in
the article (below the headline, first paragraph) and in a list of links under a list label."""
from __future__ import annotations

import re
from collections.abc import Sequence

from audit.models import Statement
from audit.rules.ruleset import Rule


def placed(rule: Rule, st: Statement, whole: bool, in_list: bool = False, lead: int = 1,
           line: bool = False, deck: bool = False, apart: bool = False) -> bool:
    """Whether every `where:` condition of a statement rule holds for this statement; `apart`: see `set_apart`."""
    if not rule.where:  # most rules: no place asked, no table built
        return True
    return all({"whole-paragraph": whole, "not-first-paragraph": st.paragraph > lead,
                "first-paragraph": st.paragraph == lead, "in-link-list": in_list and whole,
                "own-line": line, "not-first-statement": st.index > 0, "first-statement": st.index == 0,
                "not-deck": not deck, "deck": deck, "set-apart": apart}[cond]
               for cond in rule.where)


def is_deck(st: Statement, text: str, lead: int) -> bool:
    """Whether a statement is the deck under the headline: the line straight below the headline's (the first
    paragraph below the page furniture), with no blank line between ("Union says …; district says …"), or a
    paragraph of one line in sentence case after one blank line below a headline of one line (a title-case line
    there is a headline repeated, or a caption)."""
    if not lead or st.paragraph != lead + 1:
        return False
    before = text[max(0, st.start - 400):st.start]
    head, _, gap = before.rpartition("\n")
    if gap.strip():
        return False
    if head.rpartition("\n")[2].strip():
        return True
    headline = head.rpartition("\n")[0].rpartition("\n")[2].strip()  # the line above the blank one
    return bool(headline) and _sentence_case(text[st.start:st.end])


def _sentence_case(line: str) -> bool:
    """Whether fewer than half the words after the first open with a capital (not "Fed Chair Makes a Joke")."""
    words = line.split()[1:]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) * 2 < len(words)


def set_apart(st: Statement, text: str) -> bool:
    """Whether a statement stands between blank lines (or the text's ends): a crosshead between the items of a
    brief, not a line of a list under "the following:"."""
    before, after = text[max(0, st.start - 200):st.start], text[st.end:st.end + 200]
    head, _, gap = before.rpartition("\n")
    tail, _, rest = after.partition("\n")
    return (not gap.strip() and (not head or not head.rpartition("\n")[2].strip()) and not tail.strip()
            and not rest.partition("\n")[0].strip())


def own_line(st: Statement, text: str) -> bool:
    """Whether a statement stands alone on its line of the text (white space aside): a section label or a
    stamp on the line under a headline, a live blog's time over its entry."""
    before, after = text[max(0, st.start - 200):st.start], text[st.end:st.end + 200]
    return not before.rpartition("\n")[2].strip() and not after.partition("\n")[0].strip()


def in_link_list(whole: bool, fired: list[tuple[Rule, re.Match[str]]]) -> bool:
    """Whether the next statement may be a line of a list of links: this one is a paragraph of its own that a
    `role: list-label` rule took ("Related:", "More stories") or a rule placed `in-link-list` took, so a list of
    related headlines is furniture down to its first line of prose."""
    return whole and any(rule.role == "list-label" or "in-link-list" in rule.where for rule, _ in fired)


# The `where:` conditions known before any rule has fired, and those each one implies of a statement alone:
# `in-link-list` holds only for a paragraph of its own; the others hang on the lead paragraph or a label before.
_FIXED = {"whole-paragraph": "whole-paragraph", "in-link-list": "whole-paragraph", "own-line": "own-line",
          "first-statement": "first-statement", "not-first-statement": "not-first-statement"}


def fixed_places(statements: Sequence[Statement], whole: Sequence[bool], text: str) -> dict[str, int]:
    """For the conditions `placed` can tell of a statement before labelling, the statements (a bitset over
    `statements`, bit i: statements[i]) where they hold; `whole`: each statement is its paragraph's only one.
    A statement rule need not be searched where one of its conditions fails (see `fixed_where`)."""
    out = {"whole-paragraph": 0, "own-line": 0, "first-statement": 0, "not-first-statement": 0}
    for i, (st, alone) in enumerate(zip(statements, whole)):
        bit = 1 << i
        if alone:
            out["whole-paragraph"] |= bit
        if alone or own_line(st, text):  # as label_statements reads `line`
            out["own-line"] |= bit
        out["first-statement" if st.index == 0 else "not-first-statement"] |= bit
    return out


def fixed_where(rule: Rule, places: dict[str, int]) -> int | None:
    """The statements of `places` (fixed_places) where the rule's fixed conditions all hold; None: no condition."""
    found = None
    for cond in rule.where:
        key = _FIXED.get(cond)
        if key is not None:
            found = places[key] if found is None else found & places[key]
    return found
