"""Red team: the recipients of a message on a Party record stay those it was posted to.

Each recipient of a message, and each partner notified of it, reads it (mail.message's
read rule). Odoo lets the author rewrite ``partner_ids`` (``mail.message.write`` over
RPC) and mail's ``/mail/message/update_content`` writes the partners the edited text
mentions as its recipients, as superuser: an author would add readers to their text
afterwards (no mail is sent, but a note's internal discussion is revealed). On a Party
record, after posting only the text changes: nobody is added, by the member who wrote a
message or by the officer who wrote a note (docs/security.md, "Messages on Party
records")."""

import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc

KEPT = "keeps the recipients it was posted to"


@tagged("post_install", "-at_install")
class TestMessageRecipients(HttpCase, PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.employee = new_test_user(cls.env, login="pbt_rcpt_employee", groups="base.group_user")
        cls.portal.partner_id.email = "member.a@example.com"
        cls.officer_a.partner_id.email = "secretary.a@example.com"
        # Odoo lets a record's followers post on it without write access
        cls.member_a.message_subscribe(
            partner_ids=(cls.portal.partner_id | cls.employee.partner_id).ids
        )
        # the outsider: an officer of another branch, who reads nothing of Branch A
        cls.outsider = cls.officer_b.partner_id

    def _member_message(self):
        message_id = rpc(self.env, self.portal, "party.member", "message_post",
                         ids=self.member_a.ids, body="My new address is 5 Elm Street",
                         message_type="comment", subtype_xmlid="mail.mt_comment")  # fmt: skip
        return self.env["mail.message"].browse(message_id)

    def _officer_note(self):
        message_id = rpc(self.env, self.officer_a, "party.member", "message_post",
                         ids=self.member_a.ids, body="Internal: her file is incomplete",
                         message_type="comment", subtype_xmlid="mail.mt_note")  # fmt: skip
        return self.env["mail.message"].browse(message_id)

    def _outsider_reads(self, message):
        message.invalidate_recordset()
        return message.with_user(self.officer_b).has_access("read")

    def _update_content(self, login, message, body, partner_ids, attachment_ids=()):
        """The chatter's edit of ``message`` as ``login``: the error the browser shows, or
        None."""
        self.authenticate(login, login)
        response = self.url_open(
            "/mail/message/update_content",
            json.dumps({"jsonrpc": "2.0", "method": "call", "id": 0, "params": {
                "message_id": message.id, "body": body, "attachment_ids": list(attachment_ids),
                "partner_ids": partner_ids,
            }}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        error = response.json().get("error")
        return error and error["data"]["message"]

    # ------------------------------------------------------------------ RPC write

    def test_member_adds_no_recipient_to_their_message_over_rpc(self):
        message = self._member_message()
        with self.assertRaisesRegex(AccessError, KEPT):
            rpc(self.env, self.portal, "mail.message", "write",
                {"partner_ids": [(4, self.outsider.id)]}, ids=message.ids)  # fmt: skip
        self.assertNotIn(self.outsider, message.partner_ids)
        self.assertFalse(self._outsider_reads(message))

    def test_officer_adds_no_recipient_to_their_note_over_rpc(self):
        note = self._officer_note()
        with self.assertRaisesRegex(AccessError, KEPT):
            rpc(self.env, self.officer_a, "mail.message", "write",
                {"partner_ids": [(6, 0, [self.outsider.id])]}, ids=note.ids)  # fmt: skip
        self.assertNotIn(self.outsider, note.partner_ids)
        self.assertFalse(self._outsider_reads(note))

    def test_officer_notifies_nobody_of_their_note_over_rpc(self):
        note = self._officer_note()
        with self.assertRaisesRegex(AccessError, KEPT):
            rpc(self.env, self.officer_a, "mail.message", "write",
                {"notification_ids": [(0, 0, {"res_partner_id": self.outsider.id,
                                              "notification_type": "inbox"})]},
                ids=note.ids)  # fmt: skip
        self.assertNotIn(self.outsider, note.notified_partner_ids)
        self.assertFalse(self._outsider_reads(note))

    def test_follower_creates_no_message_notifying_an_outsider(self):
        with self.assertRaisesRegex(AccessError, "goes to its followers only"):
            rpc(self.env, self.employee, "mail.message", "create", {
                "model": "party.member", "res_id": self.member_a.id,
                "body": "Forwarded to Branch B", "message_type": "comment",
                "subtype_id": self.env.ref("mail.mt_comment").id,
                "notification_ids": [(0, 0, {"res_partner_id": self.outsider.id,
                                             "notification_type": "inbox"})],
            })  # fmt: skip
        forwarded = self.member_a.message_ids.filtered(lambda m: "Forwarded" in (m.body or ""))
        self.assertFalse(forwarded)

    def test_officer_shows_nobody_a_note_by_notifying_them(self):
        note = self._officer_note()
        with self.assertRaisesRegex(AccessError, KEPT):
            rpc(self.env, self.officer_a, "mail.notification", "create", {
                "mail_message_id": note.id, "res_partner_id": self.outsider.id,
                "notification_type": "inbox",
            })  # fmt: skip
        self.assertNotIn(self.outsider, note.notified_partner_ids)
        self.assertFalse(self._outsider_reads(note))

    def _file_of_the_record(self):
        """A file of Member A's record the officers read, uploaded by someone else."""
        return self.env["ir.attachment"].create({
            "name": "discipline.pdf", "raw": b"confidential", "res_model": "party.member",
            "res_id": self.member_a.id,
        })  # fmt: skip

    def test_officer_adds_no_file_of_someone_else_to_their_note_over_rpc(self):
        note = self._officer_note()
        secret = self._file_of_the_record()
        with self.assertRaisesRegex(AccessError, "files you uploaded yourself"):
            rpc(self.env, self.officer_a, "mail.message", "write",
                {"attachment_ids": [(4, secret.id)]}, ids=note.ids)  # fmt: skip
        self.assertFalse(note.attachment_ids)

    # ------------------------------------------------------------------ the chatter's edit

    def test_member_adds_no_recipient_when_editing_their_message(self):
        message = self._member_message()
        error = self._update_content("pbt_portal", message, "My new address, @Secretary B",
                                     [self.outsider.id])  # fmt: skip
        self.assertIn(KEPT, error or "")
        message.invalidate_recordset()
        self.assertNotIn(self.outsider, message.partner_ids)
        self.assertIn("5 Elm Street", message.body)
        self.assertFalse(self._outsider_reads(message))

    def test_officer_adds_no_recipient_when_editing_their_note(self):
        note = self._officer_note()
        error = self._update_content("pbt_officer_a", note, "Internal, @Secretary B",
                                     [self.outsider.id])  # fmt: skip
        self.assertIn(KEPT, error or "")
        note.invalidate_recordset()
        self.assertNotIn(self.outsider, note.partner_ids)
        self.assertIn("incomplete", note.body)
        self.assertFalse(self._outsider_reads(note))

    def test_officer_adds_no_file_of_someone_else_when_editing_their_note(self):
        note = self._officer_note()
        secret = self._file_of_the_record()
        error = self._update_content("pbt_officer_a", note, "Internal, see the file", [],
                                     attachment_ids=secret.ids)  # fmt: skip
        self.assertIn("files you uploaded yourself", error or "")
        note.invalidate_recordset()
        self.assertFalse(note.attachment_ids)
        self.assertIn("incomplete", note.body)

    def test_author_edits_the_text_mentioning_its_recipient(self):
        message = self.member_a.with_user(self.officer_a).message_post(
            body="@Member A your card is ready", message_type="comment",
            subtype_xmlid="mail.mt_comment", partner_ids=self.portal.partner_id.ids,
        )  # fmt: skip
        error = self._update_content("pbt_officer_a", message, "@Member A your card is at the desk",
                                     self.portal.partner_id.ids)  # fmt: skip
        self.assertFalse(error)
        message.invalidate_recordset()
        self.assertIn("at the desk", message.body)
        self.assertEqual(message.partner_ids, self.portal.partner_id)
