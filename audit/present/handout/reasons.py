"""The key's answers for one statement, in plain words: its label's reason (from the rules' messages, never a
rule id alone), its source, and, where the tool is least sure, the label a reasonable reader could give."""
from __future__ import annotations

from audit.label.roster import governing
from audit.models import DocumentResult, Label, LabelledStatement, Source, SourceKind
from audit.present.annotate import STYLES
from audit.rules.cache import code_pattern
from audit.rules.ruleset import RuleSet

_DETERMINER = code_pattern(r"^(?:A|An|The)\b")


_QUOTE_MARKS = "\"'“”‘’«»"


def quote(text: str) -> str:
    """Text in curly quotation marks, unless it already opens with one (a quotation quoted again)."""
    return text if text[:1] in _QUOTE_MARKS else f"“{text}”"


def _message(rules: RuleSet, rule_id: str) -> str:
    rule = rules.rule(rule_id)
    return rule.message if rule is not None else "a rule of the rule pack"


def label_reason(ls: LabelledStatement, rules: RuleSet) -> str:
    """Why the statement has its label, for students: the cue and the kind of source, in the rules' words."""
    if ls.carried_from is not None and not ls.attributions:
        return f"part of a quotation whose speaker is given in statement {ls.carried_from + 1}"
    if ls.label is Label.UNATTRIBUTED:
        return "no words say where it comes from: the article's own voice"
    gov = governing(ls)
    if gov is not None:
        return f"{_message(rules, gov.rule_id)} (“{gov.cue.text}”); {_message(rules, gov.kind_rule)}"
    if ls.rule_ids:
        return _message(rules, ls.rule_ids[0])
    return f"labelled {STYLES[ls.label].name}"


def source_of(ls: LabelledStatement, result: DocumentResult) -> Source | None:
    return next((s for s in result.sources if s.id == ls.source_id), None)


def source_answer(ls: LabelledStatement, result: DocumentResult) -> str:
    """Who the source is, as the key gives it: the roster's name (an unnamed source by its description) and,
    for a relayed one, where the outlet had it from."""
    if ls.label is Label.NONE:
        return "no source: not a claim"
    src = source_of(ls, result)
    if src is None:
        return "no source given"
    text = src.name if src.named else _DETERMINER.sub(lambda m: m.group().lower(), src.description)
    origins = [r.split(" → ")[0] for r in src.relays if r.count(" → ") == 2]
    if origins and src.kind is SourceKind.OUTLET:
        text += f", which had it from {'; '.join(origins)}"
    return text


def alternative(ls: LabelledStatement, result: DocumentResult) -> tuple[Label, str] | None:
    """A label a reasonable reader could give instead, and why; None when there is no honest alternative."""
    other = next((a for a in ls.attributions if a.label not in (ls.label, Label.NONE)), None)
    if other is not None:
        return other.label, f"it also names “{other.source_text}”"
    if ls.carried_from is not None:
        return Label.UNATTRIBUTED, "read on its own, the sentence names no source"
    if ls.label is Label.UNATTRIBUTED and ls.index > 0:
        before = result.statements[ls.index - 1]
        same = before.statement.paragraph == ls.statement.paragraph
        if same and before.label not in (Label.UNATTRIBUTED, Label.NONE):
            return before.label, f"it may go on reporting statement {before.index + 1}'s source"
    return None
