"""The YAML side of ruleset.py: read rule files as position-carrying nodes and build one validated RuleSet."""
from __future__ import annotations

from pathlib import Path

import yaml

from audit.rules.builder import _LOADER, Doc, _at, _Builder, _named_patterns
from audit.rules.entries import _check, _rule
from audit.rules.ruleset import (
    RuleSet,
)


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
