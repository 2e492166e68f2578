"""Transcripts: a speaker's turn ("MATTHEWS: …", "Lopez: …") holds the paragraphs up to the next turn.

A turn is a paragraph that opens with an attribution of a `role: turn` rule and goes on with words (not a tally,
"Clinton: 547."). A text is a transcript when a speaker takes a second turn and someone else speaks too, or when
three speakers in capitals take turns ("HOLT: …", "CLINTON: …", "TRUMP: …"): headlines and section labels that
happen to open with a name ("Jeb Bush: Student loans …") name each person once. In a transcript, a turn's label
carries over the rest of its paragraph and over the paragraphs after it up to the next turn, when that turn comes
within a few paragraphs; the words after the last turn are left alone (the writer's narration takes over there), and
a statement that a rule took for page furniture, or one opening with another label in capitals ("THE FACTS: …"),
ends the turn.
"""
from __future__ import annotations

from collections import Counter

from audit.models import Attribution, Label, Match, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

Own = list[tuple[Label | None, list[Match], list[str]]]
_MAX_PARAGRAPHS = 4  # a turn, then at most three paragraphs of the same speaker before the next turn
_MIN_WORDS = 4  # words after the speaker's colon: fewer is a tally or a label ("Sanders: 46.")
_NAME = code_pattern(r"[\w’'-]+")
CAPITALS = code_pattern(r"[A-Z][A-Z.'’ -]{1,30}:\s")  # a speaker in capitals ("HOLT: …")
_CAPITAL_SPEAKERS = 3  # so many speakers in capitals taking turns make a transcript though each speaks once
_SECTION = code_pattern(r"\W*(?:\S+\s+){0,4}\S+:\s*$")  # a line of up to five words ending in a colon


def carry_turns(statements: tuple[Statement, ...], attrs: list[list[Attribution]], own: Own,
                carried: dict[int, int], ruleset: RuleSet) -> None:
    """Record in `carried` the statements each turn of a transcript holds (see the module's docstring)."""
    turn_rules = ruleset.with_role("turn")
    if not turn_rules:
        return
    found = _turns(statements, attrs, own, turn_rules)
    names = Counter(name for _, name, short in found if not short)
    capitals = {name for i, name, short in found if not short and CAPITALS.match(statements[i].text)}
    if (len(names) < 2 or max(names.values()) < 2) and len(capitals) < _CAPITAL_SPEAKERS:
        return  # no speaker speaks twice, or only one speaks, and fewer speakers in capitals: no transcript
    # a short turn of a speaker who also speaks at length is a turn too ("DIAZ: No."); a tally is not
    turns = [(i, name) for i, name, short in found if not short or name in names]
    for k, (i, _) in enumerate(turns):
        nxt = turns[k + 1][0] if k + 1 < len(turns) else None
        reach = nxt is not None and statements[nxt].paragraph - statements[i].paragraph <= _MAX_PARAGRAPHS
        end = nxt if reach and nxt is not None else _paragraph_end(statements, i)
        for j in range(i + 1, end):
            if own[j][0] is Label.NONE or _SECTION.match(statements[j].text) or CAPITALS.match(statements[j].text):
                break  # page furniture, a section label ("Foreign policy:") or a label in capitals ("THE FACTS: …")
            if own[j][0] is None and j not in carried:
                carried[j] = i


def _turns(statements: tuple[Statement, ...], attrs: list[list[Attribution]], own: Own,
           turn_rules: frozenset[str]) -> list[tuple[int, str, bool]]:
    """(statement index, the speaker's last name in lower case, whether it is short) of each turn, in order."""
    out = []
    for i, st in enumerate(statements):
        if (i and statements[i - 1].paragraph == st.paragraph) or own[i][0] in (None, Label.NONE, Label.UNATTRIBUTED):
            continue
        for a in attrs[i]:
            if a.rule_id in turn_rules:
                words = _NAME.findall(a.source_text)
                if words:  # the words of the whole paragraph after the colon ("Roe: It is fair. They can pay.")
                    said = [st.text[a.cue.end - st.start:]] + [statements[k].text for k in _rest(statements, i)]
                    out.append((i, words[-1].lower(), len(" ".join(said).split()) < _MIN_WORDS))
                break
    return out


def _rest(statements: tuple[Statement, ...], i: int) -> range:
    """The statements after statement i in its paragraph."""
    return range(i + 1, _paragraph_end(statements, i))


def _paragraph_end(statements: tuple[Statement, ...], i: int) -> int:
    j = i + 1
    while j < len(statements) and statements[j].paragraph == statements[i].paragraph:
        j += 1
    return j
