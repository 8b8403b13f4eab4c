"""The member's consultation with their organisation (在线咨询), through the RPC dispatch:
a member asks and reads only their own; only they (while their organisation keeps
their membership) and the officers who manage it post on it, whatever the path."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase, member_user
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestConsultation(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_b = member_user(cls.env, "plc_member_b")
        cls.member_b.user_id = cls.portal_b
        cls.internal = new_test_user(cls.env, login="plc_internal", groups="base.group_user")
        cls.Consultation = cls.env["party.consultation"]

    def _ask(self, question="How do I pay my dues while abroad?", user=None):
        return rpc(self.env, user or self.portal, "party.consultation", "ask", question)

    def _post(self, user, consultation, body="<p>Answer</p>"):
        return rpc(self.env, user, "party.consultation", "message_post", ids=consultation.ids,
                   body=body, message_type="comment", subtype_xmlid="mail.mt_comment")  # fmt: skip

    def _comments(self, consultation):
        return consultation.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_member_asks_their_organisation(self):
        consultation = self.Consultation.browse(self._ask())
        self.assertEqual(consultation.member_id, self.member_a)
        self.assertEqual(consultation.organization_id, self.branch_a)
        self.assertEqual(consultation.state, "waiting")
        question = self._comments(consultation)
        self.assertEqual(question.author_id, self.member_a.partner_id)
        self.assertIn("abroad", question.body)
        self.assertEqual(consultation.activity_ids.user_id, self.officer_a)  # the secretary

    def test_second_question_goes_to_the_same_consultation(self):
        first = self._ask()
        self.assertEqual(self._ask("And the minutes?"), first)
        self.assertEqual(len(self._comments(self.Consultation.browse(first))), 2)
        self.assertEqual(len(self.Consultation.browse(first).activity_ids), 1)

    def test_empty_or_too_long_question_refused(self):
        with self.assertRaisesRegex(UserError, "Write your question"):
            self._ask("   ")
        with self.assertRaisesRegex(UserError, "at most 2000 characters"):
            self._ask("x" * 2001)
        self.assertFalse(self.Consultation.search([("member_id", "=", self.member_a.id)]))

    def test_who_is_no_member_does_not_ask(self):
        with self.assertRaises(AccessError):
            self._ask(user=self.internal)

    def test_officer_answers_and_the_member_is_told(self):
        consultation = self.Consultation.browse(self._ask())
        self._post(self.officer_a, consultation, "<p>Pay online, on My Dues.</p>")
        self.assertEqual(consultation.state, "answered")
        self.assertFalse(consultation.activity_ids)
        answer = self._comments(consultation)[0]
        self.assertEqual(answer.author_id, self.officer_a.partner_id)
        self.assertIn(self.member_a.partner_id, answer.notification_ids.res_partner_id)

    def test_committee_officer_answers_a_branch_consultation(self):
        consultation = self.Consultation.browse(self._ask())
        self._post(self.officer_c, consultation)
        self.assertEqual(consultation.state, "answered")

    def test_member_of_another_organisation_neither_reads_nor_posts(self):
        consultation = self.Consultation.browse(self._ask())
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal_b, "party.consultation", "read", ["name"],
                ids=consultation.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            self._post(self.portal_b, consultation)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal_b, "mail.message", "create",
                {"model": "party.consultation", "res_id": consultation.id, "body": "x",
                 "message_type": "comment"})  # fmt: skip
        self.assertEqual(len(self._comments(consultation)), 1)

    def test_officer_of_another_branch_does_not_answer(self):
        consultation = self.Consultation.browse(self._ask())
        with self.assertRaises(AccessError):
            self._post(self.officer_b, consultation)
        self.assertEqual(consultation.state, "waiting")

    def test_auditor_neither_reads_nor_posts(self):
        consultation = self.Consultation.browse(self._ask())
        with self.assertRaises(AccessError):
            rpc(self.env, self.auditor, "party.consultation", "read", ["name"],
                ids=consultation.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            self._post(self.auditor, consultation)

    def test_member_transferred_away_reads_but_no_longer_posts(self):
        consultation = self.Consultation.browse(self._ask())
        self.member_a.write({"organization_id": self.branch_b.id, "group_id": False})
        rpc(self.env, self.portal, "party.consultation", "read", ["name"], ids=consultation.ids)
        with self.assertRaisesRegex(AccessError, "your own consultation"):
            self._post(self.portal, consultation, "<p>Still there?</p>")
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "mail.message", "create",
                {"model": "party.consultation", "res_id": consultation.id, "body": "x",
                 "message_type": "comment"})  # fmt: skip
        # their new question goes to their new organisation
        moved = self.Consultation.browse(self._ask("Where do I pay now?"))
        self.assertEqual(moved.organization_id, self.branch_b)
        self.assertEqual(len(self._comments(consultation)), 1)

    def test_member_creates_or_moves_no_consultation(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.consultation", "create",
                [{"member_id": self.member_a.id, "organization_id": self.branch_a.id}])  # fmt: skip
        consultation = self.Consultation.browse(self._ask())
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_c, "party.consultation", "write",
                {"organization_id": self.branch_b.id}, ids=consultation.ids)  # fmt: skip
        self.assertEqual(consultation.organization_id, self.branch_a)

    def test_officers_note_is_not_shown_to_the_member(self):
        consultation = self.Consultation.browse(self._ask())
        rpc(self.env, self.officer_a, "party.consultation", "message_post", ids=consultation.ids,
            body="<p>Check the dues base first</p>", message_type="comment",
            subtype_xmlid="mail.mt_note")  # fmt: skip
        self.assertEqual(consultation.state, "waiting")  # a note answers nothing
        seen = rpc(self.env, self.portal, "mail.message", "search_read",
                   [("model", "=", "party.consultation"), ("res_id", "=", consultation.id)],
                   ["body"])  # fmt: skip
        self.assertFalse([m for m in seen if "dues base" in m["body"]])
