"""No import circles: in the package, and among the benchmarks' and scripts' own modules.

Imports inside functions and under ``TYPE_CHECKING`` count (grimp records both, and the scripts' imports are
read from every node of their syntax trees): a circle broken only at run time is still two modules that
must be understood together.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]


def circles(nodes: Iterable[str], imported_by: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without recursion).

    >>> graph = {"a": ["b"], "b": ["a", "c"], "c": []}
    >>> circles(graph, graph.__getitem__)
    [['a', 'b']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(imported_by(target)))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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
    return sorted(found)


def test_the_package_has_no_import_circle() -> None:
    graph = grimp.build_graph("servicepact", include_external_packages=False, cache_dir=None)
    assert circles(graph.modules, graph.find_modules_directly_imported_by) == []


def _sibling_imports(folder: Path) -> dict[str, set[str]]:
    """Each script of ``folder`` and the scripts of the same folder it imports (anywhere in its body)."""
    scripts = {path.stem: path for path in folder.glob("*.py")}
    imports: dict[str, set[str]] = {}
    for name, path in scripts.items():
        named: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                named.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                named.add(node.module.split(".")[0])
        imports[name] = named & scripts.keys()
    return imports


@pytest.mark.parametrize("folder", ["benchmarks", "scripts"])
def test_the_scripts_import_no_circle_among_themselves(folder: str) -> None:
    imports = _sibling_imports(ROOT / folder)
    assert circles(imports, imports.__getitem__) == []


def test_a_circle_among_scripts_is_found(tmp_path: Path) -> None:
    (tmp_path / "first.py").write_text("def f():\n    import second\n")
    (tmp_path / "second.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from first import f\n"
    )
    (tmp_path / "third.py").write_text("import first\n")
    imports = _sibling_imports(tmp_path)
    assert circles(imports, imports.__getitem__) == [["first", "second"]]
