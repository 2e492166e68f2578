"""Generated rules and settings files for the loaders' property tests (tests/test_loader_properties.py, a few
hundred examples) and the corpus suite's fuzz run (tests/corpus/test_fuzz.py, 20,000 each): documents built
from the real keys with values of every type, then dumped, and raw YAML or TOML text with hostile pieces
(anchors and aliases, complex keys, tags, deep nesting, huge numbers) mixed in.

The property: every document either loads or ends in located problem lines (`path:line:col: message` or
`path: message`), and never in any other exception."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import strategies as st

from audit.errors import ConfigError, RulesError
from audit.rules.loader import load_rules
from audit.settings.parse import parse_settings, read_settings_file

RULE_KEYS = ["id", "kind", "label", "pattern", "requires", "message", "why", "examples", "source_kind", "accept",
             "where", "confidence", "carry", "role", "flags", "override", "severity", "params", "fix", "standard"]
TOP_KEYS = ["version", "precedence", "lede_paragraphs", "lexicons", "patterns", "rules", "checks", "verdict"]
SETTING_KEYS = ["rules", "select", "ignore", "severity", "fail-on", "publisher", "encoding", "gates", "per-path",
                "metric", "max", "min", "min-statements", "id", "check", "reason", "paragraph"]
WORDS = ["statement", "attribution", "anonymous-source", "named-source", "error", "warning", "never", "utf-8",
         "punycode", "{NAME}", "(a+)+$", "(?P<source>\\w+) (?P<cue>said)", "[z-a]", "**/x", "\\", "share-above",
         "lede-unsourced", "anonymous_share", "match", "no_match", "text", "fail", "review", "severities",
         "window", "min_words", "above", "labels", "0x10", "1:30", "abc", "yes", "~", "", "🙂", "\x00"]
HOSTILE_YAML = ["? [a, b]\n: 1\n", "&a [1, 2]", "*a", "!!python/object:os.system x", "!!binary AAAA", "\t",
                "[" * 80, "{" * 80, "a: &x {b: *x}\n", "- - - - - -", ": :", "'", '"', "%YAML 1.1\n---\n",
                "--- !!set {a, b}\n", "1" * 400, "\ufeff", "\x85", "<<: *a\n", "--- |\n  x\n"]
HOSTILE_TOML = ["[tool.sourcing-audit]\n", "[[tool.sourcing-audit.gates]]\n", "a = " + "[" * 60 + "]" * 60,
                "x = 1" + "0" * 400, "y = inf", "z = nan", 'k = """', "[a.b.c]\n", "t = 1979-05-27T07:32:00Z",
                "w = {a = 1, b = [1, 2]}", "'q' = 1", "= 1"]

SCALARS = st.one_of(st.sampled_from(WORDS), st.integers(min_value=-10**30, max_value=10**30),
                    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(), st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(RULE_KEYS + TOP_KEYS + SETTING_KEYS + WORDS), inner, max_size=5)),
    max_leaves=25)
RULE = st.dictionaries(st.sampled_from(RULE_KEYS), VALUES, max_size=8)
RULES_DOC = st.one_of(VALUES, st.fixed_dictionaries({}, optional={
    "rules": st.lists(RULE, max_size=3), "checks": st.lists(RULE, max_size=3), "patterns": VALUES,
    "lexicons": VALUES, "verdict": VALUES, "lede_paragraphs": VALUES, "precedence": VALUES, "version": VALUES}))
SETTINGS_DOC = st.one_of(VALUES, st.dictionaries(st.sampled_from(SETTING_KEYS), VALUES, max_size=8))


def _dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def yaml_texts(doc: st.SearchStrategy[object]) -> st.SearchStrategy[str]:
    """A dumped document, or one with hostile pieces spliced in at random places."""
    spliced = st.tuples(doc.map(_dump), st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(HOSTILE_YAML)),
                                                  max_size=3))
    return st.one_of(doc.map(_dump), spliced.map(_splice), st.lists(st.sampled_from(HOSTILE_YAML + WORDS + [
        "\n", ": ", "- ", "  "]), max_size=30).map("".join))


def toml_texts() -> st.SearchStrategy[str]:
    line = st.one_of(st.sampled_from(HOSTILE_TOML),
                     st.tuples(st.sampled_from(SETTING_KEYS), st.sampled_from(
                         ['"x"', "1", "1.5", "true", '["a", "b"]', "[1, [2]]", '{id = "g", metric = "m", max = 1}',
                          '"' + "\\" + '"', "[]", "{}"])).map(lambda kv: f'"{kv[0]}" = {kv[1]}'))
    return st.lists(line, max_size=12).map(lambda lines: "[tool.sourcing-audit]\n" + "\n".join(lines) + "\n")


def _splice(parts: tuple[str, list[tuple[int, str]]]) -> str:
    text, pieces = parts
    for at, piece in pieces:
        at %= len(text) + 1
        text = text[:at] + piece + text[at:]
    return text


def _located(lines: tuple[str, ...], path: Path) -> None:
    located = re.compile(re.escape(str(path)) + r"(?::\d+:\d+)?: \S")
    assert lines, "an error with no problem line"
    for line in lines:
        assert located.match(line), line


def check_rules_text(text: str, path: Path) -> None:
    """The rules loader on one document alone (no default pack): a RuleSet, or located problems."""
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_rules(path, base=None)
    except RulesError as exc:
        _located(exc.problems, path)


def check_settings_text(text: str, path: Path) -> None:
    """The settings reader and validator on one file: settings, or located problems."""
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loc = read_settings_file(path)
        if loc is not None:
            parse_settings(loc)
    except ConfigError as exc:
        _located(exc.problems, path)
