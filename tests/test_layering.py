"""The import structure of src/: no import circle, and the store holds no pipeline, web or CLI code.

Reads every module's imports with `ast` (module-level, function-local and TYPE_CHECKING imports
alike: a circle broken only by importing late is still a circle). The same check from a shell:
`.venv/bin/python -m pytest tests/test_layering.py -q`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "eventlens"
STORE_MAY_NOT_IMPORT = ("eventlens.stages", "eventlens.pipeline", "eventlens.web", "eventlens.cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The eventlens modules `path` imports (a name imported from a package counts as its module
    when it is one: `from . import api` -> `eventlens.web.api`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {name: imports_of(path, name, known) for name, path in paths.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
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
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_graph_is_read(graph: dict[str, set[str]]) -> None:
    assert "eventlens.lens" in graph and "eventlens.pipeline" in graph["eventlens.lens"]
    assert "eventlens.web.api" in graph["eventlens.web.app"]  # `from . import api` is seen


def test_the_circle_finder_finds_circles() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_in_src(graph: dict[str, set[str]]) -> None:
    assert circles(graph) == []


def test_the_store_imports_no_stage_pipeline_web_or_cli(graph: dict[str, set[str]]) -> None:
    wrong = {
        name: sorted(m for m in imported if m.startswith(STORE_MAY_NOT_IMPORT))
        for name, imported in graph.items()
        if name.startswith("eventlens.store")
    }
    assert {name: found for name, found in wrong.items() if found} == {}


def test_only_the_command_line_imports_the_cli(graph: dict[str, set[str]]) -> None:
    wrong = {
        name: sorted(m for m in imported if m.startswith("eventlens.cli"))
        for name, imported in graph.items()
        if not name.startswith(("eventlens.cli", "eventlens.__main__"))
    }
    assert {name: found for name, found in wrong.items() if found} == {}
