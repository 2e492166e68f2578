"""Read and validate rules.yaml into a RuleSet; every problem is reported as path:line:col: message."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from audit.models import Label, SourceKind
from audit.rules.cache import code_pattern

RULE_KINDS = ("attribution", "source", "statement")
CHECK_KINDS = (
    "anonymous-no-reason", "anonymous-bare", "anonymous-opinion", "secondhand-unconfirmed",
    "reports-unnamed", "leak-unverified", "lede-unsourced", "lede-weak", "duplicate-paragraph",
    "quote-unattributed", "right-of-reply", "share-above",
)
SEVERITIES = ("error", "warning", "info")  # most serious first; the one list of severities
FROM_SOURCE = "from-source"
_TOP_KEYS = {"version", "precedence", "lede_paragraphs", "lexicons", "patterns", "rules", "checks", "verdict"}
_RULE_KEYS = {"id", "kind", "pattern", "label", "source_kind", "accept", "flags", "message", "why",
              "examples", "override", "confidence", "requires", "where", "carry", "role"}
#: Where a `statement` rule may fire (`where:` in rules.yaml); every listed condition must hold. An `attribution`
#: rule may be placed `before-quotation`: its statement closes its paragraph and the next paragraph opens with a
#: quotation mark ("He then listed the qualities he wants:" over a quoted paragraph), or `after-quotation`: a
#: quotation cut off as a statement of its own comes right before it in its paragraph ("“Why?” / Lee pressed.").
WHERE = ("whole-paragraph", "own-line", "not-first-paragraph", "not-first-statement", "first-statement",
         "first-paragraph", "in-link-list", "not-deck", "deck", "set-apart", "before-quotation", "after-quotation")
ATTRIBUTION_WHERE = ("before-quotation", "after-quotation")
#: How far an attribution rule's label carries (`carry:` in rules.yaml): over the rest of its paragraph
#: ("PENCE: …" in a transcript), back over the statements before it in its paragraph (a citation that closes a
#: round-up item, "… [Reuters.]") or, by default, only over the quotation it introduces.
CARRY = ("paragraph", "back")
#: What a rule's match stands for beyond its label (`role:` in rules.yaml): `relay` (an attribution that passes
#: on another one in the statement, "X told the Daily Mail": both stand), `refers-back` (a source phrase that
#: stands for an earlier source, "he"), `description` (a source phrase kept whole as the roster's name,
#: "the former president"), `list-label` (a `statement` rule's line that heads a list of links, "Related:": the
#: lines under it may take the `in-link-list` place), `writer` (a first-person source, "I said": the roster's
#: "the writer"), `turn` (an attribution that opens a paragraph as a speaker's turn in a transcript,
#: "MATTHEWS: …": in a text where a speaker takes a second turn, its label holds the paragraphs up to the next
#: turn; audit.label.turns), `setting` (an attribution naming the document or recording where a speaker's words
#: were given, "In the order, Curiel said": the roster names the speaker), `document-only` (a pronoun source that
#: stands only for a document, "It would also create …" after a bill: dropped unless the pronoun goes back to one),
#: `share` (a share of a poll's respondents, "51 percent said": a poll the statement names beside it is the roster's
#: source), `possessor` (a claim or promise named as a noun with its speaker as the possessor, "her promise to …":
#: the rule may take a bare his, her or their as its source, and it gives way to the statement's own cue).
ROLES = ("relay", "refers-back", "description", "list-label", "writer", "turn", "setting", "document-only", "share",
         "possessor")
_CHECK_KEYS = {"id", "kind", "severity", "message", "why", "fix", "params", "examples", "override", "standard"}
_EXAMPLE_KEYS = {"match", "no_match"}
_REF = code_pattern(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\|[A-Za-z_][A-Za-z0-9_]*)*)\}")  # {name} or {lexicon|lexicon}


@dataclass(frozen=True)
class Example:
    text: str
    label: Label | None = None  # the label the rule must give, where the example says
    source: str | None = None  # the source text an attribution must find


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    pattern: str
    regex: re.Pattern[str]
    label: Label | None  # None: the label comes from the source's kind
    source_kind: SourceKind | None
    accept: tuple[SourceKind, ...]
    message: str
    why: str
    match: tuple[Example, ...]
    no_match: tuple[Example, ...]
    origin: str
    confidence: float = 1.0
    requires: re.Pattern[str] | None = None  # a cheap pattern a statement must contain for the rule to run
    where: tuple[str, ...] = ()  # conditions on the statement's place (WHERE; attribution rules: ATTRIBUTION_WHERE)
    carry: str | None = None  # attribution rules: "paragraph" / "back" carry the label over the paragraph (CARRY)
    role: str | None = None  # what the match stands for beyond its label (ROLES)

    def applies(self, text: str) -> bool:
        return self.requires is None or self.requires.search(text) is not None


@dataclass(frozen=True)
class Check:
    id: str
    kind: str
    severity: str
    message: str
    why: str
    fix: str
    standard: str
    params: dict[str, Any]
    match: tuple[Example, ...]
    no_match: tuple[Example, ...]
    origin: str


@dataclass(frozen=True)
class RuleSet:
    version: str
    precedence: tuple[Label, ...]
    lede_paragraphs: int
    lexicons: dict[str, tuple[str, ...]]
    rules: tuple[Rule, ...]
    checks: tuple[Check, ...]
    verdict: dict[str, Any]
    paths: tuple[str, ...] = field(default=())
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Rule, ...]]:
        return {kind: tuple(r for r in self.rules if r.kind == kind) for kind in RULE_KINDS}

    def of_kind(self, kind: str) -> tuple[Rule, ...]:
        return self._by_kind[kind]

    @cached_property
    def _by_role(self) -> dict[str, frozenset[str]]:
        return {role: frozenset(r.id for r in self.rules if r.role == role) for role in ROLES}

    @cached_property
    def memo(self) -> dict[object, object]:
        """Answers worked out from this rule set alone, kept for the next statement or document that asks (the
        source verdict of a phrase, say: "he" and "Trump" come back thousands of times in a corpus)."""
        return {}

    def with_role(self, role: str) -> frozenset[str]:
        """The ids of the rules that have this role (ROLES)."""
        return self._by_role[role]

    def rule(self, rule_id: str) -> Rule | Check | None:
        found: tuple[Rule | Check, ...] = (*self.rules, *self.checks)
        for r in found:
            if r.id == rule_id:
                return r
        return None
