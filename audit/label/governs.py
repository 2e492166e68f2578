"""Which of a statement's attributions govern it (GUIDELINES.md: label by the attribution that governs the
statement's main content, not by precedence over every match found anywhere in it)."""
from __future__ import annotations

import re

from audit.label.sources import in_subordinate_clause
from audit.models import Attribution, Label, SourceKind, Statement
from audit.rules.ruleset import RuleSet


def main_attributions(group: list[Attribution], st: Statement, ruleset: RuleSet) -> list[Attribution]:
    """The attributions that govern a statement, in the order the roster should read them.

    - One nested inside another's subject gives way to it: in "Mr. Slinker, whose start-up uses data to find
      suppliers, said …", the "find" lies between Slinker and his "said".
    - A closing tag ("…, said Geert Wilders, founder of the party.") comes first: the roster names its speaker,
      not a subject inside the content it closes ("The rejection of the treaty signals …"). Its label does not
      outrank the others: a poll or a leak inside the content still stands in the chain (GUIDELINES.md).
    - When those left still disagree, one whose clause opens with a subordinating word (the rules file's
      SUBORDINATE_I, matched on the statement up to the end of the source) gives way: "Before city officials had
      weighed in, Rep. King said…" rests on King; a leak does not ("…, which was shared with the Ledger, …").
      Before that, a `possessor` rule's (a claim named as a noun: "…, including his promise to …") gives way to
      the rest.
    """
    if len(group) < 2:
        return group
    if len(group) > _MOST:
        return _subordinate_gives_way(group, st, ruleset)  # a pile of matches in one statement: no pairs
    kept = [a for a in group if not any(_nested(a, b, st) for b in group if b is not a)] or group
    tail = ruleset.patterns.get("TAG_TAIL_I")
    kept.sort(key=lambda a: not closing_tag(a, st, tail))  # the speaker the roster names for the statement
    return _subordinate_gives_way(kept, st, ruleset)


_MOST = 12  # attributions in one statement beyond which pairs are not compared (news text has a few)


def _subordinate_gives_way(kept: list[Attribution], st: Statement, ruleset: RuleSet) -> list[Attribution]:
    subordinate = ruleset.patterns.get("SUBORDINATE_I")
    if subordinate is None or len({a.label for a in kept}) < 2:
        return kept
    # leaked material an outlet holds, named in a relative clause ("A recording, which was shared with the Ledger,
    # captures …"), still says how the article knows: it stands in the chain (GUIDELINES.md), it does not give way;
    # a leak word alone in such a clause ("who mishandled classified documents") does
    # a claim or a promise named as a noun inside the statement ("…, including his promise to …") is not its frame
    nouns = ruleset.with_role("possessor")
    kept = [a for a in kept if a.rule_id not in nouns] or kept
    main = [a for a in kept if _held_leak(a) or not in_subordinate_clause(a, st, subordinate)]
    return main or kept


def _held_leak(a: Attribution) -> bool:
    """Leaked material whose source is the outlet that holds it ('obtained by the Post')."""
    return a.label is Label.LEAKED and a.kind in (SourceKind.OUTLET, SourceKind.ORGANISATION)


def _frame(a: Attribution) -> tuple[int, int]:
    """From the first to the last character of an attribution's cue and source."""
    return min(a.cue.start, a.source_start), max(a.cue.end, a.source_end)


def _nested(inner: Attribution, outer: Attribution, st: Statement) -> bool:
    """Whether `inner`'s cue and source lie in an aside between `outer`'s source and its cue (an apposition or a
    relative clause set off by commas or dashes: "Smith, whose firm found …, said"). A cue shared with `outer` ("X
    told the Daily Mail") is not nested, nor an outlet or a leak in the aside ("A memo, obtained by AP, said")."""
    if outer.source_end > outer.cue.start or inner.label in _PROVENANCE:
        return False  # "said Smith" (nothing sits inside); "A memo, obtained by AP, said": where it came from
    low, high = outer.source_end, outer.cue.start
    gap = st.text[low - st.start:high - st.start].strip()
    if gap[:1] not in _ASIDE or gap[-1:] not in _ASIDE:
        return False  # not set off by commas or dashes: not an aside of the subject ("Washington did not … said")
    return low <= min(inner.cue.start, inner.source_start) and max(inner.cue.end, inner.source_end) <= high


_ASIDE = ",—–"  # what sets off an apposition or a relative clause between a subject and its verb
_PROVENANCE = (Label.SECONDHAND, Label.LEAKED)  # an aside that says how the source reached the article stays


_TAG_OPENS_AFTER = ",”\"’'"  # the content before a closing tag ends with a comma or a closing quotation mark
_CONTENT_WORDS = 3
_TAG_GAP_WORDS = 2  # between a tag's source and its cue: "Smith also said", "Smith has long said"


def closing_tag(a: Attribution, st: Statement, tail: re.Pattern[str] | None) -> bool:
    """'<content>, said X[, apposition].' or '"<content>," X said [on Tuesday].': a compact tag after a few words
    of content, with nothing after it but what the rules file's TAG_TAIL_I allows (an apposition, a time or a
    place; no clause and no quotation of its own)."""
    if tail is None:
        return False
    start, end = _frame(a)
    before = st.text[:max(start - st.start, 0)].rstrip()
    gap = st.text[min(a.cue.end, a.source_end) - st.start:max(a.cue.start, a.source_start) - st.start]
    return (bool(before) and before[-1] in _TAG_OPENS_AFTER and len(before.split()) >= _CONTENT_WORDS
            and len(gap.split()) <= _TAG_GAP_WORDS and bool(tail.match(st.text, max(end - st.start, 0))))
