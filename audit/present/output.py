"""The machine-readable result (JSON contract, schema_version 1) and the one-screen terminal summary."""
from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

from audit import __version__
from audit.models import DocumentResult, Finding, Mix, Readability, Scores
from audit.rules.ruleset import RuleSet

SCHEMA_VERSION = "1"


def _r(x: float) -> float:
    return round(x, 4)


def _mix(m: Mix) -> dict[str, Any]:
    return {
        "statements": m.statements, "words": m.words,
        "uncheckable": m.uncheckable, "uncheckable_share": _r(m.uncheckable_share),
        "labels": {f.label.value: {"statements": f.statements, "statement_share": _r(f.statement_share),
                                   "words": f.words, "word_share": _r(f.word_share)} for f in m.labels},
    }


def scores_dict(s: Scores) -> dict[str, Any]:
    return {
        "overall": _mix(s.overall), "lede": _mix(s.lede), "rest": _mix(s.rest),
        "lede_paragraphs": s.lede_paragraphs, "distinct_sources": s.distinct_sources,
        "sourced_statements": s.sourced_statements,
        "top_source": {"name": s.top_source, "statements": s.top_source_statements,
                       "share_of_sourced": _r(s.top_source_share)},
    }


def readability_dict(r: Readability | None) -> dict[str, Any]:
    if r is None:
        return {}
    return {"flesch_kincaid_grade": r.flesch_kincaid_grade, "flesch_reading_ease": r.flesch_reading_ease,
            "words_per_sentence": r.words_per_sentence,
            "inputs": {"words": r.words, "sentences": r.sentences, "syllables": r.syllables},
            "longest_statements": list(r.longest), "estimate": True}


def finding_dict(f: Finding) -> dict[str, Any]:
    return {"check_id": f.check_id, "severity": f.severity, "message": f.message, "statement": f.statement,
            "paragraph": f.paragraph, "start": f.start, "end": f.end, "excerpt": f.excerpt,
            "good_practice": f.good, "suppressed": f.suppressed, "suppression_reason": f.suppression_reason}


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # what json.dumps makes with these flags
_STREAMED = frozenset({"statements", "sources", "findings", "excluded"})  # a document's lists that grow with its text
_BATCH = 512  # items encoded at a time when streaming one of them


def _document_fields(d: DocumentResult) -> dict[str, Any]:
    """A document's JSON fields in order; the _STREAMED ones as iterators of their items."""
    return {
        "path": d.path, "text_sha256": d.text_sha256, "publisher": d.publisher,
        "statements": ({
            "index": s.index, "start": s.statement.start, "end": s.statement.end,
            "paragraph": s.statement.paragraph, "text": s.statement.text, "label": s.label.value,
            "rule_ids": list(s.rule_ids),
            "matches": [{"rule_id": m.rule_id, "start": m.start, "end": m.end, "text": m.text} for m in s.matches],
            "source_id": s.source_id, "carried_from": s.carried_from, "confidence": s.confidence,
        } for s in d.statements),
        "sources": ({
            "id": src.id, "name": src.name, "kind": src.kind.value, "named": src.named,
            "description": src.description, "statements": list(src.statements),
            "paragraphs": list(src.paragraphs), "anonymity_reason": src.anonymity_reason,
            "relays": list(src.relays),
        } for src in d.sources),
        "scores": scores_dict(d.scores),
        "readability": readability_dict(d.readability),
        "findings": (finding_dict(f) for f in d.findings),
        "excluded": ({"reason": e.reason, "statement": e.statement, "paragraph": e.paragraph, "text": e.text}
                     for e in d.excluded),
        "verdict": {"name": d.verdict.name, "reason": d.verdict.reason, "fails": d.verdict.fails,
                    "fail_on": d.verdict.fail_on},
        "gates": [{"id": g.id, "passed": g.passed, "message": g.message, "value": _r(g.value),
                   "threshold": g.threshold} for g in d.gates],
        "format": d.source_format,
    }


def document_dict(d: DocumentResult) -> dict[str, Any]:
    return {key: list(value) if key in _STREAMED else value for key, value in _document_fields(d).items()}


def _array(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The JSON array of `items`, a batch at a time: the same text as encoding the whole list at once."""
    sep, batch = "[", list(itertools.islice(items, _BATCH))
    while batch:
        yield sep + _ENCODER.encode(batch)[1:-1]
        sep, batch = ",", list(itertools.islice(items, _BATCH))
    yield "[]" if sep == "[" else "]"


def document_pieces(d: DocumentResult) -> Iterator[str]:
    """document_dict(d) as compact JSON, in pieces: a long article's statements are never all encoded at once."""
    sep = "{"
    for key, value in _document_fields(d).items():
        yield f"{sep}{_ENCODER.encode(key)}:"
        sep = ","
        yield from _array(value) if key in _STREAMED else (_ENCODER.encode(value),)
    yield "}"


def json_pieces(docs: list[DocumentResult], rules: RuleSet, errors: list[dict[str, str]],
                rendered: list[str | None] | None = None) -> Iterator[str]:
    """The JSON result (schema_version 1) in pieces, a document at a time: what to_json returns, for writing
    to a file or standard output without holding the whole text (or a dict tree of it) in memory.
    `rendered[n]`, where given, is docs[n] already encoded by document_pieces (by a --jobs worker)."""
    head = {"schema_version": SCHEMA_VERSION, "tool": {"name": "sourcing-audit", "version": __version__},
            "rules": {"version": rules.version, "files": list(rules.paths)}}
    yield _ENCODER.encode(head)[:-1] + ',"documents":['
    for n, doc in enumerate(docs):
        if n:
            yield ","
        done = rendered[n] if rendered else None
        yield from (done,) if done is not None else document_pieces(doc)
    yield '],"errors":' + _ENCODER.encode(errors) + "}\n"


def to_json(docs: list[DocumentResult], rules: RuleSet, errors: list[dict[str, str]]) -> str:
    # compact: the C encoder only runs without indent, and the output is for machines
    return "".join(json_pieces(docs, rules, errors))
