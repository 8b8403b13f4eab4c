"""The Apps page of every suite addon, as an administrator sees it in Chromium.

Opens the module's form (Apps › the addon) in headless Chromium, waits until the
description page (static/description/index.html) is drawn with its images loaded,
and saves a screenshot of it under Odoo's screenshots directory
(``<screenshots>/<db>/screenshots/apps_<addon>.png``). Fails when the page does
not render, an image is missing or broken, or the picture is blank.
"""

import base64
import io
import json
import pathlib
import re

from PIL import Image

import odoo
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser, get_db_name

# true once the description is drawn and every image in it has loaded
READY = """
(() => {
    const page = document.querySelector(".o_form_view .oe_slogan");
    if (!page) { return false; }
    const images = [...document.querySelectorAll(".o_form_view img")];
    return images.length > 0 && images.every((img) => img.complete);
})()
"""

# what the page shows: its slogan, and the images that did not load
FACTS = """
JSON.stringify({
    slogan: [...document.querySelectorAll(".o_form_view .oe_slogan")].map((e) => e.innerText),
    broken: [...document.querySelectorAll(".o_form_view img")]
        .filter((img) => !img.naturalWidth).map((img) => img.getAttribute("src")),
})
"""


@tagged("post_install", "-at_install")
class TestAppsPageScreenshot(HttpCase):
    def _evaluate(self, browser, expression):
        result = browser._websocket_request(
            "Runtime.evaluate", params={"expression": expression, "returnByValue": True}
        )
        return result["result"]["value"]

    def test_apps_page_screenshot_of_each_addon(self):
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "party\\_%"), ("state", "=", "installed")]
        )
        self.assertTrue(modules)
        folder = pathlib.Path(odoo.tools.config["screenshots"]) / get_db_name() / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        browser = ChromeBrowser(self)
        try:
            self.authenticate("admin", "admin", browser=browser)
            for module in modules:
                with self.subTest(module=module.name):
                    url = f"{self.base_url()}/odoo/action-base.open_module_tree/{module.id}"
                    browser.navigate_to(url, wait_stop=True)
                    self.assertTrue(
                        browser._wait_ready(READY, timeout=60), "the page was not drawn"
                    )
                    facts = json.loads(self._evaluate(browser, FACTS))
                    self.assertIn(module.shortdesc, " ".join(facts["slogan"]))
                    self.assertFalse(facts["broken"], "images that did not load")
                    shot = browser._websocket_request(
                        "Page.captureScreenshot", params={"format": "png"}
                    )
                    png = base64.b64decode(shot["data"])
                    (folder / f"apps_{module.name}.png").write_bytes(png)
                    image = Image.open(io.BytesIO(png)).convert("RGB")
                    self.assertEqual(
                        image.size, tuple(int(n) for n in re.split("[x,]", self.browser_size))
                    )
                    # a drawn page, not a blank or single-colour frame
                    self.assertGreater(
                        len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)), 100
                    )
        finally:
            browser.stop()
