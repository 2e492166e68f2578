"""Apply the rule kinds to statements: attributions with their sources, then one label per statement."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from audit.label.attributions import find_attributions
from audit.label.blocks import NOT_CARRIED, Own, line_breaks
from audit.label.carry import attach_quotations, carry_over
from audit.label.governs import main_attributions
from audit.label.leaks import carry_leaks
from audit.label.messages import messages_of_named
from audit.label.narration import Speakers
from audit.label.places import in_link_list, is_deck, own_line, placed, set_apart
from audit.label.quotes import MASK
from audit.label.referents import Referent, resolve_all
from audit.label.runs import scan_rules
from audit.models import Attribution, Label, LabelledStatement, Match, Quotation, SourceKind, Statement
from audit.rules.cache import code_pattern
from audit.rules.ruleset import Rule, RuleSet


def statement_rules(st: Statement, ruleset: RuleSet, whole: bool = True,
                    rules: Sequence[Rule] | None = None, in_list: bool = False, lead: int = 1,
                    line: bool | None = None, deck: bool = False, apart: bool = False
                    ) -> list[tuple[Rule, re.Match[str]]]:
    """The statement rules that fire on a statement; `whole`: the statement is its paragraph's only one;
    `line`: it is alone on its line (a kicker or a stamp under the headline; None: as `whole`);
    `in_list`: it follows a list label ("Related:") or a line of the list under one (see `in_link_list`);
    `rules`: those that may match it, in order (see `by_statement`; None: all); `lead`: the number of the
    article's first paragraph (`where: first-paragraph`), the first one below the page furniture; `deck`: it is
    the line straight under the headline (`is_deck`); `apart`: it stands between blank lines (`set_apart`)."""
    return [(r, m) for r in (ruleset.of_kind("statement") if rules is None else rules)
            if placed(r, st, whole, in_list, lead, whole if line is None else line, deck, apart)
            and (m := r.regex.search(st.text))]




def choose(labels: list[Label], ruleset: RuleSet) -> Label:
    return min(labels, key=ruleset.precedence.index)


def resolve_pronouns(attrs: list[list[Attribution]], statements: tuple[Statement, ...],
                     ruleset: RuleSet, not_claims: frozenset[int] = frozenset()) -> list[list[Attribution]]:
    """A pronoun source records what it stands for (audit.label.referents: a "he" or a "she" goes to a person of
    that gender where the text gives one, "they" to a group or a body, "it" to a body) and takes its kind and label;
    a pronoun that relays ("he told the Daily Mail") keeps its own label. `not_claims`: statements that page
    furniture rules took, which offer no candidates."""
    relays = ruleset.with_role("relay")
    return [[_stand_for(a, ref, a.rule_id in relays) for a, ref in zip(group, refs)]
            for group, refs in zip(attrs, resolve_all(statements, attrs, ruleset, not_claims))]


def _stand_for(a: Attribution, ref: Referent | None, relay: bool) -> Attribution:
    if ref is None:
        return a
    if a.label is not Label.NAMED or relay:
        return dataclasses.replace(a, referent=ref.standing_for(a))
    return dataclasses.replace(a, kind=ref.kind, label=ref.label, referent=ref.standing_for(a))


def label_statements(statements: tuple[Statement, ...], masked: str, spans: tuple[tuple[int, int], ...],
                     ruleset: RuleSet, publisher: str | None = None
                     ) -> tuple[tuple[LabelledStatement, ...], tuple[Quotation, ...]]:
    """One label per statement: its own attributions and statement rules, else its quotation's, else none."""
    attribution_todo, statement_todo = scan_rules(statements, masked, ruleset)
    per_paragraph = Counter(st.paragraph for st in statements)
    fired_all, in_list, lead = [], False, 0  # lead: the headline's paragraph, below any byline or stamp above it
    for st in statements:
        whole = per_paragraph[st.paragraph] == 1
        fired_all.append(statement_rules(st, ruleset, whole, statement_todo[st.index], in_list, lead or st.paragraph,
                                         whole or own_line(st, masked), is_deck(st, masked, lead),
                                         set_apart(st, masked)))
        in_list = in_link_list(whole, fired_all[-1])
        if not lead and not any(rule.label is Label.NONE for rule, _ in fired_all[-1]):
            lead = st.paragraph
    furniture = frozenset(st.index for st, fired in zip(statements, fired_all)
                          if any(rule.label is Label.NONE for rule, _ in fired))  # "none" wins over every label
    attrs = carry_leaks(resolve_pronouns([find_attributions(st, masked, ruleset, publisher,
                                                            attribution_todo[st.index])
                                          for st in statements], statements, ruleset, furniture), ruleset,
                        [st.text for st in statements], [st.paragraph for st in statements])
    attrs = messages_of_named(_documents_only(attrs, fired_all, ruleset), statements, ruleset)
    own: list[tuple[Label | None, list[Match], list[str]]] = []
    for st, group, fired in zip(statements, attrs, fired_all):
        main = main_attributions(group, st, ruleset)
        labels = [a.label for a in main]
        if main is not group:  # the roster reads the governing ones first
            chosen = {id(a) for a in main}
            group[:] = main + [a for a in group if id(a) not in chosen]
        matches = list(dict.fromkeys(m for a in group for m in (a.cue, Match(a.kind_rule, a.source_start,
                                                                             a.source_end, a.source_text))))
        rule_ids = [r for a in group for r in (a.rule_id, a.kind_rule)]
        for rule, m in fired:
            if rule.label is not None:
                labels.append(rule.label)
            matches.append(Match(rule.id, st.start + m.start(), st.start + m.end(), m.group()))
            rule_ids.append(rule.id)
        own.append((choose(labels, ruleset) if labels else None, matches, list(dict.fromkeys(rule_ids))))
    who = Speakers(attrs, [o[0] for o in own], ruleset)
    quotations = attach_quotations(spans, statements, [o[0] not in NOT_CARRIED for o in own],
                                   frozenset(i for i, o in enumerate(own) if o[0] is Label.NONE), who)
    lines = line_breaks(statements, masked)
    carried = carry_over(statements, attrs, own, quotations, ruleset, lines)
    yielded = _writer_yields(statements, attrs, own, spans, ruleset, (lines, who))
    _nested_cues(statements, masked, (attrs, own), (carried, quotations), ruleset, publisher)
    out = []
    for st, group, (label, matches, rule_ids) in zip(statements, attrs, own):
        source = carried.get(st.index)
        carried_from = source if label in (None, Label.NONE) and source is not None else None  # (carry.py)
        if st.index in yielded:
            carried_from, group = yielded[st.index], []
        final = own[carried_from][0] if carried_from is not None else label
        final = final or Label.UNATTRIBUTED
        out.append(LabelledStatement(st, final, tuple(rule_ids), tuple(sorted(matches, key=lambda m: m.start)),
                                     None, carried_from, tuple(group), _confidence(final, group, carried_from)))
    return tuple(out), quotations


def _nested_cues(statements: tuple[Statement, ...], masked: str, found: tuple[list[list[Attribution]], Own],
                 carry: tuple[dict[int, int], tuple[Quotation, ...]], ruleset: RuleSet, publisher: str | None) -> None:
    """A statement in a quotation whose speaker the text does not give, with no label of its own or carried, whose
    quoted words hold a cue ('"… Then, in 2017, Kerry said that 100,000 would be accepted.' in a block quoted from a
    report): that attribution labels it. Not a pronoun's cue (it stands for someone inside the words), a clause's
    ('If Ryan says …'), a turn's ('“Dear Friends: …”') or an unsaid one ('will not admit'). Updates `found`."""
    (attrs, own), (carried, quotations), turns = found, carry, ruleset.with_role("turn")
    unknown = {i for q in quotations if q.attribution_statement is None for i in q.statements}
    for i in sorted(unknown):
        st = statements[i]
        if own[i][0] is not None or i in carried or MASK not in masked[st.start:st.end]:
            continue
        view = masked[:st.start] + st.text + masked[st.end:]
        group = [a for a in find_attributions(st, view, ruleset, publisher)
                 if _NESTED_SOURCE.match(a.source_text) and a.label is not Label.UNATTRIBUTED and a.rule_id not in turns
                 and not _NESTED_PRONOUNS.intersection(a.source_text.lower().split())
                 and not _UNSAID.search(st.text, 0, a.cue.start - st.start)]
        if group:
            sources = [Match(a.kind_rule, a.source_start, a.source_end, a.source_text) for a in group]
            matches = [m for a, src in zip(group, sources) for m in (a.cue, src)]
            attrs[i][:] = group
            own[i] = (choose([a.label for a in group], ruleset), matches,
                      list(dict.fromkeys(r for a in group for r in (a.rule_id, a.kind_rule))))


_UNSAID = code_pattern(r"\b(?:will|would|wo|can|could|cannot|may|might|must|should|shall|not|never|n[’']t)"
                       r"\s+(?:\w+\s+)?$")  # a cue of what is not or not yet said ('would never say'): no report
_NESTED_PRONOUNS = frozenset(("i", "we", "you", "he", "she", "they", "it", "me", "us", "him", "her", "them"))
# a name, or a description with its determiner; not a clause's opening ('If Ryan', 'Ever since Obama') nor an
# indefinite pronoun ('Nobody has told us')
_NESTED_SOURCE = code_pattern(r"(?!(?:If|When|Whenever|Since|Ever|As|While|After|Before|Because|Although|Though|Until"
                              r"|Unless|Just|Even|Only|So|And|But|Or|What|How|Why|Who|No|None|Nobody|Everyone"
                              r"|Everybody|Someone|Somebody|Anyone|Anybody|Nothing|Something|Everything|All|Many"
                              r"|Some|Most|Few|Each|This|That|These|Those|There|Here)\b)(?:[A-Z]|(?:the|a|an)\s)")


def _writer_yields(statements: tuple[Statement, ...], attrs: list[list[Attribution]], own: Own,
                   spans: tuple[tuple[int, int], ...], ruleset: RuleSet, known: tuple[frozenset[int], Speakers]
                   ) -> dict[int, int]:
    """Statements whose only source is the writer ("I told the council …") inside someone else's words (a turn, a
    block after a colon, a pasted post, a quotation): the "I" is that speaker's, and the carry-over names them.
    Statement index -> the index of the statement whose label it carries."""
    writer = ruleset.with_role("writer")
    only = {i for i, group in enumerate(attrs) if group and all(a.kind_rule in writer for a in group)}
    if not only:
        return {}
    own_w = [(None, o[1], o[2]) if i in only else o for i, o in enumerate(own)]
    quotations = attach_quotations(spans, statements, [o[0] not in NOT_CARRIED for o in own_w],
                                   frozenset(i for i, o in enumerate(own_w) if o[0] is Label.NONE), known[1])
    again = carry_over(statements, attrs, own_w, quotations, ruleset, known[0])
    return {i: again[i] for i in only if i in again and again[i] not in only and own[again[i]][0] not in NOT_CARRIED}


def _documents_only(attrs: list[list[Attribution]], fired_all: list[list[tuple[Rule, re.Match[str]]]],
                    ruleset: RuleSet) -> list[list[Attribution]]:
    """A `document-only` pronoun ("It would also create …") stands when it goes back to a document, or when the
    statement before rests on one ("Senate Bill 214 would apply …", a statement rule): then it is that document.
    Otherwise it is dropped ("It would also create 300 jobs" after a company)."""
    only = ruleset.with_role("document-only")
    if not only:
        return attrs
    out: list[list[Attribution]] = []
    for i, group in enumerate(attrs):
        before = i > 0 and (any(a.label is Label.DOCUMENT for a in attrs[i - 1]) or
                            any(rule.label is Label.DOCUMENT for rule, _ in fired_all[i - 1]))
        out.append([a if a.rule_id not in only or a.label in (Label.DOCUMENT, Label.LEAKED) else
                    dataclasses.replace(a, kind=SourceKind.DOCUMENT, label=Label.DOCUMENT)
                    for a in group if a.rule_id not in only or a.label in (Label.DOCUMENT, Label.LEAKED) or before])
    return out



def _confidence(label: Label, group: list[Attribution], carried_from: int | None) -> float:
    if carried_from is not None:
        return 0.7
    if not group:
        return 0.8 if label is Label.UNATTRIBUTED else 0.9
    kinds = {a.label for a in group}
    return 1.0 if len(kinds) == 1 else 0.6
