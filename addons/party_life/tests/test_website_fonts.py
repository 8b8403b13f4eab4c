"""The public website loads no font from outside the server (issue 21, item 9)."""

import re

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebsiteFonts(HttpCase):
    def _frontend_css(self, page):
        links = re.findall(r'href="(/web/assets/[^"]+\.css)"', page)
        self.assertTrue(links, "the page links its stylesheet bundle")
        return "".join(self.url_open(link).text for link in links)

    def test_homepage_and_its_stylesheets_call_no_google_font(self):
        page = self.url_open("/").text
        css = self._frontend_css(page)
        self.assertIn("font-family", css)
        for where, text in (("page", page), ("stylesheet", css)):
            for host in ("fonts.googleapis.com", "fonts.gstatic.com"):
                self.assertFalse(host in text, f"the {where} calls {host}")

    def test_body_font_is_the_system_font_stack(self):
        css = self._frontend_css(self.url_open("/").text)
        body_font = re.search(r"--body-font-family:([^;]+);", css)
        self.assertTrue(body_font, "the stylesheet sets the body font")
        self.assertFalse("Inter" in body_font.group(1), body_font.group(1))
        stack = body_font.group(1)
        if "var(--font-sans-serif)" in stack:
            stack = re.search(r"--font-sans-serif:([^;]+);", css).group(1)
        self.assertIn("-apple-system", stack)
