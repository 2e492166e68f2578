"""A message that speaks for its author: '"…," the statement said.' after "In a statement, Okafor said …".

A definite message noun as a source ("the statement", "the post", "the email": `message_nouns` in rules.yaml) is a
document by its source rule. When the statement before it, in the same paragraph, names who sent that message (a
named source whose statement mentions the same noun: "the utility said in a post on X", "In a written statement,
Okafor congratulated …"), the message is that source's words on the record, and it takes the named source."""
from __future__ import annotations

import dataclasses
import re

from audit.models import Attribution, Label, Statement
from audit.rules.ruleset import RuleSet

_DEFINITE = re.compile(r"^(?:the|that|this)\s+(?:[\w’'-]+\s+){0,2}?(?P<noun>[a-z][\w-]*?)s?$", re.IGNORECASE)


def messages_of_named(attrs: list[list[Attribution]], statements: tuple[Statement, ...],
                      ruleset: RuleSet) -> list[list[Attribution]]:
    """Each attribution whose source is a definite message noun, with the named source of the statement before
    when that statement mentions the same kind of message; the others as they are."""
    nouns = {n.lower() for n in ruleset.lexicons.get("message_nouns", ()) if " " not in n}
    out: list[list[Attribution]] = []
    for i, group in enumerate(attrs):
        prev = i - 1 if i and statements[i - 1].paragraph == statements[i].paragraph else None
        out.append([_as_author(a, statements[prev], attrs[prev], nouns) if prev is not None else a
                    for a in group])
    return out


def _as_author(a: Attribution, before: Statement, group: list[Attribution], nouns: set[str]) -> Attribution:
    if a.label is not Label.DOCUMENT:
        return a
    m = _DEFINITE.match(a.source_text.strip())
    if m is None or m.group("noun").lower() not in nouns:
        return a
    noun = m.group("noun").lower()
    if not re.search(rf"\b{re.escape(noun)}s?\b", before.text, re.IGNORECASE):
        return a
    author = next((b for b in group if b.label is Label.NAMED), None)
    if author is None:
        return a
    return dataclasses.replace(a, kind=author.kind, label=Label.NAMED, referent=author)
