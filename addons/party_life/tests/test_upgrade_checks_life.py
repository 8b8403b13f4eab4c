"""An upgrade on a development whose political review predates its target date (a rule
since the first release) stops before changing anything and names the applicant
(party_branch/migrations/0.0.0/upgrade_checks.py). The record is made to break the rule with
SQL, as the first release's code could save it."""

from pathlib import Path

from odoo.exceptions import UserError
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from odoo.addons.party_branch.tools.upgrade import upgrade_checks


def pre_migration(module):
    """The 0.0.0 pre-migration of ``module`` as Odoo runs it: loaded by path."""
    path = Path(get_module_path(module), "migrations", "0.0.0", "pre-upgrade_checks.py")
    return load_script(str(path), f"{module}_pre_upgrade_checks")


@tagged("post_install", "-at_install")
class TestLifeUpgradeChecks(TransactionCase):
    def test_demo_developments_pass_the_upgrade_checks(self):
        upgrade_checks().refuse_broken_records(self.env.cr, ["party_branch", "party_life"])

    def _review_before_target(self):
        """A demo development whose political review is dated before its target date, as
        the first release could save it."""
        dev = self.env["party.development"].search(
            [("target_date", "!=", False), ("political_review_date", "!=", False)], limit=1
        )
        self.assertTrue(dev, "the demo has a development target with a political review")
        self.env.cr.execute(
            "UPDATE party_development SET political_review_date = target_date - 10 WHERE id = %s",
            [dev.id],
        )
        return dev

    def test_life_pre_migration_refuses_an_upgrade_through_a_broken_record(self):
        dev = self._review_before_target()
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'to upgrade' WHERE name = 'party_life'"
        )
        with self.assertRaisesRegex(UserError, f"party.development id {dev.id}"):
            pre_migration("party_life").migrate(self.env.cr, "18.0.1.1.0")

    def test_upgrade_refused_for_a_review_before_the_target_date(self):
        dev = self._review_before_target()
        with self.assertRaises(UserError) as caught:
            upgrade_checks().refuse_broken_records(self.env.cr, ["party_branch", "party_life"])
        message = str(caught.exception)
        self.assertIn("Upgrade stopped before changing anything", message)
        self.assertIn("the political review of an applicant comes on or after", message)
        self.assertIn(f"party.development id {dev.id}: {dev.partner_id.name}", message)
