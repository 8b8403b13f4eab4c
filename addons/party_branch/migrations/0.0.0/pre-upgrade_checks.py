"""Any version change: stop before changing anything when records break a rule of the
new code of a suite addon being upgraded (migrations/0.0.0/upgrade_checks.py)."""

from pathlib import Path

from odoo.modules.migration import load_script


def migrate(cr, version):
    if not version:
        return
    checks = Path(__file__).resolve().parent / "upgrade_checks.py"
    load_script(str(checks), "party_branch_upgrade_checks").refuse_broken_records(cr)
