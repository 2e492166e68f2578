"""Quotations blanked out of a statement's text, for the searches for who a pronoun stands for
(audit.label.candidates, audit.label.referents): names inside quotations are the speakers' words, not speakers."""
from __future__ import annotations

import re

from audit.rules.cache import code_pattern

_QUOTED = code_pattern(r"“[^“”]{0,2000}”|\"[^\"]{0,2000}\"|(?<!\w)''(?:(?!'').){1,2000}''(?!\w)")
_OPEN_TO_END = code_pattern(r"“[^”]*$")  # a quotation the statement opens and does not close
_START_TO_CLOSE = code_pattern(r"^[^“]*”")  # the end of a quotation a statement before opened


def unquoted(text: str) -> str:
    """The text with its quotations blanked, its length kept: closed ones, one it opens and does not close, and the
    end of one a statement before opened ("“Tom Lee knows that,” he said.": Tom Lee is talked of, not speaking)."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())
    return _OPEN_TO_END.sub(blank, _START_TO_CLOSE.sub(blank, _QUOTED.sub(blank, text)))


def first_same(pronoun: str, text: str, at: int) -> int:
    """Where the statement first uses the pronoun at `at` (outside quotations): one sentence's "he" twice is one
    person, so a name between the two is not theirs ("When he took the stage after Mr. Lee's welcome, he said …")."""
    m = re.search(rf"\b{re.escape(pronoun)}\b", unquoted(text[:at]), re.I)
    return m.start() if m is not None else at
