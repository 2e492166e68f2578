"""Leaked material named again: after a statement that rests on leaked material ("a memo obtained by the Courier"),
a later statement whose document source refers back to such material ("the memo lists …", "a later email in the
same thread asks …") rests on the same non-public material, not on a public document. And the statements that go
straight on from leaked material with a cue of writing back ("Text messages obtained by the Courier show … ¶ “…,” one
supervisor wrote. The other replied that …") quote that material: their person sources are labelled leaked too.

The rules file's LEAK_REFERENCE pattern says which source phrases refer back, LEAK_MESSAGE_CUE which cues write back,
LEAK_PRONOUN which pronouns that stand for a document ("“…,” it says.") refer back to leaked material in the statement
just before, LEAK_SETTING which settings put a person's words inside leaked messages or a leaked call in the
leak's paragraph or the next ("“…,” Lee wrote in an email dated May 2.", "Later in the call, he tells …"), LEAK_ANSWER
which words make writing an answer to the newsroom ("Lee wrote in an email to the Courier that …"), never the leak,
LEAK_PUBLIC which words bring in a public document ("The auditor released a public audit.") after which "the document"
is that one, not the leak, until leaked material is named again; without them nothing changes."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from audit.models import Attribution, Label
from audit.rules.ruleset import RuleSet


def carry_leaks(attrs: list[list[Attribution]], ruleset: RuleSet, texts: Sequence[str] = (),
                paragraphs: Sequence[int] = ()) -> list[list[Attribution]]:
    """The attributions, with document sources that refer back to leaked material (after the first statement
    that rests on some) labelled leaked-transcript; the kind and the kind rule stay as found. `texts`: each
    statement's text, for LEAK_SETTING; `paragraphs`: each statement's paragraph, for its window (the leak's
    paragraph or the next)."""
    reference = ruleset.patterns.get("LEAK_REFERENCE")
    message = ruleset.patterns.get("LEAK_MESSAGE_CUE")
    pronoun = ruleset.patterns.get("LEAK_PRONOUN")
    setting = ruleset.patterns.get("LEAK_SETTING")
    answer = ruleset.patterns.get("LEAK_ANSWER")
    public = ruleset.patterns.get("LEAK_PUBLIC")
    if reference is None and message is None and pronoun is None and setting is None:
        return attrs
    out: list[list[Attribution]] = []
    seen = previous = named = False  # named: leaked material named with no public document brought in since
    last = 0  # the paragraph of the last statement that rests on leaked material
    for k, group in enumerate(attrs):
        near = k >= len(paragraphs) or paragraphs[k] - last <= 1
        if answer is not None and k < len(texts) and answer.search(texts[k]):
            near = previous = False  # "Lee wrote in an email to the Courier that …": the writer's answer
        if seen and near and setting is not None and k < len(texts) and any(a.label in _PEOPLE for a in group) \
                and setting.search(texts[k]):  # "“…,” Lee wrote in an email dated May 2.": its people only
            group = [dataclasses.replace(a, label=Label.LEAKED) if a.label in _PEOPLE else a for a in group]
        if named and reference is not None:
            group = [dataclasses.replace(a, label=Label.LEAKED)
                     if a.label is Label.DOCUMENT and reference.search(a.source_text) else a for a in group]
        if previous and pronoun is not None:  # "“…,” it says." straight after the leaked cable
            group = [dataclasses.replace(a, label=Label.LEAKED)
                     if a.label is Label.DOCUMENT and pronoun.fullmatch(a.source_text) else a for a in group]
        if previous and message is not None and group and all(
                a.label in _PEOPLE and message.fullmatch(a.cue.text) for a in group):
            group = [dataclasses.replace(a, label=Label.LEAKED) for a in group]
        previous = any(a.label is Label.LEAKED for a in group)
        seen = seen or previous
        if previous:
            named = True
        elif public is not None and k < len(texts) and public.search(texts[k]):
            named = False  # "On Tuesday the auditor released a public audit.": "the document" is now that one
        if previous and k < len(paragraphs):
            last = paragraphs[k]
        out.append(group)
    return out


_PEOPLE = (Label.NAMED, Label.ANONYMOUS)
