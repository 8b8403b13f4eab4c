"""An upgrade on records that break a rule added since the first release stops before
changing anything and names them (party_branch/migrations/0.0.0/upgrade_checks.py, run by
the 0.0.0 pre-migration of each suite addon). The records here are made to break the
rules with SQL, as data saved by the first release's code would."""

from pathlib import Path

from odoo.exceptions import UserError
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

SUITE = ("party_branch", "party_life", "party_service", "party_systems", "party_venue")


def upgrade_checks():
    path = Path(get_module_path("party_branch"), "migrations", "0.0.0", "upgrade_checks.py")
    return load_script(str(path), "party_branch_upgrade_checks")


@tagged("post_install", "-at_install")
class TestVenueUpgradeChecks(TransactionCase):
    def _refusal(self, modules=None):
        installed = self.env["ir.module.module"].search(
            [("name", "in", SUITE), ("state", "=", "installed")]
        )
        modules = installed.mapped("name") if modules is None else modules
        with self.assertRaises(UserError) as caught:
            upgrade_checks().refuse_broken_records(self.env.cr, modules)
        return str(caught.exception)

    def test_demo_data_passes_the_upgrade_checks(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", SUITE), ("state", "=", "installed")]
        )
        upgrade_checks().refuse_broken_records(self.env.cr, installed.mapped("name"))

    def test_upgrade_refused_for_an_inspection_dated_ahead(self):
        inspection = self.env.ref("party_venue.inspection_committee_room")
        self.env.cr.execute(
            "UPDATE party_venue_inspection SET date = CURRENT_DATE + 3 WHERE id = %s",
            [inspection.id],
        )
        message = self._refusal()
        self.assertIn("Upgrade stopped before changing anything", message)
        self.assertIn("an inspection is dated the day it took place", message)
        self.assertIn(
            f"party.venue.inspection id {inspection.id}: {inspection.venue_id.name}", message
        )

    def test_upgrade_refused_for_a_venue_in_use_from_a_future_day(self):
        venue = self.env.ref("party_venue.inspection_committee_room").venue_id
        self.env.cr.execute(
            "UPDATE party_venue SET date_open = CURRENT_DATE + 30 WHERE id = %s", [venue.id]
        )
        message = self._refusal()
        self.assertIn("the day a venue is in use since is not in the future", message)
        self.assertIn(f"party.venue id {venue.id}: {venue.name}", message)

    def test_upgrade_of_the_suite_checks_the_addons_being_upgraded(self):
        # what the pre-migration runs: the checks of every suite addon marked for upgrade
        inspection = self.env.ref("party_venue.inspection_committee_room")
        self.env.cr.execute(
            "UPDATE party_venue_inspection SET date = CURRENT_DATE + 3 WHERE id = %s",
            [inspection.id],
        )
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'to upgrade' WHERE name = 'party_venue'"
        )
        with self.assertRaisesRegex(UserError, f"party.venue.inspection id {inspection.id}"):
            upgrade_checks().refuse_broken_records(self.env.cr)

    def test_upgrade_checks_skip_an_addon_not_upgraded(self):
        inspection = self.env.ref("party_venue.inspection_committee_room")
        self.env.cr.execute(
            "UPDATE party_venue_inspection SET date = CURRENT_DATE + 3 WHERE id = %s",
            [inspection.id],
        )
        upgrade_checks().refuse_broken_records(self.env.cr, ["party_branch"])
