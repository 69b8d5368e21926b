"""No import circles: in the package, and among the benchmarks' and scripts' own modules.

Imports inside functions and under ``TYPE_CHECKING`` count (grimp records both when asked,
``exclude_type_checking_imports=False``, and the scripts' imports are read from every node of their syntax
trees): a circle broken only at run time is still two modules that must be understood together. A test
builds a throwaway package with one circle of each kind and checks the finder reports both.

grimp has two blind spots, as it reads ``import`` statements only:

- an import made from a string, ``importlib.import_module("servicepact.x")`` or ``__import__(...)``, is no
  edge to it. So the package must not make one: :func:`test_the_package_imports_none_of_itself_by_string`
  scans every module's syntax tree for such a call naming a module of its own;
- a module's implicit import of its parent package's ``__init__`` (importing ``a.b.c`` runs ``a/__init__``
  and ``a/b/__init__`` first) is no edge either. A circle through an ``__init__`` that imports its own
  submodules is found only where that ``__init__`` is imported by name; keep ``__init__`` modules to
  re-exports of their own package.
"""

from __future__ import annotations

import ast
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "servicepact"


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


def package_circles(package: str) -> list[list[str]]:
    """The import circles among the modules of ``package`` (an importable package's name), counting
    imports inside functions and under ``TYPE_CHECKING``."""
    graph = grimp.build_graph(
        package, include_external_packages=False, exclude_type_checking_imports=False, cache_dir=None
    )
    return circles(graph.modules, graph.find_modules_directly_imported_by)


def test_the_package_has_no_import_circle() -> None:
    assert package_circles("servicepact") == []


def test_circles_under_type_checking_and_inside_functions_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name of its own: grimp and the import system remember packages by name.
    name = f"circles_{uuid.uuid4().hex}"
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "typed_a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import typed_b\n"
    )
    (package / "typed_b.py").write_text(f"import {name}.typed_a\n")
    (package / "late_a.py").write_text(f"def run():\n    from {name} import late_b\n    return late_b\n")
    (package / "late_b.py").write_text(f"from {name} import late_a\n")
    (package / "alone.py").write_text(f"from {name} import typed_a, late_a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert package_circles(name) == [
        [f"{name}.late_a", f"{name}.late_b"],
        [f"{name}.typed_a", f"{name}.typed_b"],
    ]


def _imports_by_string(tree: ast.AST) -> list[tuple[int, str]]:
    """The line and name of each ``import_module(...)``/``__import__(...)`` call in ``tree`` that names a
    module of the package (``servicepact...``) or a relative one (``.x``)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
        if called not in {"import_module", "__import__"} or not node.args:
            continue
        named = node.args[0]
        texts = [named.value] if isinstance(named, ast.Constant) else []
        if isinstance(named, ast.JoinedStr):
            texts = [part.value for part in named.values if isinstance(part, ast.Constant)]
        if any(isinstance(text, str) and text.startswith(("servicepact", ".")) for text in texts):
            found.append((node.lineno, ast.unparse(named)))
    return found


def test_the_package_imports_none_of_itself_by_string() -> None:
    """An import made from a string is no edge in grimp's graph, and could hide a circle."""
    hidden = [
        f"{path.relative_to(ROOT)}:{line}: {named}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, named in _imports_by_string(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    ]
    assert hidden == []


def test_an_import_by_string_is_found() -> None:
    source = (
        "import importlib\nfrom importlib import import_module\n"
        "importlib.import_module('servicepact.domain')\nimport_module(f'servicepact.{name}')\n"
        "__import__('servicepact')\nimport_module('.routes', package=__package__)\n"
        "importlib.import_module('json')\n"
    )
    assert [line for line, _ in _imports_by_string(ast.parse(source))] == [3, 4, 5, 6]


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
