"""An upgrade on a development whose political review predates its target date (a rule
since the first release) stops before changing anything and names the applicant
(party_branch/migrations/0.0.0/upgrade_checks.py). The record is made to break the rule with
SQL, as the first release's code could save it."""

from pathlib import Path

from odoo.exceptions import UserError
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged


def upgrade_checks():
    path = Path(get_module_path("party_branch"), "migrations", "0.0.0", "upgrade_checks.py")
    return load_script(str(path), "party_branch_upgrade_checks")


@tagged("post_install", "-at_install")
class TestLifeUpgradeChecks(TransactionCase):
    def test_demo_developments_pass_the_upgrade_checks(self):
        upgrade_checks().refuse_broken_records(self.env.cr, ["party_branch", "party_life"])

    def test_upgrade_refused_for_a_review_before_the_target_date(self):
        dev = self.env["party.development"].search(
            [("target_date", "!=", False), ("political_review_date", "!=", False)], limit=1
        )
        self.assertTrue(dev, "the demo has a development target with a political review")
        self.env.cr.execute(
            "UPDATE party_development SET political_review_date = target_date - 10 WHERE id = %s",
            [dev.id],
        )
        with self.assertRaises(UserError) as caught:
            upgrade_checks().refuse_broken_records(self.env.cr, ["party_branch", "party_life"])
        message = str(caught.exception)
        self.assertIn("Upgrade stopped before changing anything", message)
        self.assertIn("the political review of an applicant comes on or after", message)
        self.assertIn(f"party.development id {dev.id}: {dev.partner_id.name}", message)
