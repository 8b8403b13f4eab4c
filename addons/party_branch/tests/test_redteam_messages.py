"""Red team: messages on Party records, through the RPC dispatch. A member or an
employee who follows a record (Odoo lets followers post without write access) posts a
message or a note as themselves, never a notification, another subtype, a backdated
message, tracking values or a message in an officer's name; nor does the author
rewrite what their message is afterwards. The record's officers keep Odoo's posting."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestRedteamMessages(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, login="pbt_msg_employee", groups="base.group_user")
        cls.portal.partner_id.email = "member.a@example.com"
        cls.officer_a.partner_id.email = "secretary.a@example.com"
        cls.employee.partner_id.email = "employee@example.com"
        # Odoo lets a record's followers post on it without write access
        cls.member_a.message_subscribe(
            partner_ids=(cls.portal.partner_id | cls.employee.partner_id).ids
        )

    def _messages(self, text):
        return self.member_a.message_ids.filtered(lambda m: text in (m.body or ""))

    def _comment(self):
        message = rpc(self.env, self.portal, "party.member", "message_post",
                      ids=self.member_a.ids, body="My new address", message_type="comment",
                      subtype_xmlid="mail.mt_comment")  # fmt: skip
        return self.env["mail.message"].browse(message)

    def test_follower_member_posts_a_comment(self):
        message = self._comment()
        self.assertEqual(message.author_id, self.portal.partner_id)
        self.assertEqual(message.message_type, "comment")

    def test_member_does_not_post_a_notification(self):
        with self.assertRaisesRegex(AccessError, "a message or a note only"):
            rpc(self.env, self.portal, "party.member", "message_post", ids=self.member_a.ids,
                body="Dues paid until 2030", message_type="notification")  # fmt: skip
        self.assertFalse(self._messages("Dues paid until 2030"))

    def test_member_does_not_post_another_subtype(self):
        with self.assertRaisesRegex(AccessError, "a message or a note only"):
            rpc(self.env, self.portal, "party.member", "message_post", ids=self.member_a.ids,
                body="Activity done", message_type="comment",
                subtype_xmlid="mail.mt_activities")  # fmt: skip
        self.assertFalse(self._messages("Activity done"))

    def test_member_does_not_create_a_notification_message(self):
        with self.assertRaisesRegex(AccessError, "a message or a note only"):
            rpc(self.env, self.portal, "mail.message", "create", {
                "model": "party.member", "res_id": self.member_a.id, "body": "Transferred",
                "message_type": "notification",
                "subtype_id": self.env.ref("mail.mt_comment").id,
            })  # fmt: skip
        self.assertFalse(self._messages("Transferred"))

    def test_employee_follower_does_not_create_a_notification_message(self):
        with self.assertRaisesRegex(AccessError, "a message or a note only"):
            rpc(self.env, self.employee, "mail.message", "create", {
                "model": "party.member", "res_id": self.member_a.id, "body": "Expelled",
                "message_type": "notification",
                "subtype_id": self.env.ref("mail.mt_note").id,
            })  # fmt: skip
        self.assertFalse(self._messages("Expelled"))

    def test_member_does_not_post_as_the_secretary(self):
        with self.assertRaisesRegex(AccessError, "posted as yourself"):
            rpc(self.env, self.portal, "party.member", "message_post", ids=self.member_a.ids,
                body="You are exempt", message_type="comment", subtype_xmlid="mail.mt_comment",
                email_from=self.officer_a.partner_id.email_formatted)  # fmt: skip
        self.assertFalse(self._messages("You are exempt"))

    def test_member_does_not_create_a_message_as_the_secretary(self):
        with self.assertRaisesRegex(AccessError, "posted as yourself"):
            rpc(self.env, self.portal, "mail.message", "create", {
                "model": "party.member", "res_id": self.member_a.id, "body": "You are exempt",
                "message_type": "comment", "subtype_id": self.env.ref("mail.mt_comment").id,
                "author_id": self.officer_a.partner_id.id,
            })  # fmt: skip
        self.assertFalse(self._messages("You are exempt"))

    def test_member_does_not_backdate_a_message(self):
        with self.assertRaisesRegex(AccessError, "are the server's"):
            rpc(self.env, self.portal, "party.member", "message_post", ids=self.member_a.ids,
                body="Reported in time", message_type="comment",
                subtype_xmlid="mail.mt_comment", date="2020-01-01 08:00:00")  # fmt: skip
        self.assertFalse(self._messages("Reported in time"))

    def test_member_does_not_post_tracking_values(self):
        status = self.env["ir.model.fields"]._get("party.member", "status")
        with self.assertRaisesRegex(AccessError, "are the server's"):
            rpc(self.env, self.portal, "party.member", "message_post", ids=self.member_a.ids,
                body="", message_type="comment", subtype_xmlid="mail.mt_comment",
                tracking_value_ids=[(0, 0, {"field_id": status.id, "old_value_char": "Expelled",
                                            "new_value_char": "Active"})])  # fmt: skip
        self.assertFalse(
            self.member_a.message_ids.tracking_value_ids.filtered(
                lambda t: t.new_value_char == "Active"
            )
        )

    def test_member_does_not_mail_people_who_do_not_follow(self):
        stranger = self.env["res.partner"].create({"name": "Outsider", "email": "o@example.com"})
        with self.assertRaisesRegex(AccessError, "followers only"):
            rpc(self.env, self.portal, "party.member", "message_post", ids=self.member_a.ids,
                body="Cheap watches", message_type="comment", subtype_xmlid="mail.mt_comment",
                partner_ids=[stranger.id])  # fmt: skip
        self.assertFalse(self._messages("Cheap watches"))

    def test_author_does_not_turn_their_message_into_a_notification(self):
        message = self._comment()
        with self.assertRaisesRegex(AccessError, "only its content is edited"):
            rpc(self.env, self.portal, "mail.message", "write",
                {"message_type": "notification"}, ids=message.ids)  # fmt: skip
        message.invalidate_recordset()
        self.assertEqual(message.message_type, "comment")

    def test_author_does_not_give_their_message_to_the_secretary(self):
        message = self._comment()
        with self.assertRaisesRegex(AccessError, "only its content is edited"):
            rpc(self.env, self.portal, "mail.message", "write",
                {"author_id": self.officer_a.partner_id.id}, ids=message.ids)  # fmt: skip
        message.invalidate_recordset()
        self.assertEqual(message.author_id, self.portal.partner_id)

    def test_author_edits_the_content_of_their_message(self):
        message = self._comment()
        rpc(self.env, self.portal, "mail.message", "write", {"body": "<p>My old address</p>"},
            ids=message.ids)  # fmt: skip
        message.invalidate_recordset()
        self.assertIn("My old address", message.body)

    def test_officer_logs_a_notification_on_their_record(self):
        message = rpc(self.env, self.officer_a, "party.member", "message_post",
                      ids=self.member_a.ids, body="Register checked",
                      message_type="notification")  # fmt: skip
        self.assertEqual(self.env["mail.message"].browse(message).message_type, "notification")

    def test_officer_of_another_branch_posts_no_notification(self):
        self.member_a.message_subscribe(partner_ids=self.officer_b.partner_id.ids)
        with self.assertRaisesRegex(AccessError, "a message or a note only"):
            rpc(self.env, self.officer_b, "mail.message", "create", {
                "model": "party.member", "res_id": self.member_a.id, "body": "Moved to B",
                "message_type": "notification",
                "subtype_id": self.env.ref("mail.mt_note").id,
            })  # fmt: skip
        self.assertFalse(self._messages("Moved to B"))
