"""The suite's one portal message (controllers/portal_base.py): what became of the
member's last action, kept in the session and shown once on the next page by the portal
layout's alert; a refusal is the model's own message, nothing of it written."""

import datetime
import re

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import member_branch


@tagged("post_install", "-at_install")
class TestPortalFlash(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user, branch = member_branch(
            env, "Flash Branch", "FLASH-B", "flash_member",
            ("Flash Member", datetime.date(1986, 6, 6), 23),
        )  # fmt: skip
        cls.to_acknowledge, cls.to_read = env["party.notice"].create(
            [
                {"title": "Flash roster", "body": "<p>Stay reachable.</p>",
                 "organization_ids": [(6, 0, branch.ids)], "ack_required": True},
                {"title": "Flash news", "body": "<p>Read me.</p>",
                 "organization_ids": [(6, 0, branch.ids)]},
            ]
        )  # fmt: skip
        (cls.to_acknowledge | cls.to_read).action_publish()

    def _acknowledge(self, notice):
        return self.url_open(
            f"/my/notices/{notice.id}/acknowledge",
            data={"csrf_token": http.Request.csrf_token(self)},
        )

    def test_refused_action_shows_the_models_message_on_the_next_page_once(self):
        self.authenticate("flash_member", "flash_member")
        response = self._acknowledge(self.to_read)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.url, f"{self.base_url()}/my/notices/{self.to_read.id}")
        alert = re.search(
            r'<div[^>]*class="alert alert-danger o_party_flash[^"]*"[^>]*>', response.text
        )
        self.assertTrue(alert, "the refusal is the layout's alert")
        self.assertIn('role="alert"', alert.group(0))
        self.assertIn("This notice asks for no acknowledgement.", response.text)
        page = self.url_open(f"/my/notices/{self.to_read.id}").text
        self.assertNotIn("asks for no acknowledgement", page)
        self.assertNotIn("o_party_flash", page)
        self.assertFalse(self.to_read.receipt_ids.acknowledged)

    def test_done_action_flashes_its_success_once(self):
        self.authenticate("flash_member", "flash_member")
        response = self._acknowledge(self.to_acknowledge)
        self.assertIn("o_party_notice_acknowledged_flash", response.text)
        self.assertIn("Your acknowledgement is recorded.", response.text)
        self.assertTrue(self.to_acknowledge.receipt_ids.acknowledged)
        self.assertNotIn("Your acknowledgement is recorded.", self.url_open("/my/notices").text)
