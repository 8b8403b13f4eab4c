"""party_branch's upgrade checks (migrations/0.0.0/upgrade_checks.py) for the
pre-migrations of the other suite addons and their tests.

party_branch is loaded before the pre-migration of any addon that depends on it, so
they import this module; party_branch's own pre-migration loads the file by path
(its package is not loaded yet at that point).
"""

from pathlib import Path

from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tools import SQL, sql


def upgrade_checks():
    """party_branch/migrations/0.0.0/upgrade_checks.py as a module, loaded by path (a
    ``0.0.0`` folder is no Python package)."""
    path = Path(get_module_path("party_branch"), "migrations", "0.0.0", "upgrade_checks.py")
    return load_script(str(path), "party_branch_upgrade_checks")


def drop_columns(cr, table, columns):
    """Drop those of ``columns`` that ``table`` still has, in one statement: Odoo leaves
    the column of a field a model stops declaring (and its foreign key, checked for
    every row written), e.g. the magic columns of a model made ``_log_access = False``.
    From a model's ``init()``: idempotent, on any ``-u``."""
    present = [column for column in columns if sql.column_exists(cr, table, column)]
    if present:
        cr.execute(
            SQL(
                "ALTER TABLE %s %s",
                SQL.identifier(table),
                SQL(", ").join(SQL("DROP COLUMN %s", SQL.identifier(c)) for c in present),
            )
        )
