"""Party groups imply only what the work needs: an app installed later does not make
every Party user its manager (issue 21: rights of the demo users)."""

from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestPartyRights(PartyBranchCase):
    def _install_an_app_that_spreads(self):
        """What an app does at installation: its manager group on the default user
        template, which Odoo spreads to every internal user."""
        manager = self.env["res.groups"].create({"name": "Some App Manager"})
        editor = self.env["res.groups"].create(
            {"name": "Some App Editor", "implied_ids": [(4, manager.id)]}
        )
        self.env.ref("base.default_user").write({"groups_id": [(4, editor.id)]})
        return editor | manager

    def test_an_app_installed_later_spreads_nothing_to_party_users(self):
        spread = self._install_an_app_that_spreads()
        for user in (self.officer_a, self.auditor, self.admin):
            with self.subTest(user=user.login):
                self.assertFalse(spread & user.groups_id)

    def test_an_app_installed_later_still_reaches_other_employees(self):
        employee = new_test_user(self.env, login="pbt_rights_employee", groups="base.group_user")
        spread = self._install_an_app_that_spreads()
        self.assertEqual(spread & employee.groups_id, spread)

    def test_the_system_administrator_still_gets_the_app(self):
        root_admin = new_test_user(
            self.env,
            login="pbt_rights_sysadmin",
            groups="base.group_system,party_branch.group_party_admin",
        )
        spread = self._install_an_app_that_spreads()
        self.assertEqual(spread & root_admin.groups_id, spread)

    def test_a_party_users_own_groups_stay(self):
        own = self.env["res.groups"].create({"name": "Given By An Administrator"})
        self.officer_a.groups_id = [(4, own.id)]
        self.env.ref("base.default_user").write({"groups_id": [(4, own.id)]})
        self.assertIn(own, self.officer_a.groups_id)
        self.assertIn(self.env.ref("party_branch.group_party_officer"), self.officer_a.groups_id)
