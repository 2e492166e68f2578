"""The check kinds: one pure function per kind (KINDS), each yielding the findings of one check."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator

from audit.judge.context import Context, _clip, _first_statement, params_regex
from audit.models import Finding, Label, LabelledStatement, Paragraph, SourceKind
from audit.rules.ruleset import Check


def anonymous_no_reason(ctx: Context, check: Check) -> Iterator[Finding]:
    """An unnamed source and no word on why it is not named."""
    for src in ctx.sources:
        if src.kind is SourceKind.UNNAMED and src.anonymity_reason is None:
            ls = _first_statement(ctx, src)
            if ls is not None:
                yield ctx.finding(check, ls)


def anonymous_bare(ctx: Context, check: Check) -> Iterator[Finding]:
    """An unnamed source described by nothing but a generic word ('officials', 'a source')."""
    bare = params_regex(check, "pattern", ctx.rules)
    for src in ctx.sources:
        if src.kind is SourceKind.UNNAMED and bare.fullmatch(src.description.strip()):
            ls = _first_statement(ctx, src)
            if ls is not None:
                yield ctx.finding(check, ls)


def _in_quotation(ctx: Context, start: int, end: int) -> bool:
    """Inside some quotation: of those starting at or before `start`, the furthest end reaches `end` (a binary
    search, not a scan of every quotation for every hit)."""
    starts, reach = ctx.quotation_reach
    i = bisect.bisect_right(starts, start)
    return i > 0 and reach[i - 1] >= end


def anonymous_opinion(ctx: Context, check: Check) -> Iterator[Finding]:
    """An unnamed source giving opinion or attacking someone; the check's severity when quoted directly."""
    words = params_regex(check, "pattern", ctx.rules)
    unquoted = str(check.params.get("unquoted_severity", check.severity))
    for ls in ctx.claims():
        if ls.label is not Label.ANONYMOUS:
            continue
        hits = list(words.finditer(ls.statement.text))
        if hits:
            base = ls.statement.start
            quoted = any(_in_quotation(ctx, base + m.start(), base + m.end()) for m in hits)
            yield ctx.finding(check, ls, check.severity if quoted else unquoted)


def secondhand_unconfirmed(ctx: Context, check: Check) -> Iterator[Finding]:
    """Another outlet's report with no word, near it, on whether this article confirmed it."""
    confirm = params_regex(check, "confirmed", ctx.rules)
    window = int(check.params.get("window", 1))
    ignore = params_regex(check, "ignore_cues", ctx.rules) if "ignore_cues" in check.params else None
    for src in ctx.sources:
        if src.kind is not SourceKind.OUTLET:
            continue
        relying = [ctx.labelled[i] for i in src.statements
                   if i not in ctx.skipped and ctx.labelled[i].label is Label.SECONDHAND]
        cues = [a.cue.text for ls in relying for a in ls.attributions if a.source_text == src.description]
        if not relying or (ignore is not None and cues and all(ignore.fullmatch(c) for c in cues)):
            continue
        if not any(confirm.search(ctx.near(ls.index, window)) for ls in relying):
            first = _first_statement(ctx, src)
            yield ctx.finding(check, first or relying[0])


def reports_unnamed(ctx: Context, check: Check) -> Iterator[Finding]:
    """'Reports say' with no outlet named: a statement rule in params.rules fired."""
    rule_ids = set(check.params.get("rules", ()))
    for ls in ctx.claims():
        if rule_ids & set(ls.rule_ids) and ls.label is Label.SECONDHAND:
            yield ctx.finding(check, ls)


def leak_unverified(ctx: Context, check: Check) -> Iterator[Finding]:
    """Leaked or recorded material with no word on who obtained it or whether it was verified."""
    leak = params_regex(check, "leak", ctx.rules)
    said = params_regex(check, "provenance", ctx.rules)
    window = int(check.params.get("window", 2))
    chain_to = -1  # mentions no more than `window` statements apart are one account of the same material
    for ls in ctx.claims():
        mentions = [a for a in ls.attributions if a.kind is SourceKind.LEAK or
                    (a.kind is SourceKind.OUTLET and leak.search(a.source_text))]
        if not mentions or ls.carried_from is not None:
            continue
        new_account = ls.index > chain_to
        chain_to = ls.index + window
        if new_account and not said.search(ctx.near(ls.index, window)):
            yield ctx.finding(check, ls)


def _effective(ctx: Context, lede: list[LabelledStatement], check: Check) -> dict[int, LabelledStatement]:
    """Each lede statement with the statement it rests on: itself, or a next statement that refers back."""
    back = params_regex(check, "backref", ctx.rules) if "backref" in check.params else None
    out = {}
    for i, ls in enumerate(lede):
        nxt = lede[i + 1] if i + 1 < len(lede) else None
        refers = back is not None and nxt is not None and nxt.index == ls.index + 1 and \
            nxt.label is not Label.UNATTRIBUTED and back.search(nxt.statement.text)
        out[ls.index] = nxt if ls.label is Label.UNATTRIBUTED and refers and nxt is not None else ls
    return out


def lede_unsourced(ctx: Context, check: Check) -> Iterator[Finding]:
    """A claim in the lede with no attribution, in it or in a next statement that refers back to it."""
    lede = ctx.lede()
    min_words = int(check.params.get("min_words", 6))
    rests = _effective(ctx, lede, check)
    for ls in lede:
        if rests[ls.index].label is Label.UNATTRIBUTED and len(ls.statement.text.split()) >= min_words:
            yield ctx.finding(check, ls)


def lede_weak(ctx: Context, check: Check) -> Iterator[Finding]:
    """The lede's claims rest on an anonymous or secondhand source, with no checkable source beside it."""
    weak = {Label(x) for x in check.params.get("weak_labels", ("anonymous-source", "secondhand-report"))}
    strong = {Label(x) for x in check.params.get("strong_labels", ("named-source", "document"))}
    lede = ctx.lede()
    rests = _effective(ctx, lede, check)
    if any(r.label in strong for r in rests.values()):
        return
    seen: set[str] = set()
    for ls in lede:
        base = rests[ls.index]
        key = base.source_id or f"#{base.index}"
        if base.label in weak and key not in seen:
            seen.add(key)
            yield ctx.finding(check, ls)


def duplicate_paragraph(ctx: Context, check: Check) -> Iterator[Finding]:
    """A paragraph that repeats an earlier one (white space and final punctuation aside)."""
    first_of: dict[int, LabelledStatement] = {}
    for ls in ctx.labelled:  # each paragraph's first statement, found once (a long text has many copies)
        first_of.setdefault(ls.statement.paragraph, ls)
    for copy, original in sorted(ctx.duplicates.items()):
        para = ctx.paragraphs[copy - 1]
        st = first_of[copy].statement
        yield Finding(check.id, check.severity, f"{check.message} (paragraph {copy} repeats paragraph {original})",
                      check.why, check.fix, st.index, copy, para.start, para.end,
                      _clip(ctx.text[para.start:para.end]))


# What a paragraph may end with and still repeat another (its white space is single spaces by then)
_END_PUNCT = " .,;:!?…’'\"”»)"


def paragraph_key(text: str) -> str:
    """What two paragraphs that repeat each other share: the words, white space and case aside, without the
    punctuation that closes the paragraph (a str.rstrip: linear on any run of it)."""
    return " ".join(text.split()).rstrip(_END_PUNCT).casefold()


def find_duplicates(text: str, paragraphs: tuple[Paragraph, ...], min_words: int) -> dict[int, int]:
    """Each paragraph that repeats an earlier one, mapped to the first copy's number."""
    seen: dict[str, int] = {}
    out: dict[int, int] = {}
    for p in paragraphs:
        key = paragraph_key(text[p.start:p.end])
        if len(key.split()) < min_words:
            continue
        if key in seen:
            out[p.index] = seen[key]
        else:
            seen[key] = p.index
    return out


def quote_unattributed(ctx: Context, check: Check) -> Iterator[Finding]:
    """A quotation long enough to be someone's words, whose speaker the article never names."""
    min_words = int(check.params.get("min_words", 6))
    for q in ctx.quotations:
        first = ctx.labelled[q.statements[0]]
        if q.attribution_statement is not None or first.index in ctx.skipped:
            continue
        inner = ctx.text[q.start + 1:q.end - 1]
        if len(inner.split()) >= min_words and all(ctx.labelled[i].label is Label.UNATTRIBUTED
                                                   for i in q.statements):
            yield ctx.finding(check, first, excerpt=ctx.text[q.start:q.end])


def right_of_reply(ctx: Context, check: Check) -> Iterator[Finding]:
    """mode given: each request for comment reported (good practice); mode missing: criticism, none asked."""
    asked = params_regex(check, "reply", ctx.rules)
    replies = ctx.claims_matching(asked)
    if check.params.get("mode", "given") == "given":
        yield from (ctx.finding(check, ls, good=True) for ls in replies)
        return
    criticism = params_regex(check, "criticism", ctx.rules)
    answered = params_regex(check, "answered", ctx.rules) if "answered" in check.params else None
    if replies or (answered is not None and ctx.claims_matching(answered)):
        return  # someone was asked, or answered: no need to look for the criticism
    attacks = ctx.claims_matching(criticism)
    if attacks:
        yield ctx.finding(check, attacks[0])


def share_above(ctx: Context, check: Check) -> Iterator[Finding]:
    """The share of claims with params.labels is above params.above (with at least params.min_statements)."""
    labels = {Label(x) for x in check.params.get("labels", ())}
    claims = ctx.claims()
    hits = [ls for ls in claims if ls.label in labels]
    if len(claims) >= int(check.params.get("min_statements", 1)) and claims and \
            len(hits) / len(claims) > float(check.params.get("above", 0.5)):
        yield ctx.finding(check, hits[0])


KINDS: dict[str, Callable[[Context, Check], Iterator[Finding]]] = {
    "anonymous-no-reason": anonymous_no_reason, "anonymous-bare": anonymous_bare,
    "anonymous-opinion": anonymous_opinion, "secondhand-unconfirmed": secondhand_unconfirmed,
    "reports-unnamed": reports_unnamed, "leak-unverified": leak_unverified, "lede-unsourced": lede_unsourced,
    "lede-weak": lede_weak, "duplicate-paragraph": duplicate_paragraph, "quote-unattributed": quote_unattributed,
    "right-of-reply": right_of_reply, "share-above": share_above,
}
