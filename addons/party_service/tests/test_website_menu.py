"""The public finds the service request form in the website's menu (issue 23, item 2)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebsiteMenu(HttpCase):
    def test_the_homepage_menu_leads_to_the_service_request_form(self):
        page = self.url_open("/").text
        self.assertIn('href="/service/request"', page)

    def test_every_website_has_the_menu_entry(self):
        menus = self.env["website.menu"].search([("url", "=", "/service/request")])
        self.assertEqual(set(menus.website_id.ids), set(self.env["website"].search([]).ids))
