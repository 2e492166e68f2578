"""Carry-over: statements with no attribution of their own that take a neighbour's (GUIDELINES.md).

Inside an attributed quotation, a statement takes the label of the statement that says who is speaking;
after a `carry: paragraph` attribution (a transcript's "PENCE: …"), the rest of the paragraph takes it; in a
transcript, a speaker's turn holds the paragraphs up to the next turn (audit.label.turns); after a colon that
ends a paragraph, the block under it takes the colon's statement's, and after a cue and a colon whose words go on
without quotation marks, the rest of the paragraph does (audit.label.blocks).
"""
from __future__ import annotations

import bisect

from audit.label.blocks import NOT_CARRIED, Own, carry_colon_block, carry_colon_run, paragraph_of
from audit.label.narration import Speakers, across_narration, someone_else
from audit.label.turns import CAPITALS, carry_turns
from audit.models import Attribution, Label, Quotation, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet


def carry_over(statements: tuple[Statement, ...], attrs: list[list[Attribution]], own: Own,
               quotations: tuple[Quotation, ...], ruleset: RuleSet, lines: frozenset[int] = frozenset()
               ) -> dict[int, int]:
    """Statement index -> the index of the statement whose label it carries. `lines`: `line_breaks`."""
    carried = _carry(statements, own, quotations)
    _carry_paragraphs(statements, attrs, own, carried, ruleset)
    carry_turns(statements, attrs, own, carried, ruleset)
    carry_colon_block(statements, own, carried, lines)
    carry_colon_run(statements, attrs, own, carried)
    _carry_left_open(statements, own, quotations, carried)
    return carried


def _carry_left_open(statements: tuple[Statement, ...], own: Own, quotations: tuple[Quotation, ...],
                     carried: dict[int, int]) -> None:
    """A quotation left open at its paragraph's end whose next paragraph holds no opening mark but closes with a
    closing one ('“The steel is rotten. / We will rebuild it in two years.”'): the writer left out the mark that
    goes on with it, so that paragraph is the speaker's words too, when none of it has an attribution of its own."""
    for q in quotations:
        who, last = q.attribution_statement, q.statements[-1]
        nxt = last + 1
        if who is None or own[who][0] in NOT_CARRIED or nxt >= len(statements) \
                or statements[nxt].paragraph != statements[last].paragraph + 1 \
                or statements[last].text.rstrip()[-1:] in _CLOSING or q.end < statements[last].end:
            continue
        para = paragraph_of(statements, nxt)
        body = " ".join(statements[k].text for k in para).rstrip()
        if body[-1:] in _CLOSING and not _ANY_MARK.search(body[:-1]) and body[-2:-1] in ".?!…,-—" \
                and len(body.split()) >= _CLOSING_WORDS and not _SIGNATURE.match(body) \
                and all(own[k][0] is None and k not in carried for k in para):
            for k in para:
                carried[k] = who


_CLOSING = "”\"’'"
_CLOSING_WORDS = 5  # fewer words before the closing mark are a signature under a pulled quotation ('Jane Roe."')
_SIGNATURE = code_pattern(r"(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*,[^.]*\.?[”\"’']$")  # ('Jane Roe, mayor."')
_ANY_MARK = code_pattern("[“”\"«»]|''")  # a double mark (single ones are apostrophes too often)


def attach_quotations(spans: tuple[tuple[int, int], ...], statements: tuple[Statement, ...],
                      attributed: list[bool], furniture: frozenset[int] = frozenset(),
                      speakers: Speakers | None = None) -> tuple[Quotation, ...]:
    """Each quotation with the statements it overlaps and the statement that says who is speaking. `furniture`:
    the statements a rule labelled `none` (page furniture), which no speaker's words run across; `speakers`: who
    speaks in each statement, for a quotation after a statement of narration (audit.label.narration; without it,
    none carries across narration)."""
    starts = [st.start for st in statements]
    out: list[Quotation] = []
    for start, end in spans:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = max(bisect.bisect_left(starts, end) - 1, first)
        inside = tuple(range(first, last + 1))
        st = statements[first]
        words = len(st.text[start - st.start:end - st.start].split()) if last == first else _LONG_QUOTE
        text, at = statements[last].text, end - statements[last].start
        tail = text[at:] if len(text) - at <= _TAIL_MAX else "…"  # no copy of a long rest per quotation
        closes = not _ASIDE.sub("", tail).strip(_TAIL_MARKS)  # nothing but marks and asides after it
        entire = st.start == start and closes
        leads = entire or (st.start == start and last == first  # it opens its statement, which goes on after it,
                           and not _COMMA_CLOSE.search(st.text[:end - st.start]))  # not into a tag of its own
        who = _speaker_statement(first, last, statements, (attributed, furniture, speakers), out, words >= _LONG_QUOTE,
                                 (entire, leads, st.text[:start - st.start] if closes and last == first else None))
        out.append(Quotation(start, end, inside, who))
    return tuple(out)


_LONG_QUOTE = 4  # words: shorter quotations mid-sentence are scare quotes or titles, nobody's words
_TAIL_MARKS = " \n.,;:!?)]"  # what may follow a quotation that is all of its statements,
_TAIL_MAX = 100  # characters: a longer rest of the statement after a quotation is more than marks and asides
_ASIDE = code_pattern(r"\[[^\]]{0,80}\]|\([^)]{0,80}\)")  # and a stage direction or an aside ("[Applause.]")
_HEADING_WORDS = 7  # a paragraph of at most so many words all in single marks is a heading ('A change warrior.')
# A statement that opens with its speaker and a verb (the statement has a cue: this is the tag of the quotation
# just before it): one to four capitalised words, then a past or present verb ("Clinton remarked, …"), or
# with an apposition between them ("Jane Roe, the head of the group, tweeted on Friday …"); not a determiner or
# an adjective over a plural ("Smaller studies over the decade have …", "Younger fans say she …": a sentence).
# Not a tag that goes on with a clause of its own ("Police said fans left …", "Jones added that …").
_TAG_FIRST = code_pattern(r"(?!(?:Smaller|Larger|Bigger|Younger|Older|Newer|Earlier|Later|Many|Some|Most|Other"
                          r"|Several|Few|Fewer|More|New|Recent|Previous|Similar|Both|All|These|Those|Such|Two|Three)"
                          r"\s+[a-z])"  # a determiner or an adjective over a plural
                          r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*(?:\s+(?:said|told|wrote|[a-z]{2,}(?:ed|s))"
                          r"|,\s+(?:the|a|an|his|her|their|its)\s[^,“”\"]{2,60},\s+(?:said|told|wrote|[A-Za-z][a-z]+(?:ed|s)))\b"
                          r"(?!\s+(?:that\b|[a-z]+\s+(?:had|has|have|was|were|is|are|would|will|could|left|went"
                          r"|[a-z]{2,}ed)\b))")

# A statement that opens with a word of going on and a pronoun's tag set off by commas, then goes on quoting: the
# speaker of the quotation just before it goes on ('“We stay.” After all, she says, “this is our town.”'; not 'Then
# Lee said, “…”', which may bring in someone new).
_LEAD_TAG = code_pattern(r"(?:After\s+all|Still|Yet|Again|Indeed|Besides|Of\s+course|In\s+the\s+end),?\s+"
                         r"(?:he|she|they),?\s+(?:says|said|adds|added|writes|wrote|insists|insisted|notes|noted"
                         r"|argues|argued|explains|explained|continues|continued),\s*(?:[“\"‘']|'')")


# A quotation that ends its statement with a comma before the closing mark goes on into its tag ('“Go, go,” / Jane
# Roe, the leader of the party, wrote on Facebook.'): the statement was split where the sentence was not over.
_COMMA_CLOSE = code_pattern(r",\s*(?:''|[”\"’'])\s*$")


# A statement that ends judging quoted words of its own is no tag of the quotation before it ('Fans booed the
# officials for "ruining the game." Ward thanked the fans for "sticking with us."').
_OWN_QUOTE = code_pattern(r"\b(?:for|as|of)\s+[“\"][^”\"]*[.!?]?[”\"][.!?]?\s*$")  # quoted words it judges


def _speaker_statement(first: int, last: int, statements: tuple[Statement, ...],
                       known: tuple[list[bool], frozenset[int], Speakers | None], before: list[Quotation], long: bool,
                       place: tuple[bool, bool, str | None]) -> int | None:
    """The statement that says who speaks a quotation over statements `first`..`last`, or None. `known`: which
    statements are attributed, which are furniture, and who speaks in each (`attach_quotations`); `long`: no scare
    quotation or title; `place`: whether it is all of its statements (it opens the first and closes the last), and
    whether it opens its statement (all of it, or its start, when the rest is no tag of its own: not after '…,”'), and
    the words before it when it closes its one statement."""
    attributed, (entire, leads, tail) = known[0], place
    if attributed[last]:
        return last  # "'…,' Fitzpatrick said."
    if attributed[first]:
        return first  # "Trump responded: 'No. …'"
    if _heading(first, last, statements):
        return None  # "'A change warrior.'" alone in its paragraph: a section heading, nobody's words
    nxt = last + 1
    if nxt < len(statements) and attributed[nxt] and statements[nxt].paragraph == statements[last].paragraph \
            and not _OWN_QUOTE.search(statements[nxt].text) and (len(statements[nxt].text.split()) <= 8 or (
                statements[last].text.rstrip()[-1:] in "”\"’'" and (_TAG_FIRST.match(statements[nxt].text)
                                                                   or _LEAD_TAG.match(statements[nxt].text)))
                or _COMMA_CLOSE.search(statements[last].text[-12:])):
        return nxt  # "'How many times…?' / Clinton said." or "'Why …?' Lichtman said about McCain's effort …"
    prev = first - 1
    if prev >= 0 and attributed[prev] and long and leads and statements[prev].paragraph == statements[first].paragraph:
        return prev  # "Bystrom agreed. “Mainstream Republicans are running out of time …”", or after a long
        # attributed statement ("Lee told reporters that the party had spent a year in the state. “We lost.”"),
        # or opening a statement ('Lee argues that he meant no harm. "He asked them to come in peace" was all.')
    if prev >= 0 and attributed[prev] and long and tail and statements[prev].paragraph == statements[first].paragraph \
            and _tail_goes_on(tail, known[2], prev):
        return prev  # 'Lee said the levy had failed. Without it, the town would "have to close the pool for good."'
    if prev >= 0 and attributed[prev] and statements[prev].text.rstrip().endswith(":"):
        return prev  # "Caddell continued:" then the quotation
    opens = statements[first].text[:1] in "“\"‘'”" and (long or entire)  # no title opening the statement (”: turned)
    closes_paragraph = last + 1 == len(statements) or statements[last + 1].paragraph != statements[last].paragraph
    if prev >= 0 and attributed[prev] and len(statements[prev].text.split()) <= 6 \
            and opens and statements[prev].paragraph < statements[first].paragraph:
        return prev  # "The mayor said." closing a paragraph, then a paragraph of quotation
    if prev >= 0 and attributed[prev] and opens \
            and statements[prev].paragraph == statements[first].paragraph - 1 and (closes_paragraph or entire):
        return prev  # "Carter said that …" closing a paragraph, then a paragraph of quotation (or one opening
        # with whole statements of quotation, the writer's words after them: "“We lost.” The council meets in May.")
    same_paragraph = long and prev >= 0 and statements[prev].paragraph == statements[first].paragraph
    if before and (same_paragraph or opens):
        last_q = before[-1]
        if last_q.attribution_statement is not None and \
                (prev in last_q.statements or prev == last_q.attribution_statement):
            return last_q.attribution_statement  # the same speaker goes on in a new quotation (in the
            # same paragraph, it may open mid-sentence: "For workers, on the other hand, ''…''")
    if long and entire and opens and closes_paragraph:
        return across_narration(first, statements, known, before)
    return None


def _tail_goes_on(lead: str, speakers: Speakers | None, speaker: int) -> bool:
    """Whether a statement that closes with a quotation goes on with the account of the attributed statement before
    it: the words before the quotation frame no judgement of their own ('thanked the crews for “…”', 'described it
    as “…”') and have no subject that is someone other than the speaker ('The mayor scoffed at “…”')."""
    if speakers is None or not speakers.name(speaker) or _FRAMED.search(lead):
        return False
    return not someone_else(lead, speakers, speaker)


_FRAMED = code_pattern(r"\b(?:for|as|of|called|dubbed|labell?ed|branded|termed)\s*$")


def _heading(first: int, last: int, statements: tuple[Statement, ...]) -> bool:
    """A short paragraph that is all one quotation in single marks ("'Totally pro-Israel.'"): news pages set
    their section headings so, taken from the words that follow."""
    st = statements[first]
    alone = (first == 0 or statements[first - 1].paragraph != st.paragraph) and (
        last + 1 == len(statements) or statements[last + 1].paragraph != st.paragraph)
    return first == last and alone and st.text[:1] in "‘'" and len(st.text) < 120 \
        and len(st.text.split()) <= _HEADING_WORDS


def _carry_paragraphs(statements: tuple[Statement, ...], attrs: list[list[Attribution]],
                      own: Own, carried: dict[int, int],
                      ruleset: RuleSet) -> None:
    """Statements after one attributed by a `carry: paragraph` rule, in its paragraph, take its label; with
    `carry: back`, the statements before it in its paragraph do."""
    carriers = {r.id for r in ruleset.of_kind("attribution") if r.carry == "paragraph"}
    backward = {r.id for r in ruleset.of_kind("attribution") if r.carry == "back"}
    speaker: int | None = None
    for i, st in enumerate(statements):
        if speaker is not None and (statements[speaker].paragraph != st.paragraph or CAPITALS.match(st.text)):
            speaker = None  # a new paragraph, or a new label in capitals ("THE FACTS: …", "Q: …"), ends the turn
        if own[i][0] not in NOT_CARRIED and any(a.rule_id in carriers for a in attrs[i]):
            speaker = i
        elif speaker is not None and own[i][0] is None and i not in carried:
            carried[i] = speaker
        if backward and own[i][0] not in NOT_CARRIED and any(a.rule_id in backward for a in attrs[i]):
            j = i - 1  # "… [Reuters.]": the statements before the citation, in its paragraph, are the item it cites
            while j >= 0 and statements[j].paragraph == st.paragraph and own[j][0] is None and j not in carried:
                carried[j] = i
                j -= 1


def _carry(statements: tuple[Statement, ...], own: Own, quotations: tuple[Quotation, ...]) -> dict[int, int]:
    """Statements inside an attributed quotation, mapped to the statement whose attribution they take. One that a
    furniture rule took (`none`: "No, Trump." as a signature) takes it too when the quotation runs on both sides
    of it: page furniture is never in the middle of someone's words, but a stage direction may be."""
    carried: dict[int, int] = {}
    for q in quotations:
        if q.attribution_statement is None or own[q.attribution_statement][0] in NOT_CARRIED:
            continue
        for idx in q.statements:
            inside = q.start < statements[idx].start and statements[idx].end < q.end \
                and statements[idx].text.lstrip("\"“‘' ")[:1] not in "([<"  # a stage direction stays furniture
            if (own[idx][0] is None or (own[idx][0] is Label.NONE and inside)) and idx != q.attribution_statement:
                carried[idx] = q.attribution_statement
    return carried
