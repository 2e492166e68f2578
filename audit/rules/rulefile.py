"""The YAML side of ruleset.py: read rule files as position-carrying nodes, merge them (top-level keys, lexicons,
named patterns) and expand {name} in a pattern; entries.py validates each rule and check, loader.py builds the
RuleSet."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from audit.models import Label, SourceKind
from audit.read.yamlnodes import YamlProblem, compose
from audit.resources import resource
from audit.rules import cache
from audit.rules.budget import user_pattern
from audit.rules.cache import code_pattern
from audit.rules.inflect import FORMS, inflect, irregular_table
from audit.rules.ruleset import _REF, _TOP_KEYS
from audit.rules.trie import trie_alternation
from audit.rules.values import verdict_thresholds

_LABELS = {lab.value: lab for lab in Label}
_KINDS = {k.value: k for k in SourceKind}
_BOOL_TAG = "tag:yaml.org,2002:bool"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 8x faster
_WHOLE = code_pattern(r"[0-9]{1,6}")  # lede_paragraphs and the like: no 0x10, 1:30 (YAML 1.1 base 60) or 400 digits
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


@dataclass
class Doc:
    path: str
    root: yaml.MappingNode


def parse(path: Path, data: bytes) -> tuple[Doc | None, list[str]]:
    """Parse the bytes of one rules file (audit.rules.loader reads them) into nodes; syntax errors come back as
    located problems."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [f"{path}: cannot read rules file: {exc}"]
    try:
        root = compose(text, str(path), _LOADER)
    except YamlProblem as exc:
        return None, [str(exc)]
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
        self.lemma_specs: list[tuple[str, list[str], tuple[str, ...]]] = []  # (lexicon, lemmas, forms)
        self.tries: dict[str, str] = {}  # lexicon name -> its regex, made once
        self.patterns: dict[str, str] = {}
        self.pattern_at: dict[str, str] = {}  # name -> path:line:col, for errors
        self.rule_nodes: dict[str, tuple[str, yaml.MappingNode]] = {}
        self.check_nodes: dict[str, tuple[str, yaml.MappingNode]] = {}
        self.verdict: dict[str, Any] = {}
        self.paths: list[str] = []
        self._owner: dict[int, str] = {}  # id(entry node) -> the file it came from
        self.too_large = False  # one line for named patterns that expand too far, not one per pattern using them

    def err_too_large(self, where: str, what: str, exc: PatternTooLarge) -> None:
        if not self.too_large:
            self.too_large = True
            self.problems.append(f"{where}: {what}: {too_large(exc)}")

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
                self.verdict.update(verdict_thresholds(self, doc.path, vnode))

    def integer(self, path: str, node: yaml.Node, what: str, default: int) -> int:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int" and _WHOLE.fullmatch(node.value):
            return int(node.value)
        self.err(path, node, f"{what}: expected a whole number in digits (such as 3)")
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
                words = (self.lemma_lexicon(path, name, vnode) if isinstance(vnode, yaml.MappingNode)
                         else self.strings(path, vnode, f"lexicon {name!r}"))
                self.lexicons[name] = self.lexicons.get(name, []) + words
            else:
                value = self.string(path, vnode, f"pattern {name!r}")
                if value is not None:
                    self.patterns[name] = value
                    self.pattern_at[name] = _at(path, vnode)


    def lemma_lexicon(self, path: str, name: str, node: yaml.MappingNode) -> list[str]:
        """A lexicon by lemma: `{lemmas: [say, call for], forms: [base, s, ed, en, ing], also: [...]}`.

        The forms are made once every file is read (irregular verbs may come from a later file); `also`
        entries are taken as written."""
        fields = {k.value: v for k, v in self.mapping(path, node, f"lexicon {name!r}")}
        for key in fields:
            if key not in ("lemmas", "forms", "also"):
                self.err(path, node, f"lexicon {name!r}: unknown key {key!r} (expected lemmas, forms, also)")
        forms = tuple(self.strings(path, fields["forms"], f"lexicon {name!r} forms")) if "forms" in fields \
            else FORMS
        for item in (fields["forms"].value if isinstance(fields.get("forms"), yaml.SequenceNode) else []):
            if item.value not in FORMS:
                self.err(path, item, f"lexicon {name!r}: unknown form {item.value!r} "
                                     f"(expected some of: {', '.join(FORMS)})")
        if "lemmas" not in fields:
            self.err(path, node, f"lexicon {name!r}: a lexicon by lemma needs `lemmas`")
        else:
            self.lemma_specs.append((name, self.strings(path, fields["lemmas"], f"lexicon {name!r}"), forms))
        return self.strings(path, fields["also"], f"lexicon {name!r}") if "also" in fields else []

    def inflect_lexicons(self) -> None:
        """Add the forms of every lemma lexicon, once all files are read."""
        irregular = irregular_table(self.lexicons.get("irregular_verbs", []))
        for name, lemmas, forms in self.lemma_specs:
            self.lexicons[name] = self.lexicons[name] + [w for lem in lemmas for w in inflect(lem, forms, irregular)]

    def add_entries(self, path: str, node: yaml.Node, key: str) -> None:
        store = self.rule_nodes if key == "rules" else self.check_nodes
        if not isinstance(node, yaml.SequenceNode):
            self.err(path, node, f"{key}: expected a list")
            return
        for entry in node.value:
            fields = {k.value: v for k, v in self.mapping(path, entry, key[:-1])}
            id_node = fields.get("id")
            rid = self.string(path, id_node, "id") if id_node is not None else None
            if not rid or id_node is None:
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


def _named_patterns(b: _Builder) -> dict[str, re.Pattern[str]]:
    """Every named pattern compiled on its own, so the engine can use one directly (ANONYMITY_REASON)."""
    out = {}
    default = str(resource("rules.yaml")) + ":"
    for name, raw in b.patterns.items():
        flags = re.IGNORECASE if name.endswith("_I") else 0
        try:
            full = expand(b, raw)
            out[name] = cache.compile(full, flags) if b.pattern_at[name].startswith(default) else \
                user_pattern(full, flags, f"pattern {name!r} ({b.pattern_at[name]})")
        except KeyError as exc:
            b.problems.append(f"{b.pattern_at[name]}: pattern {name!r} names {{{exc.args[0]}}}, "
                              "which is neither a lexicon nor a pattern")
        except PatternTooLarge as exc:
            b.err_too_large(b.pattern_at[name], f"pattern {name!r}", exc)
        except re.error as exc:
            b.problems.append(f"{b.pattern_at[name]}: pattern {name!r} does not compile: {exc}")
        except ValueError as exc:  # backtracks on the probe texts
            b.problems.append(f"{b.pattern_at[name]}: pattern {name!r}: {exc}")
    for name, groups in CODE_GROUPS.items():
        missing = [g for g in groups if name in out and g not in out[name].groupindex]
        if missing:
            b.problems.append(f"{b.pattern_at[name]}: pattern {name!r} needs the group(s) "
                              + ", ".join(f"(?P<{g}>…)" for g in missing) + ", which the code reads")
    return out


CODE_GROUPS = {"OUTLET_REPORTER": ("outlet", "name"), "NAME_OF_BODY": ("name",)}  # named patterns the code reads


MAX_EXPANDED = 100_000  # characters of one pattern with its {names} expanded (the largest in rules.yaml: 7,000)


class PatternTooLarge(Exception):
    """Named patterns that expand past MAX_EXPANDED (ones that double at each level never finish compiling)."""


def too_large(exc: PatternTooLarge) -> str:
    return (f"its {{names}} expand to more than {MAX_EXPANDED:,} characters, at {{{exc.args[0]}}} (does a named "
            "pattern name another more than once at each level?)")


def expand(b: _Builder, pattern: str, seen: tuple[str, ...] = (), budget: list[int] | None = None) -> str:
    """Replace {name} by a named pattern or a lexicon, and {a|b} by the union of lexicons a and b (each as one
    trie: longest entries first). Raises PatternTooLarge once the expansions add up to MAX_EXPANDED characters."""
    budget = [MAX_EXPANDED] if budget is None else budget

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in b.patterns and name not in seen:
            out = "(?:" + expand(b, b.patterns[name], seen + (name,), budget) + ")"
            budget[0] -= len(out)
            if budget[0] < 0:
                raise PatternTooLarge(name)
            return out
        names = name.split("|")  # {a|b}: one trie over the union of lexicons a and b
        for part in names:
            if part not in b.lexicons:
                raise KeyError(part)
        if name not in b.tries:
            b.tries[name] = "(?:" + trie_alternation([w for part in names for w in b.lexicons[part]]) + ")"
        return b.tries[name]

    return _REF.sub(sub, pattern)
