"""Any version change: stop before changing anything when records break a rule of the
new code of a suite addon being upgraded (party_branch/migrations/0.0.0/upgrade_checks.py;
with party_branch in the same upgrade, its own pre-migration has already run them)."""

from odoo.addons.party_branch.tools.upgrade import upgrade_checks


def migrate(cr, version):
    if version:
        upgrade_checks().refuse_broken_records(cr)
