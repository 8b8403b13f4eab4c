"""Every screen a Party model needs, for the models of every installed party_* addon.

Walks the registry like the RPC-surface test: a model of an addon still to come
is covered as soon as the addon is installed.
"""

import re
from xml.etree import ElementTree

from odoo.tests import HttpCase, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPartyViews(TransactionCase):
    def _party_models(self):
        return [
            model
            for name, model in self.env.items()
            if name.startswith("party.") and not model._abstract and not model._transient
        ]

    def _actions(self, model):
        return self.env["ir.actions.act_window"].search([("res_model", "=", model._name)])

    def test_a_model_with_a_menu_action_has_a_search_view(self):
        """Configuration tables edited in one list (term rules …) excepted."""
        for model in self._party_models():
            if not any(mode != "list" for mode in self._actions(model).mapped("view_mode")):
                continue
            with self.subTest(model=model._name):
                views = model.get_views([(False, "search")])
                self.assertEqual(views["views"]["search"]["arch"][:7], "<search")
                self.assertTrue(
                    self.env["ir.ui.view"].search_count(
                        [("model", "=", model._name), ("type", "=", "search")]
                    ),
                    f"{model._name} falls back on Odoo's generated search view",
                )

    def test_a_model_with_activities_has_an_activity_view(self):
        for model in self._party_models():
            if "activity_ids" not in model._fields or not self._actions(model):
                continue
            with self.subTest(model=model._name):
                arch = model.get_views([(False, "activity")])["views"]["activity"]["arch"]
                self.assertIn('t-name="activity-box"', arch)
                modes = self._actions(model).mapped("view_mode")
                self.assertTrue(
                    any("activity" in mode.split(",") for mode in modes),
                    f"no window action of {model._name} opens its activity view: {modes}",
                )

    def test_the_secretarys_phone_lists_have_cards(self):
        """Findings, dues and members open as kanban cards on a phone (Odoo shows an
        action's kanban view instead of its list on small screens)."""
        for name in ("party.finding", "party.dues", "party.member"):
            if name not in self.env:
                continue
            with self.subTest(model=name):
                model = self.env[name]
                arch = model.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
                self.assertIn('t-name="card"', arch)
                modes = self._actions(model).mapped("view_mode")
                self.assertTrue(any("kanban" in mode.split(",") for mode in modes), modes)


@tagged("post_install", "-at_install")
class TestAppsPage(HttpCase):
    """The Apps page of every installed party_* addon renders its description,
    with its icon and screenshots served."""

    def test_apps_page_of_each_addon(self):
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "party\\_%"), ("state", "=", "installed")]
        )
        self.assertTrue(modules)
        self.authenticate("admin", "admin")
        for module in modules:
            with self.subTest(module=module.name):
                html = str(module.description_html or "")
                self.assertIn('class="oe_slogan"', html)
                self.assertIn(module.shortdesc, html)
                for src in [module.icon, *re.findall(r'src="([^"]+)"', html)]:
                    response = self.url_open(src)
                    self.assertEqual(response.status_code, 200, src)
                    self.assertTrue(response.headers["Content-Type"].startswith("image/"), src)


@tagged("post_install", "-at_install")
class TestMemberStatistics(TransactionCase):
    def test_member_statistics_count_heads_by_default(self):
        """The statistics open on a head count, not the sum of the members' ages
        (issue 21, item 11)."""
        arch = self.env["party.member"].get_view(
            self.env.ref("party_branch.party_member_view_pivot").id, "pivot"
        )["arch"]
        measures = [
            node.get("name")
            for node in ElementTree.fromstring(arch).iter("field")
            if node.get("type") == "measure"
        ]
        self.assertFalse([name for name in measures if name != "__count"])
