"""The web client's menus cost one query per kind of action, not one per menu
(issue 21, item 12: a slow first screen)."""

from odoo.tests import tagged

from .common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestFirstScreen(PartyBranchCase):
    def test_the_menus_read_their_actions_at_once(self):
        Menu = self.env["ir.ui.menu"].with_user(self.officer_a)
        menus = Menu.load_menus(False)  # cached per user, as after the first page
        with_action = [m for m in menus.values() if m.get("action")]
        self.assertGreater(len(with_action), 10)  # party_branch alone has 18
        kinds = {m["action"].split(",")[0] for m in with_action}
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        web_menus = Menu.load_web_menus(False)
        queries = self.env.cr.sql_log_count - before
        self.assertLessEqual(queries, 2 * len(kinds) + 2)
        paths = [m["actionPath"] for m in web_menus.values() if m.get("actionID")]
        self.assertEqual(len(paths), len([m for m in web_menus.values() if m.get("actionID")]))
