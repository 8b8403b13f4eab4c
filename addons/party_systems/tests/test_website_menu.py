"""The public finds the Party affairs disclosure in the website's menu (issue 23, item 2)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebsiteMenu(HttpCase):
    def test_the_homepage_menu_leads_to_the_disclosures(self):
        page = self.url_open("/").text
        self.assertIn('href="/party/disclosures"', page)

    def test_every_websites_menu_entry_reads_in_chinese(self):
        """The menu is one record per website and its XML id names one of them: the
        translation reaches them all (the member's /my showed it in English)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["party_systems"], ["zh_CN"])
        menus = self.env["website.menu"].search([("url", "=", "/party/disclosures")])
        self.assertGreater(len(menus), 0)
        self.assertEqual(set(menus.with_context(lang="zh_CN").mapped("name")), {"党务公开"})
