"""A rule's `examples:` (match and no_match), read from the rules file's nodes, each problem with path:line:col."""
from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from audit.rules.rulefile import _LABELS
from audit.rules.ruleset import _EXAMPLE_KEYS, Example

if TYPE_CHECKING:
    from audit.rules.rulefile import _Builder


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
