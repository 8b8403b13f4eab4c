"""The public finds the Party affairs disclosure in the website's menu (issue 23, item 2)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebsiteMenu(HttpCase):
    def test_the_homepage_menu_leads_to_the_disclosures(self):
        page = self.url_open("/").text
        self.assertIn('href="/party/disclosures"', page)
