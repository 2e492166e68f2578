"""YAML read as nodes and checked before anything walks them: every YAML file the tool reads comes through here.

Three shapes of a small hostile file would otherwise cost a traceback or all the memory there is:
- nesting thousands of levels deep (`[[[[…`): the parser recurses; refused beyond MAX_DEPTH;
- an alias bomb ("billion laughs": each anchor a list of ten aliases of the one before): 1 KB that means
  10^9 values when walked; refused when the document, aliases expanded, holds more than `max_values` values;
- a complex key (`? [a, b]`): a mapping key that is a list or a mapping, which no setting or rule uses;
- an alias inside the value it names (`a: &x {b: *x}`): a loop that a walk would follow for ever.
"""
from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 64  # nested lists and mappings; rules.yaml and settings files use fewer than 8
MAX_VALUES = 200_000  # values in one document once its aliases are expanded (rules.yaml has about 20,000)
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class YamlProblem(Exception):
    """One located line (`path:line:col: message` or `path: message`)."""


def _at(path: str, mark: Any) -> str:
    return f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else path


def compose(text: str, path: str, loader: Any = _FAST, max_values: int = MAX_VALUES) -> yaml.Node | None:
    """The document's root node, checked (see the module docstring); every problem raises one YamlProblem."""
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or exc
        if "nesting depth" in str(problem):
            problem = f"nested more than {MAX_DEPTH} levels deep"
        raise YamlProblem(f"{_at(path, mark)}: YAML syntax error: {problem}") from None
    except RecursionError:
        raise YamlProblem(f"{path}: YAML nested too deep (more than {MAX_DEPTH} levels)") from None
    if root is not None:
        check(root, path, max_values)
    return root


def check(root: yaml.Node, path: str, max_values: int = MAX_VALUES) -> None:
    """Depth, expanded size and keys of a composed document, without recursion (so without its limit)."""
    sizes: dict[int, int] = {}  # id(node) -> values under it, aliases expanded
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if id(node) in sizes and not done:
            continue  # an alias of a node already measured: its size counts again, its children are not walked
        children = _children(node, path)
        if not done:
            if depth > MAX_DEPTH:
                raise YamlProblem(f"{_at(path, node.start_mark)}: YAML nested too deep (more than {MAX_DEPTH} levels)")
            sizes[id(node)] = -1  # in progress: an alias back to it is a cycle
            stack.append((node, depth, True))
            for c in children:
                if sizes.get(id(c)) == -1:
                    raise YamlProblem(f"{_at(path, c.start_mark)}: a YAML alias refers to a value that holds it "
                                      "(a loop); write the values out instead")
                if id(c) not in sizes:
                    stack.append((c, depth + 1, False))
            continue
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        if total > max_values:
            raise YamlProblem(f"{_at(path, node.start_mark)}: YAML aliases expand to more than {max_values:,} "
                              "values (an alias bomb?); write the values out instead")
        sizes[id(node)] = total


def _children(node: yaml.Node, path: str) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        out: list[yaml.Node] = []
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise YamlProblem(f"{_at(path, k.start_mark)}: a key must be a name, not a "
                                  f"{'list' if isinstance(k, yaml.SequenceNode) else 'mapping'} (`? […]`)")
            out.extend((k, v))
        return out
    return []
