"""Quotations: where they open and close (straight, curly and single marks), and the text with them masked."""
from __future__ import annotations

import bisect
import re

from audit.models import Paragraph
from audit.rules.cache import code_pattern

_MARKS = code_pattern("''|[\"“”«»‘’']")
_ELISION = code_pattern(r"['‘’]\d\d(?:s)?\b")
# A transcript's speaker: a name in capitals ("PENCE:") or two to four capitalised words ("Chris Matthews:")
SPEAKER_TAG = code_pattern(r"(?:[A-Z][A-Z.'’ -]{1,30}|(?:[A-Z][\w.'’-]*\s){1,3}[A-Z][\w.'’-]*):\s")

MASK = "\x01"
_OPEN_DOUBLE = "“«"
_CLOSE_DOUBLE = "”»"
_MIN_MASK_WORDS = 5  # shorter quotations (titles, scare quotes) stay visible to the rules


def find_quotations(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[tuple[int, int], ...]:
    """Outermost quotations as (start, end) spans, marks included.

    A quotation opened with a straight mark closes with a straight mark (or a curly closing mark that no
    curly opening mark inside it pairs with), one opened with a curly mark with a curly or straight one; two
    apostrophes ('') count as a straight double mark; an apostrophe before two digits ("the '90s") is none; a
    closing curly mark after a space, before a word or an ellipsis, opens one when none is open (`_TURNED_OPEN`).
    A quotation still open at a paragraph's end runs on when the next paragraph opens with a quotation mark
    (the news convention for a quotation over several paragraphs); otherwise it ends there, or at the comma
    before a tag in it when its closing mark was left out ('"There was no help, said Kessel, who …'). A closing mark
    before a tag, with no quotation open and none closed before it in the paragraph, closes one that runs from the
    paragraph's start: its opening mark was left out ('We lost. We will win,” she said.').
    """
    spans: list[tuple[int, int]] = []
    state = _State()
    for pi, para in enumerate(paragraphs):
        skip = para.start + (_mark_width(text, para.start) if state.open_at is not None else 0)
        later = _Later(text, para.end)
        for m in _MARKS.finditer(text, skip, para.end):
            i, width = m.start(), m.end() - m.start()
            if _ELISION.match(text, i):
                continue  # "the '90s", "in '08": an apostrophe for the century, no quotation
            mark = '"' if width == 2 else text[i]
            prev = text[i - 1] if i > para.start else " "
            nxt = text[i + width] if i + width < para.end else " "
            if state.open_at is None and mark == "”" and prev.isspace() and _TURNED_OPEN.match(text, i + 1, para.end):
                state.open_at, state.opener, state.curly_inside = i, "“", 0  # '” … they are not like him,” she said'
                continue
            if state.open_at is None and mark in "”\"" and prev in _BEFORE_CLOSE \
                    and _opening_left_out(text, para, i + width, spans):
                spans.append((para.start, i + width))  # 'We lost. We will win,” she said.'
                continue
            if state.open_at is not None and _passes(state, text, i, mark, prev, later):
                continue
            closed = state.step(mark, i, width, prev, nxt)
            if closed is not None:
                spans.append(closed)
        if state.open_at is not None:
            following = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            state.nested = 0
            if following is None or text[following.start] not in _OPENERS[state.opener]:
                tag = _UNCLOSED_TAG.search(text, max(state.open_at, para.start), para.end)
                spans.append((state.open_at, tag.start() + 1 if tag else para.end))
                state.open_at = None
    return tuple(spans)


# After a space or at a paragraph's start, with no quotation open, a closing curly mark before a word or an
# ellipsis opens one (a mark turned the wrong way: 'Doing so ”appeared to be an attempt,” she said').
_TURNED_OPEN = code_pattern(r"\w|\s?(?:…|\.\.\.)")
# A tag: a verb of saying and its speaker, or a speaker and a verb of saying.
_TAG = (r"(?:(?:said|says|added|adds|wrote|writes|told)\s+(?:[A-Z]|(?:he|she|they)\b)"
        r"|(?:[A-Z][\w.’'-]*\s+){1,3}(?:said|says|added|adds|wrote|writes)\b"
        r"|(?:he|she|they)\s+(?:said|says|added|adds|wrote|writes)\b)")
_UNCLOSED_TAG = code_pattern(r",\s+" + _TAG)  # after the comma of a quotation whose closing mark was left out
# After a closing mark with no quotation open, the tag of a quotation whose opening mark was left out: it runs from
# its paragraph's start ('We lost. We will win,” she said.'), when no quotation closed before it in the paragraph.
_VERB = r"(?:said|says|added|adds|wrote|writes|told|tells|explained|continued|argued|noted|recalled|insisted|declared)"
_TAG_AFTER = code_pattern(r"[ \t]+(?:" + _VERB + r"\s+(?:[A-Z]|(?:he|she|they|the|an?)\b)"
                        r"|(?:(?:[A-Z][\w.’'-]*|the|an?)\s+){1,4}(?:[a-z][\w’'-]*\s+){0,2}" + _VERB + r"\b"
                        r"|(?:he|she|they|I|we)\s+" + _VERB + r"\b)")
_BEFORE_CLOSE = ",.?!…"


def _opening_left_out(text: str, para: Paragraph, after: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a closing mark ending at `after`, with no quotation open, closes one from the paragraph's start whose
    opening mark was left out: a tag follows it, and no quotation closed before it in the paragraph."""
    return not (spans and spans[-1][1] > para.start) and _TAG_AFTER.match(text, after, para.end) is not None


_OPENERS = {'"': '"“\'', "“": "“\"", "«": "«", "‘": "‘'", "'": "'‘"}
_CLOSERS = {'"': '"', "“": "”\"", "«": "»", "‘": "’", "'": "'’"}


def _passes(state: _State, text: str, i: int, mark: str, prev: str, later: _Later) -> bool:
    """Whether a mark inside an open quotation neither opens nor closes it: a quotation in the same curly marks
    nested in it ('“Show it when “your team” is at fault. Otherwise …”'), counted open and closed again, or an inch
    mark ('“He is like 6’2”, and …”'); either only when closing marks enough to end the outer quotation follow in
    the paragraph, so a stray mark never runs a quotation on past its paragraph."""
    if state.nested and mark == "”":
        state.nested -= 1
        return True
    if mark in "”\"" and _INCH.search(text, max(i - 4, 0), i) and later.closes_next(i, _CLOSERS[state.opener]):
        return True  # '6’2”' or "6'2\"": feet and inches, when the next mark closes (not “ opening another)
    if mark == "“" == state.opener and prev in _BEFORE_NESTED and text[i + 1:i + 2].isalpha() \
            and not _SENTENCE_END.search(text, max(i - 3, 0), i) and later.count(i, "”") >= state.nested + 2:
        state.nested += 1  # a nested quotation in the outer one's own marks, opening mid-sentence before a word
        return True
    return False


_INCH = code_pattern(r"\d['’]\d{1,2}$")  # feet and inches before the mark
_SENTENCE_END = code_pattern(r"[.!?][”’\"']?\s+$")  # a quotation opening a new sentence is no nested one: the
# closing mark of the one before was left out ('“We lost. “We will win,” she said.')
_BEFORE_NESTED = " \t\n(—–-/"  # what stands before a nested quotation's mark (not '“Wait!“, she said')


class _Later:
    """The double quotation marks of one paragraph from the first place asked about to its end, found then: how
    many of a kind follow a place, and which comes next, each in logarithmic time (a paragraph can hold thousands).
    Places must be asked about in order, as `find_quotations` walks the marks."""

    def __init__(self, text: str, end: int) -> None:
        self.text, self.end = text, end
        self.at: dict[str, list[int]] | None = None

    def _marks(self, start: int) -> dict[str, list[int]]:
        if self.at is None:
            self.at = {c: [] for c in "“”\""}
            for m in _DOUBLE.finditer(self.text, start, self.end):
                self.at[m.group()].append(m.start())
        return self.at

    def count(self, i: int, kinds: str) -> int:
        at = self._marks(i)
        return sum(len(at[c]) - bisect.bisect_right(at[c], i) for c in kinds if c in at)

    def closes_next(self, i: int, closers: str) -> bool:
        """Whether the next double mark after `i` is one of `closers` (and not a “ that opens another)."""
        at = self._marks(i)
        nxt = min(((at[c][k], c) for c in at if (k := bisect.bisect_right(at[c], i)) < len(at[c])), default=None)
        return nxt is not None and nxt[1] in closers


_DOUBLE = code_pattern("[“”\"]")


def _mark_width(text: str, i: int) -> int:
    return 2 if text.startswith("''", i) else 1


class _State:
    def __init__(self) -> None:
        self.open_at: int | None = None
        self.opener = ""  # the mark that opened it; only its own kind of mark closes it, so nested
        # quotations in the other kind of mark ("… ‘…’ …" or '"… “…” …"') pass through
        self.curly_inside = 0  # curly quotations open inside a straight one
        self.nested = 0  # quotations in its own curly marks open inside it (`_passes`)

    def step(self, ch: str, i: int, width: int, prev: str, nxt: str) -> tuple[int, int] | None:
        if self.open_at is None:
            if ch in "“«" or (ch == '"' and not prev.isalnum()):
                self.open_at, self.opener, self.curly_inside = i, ch, 0
            elif ch in "‘'" and not prev.isalnum() and (nxt.isalnum() or nxt in "“\"…"):
                self.open_at, self.opener, self.curly_inside = i, ch, 0
            return None
        single = self.opener in "‘'"
        if self.opener == '"' and ch in "“”":  # '"… ”' closes with the wrong mark unless a “ opened inside
            self.curly_inside += 1 if ch == "“" else -1
            if self.curly_inside >= 0:
                return None
        if (ch in _CLOSERS[self.opener] and not (single and nxt.isalnum())) or _misturned(self.opener, ch, prev, nxt) \
                or self.curly_inside < 0:
            span = (self.open_at, i + width)
            self.open_at, self.nested = None, 0
            return span
        return None


def _misturned(opener: str, ch: str, prev: str, nxt: str) -> bool:
    """An opening curly mark used to close ('“Apparently not,“ he said'): after a word or a comma, before a space."""
    return opener == ch == "“" and not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?")


# Marks inside a word that are no letters to the rules' `\w`: combining accents ("Pen\u0303a", decomposed) and the
# Latin-1 signs and controls a mis-decoded accented letter leaves ("PeÃ±a", "SarukhÃ\x83Â¡n"); not a no-break space.
_SPLIT_MARKS = "\u0300-\u036f\u0080-\u009f\u00a1-\u00bf"
_SPLIT_LETTER = code_pattern(f"(?<=\\w)[{_SPLIT_MARKS}]+(?=\\w|$)", re.M)
_LETTER = "x"


def join_split_letters(text: str) -> str:
    """The text with each run of such marks between letters replaced by as many letters, so a name the text
    spells with them ("PeÃ±a Nieto") is one word to the rules; offsets stay as they were."""
    return _SPLIT_LETTER.sub(lambda m: _LETTER * len(m.group()), text)


def mask_quotations(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text with the inside of each long quotation replaced by MASK (marks and newlines kept), and letters
    that marks split joined again (`join_split_letters`)."""
    return join_split_letters(_mask(text, spans))


def _whole_paragraph(text: str, start: int, end: int) -> bool:
    """Whether the quotation from `start` to `end` is all of its paragraph (up to a closing full stop)."""
    before = text[text.rfind("\n", 0, start) + 1:start]
    after_end = text.find("\n", end)
    after = text[end:after_end if after_end >= 0 else len(text)]
    return not before.strip() and not after.strip(" .\t\r")


def _mask(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    cursor = 0
    for start, end in spans:
        opening = _mark_width(text, start)  # '' (two apostrophes) is one mark
        closing = 2 if end - start >= 4 and text.startswith("''", end - 2) else 1
        inner = text[start + opening:end - closing]
        if len(inner.split()) < _MIN_MASK_WORDS:
            continue
        # a transcript's "PENCE:" or "Chris Matthews:" stays visible when the quotation is a whole paragraph (not a
        # salutation or a title inside prose: 'a line in bold, “Dear Friends: …”', '“The Long Road: A Memoir” sold')
        tag = SPEAKER_TAG.match(inner) if _whole_paragraph(text, start, end) else None
        if tag:
            start += tag.end()
            inner = inner[tag.end():]
        parts.append(text[cursor:start + opening])
        parts.append("\n".join(MASK * len(line) for line in inner.split("\n")))
        cursor = end - closing
    parts.append(text[cursor:])
    return "".join(parts)


_NEXT_QUOTATION = code_pattern(r"[ \t\r]*\n\s*[“\"‘«]")


def before_quotation(masked: str, end: int) -> bool:
    """Whether the paragraph ends at `end` and the next one opens with a quotation mark (an attribution rule asks
    for this place with `where: [before-quotation]`)."""
    return _NEXT_QUOTATION.match(masked, end) is not None


_CUT_QUOTATION = code_pattern(r"[?!…" + MASK + r"](?:[”\"’]|'')[ \t]*$")  # MASK: a quotation masked whole


def after_quotation(masked: str, start: int) -> bool:
    """Whether a quotation cut off as a statement of its own ends right before `start` on its line: closed with a
    question or an exclamation mark, or masked whole (`where: [after-quotation]`)."""
    return _CUT_QUOTATION.search(masked, max(0, start - 8), start) is not None
