"""Settings: discovery (--config, .sourcing-audit.yaml, pyproject.toml), layering, and applying them to a result.

Layers, each over the one before: defaults; the settings file (`--config FILE`, else the nearest
.sourcing-audit.yaml or pyproject.toml with a [tool.sourcing-audit] table in the input's folder or above);
its `per-path` overrides that match the input, in file order; the command-line flags.
"""
from __future__ import annotations

import argparse
import codecs
import dataclasses
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from audit.errors import ConfigError, UsageError
from audit.judge.gates import METRICS, Gate, parse_gate
from audit.rules.ruleset import SEVERITIES

if TYPE_CHECKING:
    from audit.cli import Printer
    from audit.read.inputs import SourceText
    from audit.models import DocumentResult, Finding
    from audit.rules.ruleset import RuleSet

FILENAME = ".sourcing-audit.yaml"
TABLE = "[tool.sourcing-audit]"
KEYS = ("rules", "select", "ignore", "severity", "fail-on", "publisher", "encoding", "gates", "per-path")
FAIL_ON = ("error", "warning", "info", "never")
_DEFAULTS: dict[str, Any] = {"rules": (), "select": (), "ignore": (), "severity": {}, "fail-on": "error",
                             "publisher": None, "encoding": "utf-8", "gates": ()}


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    publisher: str | None = None
    encoding: str = "utf-8"
    gates: tuple[Gate, ...] = ()
    config: str | None = None  # the settings file in force
    origin: dict[str, str] = field(default_factory=dict)  # setting -> where it came from
    entries: dict[str, str] = field(default_factory=dict)  # "select:ID" -> where that id was written

    def wanted(self, check_id: str) -> bool:
        """A check or gate selected (or no select) and not ignored; ids match exactly or by prefix."""
        def hit(ids: tuple[str, ...]) -> bool:
            return any(check_id.startswith(i) for i in ids)

        return (not self.select or hit(self.select)) and not hit(self.ignore)


# ---- reading YAML and TOML with locations ------------------------------------------------------------------

@dataclass
class Located:
    """A parsed settings document with where each value (and key) was written."""

    path: str
    value: Any
    marks: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    table: str = ""  # "[tool.sourcing-audit] " in pyproject.toml

    def at(self, keys: tuple[Any, ...], key: bool = False) -> str:
        marks = self.key_marks if key and keys in self.key_marks else self.marks
        while keys and keys not in marks:
            keys = keys[:-1]
        m = marks.get(keys)
        return f"{self.path}:{m[0]}:{m[1]}" if m else self.path


def read_yaml(path: Path) -> Located:
    """A YAML file as values with line:col; syntax errors and duplicate keys raise ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}"]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        value = yaml.SafeLoader(text).construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError([f"{where}: YAML syntax error: {getattr(exc, 'problem', None) or exc}"]) from None
    loc, problems = Located(str(path), value), list[str]()
    if root is not None:
        _walk(root, (), loc, problems)
    if problems:
        raise ConfigError(problems)
    return loc


def _walk(node: yaml.Node, keys: tuple[Any, ...], loc: Located, problems: list[str]) -> None:
    loc.marks[keys] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else None
            loc.key_marks[keys + (name,)] = (k.start_mark.line + 1, k.start_mark.column + 1)
            if name in seen:
                problems.append(f"{loc.at(keys + (name,), key=True)}: duplicate key {name!r}")
            seen.add(name)
            _walk(v, keys + (name,), loc, problems)
    elif isinstance(node, yaml.SequenceNode):
        for n, v in enumerate(node.value):
            _walk(v, keys + (n,), loc, problems)


def _toml(path: Path) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: TOML syntax error: {exc}"]) from None


def read_settings_file(path: Path) -> Located | None:
    """A settings file as a Located table; None for a pyproject.toml without [tool.sourcing-audit]."""
    if path.suffix == ".toml":
        data = _toml(path)
        if path.name == "pyproject.toml":
            tool = data.get("tool", {})
            if not isinstance(tool, dict) or "sourcing-audit" not in tool:
                return None
            return Located(str(path), tool["sourcing-audit"], table=TABLE + " ")
        return Located(str(path), data)
    return read_yaml(path)


# ---- validating a settings table ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Layer:
    """Validated values from one place (a file's top level or one per-path block), with their origins."""

    values: dict[str, Any]
    where: dict[str, str]  # key -> origin
    entries: dict[str, str]  # "select:ID" -> where the id was written


@dataclass(frozen=True)
class SettingsFile:
    path: str
    root: Path  # the folder rule files and per-path patterns are relative to
    base: Layer
    per_path: tuple[tuple[str, re.Pattern[str], Layer], ...]


def _label(keys: tuple[Any, ...]) -> str:
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def _value(key: str, v: Any, root: Path) -> tuple[Any, str | None, Any]:
    """The validated value of one setting, or (None, the problem, the offending entry's key or index)."""
    if key in ("rules", "select", "ignore"):
        if not isinstance(v, list):
            return None, "expected a list", None
        for n, x in enumerate(v):
            if not isinstance(x, str) or not x.strip() or "," in x:
                return None, "expected a rule file" if key == "rules" else "expected one id (text, no commas)", n
            if key == "rules" and not (root / x).is_file():
                return None, f"no such rules file {x!r} (relative to this file)", n
        return tuple(str(root / x) if key == "rules" else x.strip() for x in v), None, None
    if key == "severity":
        if not isinstance(v, dict):
            return None, "expected a mapping of check id to error, warning or info", None
        for k, level in v.items():
            if level not in SEVERITIES:
                return None, f"{level!r} is not one of {', '.join(SEVERITIES)}", k
        return {str(k): level for k, level in v.items()}, None, None
    if key == "fail-on":
        return (v, None, None) if v in FAIL_ON else (None, f"{v!r} is not one of {', '.join(FAIL_ON)}", None)
    if not isinstance(v, str) or not v.strip():  # publisher, encoding
        return None, "expected text", None
    if key == "encoding":
        try:
            codecs.lookup(v)
        except LookupError:
            return None, f"unknown encoding {v!r}", None
    return v, None, None


def _layer(loc: Located, keys: tuple[Any, ...], table: Any, root: Path, problems: list[str],
           note: str = "") -> Layer:
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    entries: dict[str, str] = {}
    allowed = KEYS if not keys else KEYS[:-1]
    for key, v in table.items():
        at = loc.at(keys + (key,))
        if key not in allowed:
            hint = ", per-path blocks cannot nest" if key == "per-path" else ""
            close = [k for k in allowed if str(key).replace("_", "-") == k]
            hint += f"; did you mean {close[0]!r}?" if close else f" (expected one of: {', '.join(allowed)})"
            problems.append(f"{loc.at(keys + (key,), key=True)}: {loc.table}{_label(keys + (key,))}: "
                            f"unknown setting {key!r}{hint}")
            continue
        if key == "per-path":
            continue
        if key == "gates":
            val = _gates(loc, keys + (key,), v, problems)
        else:
            val, problem, sub = _value(key, v, root)
            if problem:
                bad = keys + (key,) + (() if sub is None else (sub,))
                problems.append(f"{loc.at(bad)}: {loc.table}{_label(bad)}: {problem}")
                continue
        values[key], where[key] = val, (at if loc.marks else f"{loc.path} {loc.table}".rstrip()) + note
        if key in ("select", "ignore", "severity"):
            for n, i in enumerate(val):
                entries[f"{key}:{i}"] = loc.at(keys + (key, n if key != "severity" else i), key=True) + note
    return Layer(values, where, entries)


def _gates(loc: Located, keys: tuple[Any, ...], v: Any, problems: list[str]) -> tuple[Gate, ...]:
    if not isinstance(v, list):
        problems.append(f"{loc.at(keys)}: {loc.table}{_label(keys)}: expected a list of gates")
        return ()
    out: list[Gate] = []
    for n, entry in enumerate(v):
        gate, errs = parse_gate(entry)
        for k, msg in errs:
            sub = keys + (n,) + ((k,) if k else ())
            problems.append(f"{loc.at(sub, key=msg.startswith('unknown gate key'))}: {loc.table}{_label(sub)}: {msg}")
        if gate is not None and any(g.id == gate.id for g in out):
            problems.append(f"{loc.at(keys + (n,))}: {loc.table}{_label(keys + (n,))}: duplicate gate id {gate.id!r}")
        elif gate is not None:
            out.append(gate)
    return tuple(out)


def _glob(pattern: str) -> re.Pattern[str]:
    """A glob relative to the settings file: ** any folders, * and ? within one name, [..] a class.
    A pattern without a slash matches the file name in any folder."""
    out, i = [] if "/" in pattern else ["(?:.*/)?"], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] in "*?":
            out.append("[^/]*" if pattern[i] == "*" else "[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            j = pattern.index("]", i + 2)
            out.append("[" + pattern[i + 1:j].replace("!", "^", 1 if pattern[i + 1] == "!" else 0) + "]")
            i = j + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def parse_settings(loc: Located) -> SettingsFile:
    """Validate a whole settings file, collecting every problem before raising ConfigError."""
    table = loc.value if loc.value is not None else {}
    problems: list[str] = []
    root = Path(loc.path).resolve().parent
    if not isinstance(table, dict):
        raise ConfigError([f"{loc.at(())}: {loc.table}the settings must be a mapping (rules, select, ignore, ...)"])
    base = _layer(loc, (), table, root, problems)
    blocks = table.get("per-path", {})
    per_path = []
    if not isinstance(blocks, dict):
        problems.append(f"{loc.at(('per-path',))}: {loc.table}per-path: expected a mapping of glob to settings")
        blocks = {}
    for pattern, block in blocks.items():
        keys = ("per-path", pattern)
        if not isinstance(block, dict):
            problems.append(f"{loc.at(keys)}: {loc.table}per-path.{pattern}: expected a mapping of settings")
            continue
        per_path.append((pattern, _glob(str(pattern)), _layer(loc, keys, block, root, problems,
                                                              f" (per-path {pattern!r})")))
    if problems:
        raise ConfigError(problems)
    return SettingsFile(loc.path, root, base, tuple(per_path))


# ---- discovery and layering --------------------------------------------------------------------------------

_CACHE: dict[tuple[str, int, int], SettingsFile | None] = {}


def load_settings_file(path: Path) -> SettingsFile | None:
    """A settings file, validated; parsed once per run (keyed by path, size and modification time)."""
    try:
        st = path.stat()
    except OSError:
        raise ConfigError([f"{path}: no such settings file"]) from None
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        loc = read_settings_file(path)
        _CACHE[key] = parse_settings(loc) if loc is not None else None
    return _CACHE[key]


def find_settings_file(start: Path) -> Path | None:
    """The nearest .sourcing-audit.yaml, or pyproject.toml with [tool.sourcing-audit], from start up to the root."""
    folder = start.resolve()
    for d in (folder, *folder.parents):
        if (d / FILENAME).is_file():
            return d / FILENAME
        if (d / "pyproject.toml").is_file() and load_settings_file(d / "pyproject.toml") is not None:
            return d / "pyproject.toml"
    return None


def _target(path: str, args: argparse.Namespace) -> Path | None:
    """The file the settings are for: the input, or --stdin-filename for standard input (None: unnamed)."""
    if path == "-":
        name = getattr(args, "stdin_filename", None)
        return Path(name) if name else None
    return Path(path)


def _settings_file(target: Path | None, args: argparse.Namespace) -> SettingsFile | None:
    given = getattr(args, "config", None)
    if given:
        found = load_settings_file(Path(given))
        if found is None:
            raise ConfigError([f"{given}: no {TABLE} table"])
        return found
    start = Path.cwd() if target is None else (target if target.is_dir() else target.parent)
    path = find_settings_file(start)
    return load_settings_file(path) if path is not None else None


def _merge(acc: dict[str, Any], origin: dict[str, str], entries: dict[str, str], layer: Layer,
           extend: tuple[str, ...]) -> None:
    """Put one layer over acc: keys in `extend` add to what is there, the others replace it."""
    for key, val in layer.values.items():
        if key in extend and origin[key] != "default":
            if key == "severity":
                val = {**acc[key], **val}
            elif key == "gates":
                mine = {g.id for g in val}
                val = tuple(g for g in acc[key] if g.id not in mine) + tuple(val)
            else:
                val = tuple(dict.fromkeys(acc[key] + val))
            origin[key] = f"{origin[key]} + {layer.where[key]}"
        else:
            origin[key] = layer.where[key]
        acc[key] = val
    entries.update(layer.entries)


def _cli_layer(args: argparse.Namespace) -> Layer:
    values: dict[str, Any] = {}
    for key, attr in (("rules", "rules"), ("select", "select"), ("ignore", "ignore"), ("fail-on", "fail_on"),
                      ("publisher", "publisher"), ("encoding", "encoding")):
        v = getattr(args, attr, None)
        if key in ("select", "ignore") and v is not None:
            v = tuple(x.strip() for x in v.split(",") if x.strip())
        elif key == "rules":
            v = tuple(v) if v else None
        if v is not None:
            values[key] = v
    where = {k: f"--{k}" for k in values}
    entries = {f"{k}:{i}": f"--{k}" for k in ("select", "ignore") for i in values.get(k, ())}
    return Layer(values, where, entries)


def _relative(target: Path | None, root: Path) -> str | None:
    if target is None:
        return None
    rel = os.path.relpath(target.resolve(), root)
    return None if rel.startswith("..") else Path(rel).as_posix()


def settings_for(path: str, args: argparse.Namespace) -> Settings:
    """The settings in force for one input: defaults, the settings file, its matching per-path blocks, the flags."""
    target = _target(path, args)
    found = _settings_file(target, args)
    acc, origin, entries = dict(_DEFAULTS), {k: "default" for k in _DEFAULTS}, dict[str, str]()
    if found is not None:
        _merge(acc, origin, entries, found.base, ())
        rel = _relative(target, found.root)
        for _, regex, layer in found.per_path:
            if rel is not None and regex.match(rel):
                _merge(acc, origin, entries, layer, ("rules", "ignore", "severity", "gates"))
    _merge(acc, origin, entries, _cli_layer(args), ("rules", "ignore"))
    return Settings(acc["rules"], acc["select"], acc["ignore"], acc["severity"], acc["fail-on"], acc["publisher"],
                    acc["encoding"], acc["gates"], found.path if found else None, origin, entries)


# ---- applying the settings ---------------------------------------------------------------------------------

def check_ids(settings: Settings, rules: RuleSet) -> None:
    """Every id in select, ignore and severity names a check, gate or rule of this rule set (ConfigError if not)."""
    from audit.judge.suppress import META_CHECKS

    checks = {c.id for c in rules.checks} | set(META_CHECKS)
    gates = {g.id for g in settings.gates}
    labelling = {r.id for r in rules.rules}
    problems = []
    for key, ids, pool in (("select", settings.select, checks | gates), ("ignore", settings.ignore,
                                                                          checks | gates | labelling)):
        for i in ids:
            if not any(x.startswith(i) for x in pool):
                why = "names only labelling rules; select picks checks and gates (ignore switches rules off)" \
                    if any(x.startswith(i) for x in labelling) else "matches no check, gate or rule " \
                                                                    "(see `sourcing-audit rules list`)"
                problems.append(f"{settings.entries.get(f'{key}:{i}', '--' + key)}: {key}: {i!r} {why}")
    for i in settings.severity:
        if i not in checks:
            problems.append(f"{settings.entries.get(f'severity:{i}', 'severity')}: severity: {i!r} is not a check id")
    if problems:
        raise ConfigError(problems)


_FILTERED: dict[tuple[int, tuple[str, ...]], tuple[RuleSet, RuleSet]] = {}


def rules_in_force(settings: Settings, rules: RuleSet) -> RuleSet:
    """The rule set without the labelling rules `ignore` switches off (checks are filtered by apply_settings)."""
    check_ids(settings, rules)
    key = (id(rules), settings.ignore)
    if key not in _FILTERED:
        kept = tuple(r for r in rules.rules if not any(r.id.startswith(i) for i in settings.ignore))
        _FILTERED[key] = (rules, dataclasses.replace(rules, rules=kept) if len(kept) < len(rules.rules) else rules)
    return _FILTERED[key][1]


def apply_settings(doc: DocumentResult, src: SourceText, settings: Settings, rules: RuleSet) -> DocumentResult:
    """Keep the selected findings at their set severity, mark suppressed ones, evaluate gates, redo the verdict."""
    from audit.judge.checks import SEVERITY_ORDER
    from audit.judge.gates import evaluate_gates
    from audit.judge.suppress import apply_suppressions, read_suppressions
    from audit.judge.verdict import verdict

    kept = [_severity(f, settings) for f in doc.findings if settings.wanted(f.check_id)]
    sups, invalid = read_suppressions(src, doc, settings.encoding)
    known = {c.id for c in rules.checks}
    kept, meta = apply_suppressions(kept, sups, known, lambda cid: not settings.wanted(cid))
    kept += [_severity(f, settings) for f in invalid + meta if settings.wanted(f.check_id)]
    kept.sort(key=lambda f: (SEVERITY_ORDER.index(f.severity), f.start))
    gates = evaluate_gates(tuple(g for g in settings.gates if settings.wanted(g.id)), doc.scores)
    out = dataclasses.replace(doc, findings=tuple(kept), gates=gates, source_format=src.format)
    live = dataclasses.replace(out, findings=tuple(f for f in kept if not f.suppressed))
    failed = [g for g in gates if not g.passed]
    if failed:  # a failed gate fails the document, whatever the findings say
        from audit.models import Verdict

        names = ", ".join(g.id for g in failed)
        return dataclasses.replace(out, verdict=Verdict("FAIL", f"gate failed: {names}. {failed[0].message}"))
    return dataclasses.replace(out, verdict=verdict(live, rules))


def _severity(f: Finding, settings: Settings) -> Finding:
    level = settings.severity.get(f.check_id)
    return dataclasses.replace(f, severity=level) if level and level != f.severity else f


# ---- the `config` command ----------------------------------------------------------------------------------

def config_command(args: argparse.Namespace, printer: Printer) -> int:
    if args.action == "init":
        return _init(args, printer)
    settings = settings_for(args.path, args)
    from audit.cli.commands import rules_for

    check_ids(settings, rules_for(settings.rules))
    printer.out(f"# settings for {args.path}, from {settings.config or 'the defaults (no settings file found)'}")
    for key, name in (("rules", "rules"), ("select", "select"), ("ignore", "ignore"), ("severity", "severity"),
                      ("fail-on", "fail_on"), ("publisher", "publisher"), ("encoding", "encoding")):
        printer.out(f"{key}: {_flow(getattr(settings, name))}  # {settings.origin[key]}")
    printer.out(f"gates:{' []' if not settings.gates else ''}  # {settings.origin['gates']}")
    for g in settings.gates:
        printer.out(f"  - {g.describe()}")
    return 0


def _flow(value: Any) -> str:
    if isinstance(value, tuple):
        value = list(value)
    return yaml.safe_dump(value, default_flow_style=True, width=10**6, allow_unicode=True).strip() \
        .removesuffix("\n...").strip()


def _init(args: argparse.Namespace, printer: Printer) -> int:
    from audit.present.files import write_atomic

    if args.path != ".":
        raise UsageError("`config init` writes .sourcing-audit.yaml in the current folder and takes no PATH")
    target = Path.cwd() / FILENAME
    if target.exists() and not args.force:
        raise UsageError(f"{FILENAME} already exists here; use --force to overwrite it")
    write_atomic(target, starter())
    printer.out(f"wrote {target}")
    return 0


def starter() -> str:
    """The commented starter settings file that `config init` writes; as written it changes nothing."""
    metrics = "\n".join(f"#   {m.name:<20} {m.description}" for m in METRICS.values())
    return _STARTER.replace("{metrics}", metrics)


_STARTER = """\
# sourcing-audit settings, found by `sourcing-audit check` for every article in this folder and below.
# Command-line flags override them. `sourcing-audit config show ARTICLE` prints the settings in force
# for an article and where each came from. Ids are check, gate or rule ids, or prefixes of them
# (`sourcing-audit rules list`).

# Extra rule files, relative to this file, read after the default pack.
rules: []

# Only these checks and gates (empty: all), and checks, gates or labelling rules to leave out.
select: []
ignore: []
# ignore: [right-of-reply, anonymous-heavy]

# Severity per check id: error, warning or info.
severity: {}
# severity: {anonymous-bare: error, lede-weak: info}

# The finding severity that makes `check` exit 1: error, warning, info or never.
fail-on: error

# The outlet that wrote the articles: "told <publisher>" is then first-hand.
# publisher: The Herald

encoding: utf-8

# Document gates: a threshold on one score; a failed gate makes `check` exit 1. Give max or min, and
# optionally min-statements (only articles with at least that many claims). Metrics:
{metrics}
gates: []
# gates:
#   - {id: anonymous-share, metric: anonymous_share, max: 0.4}
#   - {id: lede-attributed, metric: lede_unattributed, max: 0}

# Settings for some files only: glob patterns relative to this file (** any folders; a pattern without
# a slash matches the file name anywhere). rules, ignore, severity and gates add to the settings above;
# the others replace them.
per-path: {}
# per-path:
#   "opinion/**": {ignore: [anonymous-]}
"""
