"""Odoo's own test runner runs the test modules an addon's ``tests/__init__.py``
imports, and only those (pytest-odoo finds every ``test_*.py`` file): a test file the
package does not import passes under one runner and never runs under the other."""

import ast
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"
TEST_PACKAGES = sorted(p.parent for p in ADDONS.glob("*/tests/__init__.py"))


def imported_modules(init: Path) -> set[str]:
    """The names ``from . import …`` brings into the package."""
    names = set()
    for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and not node.module:
            names.update(alias.name for alias in node.names)
    return names


def test_every_addon_has_tests():
    assert TEST_PACKAGES, f"no addons/*/tests package under {ADDONS}"


@pytest.mark.parametrize("tests", TEST_PACKAGES, ids=lambda p: p.parent.name)
def test_every_test_file_is_imported_by_its_package(tests):
    files = {p.stem for p in tests.glob("test_*.py")}
    missing = sorted(files - imported_modules(tests / "__init__.py"))
    assert not missing, (
        f"{tests.relative_to(ADDONS.parent)}/__init__.py does not import {missing}: "
        "Odoo's own test runner would not run them"
    )


def _classes():
    """(file, class node) of every class of the addons' test packages."""
    for tests in TEST_PACKAGES:
        for path in sorted(tests.glob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.ClassDef):
                    yield path, node


def _own_tests(node):
    return [
        n.name
        for n in node.body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test")
    ]


def _allows_inherited(node):
    return any(
        isinstance(n, ast.Assign)
        and any(getattr(t, "id", None) == "allow_inherited_tests_method" for t in n.targets)
        and getattr(n.value, "value", None) is True
        for n in node.body
    )


def test_inherited_test_methods_run_under_odoo_runner_too():
    """Odoo 18's loader (``odoo.tests.loader.get_module_test_cases``) runs the test
    methods a class defines itself, unless it sets ``allow_inherited_tests_method``;
    pytest runs the inherited ones too. A class that takes its tests from a shared
    class of cases would pass under pytest and run nothing of them under Odoo."""
    classes = list(_classes())
    with_tests = {node.name for __, node in classes if _own_tests(node)}
    missing = [
        f"{path.relative_to(ADDONS.parent)}: {node.name}"
        for path, node in classes
        if not _allows_inherited(node)
        and any(isinstance(b, ast.Name) and b.id in with_tests for b in node.bases)
    ]
    assert not missing, (
        "these classes inherit test methods that Odoo's own runner would not run "
        f"(set allow_inherited_tests_method = True): {missing}"
    )
