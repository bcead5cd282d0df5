"""The import graph of doanket/ stays layered: no module imports itself back through others, and no two
domain packages import each other (a new domain can then be added, or one removed, without untangling).

Read from the source (ast), every import counted — also those inside functions, which would otherwise hide a
cycle. Tests and migrations are left out: a domain's tests may use another domain's fixtures. A domain's
permission enum (`<package>/permissions.py`) is a leaf that imports only core, read by the domain registry;
any package may import it without creating a dependency on that domain's code."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "doanket"

# The one package-level cycle kept on purpose, with its layering checked module by module below:
# orgunits.{models,lineage,forms} (the tree) ← accounts (users work at units; the reach reads role grants on the
# tree and its lineage) ← orgunits.{selectors,services,views,api} (the tree's pages, filtered by the reach).
ALLOWED_CYCLES = {frozenset({"accounts", "orgunits"})}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if "migrations" in rel.parts or "tests" in rel.parts:
            continue
        parts = ["doanket", *rel.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the doanket modules it imports (a package's __init__ when only the package is named)."""
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = ".".join([*package[: len(package) - node.level + 1], node.module or ""]).strip(".") \
                    if node.level else node.module or ""
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith("doanket.") and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:  # noqa: C901  # Tarjan's algorithm, kept whole to be checkable
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    nodes = set(graph) | {t for targets in graph.values() for t in targets}
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = defaultdict(set)
    for source, targets in graph.items():
        for target in targets:
            a, b = source.split(".")[1], target.split(".")[1]
            if a != b and not target.endswith(".permissions"):
                packages[a].add(b)
    return packages


def test_no_module_imports_itself_back():
    assert cycles(import_graph()) == []


def test_domain_packages_do_not_import_each_other_back():
    found = [c for c in cycles(package_graph(import_graph())) if frozenset(c) not in ALLOWED_CYCLES]
    assert found == []


def test_permission_enums_are_leaves():
    graph = import_graph()
    for module in [m for m in _modules() if m.endswith(".permissions")]:
        assert graph.get(module, set()) <= {"doanket.core.permissions"}, module


def test_the_checks_see_a_cycle():
    """The detector itself: a planted cycle is found, at module and at package level."""
    planted = {"doanket.a.x": {"doanket.b.y"}, "doanket.b.y": {"doanket.a.permissions", "doanket.a.z"},
               "doanket.a.z": {"doanket.a.x"}}
    assert cycles(planted) == [{"doanket.a.x", "doanket.b.y", "doanket.a.z"}]
    assert cycles(package_graph(planted)) == [{"a", "b"}]
    assert cycles(package_graph({"doanket.a.x": {"doanket.b.y"}, "doanket.b.y": {"doanket.a.permissions"}})) == []
