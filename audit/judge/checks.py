"""Editorial checks: pure functions of the labelled statements and the roster (the verdict is in verdict.py).

Each check kind is one function here (KINDS); rules.yaml `checks:` gives each check its id, severity,
words and `params`. In a params pattern, {name} stands for a list in the same params, a named pattern or a lexicon.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from audit.errors import RulesError
from audit.read.text import clip
from audit.models import Excluded, Finding, Label, LabelledStatement, Paragraph, Quotation, Source, SourceKind
from audit.rules.ruleset import SEVERITIES, Check, RuleSet
from audit.judge.verdict import verdict

__all__ = ["KINDS", "SEVERITY_ORDER", "run_checks", "verdict"]

SEVERITY_ORDER = SEVERITIES
_EXCERPT = 200
_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_END_PUNCT = re.compile(r"[\s.,;:!?…’'\"”»)]+$")


@dataclass(frozen=True)
class Context:
    """What every check reads: the text, its statements, quotations and roster, and what is left out."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    labelled: tuple[LabelledStatement, ...]
    sources: tuple[Source, ...]
    quotations: tuple[Quotation, ...]
    rules: RuleSet
    duplicates: dict[int, int]  # paragraph that repeats -> the paragraph it repeats

    @cached_property
    def skipped(self) -> frozenset[int]:
        """Statements no check looks at: page furniture and the second copy of a repeated paragraph."""
        return frozenset(ls.index for ls in self.labelled
                         if ls.label is Label.NONE or ls.statement.paragraph in self.duplicates)

    def claims(self) -> list[LabelledStatement]:
        return [ls for ls in self.labelled if ls.index not in self.skipped]

    def lede(self) -> list[LabelledStatement]:
        return [ls for ls in self.claims() if ls.statement.paragraph <= self.rules.lede_paragraphs]

    def finding(self, check: Check, ls: LabelledStatement, severity: str | None = None, good: bool = False,
                excerpt: str | None = None) -> Finding:
        st = ls.statement
        return Finding(check.id, severity or check.severity, check.message, check.why, check.fix, st.index,
                       st.paragraph, st.start, st.end, _clip(excerpt if excerpt is not None else st.text), good)

    def near(self, index: int, window: int) -> str:
        """The statements from `window` before to `window` after one statement, joined."""
        lo, hi = max(index - window, 0), min(index + window, len(self.labelled) - 1)
        return " ".join(self.labelled[i].statement.text for i in range(lo, hi + 1))


def _clip(s: str) -> str:
    return clip(s, _EXCERPT)


def params_regex(check: Check, key: str, rules: RuleSet) -> re.Pattern[str]:
    """Compile params[key] (case-insensitive); {name} stands for a params list, a named pattern or a lexicon."""
    raw = check.params.get(key)
    if not isinstance(raw, str):
        raise RulesError([f"{check.origin}: check {check.id!r}: params.{key} must be a pattern"])

    def sub(m: re.Match[str]) -> str:
        named = getattr(rules, "patterns", {}).get(m.group(1))
        if m.group(1) not in check.params and named is not None:
            return "(?:" + named.pattern + ")"
        words = check.params.get(m.group(1), rules.lexicons.get(m.group(1)))
        if not isinstance(words, (list, tuple)):
            raise RulesError([f"{check.origin}: check {check.id!r}: params.{key} names {{{m.group(1)}}}, "
                              "which is neither a params list, a pattern nor a lexicon"])
        ordered = sorted(set(map(str, words)), key=lambda w: (-len(w), w))
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"

    try:
        return re.compile(_REF.sub(sub, raw), re.IGNORECASE)
    except re.error as exc:
        raise RulesError([f"{check.origin}: check {check.id!r}: params.{key} does not compile: {exc}"]) from None


def _first_statement(ctx: Context, src: Source) -> LabelledStatement | None:
    """Where a source is first cited: its first statement with an attribution of its own."""
    own = [i for i in src.statements if ctx.labelled[i].carried_from is None]
    idx = (own or list(src.statements) or [None])[0]
    if idx is None:
        idx = next((ls.index for ls in ctx.labelled for a in ls.attributions if a.source_text == src.description),
                   None)
    return None if idx is None or idx in ctx.skipped else ctx.labelled[idx]


# ---- the check kinds ------------------------------------------------------------------------------------

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
    return any(q.start <= start and end <= q.end for q in ctx.quotations)


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


def find_duplicates(text: str, paragraphs: tuple[Paragraph, ...], min_words: int) -> dict[int, int]:
    """Each paragraph that repeats an earlier one, mapped to the first copy's number."""
    seen: dict[str, int] = {}
    out: dict[int, int] = {}
    for p in paragraphs:
        key = _END_PUNCT.sub("", " ".join(text[p.start:p.end].split())).casefold()
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
    replies = [ls for ls in ctx.claims() if asked.search(ls.statement.text)]
    if check.params.get("mode", "given") == "given":
        yield from (ctx.finding(check, ls, good=True) for ls in replies)
        return
    criticism = params_regex(check, "criticism", ctx.rules)
    answered = params_regex(check, "answered", ctx.rules) if "answered" in check.params else None
    attacks = [ls for ls in ctx.claims() if criticism.search(ls.statement.text)]
    if answered is not None:
        replies += [ls for ls in ctx.claims() if answered.search(ls.statement.text)]
    if attacks and not replies:
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


# ---- running them --------------------------------------------------------------------------------------

def _excluded(ctx: Context) -> tuple[Excluded, ...]:
    out = []
    for ls in ctx.labelled:
        st = ls.statement
        if ls.label is Label.NONE:
            rule = next((r for r in map(ctx.rules.rule, ls.rule_ids) if r is not None and
                         getattr(r, "label", None) is Label.NONE), None)
            reason = f"{rule.id}: {rule.message}" if rule else "not a claim"
        elif st.paragraph in ctx.duplicates:
            reason = f"duplicate: repeats paragraph {ctx.duplicates[st.paragraph]}"
        else:
            continue
        out.append(Excluded(reason, st.index, st.paragraph, st.text))
    return tuple(out)


def _run(check: Check, ctx: Context) -> list[Finding]:
    """One check's findings; a check whose params do not fit its kind is a rules-file error, not a crash."""
    try:
        return list(KINDS[check.kind](ctx, check))
    except (ValueError, TypeError, KeyError, AttributeError, re.error) as exc:
        raise RulesError([f"{check.origin}: check {check.id!r}: params do not fit kind {check.kind!r}: {exc}"]) \
            from None


def run_checks(text: str, paragraphs: tuple[Paragraph, ...], labelled: tuple[LabelledStatement, ...],
               sources: tuple[Source, ...], quotations: tuple[Quotation, ...],
               rules: RuleSet) -> tuple[tuple[Finding, ...], tuple[Excluded, ...]]:
    """Every check of the rule set over one text: findings most serious first, then by position."""
    dup = next((c for c in rules.checks if c.kind == "duplicate-paragraph"), None)
    min_words = int(dup.params.get("min_words", 5)) if dup else 5
    ctx = Context(text, paragraphs, labelled, sources, quotations, rules,
                  find_duplicates(text, paragraphs, min_words))
    findings = [f for check in rules.checks for f in _run(check, ctx)]
    order = {c.id: n for n, c in enumerate(rules.checks)}
    findings.sort(key=lambda f: (SEVERITY_ORDER.index(f.severity), f.start, order[f.check_id]))
    return tuple(findings), _excluded(ctx)
