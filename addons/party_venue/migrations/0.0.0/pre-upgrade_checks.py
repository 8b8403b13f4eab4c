"""Any version change: stop before changing anything when records break a rule of the
new code of a suite addon being upgraded (party_branch/migrations/0.0.0/upgrade_checks.py;
with party_branch in the same upgrade, its own pre-migration has already run them)."""

from pathlib import Path

from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path


def migrate(cr, version):
    if not version:
        return
    checks = Path(get_module_path("party_branch"), "migrations", "0.0.0", "upgrade_checks.py")
    load_script(str(checks), "party_branch_upgrade_checks").refuse_broken_records(cr)
