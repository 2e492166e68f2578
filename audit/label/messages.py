"""A message that speaks for its author: '"…," the statement said.' after "In a statement, Okafor said …".

A definite message noun as a source ("the statement", "the post", "the email": `message_nouns` in rules.yaml) is a
document by its source rule. When the statement before it, in the same paragraph, names who sent that message (a
named source whose statement sends the same kind of message: "the utility said in a post on X", "In a written
statement, Okafor congratulated …"), the message is that source's words on the record, and it takes the named
source. And "the report", "the story" straight after a statement an outlet relays (in its paragraph or the
next one) is that outlet's piece: secondhand; "the paper" a few statements after a study is that study's paper,
not a newspaper."""
from __future__ import annotations

import dataclasses
import functools
import re

from audit.models import Attribution, Label, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

_PIECE = code_pattern(r"(?:the|that|this)\s+(?:report|story|article|piece)", re.IGNORECASE)  # an outlet's, again
_PAPER = code_pattern(r"(?:the|this|that)\s+(?:new\s+|same\s+)?paper", re.IGNORECASE)
_STUDY = code_pattern(r"\b(?:study|studies|paper|journal)\b", re.IGNORECASE)
# "the report, released by the comptroller", "the report of the task force": a piece with its own author
_OWNED = code_pattern(r"[’']s\b|\s*,?\s*(?:(?:\w+ly\s+)?(?:released|issued|published|prepared|written|compiled|"
                    r"commissioned|produced|filed|drafted|made\s+public)\s+(?:[^.,;]{0,40}?\s)?)?by\s|"
                    r"\s+(?:of|from)\s+the\s", re.IGNORECASE)
_STUDY_BACK = 8  # statements "the paper" looks back through for the study it names again
_DEFINITE = code_pattern(r"^(?:the|that|this)\s+(?:[\w’'-]+\s+){0,2}?(?P<noun>[a-z][\w-]*?)s?$", re.IGNORECASE)


def messages_of_named(attrs: list[list[Attribution]], statements: tuple[Statement, ...],
                      ruleset: RuleSet) -> list[list[Attribution]]:
    """Each attribution whose source is a definite message noun, with the named source of the statement before
    when that statement mentions the same kind of message (a definite piece, with the outlet of the statement
    before, which may close the paragraph before); the others as they are."""
    nouns = {n.lower() for n in ruleset.lexicons.get("message_nouns", ()) if " " not in n}
    out: list[list[Attribution]] = []
    for i, group in enumerate(attrs):
        # the statement before, in the same paragraph or closing the one before ("the report" an outlet's piece)
        prev = i - 1 if i and statements[i - 1].paragraph >= statements[i].paragraph - 1 else None
        group = [_as_author(a, statements[prev], attrs[prev], nouns, statements[i]) if prev is not None else a
                 for a in group]
        out.append([_as_study(a, attrs[max(0, i - _STUDY_BACK):i]) for a in group])
    return out


def _as_study(a: Attribution, before: list[list[Attribution]]) -> Attribution:
    """"The paper" taken for a newspaper, a few statements after a study or a journal with no outlet cited
    between them: that study's paper."""
    if a.label is not Label.SECONDHAND or not _PAPER.fullmatch(a.source_text.strip()):
        return a
    nearest = next((b for group in reversed(before) for b in reversed(group) if _outlet(b) or
                    (b.label is Label.DOCUMENT and _STUDY.search(b.source_text))), None)
    study = nearest if nearest is not None and nearest.label is Label.DOCUMENT else None
    if study is None:
        return a
    return dataclasses.replace(a, kind=study.kind, label=Label.DOCUMENT, referent=study)


def _outlet(b: Attribution) -> bool:
    """An outlet cited nearer than the study ("The Chronicle first reported …"): "the paper" is then its paper."""
    return b.label is Label.SECONDHAND and not _PAPER.fullmatch(b.source_text.strip())


@functools.lru_cache(maxsize=64)
def _sent(noun: str) -> re.Pattern[str]:
    """The message noun sent by its author before ("in a statement", "posted a message"); `noun` is a word of the
    message_nouns lexicon, so the start-up cache keeps the lexicon's programs, nothing of an article."""
    return code_pattern(rf"\b(?:(?:in|via|through)\s+(?:a|an|the|his|her|its|their)|(?:released|issued|posted|sent|"
                        rf"put\s+out|wrote|published)\s+(?:a|an))\s+(?:[\w’'-]+\s+){{0,2}}?{re.escape(noun)}s?\b",
                        re.IGNORECASE)


def _as_author(a: Attribution, before: Statement, group: list[Attribution], nouns: set[str],
               st: Statement) -> Attribution:
    if a.label is not Label.DOCUMENT:
        return a
    m = _DEFINITE.match(a.source_text.strip())
    noun = m.group("noun").lower() if m is not None else ""
    outlet = next((b for b in group if b.label is Label.SECONDHAND), None)
    if _PIECE.fullmatch(a.source_text.strip()) and outlet is not None and \
            not _OWNED.match(st.text, a.source_end - st.start):  # "the report" after "the Insider reported"
        return dataclasses.replace(a, kind=outlet.kind, label=Label.SECONDHAND, referent=outlet)
    if noun not in nouns or before.paragraph != st.paragraph:
        return a
    if not _sent(noun).search(before.text):  # "in a statement", "posted a message": the author sent it
        return a
    author = next((b for b in group if b.label is Label.NAMED), None)
    if author is None:
        return a
    return dataclasses.replace(a, kind=author.kind, label=Label.NAMED, referent=author)
