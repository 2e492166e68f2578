"""Lexicons as regexes: one trie per word list instead of a flat alternation."""
from __future__ import annotations

import re
from typing import Any


def trie_alternation(words: list[str] | tuple[str, ...]) -> str:
    """One regex for a word list, as a trie ("sa(?:id|ys)"): Python's re tries the branches of a flat
    alternation one by one, so a trie is many times faster on long lexicons. Longer entries win, as in a
    longest-first alternation; a space in an entry matches any run of white space."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    leaves = [re.escape(ch) for ch, child in sorted(node.items()) if ch and ch != " " and list(child) == [""]]
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
                for ch, child in sorted(node.items()) if ch and not (ch != " " and list(child) == [""])]
    if len(leaves) > 1:
        branches.append("[" + "".join(leaves) + "]")
    else:
        branches.extend(leaves)
    if not branches:
        return ""
    if len(branches) == 1:
        body = branches[0]
        atom = len(body) == 1 or (body.startswith("[") and body.endswith("]") and body.count("[") == 1) or \
            (len(body) == 2 and body.startswith("\\"))
        return (body if atom else f"(?:{body})") + "?" if ends else body
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")
