"""Uninstalling party_life (issue 28) says what it takes with it before doing so: Odoo's
uninstall wizard, opened by the system administrator, names the addons that go with
it (every suite addon built on it), the Party models whose records are deleted, with
their counts, and the held records (paid dues, held meetings, developments...) that
stand in the way; the button itself is refused with the same list, nothing changed."""

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.party_branch.tests.rpc import rpc

LEAVES = ("party_service", "party_systems", "party_venue")


@tagged("post_install", "-at_install")
class TestUninstallPartyLife(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.module = cls.env["ir.module.module"].search([("name", "=", "party_life")])
        cls.admin = cls.env.ref("base.user_admin")

    def _wizard(self):
        # the client opens the wizard with show_all set (party_life is not an application)
        wizard_id = rpc(
            self.env,
            self.admin,
            "base.module.uninstall",
            "create",
            {"module_id": self.module.id, "show_all": True},
        )
        return self.env["base.module.uninstall"].with_user(self.admin).browse(wizard_id)

    def test_uninstall_wizard_of_party_life_names_the_addons_going_with_it(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", LEAVES), ("state", "=", "installed")]
        )
        self.assertLessEqual(
            set(installed.mapped("name")), set(self._wizard().module_ids.mapped("name"))
        )

    def test_uninstall_wizard_of_party_life_counts_the_records_it_deletes(self):
        models = self._wizard().model_ids
        for name in ("party.dues", "party.dues.payment", "party.meeting", "party.development"):
            model = models.filtered(lambda m, name=name: m.model == name)
            self.assertTrue(model, name)
            self.assertEqual(
                model.count, self.env[name].with_context(active_test=False).search_count([])
            )

    def test_uninstall_wizard_of_party_life_shows_its_held_records(self):
        summary = self._wizard().party_held_summary
        paid = self.env["party.dues"].search_count([("state", "=", "paid")])
        held = self.env["party.meeting"].search_count([("state", "=", "held")])
        self.assertTrue(paid and held, "the demo has paid dues and held meetings")
        self.assertIn("nothing was uninstalled", summary)
        self.assertIn(f"- party_life: {paid} Party Dues (party.dues)", summary)
        self.assertIn(f"- party_life: {held} ", summary)
        self.assertIn("(party.meeting)", summary)

    def test_uninstall_of_party_life_is_refused_with_the_held_records(self):
        with self.assertRaises(UserError) as caught:
            rpc(self.env, self.admin, "ir.module.module", "button_uninstall", ids=self.module.ids)
        self.assertIn("(party.dues)", str(caught.exception))
        self.assertEqual(self.module.state, "installed")
