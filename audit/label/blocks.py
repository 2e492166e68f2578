"""Blocks under a colon: an attributed statement that ends its paragraph with a colon ("Hewitt writes:") gives its
label to the block after it (a block quotation, a list, embedded posts, a speech set line by line, a letter in the
speaker's own voice over several paragraphs). Used by audit.label.carry.
"""
from __future__ import annotations

from audit.label.quotes import SPEAKER_TAG as _TURN_TAG  # a transcript's "PENCE:" or "Chris Matthews:"
from audit.models import Attribution, Label, Match, Statement
from audit.rules.cache import code_pattern

Own = list[tuple[Label | None, list[Match], list[str]]]
NOT_CARRIED = (None, Label.NONE, Label.UNATTRIBUTED)  # labels no quotation or block carries on


def line_breaks(statements: tuple[Statement, ...], text: str) -> frozenset[int]:
    """Statements that open a paragraph set off from the one before by a single line break, in a text whose
    paragraphs are parted by blank lines but for a few such breaks: there, such lines are the lines of one block (a
    speech or a poem set line by line, a pasted excerpt), not paragraphs of their own; in a text that parts many
    paragraphs so, they are paragraphs. `text`: the article's text (or its masked copy)."""
    single, blank = [], 0
    for i in range(1, len(statements)):
        if statements[i].paragraph != statements[i - 1].paragraph:
            if text.count("\n", statements[i - 1].end, statements[i].start) == 1:
                single.append(i)
            else:
                blank += 1
    return frozenset(single) if len(single) * _RARE <= len(single) + blank else frozenset()


_RARE = 5  # a single line break is a line of a block where at most one paragraph break in so many is one


def paragraph_of(statements: tuple[Statement, ...], j: int) -> list[int]:
    """The statements of statement j's paragraph from j on (walked, not searched: a document may hold thousands)."""
    k = j
    while k + 1 < len(statements) and statements[k + 1].paragraph == statements[j].paragraph:
        k += 1
    return list(range(j, k + 1))


def carry_colon_block(statements: tuple[Statement, ...], own: Own, carried: dict[int, int],
                       lines: frozenset[int]) -> None:
    """An attributed statement that closes its paragraph with a colon ("Hewitt writes:") introduces the next
    paragraph: its statements without an attribution of their own take its label (a block quotation). When that
    paragraph is a list item ("- …", "• …", "1. …", "Rail fares: …") or an embedded post ("<tweet …>…"), the list
    items or the embedded posts that follow it are in the block too, and so are the lines after it with no blank
    line between (`lines`: a speech quoted line by line; the writer's narration after a block starts a paragraph of
    its own). A block without quotation marks in the speaker's own voice goes on over the paragraphs after it in that
    voice (`_carry_block_on`)."""
    for i, st in enumerate(statements[:-1]):
        nxt = statements[i + 1]
        if own[i][0] in NOT_CARRIED or not st.text.rstrip().endswith(":") or nxt.paragraph == st.paragraph \
                or _QUESTION_TAG.match(nxt.text):
            continue  # (an interviewer's "Q: …" is not the speaker's: their answers are turns of their own)
        item = next((shape for shape in (_LIST_ITEM, _LABELLED_ITEM, _EMBED) if shape.match(nxt.text)), None)
        j, paragraph = i + 1, nxt.paragraph
        while j < len(statements) and (statements[j].paragraph == paragraph or (
                statements[j].paragraph == paragraph + 1 and (
                    j in lines or (item is not None and item.match(statements[j].text))))):
            if j > i + 1 and own[j][0] is not None and statements[j].text.rstrip().endswith(":"):
                break  # the next block starts here: it walks on from there
            paragraph = statements[j].paragraph
            if own[j][0] is None and j not in carried:
                carried[j] = i
            j += 1
        if item is None and nxt.text[:1] not in _MARK_OPENERS and j - i <= _BLOCK_STATEMENTS \
                and any(_FIRST_PERSON.search(_unquoted(statements[k].text)) for k in range(i + 1, j)):
            _carry_block_on(statements, own, carried, i, j)


def _carry_block_on(statements: tuple[Statement, ...], own: Own, carried: dict[int, int], i: int, j: int) -> None:
    """A block without quotation marks in the speaker's own voice (its first paragraph says "I", "we" or "you": a
    letter, a statement) goes on over the paragraphs after it that have no attribution of their own, up to the last
    one in that voice with at most one paragraph not in it between ('When I came here … / None of that happened by
    accident. / The levy would keep our doors open.'); a paragraph that opens with a quotation mark, a list item or a
    speaker's tag ends it, and so does a heading, or a paragraph with an attribution of its own (the writer's)."""
    paragraphs: list[list[int]] = []
    while j < len(statements) and len(paragraphs) <= _BLOCK_GAP:
        para = paragraph_of(statements, j)
        first = statements[para[0]].text
        if any(own[k][0] is not None or k in carried for k in para) or first[:1] in _MARK_OPENERS \
                or _LIST_ITEM.match(first) or _TURN_TAG.match(first) \
                or statements[para[-1]].text.rstrip()[-1:] not in _SENTENCE_ENDS:
            return  # (a paragraph with no full stop at its end is a heading or a caption: the block is over)
        paragraphs.append(para)
        if any(_FIRST_PERSON.search(_unquoted(statements[k].text)) for k in para):
            for k in (k for p in paragraphs for k in p):
                carried[k] = i
            paragraphs = []
        j = para[-1] + 1


_BLOCK_STATEMENTS = 12  # a longer first paragraph is the writer's prose, run together with the block
_BLOCK_GAP = 1  # paragraphs not in the speaker's voice that a block in it may hold before it goes on
_FIRST_PERSON = code_pattern(r"\b(?:I|I[’']m|I[’']ve|I[’']d|I[’']ll|[Ww]e|[Ww]e[’'](?:re|ve|ll|d)|[Oo]ur|us|[Mm]y|me"
                           r"|[Yy]ou|[Yy]our)\b")
_MARK_OPENERS = "“\"‘'«"
_SENTENCE_ENDS = ".!?…”\"’'"
_QUOTED = code_pattern(r"[“\"][^”\"]*[”\"]")


def _unquoted(text: str) -> str:
    """The text without its quotations (the voice of the words outside them)."""
    return _QUOTED.sub(" ", text)


_QUESTION_TAG = code_pattern(r"(?:Q|QUESTION|Question)\s*[:.]\s")
# A list item's marker: a dash or bullet, a number, or the "l " a Wingdings bullet becomes in plain text.
_LIST_ITEM = code_pattern(r"\s*(?:[-*•·▪◦–—]|l(?=\s)|\d{1,2}[.)])\s+\S")
# A list item that opens with its topic and a colon ("Rail fares: the plan would freeze them."): a word or a few, only
# the first capitalised (a transcript's "Jane Roe:" is a speaker's turn, audit.label.turns).
_LABELLED_ITEM = code_pattern(r"\s*[A-Z][a-z’'-]+(?:\s+[a-z][\w’'-]*){0,3}:\s+\S")
# An embedded post as the text keeps it: its markup opens the paragraph.
_EMBED = code_pattern(r"\s*<(?:tweet|blockquote|post|embed)\b")


def carry_colon_run(statements: tuple[Statement, ...], attrs: list[list[Attribution]], own: Own,
                    carried: dict[int, int]) -> None:
    """An attributed statement whose cue a colon follows, the words after it set without quotation marks ("The chief
    wrote: The plan is dead. We will try again."): the statements after it in its paragraph, with no attribution of
    their own, go on with those words and take its label."""
    for i, st in enumerate(statements):
        if own[i][0] in NOT_CARRIED or ":" not in st.text:
            continue
        colon = _COLON_RUN.search(st.text)
        at = st.start + colon.start() if colon else -1
        if colon is None or not any(0 <= at - a.cue.end <= _CUE_TO_COLON and not _CLAUSE_END.search(
                st.text[a.cue.end - st.start:colon.start()]) for a in attrs[i]):
            continue
        j = i + 1
        while j < len(statements) and statements[j].paragraph == st.paragraph and own[j][0] is None \
                and j not in carried:
            carried[j] = i
            j += 1


_COLON_RUN = code_pattern(r":\s+(?=[A-Z][\w’'-]*\s)")  # a colon, then a clause in the speaker's words (no mark)
_CUE_TO_COLON = 30  # characters: a cue further from the colon is in a clause of its own
_CLAUSE_END = code_pattern(r"[.;!?“”\"]")
