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
