"""Leaked material named again: after a statement that rests on leaked material ("a memo obtained by the Courier"),
a later statement whose document source refers back to such material ("the memo lists …", "a later email in the
same thread asks …") rests on the same non-public material, not on a public document.

The rules file's LEAK_REFERENCE pattern says which source phrases refer back; without it nothing changes."""
from __future__ import annotations

import dataclasses

from audit.models import Attribution, Label
from audit.rules.ruleset import RuleSet


def carry_leaks(attrs: list[list[Attribution]], ruleset: RuleSet) -> list[list[Attribution]]:
    """The attributions, with document sources that refer back to leaked material (after the first statement
    that rests on some) labelled leaked-transcript; the kind and the kind rule stay as found."""
    reference = ruleset.patterns.get("LEAK_REFERENCE")
    if reference is None:
        return attrs
    out: list[list[Attribution]] = []
    seen = False
    for group in attrs:
        if seen:
            group = [dataclasses.replace(a, label=Label.LEAKED)
                     if a.label is Label.DOCUMENT and reference.search(a.source_text) else a for a in group]
        seen = seen or any(a.label is Label.LEAKED for a in group)
        out.append(group)
    return out
