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

    def test_the_menu_of_several_more_websites_reads_in_chinese(self):
        """Two websites more: their copies of the menu entry are translated one by one
        (translations are written per record)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["website"].create([{"name": "PSW Two"}, {"name": "PSW Three"}])
        menus = self.env["website.menu"].search([("url", "=", "/party/disclosures")])
        named = self.env.ref("party_systems.website_menu_disclosures", raise_if_not_found=False)
        copies = menus - named if named else menus[1:]
        self.env.cr.execute(
            "UPDATE website_menu SET name = name - 'zh_CN' WHERE id IN %s", [tuple(copies.ids)]
        )
        menus.invalidate_recordset(["name"])
        self.assertGreater(len(copies), 1)
        self.env["ir.module.module"]._load_module_terms(["party_systems"], ["zh_CN"])
        menus.invalidate_recordset(["name"])
        self.assertEqual(set(menus.with_context(lang="zh_CN").mapped("name")), {"党务公开"})
