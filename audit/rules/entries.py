"""One rule or check of a rules file validated into a Rule or a Check, every problem with path:line:col."""
from __future__ import annotations

import re
from typing import Any

import yaml

from audit.models import Label, SourceKind
from audit.resources import resource
from audit.rules import cache
from audit.rules.budget import user_pattern
from audit.rules.examples import _examples
from audit.rules.rulefile import (
    _FLAGS,
    _KINDS,
    _LABELS,
    PatternTooLarge,
    _at,
    _Builder,
    expand,
)
from audit.rules.ruleset import (
    _CHECK_KEYS,
    _RULE_KEYS,
    ATTRIBUTION_WHERE,
    CARRY,
    CHECK_KINDS,
    FROM_SOURCE,
    ROLES,
    RULE_KINDS,
    SEVERITIES,
    WHERE,
    Check,
    Rule,
)
from audit.rules.values import check_params

DEFAULT_RULES = resource("rules.yaml")  # its patterns run with `re`; every other file's under a time budget


def _common(b: _Builder, path: str, rid: str, fields: dict[str, yaml.Node], keys: set[str],
            entry: yaml.Node) -> dict[str, Any] | None:
    ok = True
    for name in fields:
        if name not in keys:
            knode = next(k for k, _ in entry.value if k.value == name)
            b.err(path, knode, f"rule {rid!r}: unknown key {name!r}")
            ok = False
    texts = {}
    for name in ("message", "why"):
        if name not in fields:
            b.err(path, entry, f"rule {rid!r}: missing {name!r}")
            ok = False
        else:
            texts[name] = b.string(path, fields[name], f"rule {rid!r}: {name}") or ""
    if not re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", rid):
        b.err(path, fields["id"], f"rule {rid!r}: ids are kebab-case (lower-case words joined by -)")
        ok = False
    match, no_match = _examples(b, path, fields.get("examples"))
    if not match:
        b.err(path, entry, f"rule {rid!r}: needs examples with at least one `match`")
        ok = False
    return {"match": match, "no_match": no_match, **texts} if ok else None


def _rule(b: _Builder, rid: str, entry: yaml.MappingNode) -> Rule | None:
    path = b._owner[id(entry)]
    fields = {k.value: v for k, v in entry.value}
    common = _common(b, path, rid, fields, _RULE_KEYS, entry)
    kind = b.string(path, fields["kind"], f"rule {rid!r}: kind") if "kind" in fields else None
    if kind not in RULE_KINDS:
        b.err(path, fields.get("kind", entry), f"rule {rid!r}: unknown kind {kind!r} "
                                               f"(expected one of: {', '.join(RULE_KINDS)})")
        return None
    label = _label(b, path, rid, fields, entry, allow_from_source=kind == "attribution")
    source_kind = _kind(b, path, rid, fields["source_kind"]) if "source_kind" in fields else None
    if kind == "source" and source_kind is None:
        b.err(path, entry, f"rule {rid!r}: a source rule needs `source_kind`")
    accept_nodes = []
    if "accept" in fields:
        if isinstance(fields["accept"], yaml.SequenceNode):
            accept_nodes = fields["accept"].value
        else:
            b.err(path, fields["accept"], f"rule {rid!r}: accept: expected a list of source kinds")
    accept = tuple(k for k in (_kind(b, path, rid, n) for n in accept_nodes) if k is not None)
    regex, pattern = _compile(b, path, rid, fields)
    requires = _compile(b, path, rid, fields, "requires")[0] if "requires" in fields else None
    where = tuple(b.strings(path, fields["where"], f"rule {rid!r}: where")) if "where" in fields else ()
    for cond in where:
        allowed = ATTRIBUTION_WHERE if kind == "attribution" else tuple(w for w in WHERE if w not in ATTRIBUTION_WHERE)
        if cond not in allowed:
            b.err(path, fields["where"], f"rule {rid!r}: unknown place {cond!r} (expected: {', '.join(allowed)})")
    confidence = _fraction(b, path, rid, fields["confidence"]) if "confidence" in fields else 1.0
    if common is None or regex is None or label is False:
        return None
    label = label if isinstance(label, Label) else None
    carry = _choice(b, path, rid, fields, "carry", CARRY)
    role = _choice(b, path, rid, fields, "role", ROLES)
    return Rule(rid, kind, pattern, regex, label, source_kind, accept, common["message"],
                common["why"], common["match"], common["no_match"], f"{path}:{entry.start_mark.line + 1}",
                confidence, requires, where, carry, role)


def _label(b: _Builder, path: str, rid: str, fields: dict[str, yaml.Node], entry: yaml.Node,
           allow_from_source: bool) -> Label | bool | None:
    if "label" not in fields:
        b.err(path, entry, f"rule {rid!r}: missing 'label'")
        return False
    name = b.string(path, fields["label"], f"rule {rid!r}: label")
    if name == FROM_SOURCE and allow_from_source:
        return None
    if name not in _LABELS:
        hint = f", or {FROM_SOURCE}" if allow_from_source else ""
        b.err(path, fields["label"], f"rule {rid!r}: unknown label {name!r} "
                                     f"(expected one of: {', '.join(_LABELS)}{hint})")
        return False
    return _LABELS[name]


def _fraction(b: _Builder, path: str, rid: str, node: yaml.Node) -> float:
    try:
        value = float(node.value) if isinstance(node, yaml.ScalarNode) else -1.0
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        b.err(path, node, f"rule {rid!r}: confidence: expected a number from 0 to 1")
        return 1.0
    return value


def _kind(b: _Builder, path: str, rid: str, node: yaml.Node) -> SourceKind | None:
    name = b.string(path, node, f"rule {rid!r}: source kind")
    if name not in _KINDS:
        b.err(path, node, f"rule {rid!r}: unknown source kind {name!r} (expected one of: {', '.join(_KINDS)})")
        return None
    return _KINDS[name]


def _compile(b: _Builder, path: str, rid: str, fields: dict[str, yaml.Node],
             key: str = "pattern") -> tuple[re.Pattern[str] | None, str]:
    if key not in fields:
        b.err(path, fields["id"], f"rule {rid!r}: missing {key!r}")
        return None, ""
    raw = b.string(path, fields[key], f"rule {rid!r}: {key}") or ""
    flags = 0
    for ch in (b.string(path, fields["flags"], "flags") or "") if "flags" in fields else "":
        if ch not in _FLAGS:
            b.err(path, fields["flags"], f"rule {rid!r}: unknown regex flag {ch!r} (expected i, m, s, x)")
        else:
            flags |= _FLAGS[ch]
    try:
        full = expand(b, raw)
    except KeyError as exc:
        b.err(path, fields[key], f"rule {rid!r}: {key} names {{{exc.args[0]}}}, "
                                 "which is neither a lexicon nor a pattern")
        return None, raw
    except PatternTooLarge as exc:
        b.err_too_large(_at(path, fields[key]), f"rule {rid!r}: {key}", exc)
        return None, raw
    try:
        if path == str(DEFAULT_RULES):
            return cache.compile(full, flags), raw
        return user_pattern(full, flags, f"rule {rid!r} ({_at(path, fields[key])})"), raw
    except re.error as exc:
        b.err(path, fields[key], f"rule {rid!r}: {key} does not compile: {exc}")
        return None, raw
    except ValueError as exc:  # backtracks on the probe texts
        b.err(path, fields[key], f"rule {rid!r}: {key}: {exc}")
        return None, raw


def _check(b: _Builder, cid: str, entry: yaml.MappingNode) -> Check | None:
    path = b._owner[id(entry)]
    fields = {k.value: v for k, v in entry.value}
    common = _common(b, path, cid, fields, _CHECK_KEYS, entry)
    kind = b.string(path, fields["kind"], f"check {cid!r}: kind") if "kind" in fields else None
    if kind not in CHECK_KINDS:
        b.err(path, fields.get("kind", entry), f"check {cid!r}: unknown kind {kind!r} "
                                               f"(expected one of: {', '.join(CHECK_KINDS)})")
        return None
    severity = b.string(path, fields["severity"], "severity") if "severity" in fields else "warning"
    if severity not in SEVERITIES:
        b.err(path, fields["severity"], f"check {cid!r}: unknown severity {severity!r} "
                                        f"(expected one of: {', '.join(SEVERITIES)})")
        return None
    params = check_params(b, path, cid, fields["params"]) if "params" in fields else {}
    fix = b.string(path, fields["fix"], "fix") if "fix" in fields else ""
    standard = b.string(path, fields["standard"], "standard") if "standard" in fields else ""
    if common is None:
        return None
    return Check(cid, kind, severity, common["message"], common["why"], fix or "", standard or "",
                 params or {}, common["match"], common["no_match"], f"{path}:{entry.start_mark.line + 1}")


def _choice(b: _Builder, path: str, rid: str, fields: dict[str, yaml.Node], key: str,
            allowed: tuple[str, ...]) -> str | None:
    """An optional rule field with a closed set of values (carry, role)."""
    if key not in fields:
        return None
    value = b.string(path, fields[key], f"rule {rid!r}: {key}")
    if value is not None and value not in allowed:
        b.err(path, fields[key], f"rule {rid!r}: unknown {key} {value!r} (expected: {', '.join(allowed)})")
    return value
