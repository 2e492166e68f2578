"""The YAML side of rules.py: read rule files as position-carrying nodes and build one validated RuleSet."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from audit.models import Label, SourceKind
from audit.rules.ruleset import (
    _CHECK_KEYS, _EXAMPLE_KEYS, _REF, _RULE_KEYS, _TOP_KEYS, CHECK_KINDS, FROM_SOURCE, RULE_KINDS,
    SEVERITIES, WHERE, Check, Example, Rule, RuleSet,
)

_LABELS = {lab.value: lab for lab in Label}
_KINDS = {k.value: k for k in SourceKind}
_BOOL_TAG = "tag:yaml.org,2002:bool"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 8x faster
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


@dataclass
class Doc:
    path: str
    root: yaml.MappingNode


def read(path: Path) -> tuple[Doc | None, list[str]]:
    """Parse one rules file into nodes; syntax errors come back as located problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [f"{path}: no such rules file"]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{path}: cannot read rules file: {exc}"]
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        return None, [f"{where}: YAML syntax error: {getattr(exc, 'problem', None) or exc}"]
    if root is None:
        return None, [f"{path}:1:1: the rules file is empty"]
    if not isinstance(root, yaml.MappingNode):
        return None, [f"{_at(path, root)}: the rules file must be a mapping (version, lexicons, rules, ...)"]
    return Doc(str(path), root), []


def _at(path: str | Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


class _Builder:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.version = "0"
        self.precedence: tuple[Label, ...] = ()
        self.lede = 3
        self.lexicons: dict[str, list[str]] = {}
        self.patterns: dict[str, str] = {}
        self.pattern_at: dict[str, str] = {}  # name -> path:line:col, for errors
        self.rule_nodes: dict[str, tuple[str, yaml.MappingNode]] = {}
        self.check_nodes: dict[str, tuple[str, yaml.MappingNode]] = {}
        self.verdict: dict[str, Any] = {}
        self.paths: list[str] = []
        self._owner: dict[int, str] = {}  # id(entry node) -> the file it came from

    def err(self, path: str, node: yaml.Node, msg: str) -> None:
        self.problems.append(f"{_at(path, node)}: {msg}")

    def string(self, path: str, node: yaml.Node, what: str) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _BOOL_TAG:
                self.err(path, node, f"{what}: {node.value!r} was read as a boolean; quote it (\"{node.value}\")")
                return None
            return str(node.value)
        self.err(path, node, f"{what}: expected a text value")
        return None

    def strings(self, path: str, node: yaml.Node, what: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            self.err(path, node, f"{what}: expected a list")
            return []
        out = [self.string(path, item, what) for item in node.value]
        return [s for s in out if s is not None]

    def mapping(self, path: str, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.err(path, node, f"{what}: expected a mapping")
            return []
        return list(node.value)

    def add_doc(self, doc: Doc) -> None:
        self.paths.append(doc.path)
        for knode, vnode in doc.root.value:
            key = knode.value
            if key not in _TOP_KEYS:
                self.err(doc.path, knode, f"unknown key {key!r} (expected one of: {', '.join(sorted(_TOP_KEYS))})")
            elif key == "version":
                self.version = self.string(doc.path, vnode, "version") or self.version
            elif key == "lede_paragraphs":
                self.lede = self.integer(doc.path, vnode, "lede_paragraphs", self.lede)
            elif key == "precedence":
                self.add_precedence(doc.path, vnode)
            elif key in ("lexicons", "patterns"):
                self.add_named_lists(doc.path, vnode, key)
            elif key in ("rules", "checks"):
                self.add_entries(doc.path, vnode, key)
            elif key == "verdict":
                if isinstance(vnode, yaml.MappingNode):
                    self.verdict.update(yaml.safe_load(yaml.serialize(vnode)) or {})
                else:
                    self.err(doc.path, vnode, "verdict: expected a mapping of thresholds")

    def integer(self, path: str, node: yaml.Node, what: str, default: int) -> int:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            return int(node.value)
        self.err(path, node, f"{what}: expected a whole number")
        return default

    def add_precedence(self, path: str, node: yaml.Node) -> None:
        labels = []
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        for item in items:
            name = self.string(path, item, "precedence")
            if name is not None and name not in _LABELS:
                self.err(path, item, f"precedence: unknown label {name!r}")
            elif name is not None:
                labels.append(_LABELS[name])
        if set(labels) != set(Label):
            self.err(path, node, "precedence: must list each of the seven labels once")
        self.precedence = tuple(labels)

    def add_named_lists(self, path: str, node: yaml.Node, key: str) -> None:
        for knode, vnode in self.mapping(path, node, key):
            name = knode.value
            if key == "lexicons":
                words = self.strings(path, vnode, f"lexicon {name!r}")
                self.lexicons[name] = self.lexicons.get(name, []) + words
            else:
                value = self.string(path, vnode, f"pattern {name!r}")
                if value is not None:
                    self.patterns[name] = value
                    self.pattern_at[name] = _at(path, vnode)

    def add_entries(self, path: str, node: yaml.Node, key: str) -> None:
        store = self.rule_nodes if key == "rules" else self.check_nodes
        if not isinstance(node, yaml.SequenceNode):
            self.err(path, node, f"{key}: expected a list")
            return
        for entry in node.value:
            fields = dict((k.value, v) for k, v in self.mapping(path, entry, key[:-1]))
            id_node = fields.get("id")
            rid = self.string(path, id_node, "id") if id_node is not None else None
            if not rid:
                self.err(path, entry, f"{key[:-1]} without an id")
                continue
            override = fields.get("override")
            if rid in store and not (override is not None and override.value == "true"):
                first = store[rid][0]
                self.err(path, id_node, f"duplicate id {rid!r} (first at {first}); "
                                        "to replace a rule of the default pack say `override: true`")
                continue
            store[rid] = (_at(path, id_node), entry)
            self._owner[id(entry)] = path


def build(docs: list[Doc]) -> tuple[RuleSet | None, list[str]]:
    """Merge documents in order (later files add to or override earlier ones) and validate everything."""
    b = _Builder()
    for doc in docs:
        b.add_doc(doc)
    lexicons = {name: tuple(words) for name, words in b.lexicons.items()}
    rules = [r for r in (_rule(b, rid, node) for rid, (_, node) in b.rule_nodes.items()) if r is not None]
    checks = [c for c in (_check(b, cid, node) for cid, (_, node) in b.check_nodes.items()) if c is not None]
    patterns = _named_patterns(b)
    if b.problems:
        return None, b.problems
    return RuleSet(b.version, b.precedence, b.lede, lexicons, tuple(rules), tuple(checks), b.verdict,
                   tuple(b.paths), patterns), []


def _named_patterns(b: _Builder) -> dict[str, re.Pattern[str]]:
    """Every named pattern compiled on its own, so the engine can use one directly (ANONYMITY_REASON)."""
    out = {}
    for name, raw in b.patterns.items():
        try:
            out[name] = re.compile(expand(b, raw), re.IGNORECASE if name.endswith("_I") else 0)
        except KeyError as exc:
            b.problems.append(f"{b.pattern_at[name]}: pattern {name!r} names {{{exc.args[0]}}}, "
                              "which is neither a lexicon nor a pattern")
        except re.error as exc:
            b.problems.append(f"{b.pattern_at[name]}: pattern {name!r} does not compile: {exc}")
    return out


def expand(b: _Builder, pattern: str, seen: tuple[str, ...] = ()) -> str:
    """Replace {name} by a named pattern or a lexicon alternation (longest entries first)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in b.patterns and name not in seen:
            return "(?:" + expand(b, b.patterns[name], seen + (name,)) + ")"
        if name in b.lexicons:
            words = sorted(set(b.lexicons[name]), key=lambda w: (-len(w), w))
            return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"
        raise KeyError(name)

    return _REF.sub(sub, pattern)


def _examples(b: _Builder, path: str, node: yaml.Node | None) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if node is None:
        return (), ()
    out: dict[str, list[Example]] = {"match": [], "no_match": []}
    for knode, vnode in b.mapping(path, node, "examples"):
        if knode.value not in _EXAMPLE_KEYS:
            b.err(path, knode, f"examples: unknown key {knode.value!r} (expected match, no_match)")
            continue
        items = vnode.value if isinstance(vnode, yaml.SequenceNode) else []
        if not isinstance(vnode, yaml.SequenceNode):
            b.err(path, vnode, f"examples.{knode.value}: expected a list")
        for item in items:
            ex = _example(b, path, item)
            if ex is not None:
                out[knode.value].append(ex)
    return tuple(out["match"]), tuple(out["no_match"])


def _example(b: _Builder, path: str, item: yaml.Node) -> Example | None:
    if isinstance(item, yaml.ScalarNode):
        text = b.string(path, item, "example")
        return Example(text) if text is not None else None
    fields = {k.value: v for k, v in b.mapping(path, item, "example")}
    unknown = set(fields) - {"text", "label", "source"}
    for name in unknown:
        b.err(path, item, f"example: unknown key {name!r} (expected text, label, source)")
    text = b.string(path, fields["text"], "example text") if "text" in fields else None
    if text is None:
        b.err(path, item, "example without text")
        return None
    label = None
    if "label" in fields:
        name = b.string(path, fields["label"], "example label")
        if name not in _LABELS:
            b.err(path, fields["label"], f"example: unknown label {name!r}")
        else:
            label = _LABELS[name]
    source = b.string(path, fields["source"], "example source") if "source" in fields else None
    return Example(text, label, source)


def _common(b: _Builder, path: str, rid: str, fields: dict[str, yaml.Node], keys: set[str],
            entry: yaml.Node) -> dict[str, Any] | None:
    ok = True
    for name, _ in fields.items():
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
    source_kind = _kind(b, path, rid, fields.get("source_kind")) if "source_kind" in fields else None
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
        if cond not in WHERE:
            b.err(path, fields["where"], f"rule {rid!r}: unknown place {cond!r} (expected: {', '.join(WHERE)})")
    confidence = _fraction(b, path, rid, fields["confidence"]) if "confidence" in fields else 1.0
    if common is None or regex is None or label is False:
        return None
    return Rule(rid, kind, pattern, regex, label or None, source_kind, accept, common["message"],
                common["why"], common["match"], common["no_match"], f"{path}:{entry.start_mark.line + 1}",
                confidence, requires, where)


def _label(b: _Builder, path: str, rid: str, fields: dict[str, yaml.Node], entry: yaml.Node,
           allow_from_source: bool) -> Label | None | bool:
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
    try:
        return re.compile(full, flags), raw
    except re.error as exc:
        b.err(path, fields[key], f"rule {rid!r}: {key} does not compile: {exc}")
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
    params = yaml.safe_load(yaml.serialize(fields["params"])) if "params" in fields else {}
    fix = b.string(path, fields["fix"], "fix") if "fix" in fields else ""
    standard = b.string(path, fields["standard"], "standard") if "standard" in fields else ""
    if common is None:
        return None
    return Check(cid, kind, severity, common["message"], common["why"], fix or "", standard or "",
                 params or {}, common["match"], common["no_match"], f"{path}:{entry.start_mark.line + 1}")
