"""Who a pronoun's statement mentions outside its quotations: the text with its quotations blanked, a person named
again after the pronoun (then the pronoun is someone else), and the first use of the same pronoun in a sentence
(audit.label.referents)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from audit.label.names import surname_of
from audit.models import Statement
from audit.rules.cache import code_pattern

if TYPE_CHECKING:
    from audit.label.candidates import Referent

_QUOTED = code_pattern(r"“[^“”]{0,2000}”|\"[^\"]{0,2000}\"|(?<!\w)''(?:(?!'').){1,2000}''(?!\w)")
_OPEN_TO_END = code_pattern(r"“[^”]*$")  # a quotation the statement opens and does not close
_START_TO_CLOSE = code_pattern(r"^[^“]*”")  # the end of a quotation a statement before opened


def unquoted(text: str) -> str:
    """The text with its quotations blanked, its length kept: closed ones, one it opens and does not close, and the
    end of one a statement before opened ("“Tom Lee knows that,” he said.": Tom Lee is talked of, not speaking)."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())
    return _OPEN_TO_END.sub(blank, _START_TO_CLOSE.sub(blank, _QUOTED.sub(blank, text)))


def named_after(ref: Referent, st: Statement, at: int) -> bool:
    """Whether the pronoun's statement names the person again after it ("He has declared Cruz to be …", "“…,” he
    said of Trump"): a pronoun and a name in one clause are two people."""
    surname = surname_of(ref.phrase)  # in lower case: the name again is capitalised ("young workers" is no Young)
    after = unquoted(st.text[at:])  # not inside a quotation: "He says “…, but it's not Sam Ruiz”" may be Ruiz
    if not surname or (after.isascii() and surname.isascii() and surname.lower() not in after.lower()):
        return False  # ASCII alone: re's case-insensitive matching is str.lower's (no pattern to compile)
    return any(m.group()[:1].isupper() for m in re.finditer(rf"\b{re.escape(surname)}\b", after, re.I))


def first_same(pronoun: str, text: str, at: int) -> int:
    """Where the statement first uses the pronoun at `at` (outside quotations): one sentence's "he" twice is one
    person, so a name between the two is not theirs ("When he took the stage after Mr. Lee's welcome, he said …")."""
    m = re.search(rf"\b{re.escape(pronoun)}\b", unquoted(text[:at]), re.I)
    return m.start() if m is not None else at
