#!/usr/bin/env python3
"""The package's shape in numbers: the longest modules and functions, and import cycles.

    python tools/layout.py [--top 5]

Reads src/opslens with `ast` (nothing is imported). An import counts when it runs as the module
loads: at module level, outside `if TYPE_CHECKING:`; imports inside functions are deferred (on
purpose, for a fast start) and are reported apart. Importing `a.b.c` also runs the packages `a.b` and `a`, so those are
edges too (a module's own packages only where it takes a name they define).
tests/test_layout.py holds the package to the limits below.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60


@dataclass(frozen=True)
class Sized:
    lines: int
    where: str


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted name → file, for every module of the package."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def module_sizes(files: dict[str, Path]) -> list[Sized]:
    return sorted(
        (Sized(len(p.read_text(encoding="utf-8").splitlines()), name) for name, p in files.items()),
        key=lambda s: -s.lines,
    )


def function_sizes(files: dict[str, Path]) -> list[Sized]:
    sized = []
    for name, path in files.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                sized.append(Sized(node.end_lineno - node.lineno + 1, f"{name}.{node.name}:{node.lineno}"))
    return sorted(sized, key=lambda s: -s.lines)


def _loading_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The imports that run when the module loads (module level, not under TYPE_CHECKING)."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found += [n for n in node.orelse if isinstance(n, (ast.Import, ast.ImportFrom))]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, (ast.If, ast.Try)):
            found += [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
    return found


def _with_parents(name: str, known: dict[str, Path]) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in known]


def import_graph(files: dict[str, Path], deferred: bool = False) -> dict[str, set[str]]:
    """Module → the package modules it runs when it loads (`deferred`: or later, from a function).

    A module's own packages are already loading when it loads (Python runs a package before its
    modules), so they count only where the module takes a name defined in one of them."""
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = (
            [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
            if deferred
            else _loading_imports(tree)
        )
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in nodes:
            targets |= _targets(node, package, name, files)
        targets.discard(name)
        graph[name] = targets
    return graph


def _targets(node: ast.Import | ast.ImportFrom, package: str, name: str, files: dict[str, Path]) -> set[str]:
    def loaded(module: str) -> set[str]:  # the module and the packages above it not already loading
        return {m for m in _with_parents(module, files) if not name.startswith(m + ".")}

    if isinstance(node, ast.Import):
        return {m for a in node.names for m in loaded(a.name)}
    base = node.module or ""
    if node.level:
        up = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join(up + ([base] if base else []))
    found = loaded(base)
    for alias in node.names:
        module = f"{base}.{alias.name}"
        if module in files:
            found |= loaded(module)
        elif base in files:
            found.add(base)  # a name defined in the package itself
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(groups)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args()
    files = modules()
    print(f"{len(files)} modules")
    print(f"longest modules (limit {MAX_MODULE_LINES}):")
    for s in module_sizes(files)[: args.top]:
        print(f"  {s.lines:5d}  {s.where}")
    print(f"longest functions (limit {MAX_FUNCTION_LINES}):")
    for s in function_sizes(files)[: args.top]:
        print(f"  {s.lines:5d}  {s.where}")
    for label, deferred in (("import cycles", False), ("cycles counting imports inside functions", True)):
        found = cycles(import_graph(files, deferred))
        print(f"{label}: {len(found)}")
        for group in found:
            print("  " + " ↔ ".join(group))
    return 0


if __name__ == "__main__":
    sys.exit(main())
