"""The package's shape (issue 8): no import cycle, only the CLI prints or exits, small modules and functions,
and no patching of other packages (no sys.modules stand-ins, no assignments to their attributes)."""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "audit"
MODULE_MAX_LINES = 300
FUNCTION_MAX_LINES = 60


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, path in MODULES.items()}


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:` (they never run)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for sub in ast.walk(child):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        lines.add(sub.lineno)
    return lines


def _resolve(name: str, current: str) -> str | None:
    """The package module an import names (the longest known prefix), or None outside the package."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name if name and name != current else None


def imports(name: str) -> set[str]:
    """Every package module `name` imports, at module level or inside a function, TYPE_CHECKING aside."""
    tree, skip, out = TREES[name], _type_checking_only(TREES[name]), set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{a.name}" for a in node.names]
        for target in targets:
            resolved = _resolve(target, name)
            if resolved and resolved.startswith("audit"):
                out.add(resolved)
    return out


GRAPH = {name: imports(name) for name in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_function_level_imports() -> None:
    assert "audit.pipeline" in GRAPH["audit.api"]
    assert "audit.judge.readability" in GRAPH["audit.pipeline"]  # imported inside audit_text


def test_no_import_cycle() -> None:
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _below_front_ends() -> Iterator[tuple[str, ast.Module]]:
    for name, tree in TREES.items():
        if name != "audit.cli" and not name.startswith("audit.cli.") and name != "audit.__main__":
            yield name, tree


def test_only_the_cli_imports_argparse_prints_or_exits() -> None:
    offences = []
    for name, tree in _below_front_ends():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name == "argparse" for a in node.names):
                offences.append(f"{name}:{node.lineno}: imports argparse")
            elif isinstance(node, ast.ImportFrom) and node.module == "argparse":
                offences.append(f"{name}:{node.lineno}: imports argparse")
            elif isinstance(node, ast.Call):
                call = ast.unparse(node.func)
                if call in ("print", "sys.exit", "exit", "quit", "os._exit"):
                    offences.append(f"{name}:{node.lineno}: calls {call}")
    assert offences == []


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_functions_are_small(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines < MODULE_MAX_LINES, f"{name}: {lines} lines"
    long = [f"{f.name}: {f.end_lineno - f.lineno + 1} lines" for f in _functions(TREES[name])
            if f.end_lineno is not None and f.end_lineno - f.lineno + 1 > FUNCTION_MAX_LINES]
    assert long == []


def _foreign_names(tree: ast.Module) -> set[str]:
    """Names bound to other packages (modules or their members) by this module's imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if not a.name.startswith("audit")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and not (node.module or "").startswith("audit"):
            names |= {a.asname or a.name for a in node.names}
    return names


def _root(node: ast.expr) -> ast.expr:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node


def patches(tree: ast.Module) -> list[str]:
    """Assignments into sys.modules and to attributes of other packages (or of their members)."""
    foreign, found = _foreign_names(tree), []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in ("setattr", "delattr") and node.args:
            targets = [ast.Attribute(value=node.args[0], attr="?")]
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in ("sys.modules.setdefault",
                                                                        "sys.modules.update"):
            found.append(f"{node.lineno}: {ast.unparse(node.func)}")
        for target in targets:
            if "sys.modules" in ast.unparse(target):
                found.append(f"{node.lineno}: {ast.unparse(target)}")
            elif isinstance(target, (ast.Attribute, ast.Subscript)):
                root = _root(target)
                if isinstance(root, ast.Name) and root.id in foreign:
                    found.append(f"{node.lineno}: {ast.unparse(target)}")
    return found


def test_no_patches_of_other_packages() -> None:
    found = {name: patches(tree) for name, tree in TREES.items() if patches(tree)}
    assert found == {}


def test_the_patch_finder_finds_patches() -> None:
    tree = ast.parse("import sys\nimport pydyf\nfrom textstat.backend import counts\n"
                     "sys.modules['nltk'] = object()\npydyf.zlib = None\ncounts.get_cmudict = len\n"
                     "setattr(pydyf, 'x', 1)\n")
    assert len(patches(tree)) == 4
