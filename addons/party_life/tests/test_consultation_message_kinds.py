"""A member posts messages on their consultation, never a notification or another
kind of message: through Odoo's portal chatter (``/mail/message/post``, which posts
with ``sudo()`` the type the client sends) and over RPC."""

import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestConsultationMessageKinds(HttpCase, PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.portal.partner_id.email = "member.a@example.com"
        cls.consultation = cls.env["party.consultation"].browse(
            cls.env["party.consultation"].with_user(cls.portal).ask("How do I pay my dues?")
        )

    def _chatter_post(self, **post_data):
        """The chatter's request; the error the browser shows, or None."""
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(
            "/mail/message/post",
            json.dumps({"jsonrpc": "2.0", "method": "call", "id": 0, "params": {
                "thread_model": "party.consultation", "thread_id": self.consultation.id,
                "post_data": {"body": "Dues waived by the secretary", **post_data},
            }}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        error = response.json().get("error")
        return error and error["data"]["message"]

    def _forged(self):
        return self.consultation.message_ids.filtered(lambda m: "waived" in (m.body or ""))

    def test_member_posts_no_notification_through_the_portal_chatter(self):
        error = self._chatter_post(message_type="notification", subtype_xmlid="mail.mt_comment")
        self.assertIn("a message or a note only", error)
        self.assertFalse(self._forged())

    def test_member_posts_no_other_subtype_through_the_portal_chatter(self):
        error = self._chatter_post(message_type="comment", subtype_xmlid="mail.mt_activities")
        self.assertIn("a message or a note only", error)
        self.assertFalse(self._forged())

    def test_member_posts_a_message_through_the_portal_chatter(self):
        self.assertIsNone(
            self._chatter_post(message_type="comment", subtype_xmlid="mail.mt_comment")
        )
        self.assertEqual(self._forged().author_id, self.portal.partner_id)
        self.assertEqual(self._forged().message_type, "comment")

    def test_member_posts_no_notification_over_rpc(self):
        with self.assertRaisesRegex(AccessError, "a message or a note only"):
            rpc(self.env, self.portal, "party.consultation", "message_post",
                ids=self.consultation.ids, body="Dues waived by the secretary",
                message_type="notification", subtype_xmlid="mail.mt_comment")  # fmt: skip
        self.assertFalse(self._forged())
