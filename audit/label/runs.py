"""Which rules may match which statements, worked out once per document (or per part of a long one): each rule's
gate and the words its pattern cannot match without (audit.rules.anchors, audit.rules.scan), so that labelling
(audit.label.engine) takes each statement through its few rules only."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from audit.label.places import fixed_places, fixed_where
from audit.models import Statement
from audit.rules.anchors import exact_words
from audit.rules.ruleset import Rule, RuleSet
from audit.rules.scan import by_statement, candidates, join, matching
from audit.rules.words import NeedTable, Words, members


def scan_document(statements: tuple[Statement, ...], masked: str, ruleset: RuleSet
                  ) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """Which statements each attribution rule and each statement rule may match, per document: a gated rule
    runs exactly where its gate matches, and every rule only where the words its pattern cannot match without
    are (audit.rules.anchors). A pattern with no such words is searched once over all statements at once where
    it allows it (audit.rules.scan), else statement by statement. A long document goes _CHUNK statements at a
    time, so that the sets of words of a 16 MB article are never all held at once."""
    attribution: dict[str, set[int]] = {r.id: set() for r in ruleset.of_kind("attribution")}
    statement: dict[str, set[int]] = {r.id: set() for r in ruleset.of_kind("statement")}
    for lo in range(0, len(statements), _CHUNK):
        for found, part in zip((attribution, statement), _scan_part(statements[lo:lo + _CHUNK], masked, ruleset)):
            for rule_id, hits in part.items():
                found[rule_id].update(lo + i for i in hits)
    return ({k: frozenset(v) for k, v in attribution.items()}, {k: frozenset(v) for k, v in statement.items()})


_CHUNK = 2000


def scan_rules(statements: tuple[Statement, ...], masked: str, ruleset: RuleSet
               ) -> tuple[list[Sequence[Rule]], list[Sequence[Rule]]]:
    """For each statement, the attribution rules and the statement rules that may match it, in the rule set's
    order: scan_document's runs turned into each statement's rules (by_statement) _CHUNK statements at a time, so
    that the runs of a whole long document (a set of statement numbers per rule) are never held at once. A
    statement rule is not searched where a `where:` condition known before labelling fails (fixed_places)."""
    attribution: list[Sequence[Rule]] = []
    statement: list[Sequence[Rule]] = []
    kinds = (ruleset.of_kind("attribution"), ruleset.of_kind("statement"))
    per_paragraph = Counter(st.paragraph for st in statements)
    for lo in range(0, len(statements), _CHUNK):
        part = statements[lo:lo + _CHUNK]
        places = fixed_places(part, [per_paragraph[st.paragraph] == 1 for st in part], masked)
        for found, rules, runs in zip((attribution, statement), kinds, _scan_part(part, masked, ruleset, places)):
            found.extend(tuple(todo) if todo else () for todo in by_statement(len(part), rules, runs))
    return attribution, statement


def _scan_part(statements: tuple[Statement, ...], masked: str, ruleset: RuleSet, places: dict[str, int] | None = None
               ) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """scan_document on some of a document's statements, numbered from 0. The word prefilter's answers are
    bitsets over the part's statements (audit.rules.words), turned into statement numbers once per rule.
    `places`: fixed_places of the part; a statement rule's runs then leave out where its place fails."""
    segments = [masked[st.start:st.end] for st in statements]
    tables = _tables(ruleset)
    words, joined = Words(segments, tables[0]), None
    attribution = {}
    for r in ruleset.of_kind("attribution"):
        may = words.may_bits(r.regex)
        if r.requires is not None and (exact := exact_words(r.requires)) is not None:
            # the gate is its words: where a statement holds one of them (and the pattern may match)
            found = words.word_bits(exact)
            attribution[r.id] = frozenset(members(found if may is None else found & may))
        elif r.requires is not None:
            gate = words.may_bits(r.requires)
            scope = may if gate is None else gate if may is None else may & gate
            if scope is None:
                joined = joined or join(segments)
                attribution[r.id] = matching(r.requires, joined)
            else:
                attribution[r.id] = frozenset(i for i in members(scope) if r.requires.search(segments[i]))
        elif may is not None:
            attribution[r.id] = frozenset(members(may))
        else:
            joined = joined or join(segments)
            attribution[r.id] = frozenset(candidates(r.regex, joined))
    return attribution, _statement_runs(statements, ruleset, tables[1], places)


def _statement_runs(statements: tuple[Statement, ...], ruleset: RuleSet, table: NeedTable,
                    places: dict[str, int] | None) -> dict[str, frozenset[int]]:
    """The statements each statement rule may match (its text's Needs, `table`), left out where a fixed place of
    the rule fails (`places`, fixed_places)."""
    texts = [st.text for st in statements]
    text_words, text_joined = Words(texts, table), None
    statement = {}
    for r in ruleset.of_kind("statement"):
        may, where = text_words.may_bits(r.regex), None if places is None else fixed_where(r, places)
        if may is not None:
            hits = members(may if where is None else may & where)
        elif where is not None:
            hits = [i for i in members(where) if r.regex.search(texts[i])]
        else:
            text_joined = text_joined or join(texts)
            hits = candidates(r.regex, text_joined)
        statement[r.id] = frozenset(hits)
    return statement


def _tables(ruleset: RuleSet) -> tuple[NeedTable, NeedTable]:
    """The Needs of the attribution rules' patterns and gates, and of the statement rules' patterns, numbered
    once per rule set (audit.rules.words); kept for the last few rule sets (a language server loads new ones)."""
    hit = _TABLES.get(id(ruleset))
    if hit is not None and hit[0] is ruleset:
        return hit[1]
    attribution = ruleset.of_kind("attribution")
    gates = [r.requires for r in attribution if r.requires is not None]
    exact = [w for gate in gates for w in exact_words(gate) or ()]
    tables = (NeedTable([r.regex for r in attribution] + gates, exact),
              NeedTable(r.regex for r in ruleset.of_kind("statement")))
    if len(_TABLES) >= 4:
        _TABLES.clear()
    _TABLES[id(ruleset)] = (ruleset, tables)  # the rule set is held: its id stays its own
    return tables


_TABLES: dict[int, tuple[RuleSet, tuple[NeedTable, NeedTable]]] = {}
