"""An upgrade on records that break a rule added since the first release stops before
changing anything and names them (party_branch/migrations/0.0.0/upgrade_checks.py, run by
the 0.0.0 pre-migration of each suite addon). The records here are made to break the
rules with SQL, as data saved by the first release's code would."""

from pathlib import Path

from odoo.exceptions import UserError
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from odoo.addons.party_branch.tools.upgrade import upgrade_checks

SUITE = ("party_branch", "party_life", "party_service", "party_systems", "party_venue")


def pre_migration(module):
    """The 0.0.0 pre-migration of ``module`` as Odoo runs it: loaded by path."""
    path = Path(get_module_path(module), "migrations", "0.0.0", "pre-upgrade_checks.py")
    return load_script(str(path), f"{module}_pre_upgrade_checks")


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

    def _inspection_dated_ahead(self):
        """The demo inspection, dated three days ahead as the first release could save it."""
        inspection = self.env.ref("party_venue.inspection_committee_room")
        self.env.cr.execute(
            "UPDATE party_venue_inspection SET date = CURRENT_DATE + 3 WHERE id = %s",
            [inspection.id],
        )
        return inspection

    def _mark_for_upgrade(self, module):
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'to upgrade' WHERE name = %s", [module]
        )

    def test_demo_data_passes_the_upgrade_checks(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", SUITE), ("state", "=", "installed")]
        )
        upgrade_checks().refuse_broken_records(self.env.cr, installed.mapped("name"))

    def test_upgrade_refused_for_an_inspection_dated_ahead(self):
        inspection = self._inspection_dated_ahead()
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
        inspection = self._inspection_dated_ahead()
        self._mark_for_upgrade("party_venue")
        with self.assertRaisesRegex(UserError, f"party.venue.inspection id {inspection.id}"):
            upgrade_checks().refuse_broken_records(self.env.cr)

    def test_venue_pre_migration_refuses_an_upgrade_through_a_broken_record(self):
        inspection = self._inspection_dated_ahead()
        self._mark_for_upgrade("party_venue")
        with self.assertRaisesRegex(UserError, f"party.venue.inspection id {inspection.id}"):
            pre_migration("party_venue").migrate(self.env.cr, "18.0.1.1.0")

    def test_venue_pre_migration_checks_nothing_at_install(self):
        self._inspection_dated_ahead()
        self._mark_for_upgrade("party_venue")
        # no version before: an install, not an upgrade
        pre_migration("party_venue").migrate(self.env.cr, None)

    def test_upgrade_checks_skip_an_addon_not_upgraded(self):
        self._inspection_dated_ahead()
        upgrade_checks().refuse_broken_records(self.env.cr, ["party_branch"])
