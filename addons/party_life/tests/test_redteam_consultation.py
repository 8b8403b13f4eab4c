"""Red team: a member on their own consultation, through the RPC dispatch, trying to
pass for an officer, to mail other people from the organisation's server, or to
rewrite the officer's answer they were notified of."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestRedteamConsultation(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Consultation = cls.env["party.consultation"]
        cls.officer_a.partner_id.email = "secretary.a@example.com"
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Outside Person", "email": "outside@example.com"}
        )

    def _consultation_with_answer(self):
        consultation = self.Consultation.browse(
            rpc(self.env, self.portal, "party.consultation", "ask", "How do I pay my dues?")
        )
        answer = rpc(self.env, self.officer_a, "party.consultation", "message_post",
                     ids=consultation.ids, body="Pay online, on My Dues.", message_type="comment",
                     subtype_xmlid="mail.mt_comment")  # fmt: skip
        answer = self.env["mail.message"].browse(answer.id)
        return consultation, answer

    def test_member_does_not_rewrite_the_officers_answer(self):
        __, answer = self._consultation_with_answer()
        self.assertIn(self.member_a.partner_id, answer.notification_ids.res_partner_id)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "mail.message", "write", {"body": "<p>You are exempt.</p>"},
                ids=answer.ids)  # fmt: skip
        answer.invalidate_recordset()
        self.assertIn("Pay online", answer.body)

    def test_member_does_not_post_as_the_officer(self):
        consultation, __ = self._consultation_with_answer()
        with self.assertRaisesRegex(AccessError, "posted as yourself"):
            rpc(self.env, self.portal, "party.consultation", "message_post",
                ids=consultation.ids, body="You are exempt from dues.", message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_from=self.officer_a.partner_id.email_formatted)  # fmt: skip
        authors = consultation.message_ids.filtered(lambda m: m.message_type == "comment").author_id
        self.assertEqual(authors, self.member_a.partner_id | self.officer_a.partner_id)
        self.assertEqual(
            len(consultation.message_ids.filtered(lambda m: "exempt" in (m.body or ""))), 0
        )

    def test_member_does_not_mail_other_people_from_their_consultation(self):
        consultation, __ = self._consultation_with_answer()
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.consultation", "message_post",
                ids=consultation.ids, body="Buy cheap watches", message_type="comment",
                subtype_xmlid="mail.mt_comment", partner_ids=[self.stranger.id])  # fmt: skip
        self.assertFalse(
            self.env["mail.notification"].search([("res_partner_id", "=", self.stranger.id)])
        )

    def test_member_does_not_move_their_question_into_another_thread(self):
        consultation, __ = self._consultation_with_answer()
        question = consultation.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.author_id == self.member_a.partner_id
        )
        other = self.Consultation.create(
            {"member_id": self.member_b.id, "organization_id": self.member_b.organization_id.id}
        )
        with self.assertRaisesRegex(AccessError, "'res_id'"):
            rpc(self.env, self.portal, "mail.message", "write", {"res_id": other.id},
                ids=question.ids)  # fmt: skip
        question.invalidate_recordset()
        self.assertEqual(question.res_id, consultation.id)
        self.assertFalse(other.message_ids.filtered(lambda m: m.message_type == "comment"))
