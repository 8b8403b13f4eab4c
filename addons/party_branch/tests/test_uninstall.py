"""Removing a Party addon: an uninstall that would delete the records an addon declares
held (its manifest's ``party_uninstall_held``) is refused with their list before any
module changes state, and Odoo's uninstall wizard shows them, with the Party models
the uninstall deletes, before the button is pressed."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.modules.module import get_manifest
from odoo.tests import tagged

from odoo.addons.party_branch.models import ir_module_module

from .common import PartyBranchCase
from .rpc import rpc

# party_branch has no held records of its own (it is never removed without the whole
# suite); the tests declare some for it, the way a leaf addon's manifest does, and none
# for the addons that depend on it (whose demo data would hold records of their own).
HELD = {"party.organization": [("code", "=like", "PBU-HELD-%")]}


def manifest_with_held(name):
    manifest = dict(get_manifest(name))
    manifest.pop(ir_module_module.HELD_KEY, None)
    if name == "party_branch":
        manifest[ir_module_module.HELD_KEY] = HELD
    return manifest


@tagged("post_install", "-at_install")
class TestUninstallHeld(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.module = cls.env["ir.module.module"].search([("name", "=", "party_branch")])
        cls.admin = cls.env.ref("base.user_admin")
        cls.held = cls.env["party.organization"].create(
            [
                {"name": f"PBU Held {n}", "code": f"PBU-HELD-{n}", "org_type": "branch"}
                for n in (1, 2)
            ]
        )

    def _uninstall(self):
        with patch.object(ir_module_module, "get_manifest", manifest_with_held):
            return rpc(
                self.env, self.admin, "ir.module.module", "button_uninstall", ids=self.module.ids
            )

    def test_uninstall_holding_records_is_refused_with_their_list(self):
        with self.assertRaises(UserError) as caught:
            self._uninstall()
        message = str(caught.exception)
        self.assertIn("nothing was uninstalled", message)
        self.assertIn("- party_branch: 2 Party Organisation (party.organization)", message)
        self.assertIn(ir_module_module.DISCARD_PARAM, message)

    def test_refused_uninstall_changes_no_module_state(self):
        with self.assertRaises(UserError):
            self._uninstall()
        removed = self.module | self.module.downstream_dependencies()
        self.assertNotIn("to remove", removed.mapped("state"))

    def test_discard_parameter_lets_the_uninstall_through(self):
        self.env["ir.config_parameter"].sudo().set_param(
            ir_module_module.DISCARD_PARAM, "party_venue, party_branch"
        )
        self._uninstall()
        self.assertEqual(self.module.state, "to remove")

    def test_without_held_records_the_uninstall_goes_ahead(self):
        for n, organization in enumerate(self.held):
            organization.code = f"PBU-KEPT-{n}"
        self._uninstall()
        self.assertEqual(self.module.state, "to remove")

    def test_uninstall_wizard_shows_the_held_records(self):
        with patch.object(ir_module_module, "get_manifest", manifest_with_held):
            wizard = self.env["base.module.uninstall"].create({"module_id": self.module.id})
            summary = wizard.party_held_summary
        self.assertIn("2 Party Organisation (party.organization)", summary)

    def test_uninstall_wizard_lists_the_party_models_it_deletes(self):
        wizard = self.env["base.module.uninstall"].create({"module_id": self.module.id})
        listed = wizard.model_ids.mapped("model")
        for model in ("party.organization", "party.member", "party.position", "party.finding"):
            self.assertIn(model, listed)
        member_model = wizard.model_ids.filtered(lambda m: m.model == "party.member")
        self.assertEqual(
            member_model.count,
            self.env["party.member"].with_context(active_test=False).search_count([]),
        )

    def test_every_declared_held_model_exists_and_its_domain_counts(self):
        """The declarations of the installed Party addons name their own models with a
        domain the model accepts (a typo would let an uninstall through silently)."""
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "party\\_%"), ("state", "=", "installed")]
        )
        declared = 0
        for module in modules:
            for model, domain in (
                get_manifest(module.name).get("party_uninstall_held") or {}
            ).items():
                with self.subTest(module=module.name, model=model):
                    self.assertIn(model, self.env)
                    xids = self.env["ir.model"]._get(model)._get_external_ids()
                    owners = {xid.split(".")[0] for ids in xids.values() for xid in ids}
                    self.assertIn(module.name, owners)
                    self.env[model].sudo().search_count(domain)
                    declared += 1
        # party_branch alone declares nothing; with the suite, each leaf addon does
        self.assertEqual(bool(declared), len(modules) > 1)
