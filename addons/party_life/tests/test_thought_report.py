"""Thought reports (思想汇报) handed in by members and activists, through the RPC dispatch:
who hands in (only themselves, with files checked by their bytes), who reads them
(the author, the officers of their organisation, their contact persons: through read,
search, read_group, export and the chatter's messages), who acknowledges them, and
when one is due (the reminder) or overdue (the compliance finding), at both sides of
the interval."""

import base64
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.models.party_reminder import ReminderRun
from odoo.addons.party_branch.tests.common import PartyBranchCase, member_user
from odoo.addons.party_branch.tests.rpc import rpc

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def b64(data):
    return base64.b64encode(data).decode()


@tagged("post_install", "-at_install")
class TestThoughtReport(PartyBranchCase):
    compliance_codes = ("thought_report_overdue",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["party.thought.report"]
        cls.env["ir.config_parameter"].sudo().set_param("party_life.thought_report_months", "3")
        cls.portal_b = member_user(cls.env, "ptr_member_b")
        cls.member_b.user_id = cls.portal_b
        cls.internal = new_test_user(cls.env, login="ptr_internal", groups="base.group_user")
        # a contact person (培养联系人): a full member of branch A, no officer
        cls.contact_user = new_test_user(
            cls.env, login="ptr_contact", groups="base.group_user,party_branch.group_party_member"
        )
        cls.contact = cls._member(cls.branch_a, "Contact A", user_id=cls.contact_user.id)
        # an activist with a portal login (no membership)
        cls.activist_user = new_test_user(cls.env, login="ptr_activist", groups="base.group_portal")
        dev_vals = {
            "partner_id": cls.activist_user.partner_id.id,
            "organization_id": cls.branch_a.id,
            "birthdate": cls.today - relativedelta(years=25),
            "application_date": cls.today - timedelta(days=400),
            "talk_date": cls.today - timedelta(days=390),
            "activist_date": cls.today - timedelta(days=200),
            "stage": "activist",
            "contact_member_ids": [(6, 0, cls.contact.ids)],
        }
        cls.development = cls.env["party.development"].sudo().create(dev_vals)

    def _submit(self, user=None, body="My thinking this quarter.", files=None, **values):
        return self.Report.browse(
            rpc(
                self.env,
                user or self.portal,
                "party.thought.report",
                "submit",
                {"body": body, **values},
                files,
            )  # fmt: skip
        )

    def _mine(self, partner):
        return self.Report.search([("partner_id", "=", partner.id)])

    # ------------------------------------------------------------------ handing in

    def test_member_hands_in_a_report_with_a_pdf(self):
        report = self._submit(files=[{"name": "report.pdf", "data": b64(PDF)}])
        self.assertEqual(report.partner_id, self.portal.partner_id)
        self.assertEqual(report.member_id, self.member_a)
        self.assertEqual(report.organization_id, self.branch_a)
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(report.attachment_ids.res_model, "party.thought.report")
        self.assertEqual(report.attachment_ids.res_id, report.id)
        self.assertEqual(report.activity_ids.user_id, self.officer_a)  # the secretary

    def test_activist_hands_in_a_report(self):
        report = self._submit(user=self.activist_user)
        self.assertEqual(report.development_id, self.development)
        self.assertFalse(report.member_id)
        self.assertEqual(report.organization_id, self.branch_a)
        self.assertIn(report, self.development.thought_report_ids)

    def test_forged_file_type_refused_and_nothing_written(self):
        with self.assertRaisesRegex(ValidationError, "PDF documents or PNG"):
            self._submit(files=[{"name": "report.pdf", "data": b64(SVG)}])
        self.assertFalse(self._mine(self.portal.partner_id))
        self.assertFalse(
            self.env["ir.attachment"].search([("res_model", "=", "party.thought.report")])
        )

    def test_report_for_another_member_refused(self):
        with self.assertRaisesRegex(AccessError, "only your own thought reports"):
            self._submit(member_id=self.member_b.id)
        with self.assertRaisesRegex(AccessError, "only your own thought reports"):
            self._submit(user=self.activist_user, partner_id=self.portal.partner_id.id)
        self.assertFalse(self.Report.search([]).filtered(lambda r: r.organization_id.id in (
            self.branch_a.id, self.branch_b.id)))  # fmt: skip

    def test_who_is_neither_member_nor_applicant_is_refused(self):
        with self.assertRaisesRegex(AccessError, "Only a Party member, an applicant"):
            self._submit(user=self.internal)

    def test_empty_report_refused(self):
        with self.assertRaisesRegex(UserError, "Write your report"):
            self._submit(body="   ")

    def test_nobody_writes_a_report(self):
        report = self._submit()
        for user in (self.portal, self.officer_a, self.admin):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.thought.report", "write", {"body": "Rewritten"},
                    ids=report.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.thought.report", "create",
                {"body": "x", "name": "x", "partner_id": self.portal.partner_id.id,
                 "organization_id": self.branch_a.id, "period_start": self.today,
                 "period_end": self.today})  # fmt: skip
        self.assertEqual(report.body, "My thinking this quarter.")

    # ------------------------------------------------------------------ who reads

    def test_other_member_officer_auditor_do_not_read(self):
        report = self._submit(files=[{"name": "report.pdf", "data": b64(PDF)}])
        for user in (self.portal_b, self.officer_b, self.auditor, self.internal,
                     self.contact_user):  # fmt: skip
            with self.assertRaises(AccessError, msg=user.login):
                rpc(self.env, user, "party.thought.report", "read", ["body"], ids=report.ids)

    def test_other_member_finds_nothing_by_search_or_read_group(self):
        self._submit()
        for user in (self.portal_b, self.officer_b, self.activist_user):
            found = rpc(self.env, user, "party.thought.report", "search_read",
                        [("body", "ilike", "thinking")], ["body"])  # fmt: skip
            self.assertEqual(found, [], user.login)
            groups = rpc(self.env, user, "party.thought.report", "read_group",
                         [], ["organization_id"], ["organization_id"])  # fmt: skip
            self.assertEqual(groups, [], user.login)

    def test_other_branch_cannot_export(self):
        report = self._submit()
        export = self.env.ref("base.group_allow_export")
        for user in (self.officer_b, self.contact_user):
            user.groups_id |= export
            with self.assertRaises(AccessError, msg=user.login):
                rpc(self.env, user, "party.thought.report", "export_data", ["body"],
                    ids=report.ids)  # fmt: skip
            found = rpc(self.env, user, "party.thought.report", "search", [])
            self.assertEqual(found, [], user.login)

    def test_other_branch_reads_no_attachment(self):
        report = self._submit(files=[{"name": "report.pdf", "data": b64(PDF)}])
        attachment = report.attachment_ids
        for user in (self.officer_b, self.contact_user, self.internal):
            with self.assertRaises(AccessError, msg=user.login):
                rpc(self.env, user, "ir.attachment", "read", ["datas"], ids=attachment.ids)
            found = rpc(self.env, user, "ir.attachment", "search_read",
                        [("res_model", "=", "party.thought.report")], ["name"])  # fmt: skip
            self.assertEqual(found, [], user.login)
        read = rpc(self.env, self.officer_a, "ir.attachment", "read", ["name"], ids=attachment.ids)
        self.assertEqual(read[0]["name"], "report.pdf")

    def test_other_member_reads_no_message_of_the_report(self):
        report = self._submit()
        report.with_user(self.officer_a).action_acknowledge("Well written.")
        found = rpc(self.env, self.portal_b, "mail.message", "search_read",
                    [("model", "=", "party.thought.report"), ("res_id", "=", report.id)],
                    ["body"])  # fmt: skip
        self.assertEqual(found, [])
        found = rpc(self.env, self.portal, "mail.message", "search_read",
                    [("model", "=", "party.thought.report"), ("res_id", "=", report.id)],
                    ["body"])  # fmt: skip
        self.assertIn("Well written.", " ".join(m["body"] for m in found))

    def test_author_officer_and_committee_read(self):
        report = self._submit()
        for user in (self.portal, self.officer_a, self.officer_c, self.admin):
            read = rpc(self.env, user, "party.thought.report", "read", ["body"], ids=report.ids)
            self.assertEqual(read[0]["body"], "My thinking this quarter.", user.login)

    def test_contact_person_reads_their_activists_report(self):
        report = self._submit(user=self.activist_user)
        found = rpc(self.env, self.contact_user, "party.thought.report", "search_read",
                    [], ["body"])  # fmt: skip
        self.assertEqual([r["id"] for r in found], report.ids)

    # ------------------------------------------------------------------ acknowledging

    def test_officer_acknowledges_with_a_comment(self):
        report = self._submit()
        rpc(self.env, self.officer_a, "party.thought.report", "action_acknowledge",
            "Keep it up.", ids=report.ids)  # fmt: skip
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.acknowledged_by_id, self.officer_a)
        self.assertEqual(report.comment, "Keep it up.")
        self.assertFalse(report.activity_ids)

    def test_contact_person_acknowledges(self):
        report = self._submit(user=self.activist_user)
        self.assertEqual(report.activity_ids.user_id, self.contact_user)
        rpc(self.env, self.contact_user, "party.thought.report", "action_acknowledge",
            "Talk to me on Friday.", ids=report.ids)  # fmt: skip
        self.assertEqual(report.state, "acknowledged")

    def test_author_and_other_officer_do_not_acknowledge(self):
        report = self._submit()
        for user in (self.portal, self.officer_b):
            with self.assertRaises(AccessError, msg=user.login):
                rpc(self.env, user, "party.thought.report", "action_acknowledge", "Fine.",
                    ids=report.ids)  # fmt: skip
        self.assertEqual(report.state, "submitted")

    def test_acknowledging_needs_a_comment(self):
        report = self._submit()
        with self.assertRaisesRegex(UserError, "Write a comment"):
            rpc(self.env, self.officer_a, "party.thought.report", "action_acknowledge", " ",
                ids=report.ids)  # fmt: skip
        self.assertEqual(report.state, "submitted")


@tagged("post_install", "-at_install")
class TestThoughtReportDue(PartyBranchCase):
    """The interval (data, 3 months by default): the reminder in the week before a report
    is due, the finding from the day after it."""

    compliance_codes = ("thought_report_overdue",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("party_life.thought_report_months", "3")
        cls.on_date = cls.today
        cls.probationary = cls._member(cls.branch_a, "Probationary A", category="probationary")

    def _join(self, due):
        """The probationary member joined so that their first report is due on ``due``."""
        self.probationary.sudo().join_date = due - relativedelta(months=3)

    def _reminded(self):
        run = ReminderRun(self.env, self.on_date)
        return (
            self.env["party.reminder"]._reminder_thought_report_due(run).get(self.probationary.id)
        )

    def _overdue(self):
        return self._check(self.branch_a, self.on_date, "thought_report_overdue").filtered(
            lambda f: f.member_id == self.probationary
        )

    def test_reminder_sent_seven_days_before_due(self):
        self._join(self.on_date + timedelta(days=7))
        self.assertTrue(self._reminded())

    def test_no_reminder_eight_days_before_due(self):
        self._join(self.on_date + timedelta(days=8))
        self.assertFalse(self._reminded())

    def test_no_finding_on_the_due_date(self):
        self._join(self.on_date)
        self.assertFalse(self._overdue())

    def test_finding_the_day_after_the_due_date(self):
        self._join(self.on_date - timedelta(days=1))
        finding = self._overdue()
        self.assertEqual(len(finding), 1)
        self.assertIn("Probationary A", finding.message)

    def test_report_handed_in_closes_the_due(self):
        self._join(self.on_date - timedelta(days=1))
        self.probationary.sudo().user_id = member_user(self.env, "ptr_prob")
        rpc(self.env, self.probationary.user_id, "party.thought.report", "submit",
            {"body": "Handed in."})  # fmt: skip
        self.assertFalse(self._overdue())
        self.assertFalse(self._reminded())

    def test_interval_is_data(self):
        self._join(self.on_date + timedelta(days=20))  # due in 20 days at 3 months
        self.assertFalse(self._overdue())
        self.env["ir.config_parameter"].sudo().set_param("party_life.thought_report_months", "2")
        self.assertTrue(self._overdue())  # 2 months after joining: a month ago

    def test_full_member_is_not_reminded(self):
        self._join(self.on_date - timedelta(days=1))
        self.probationary.sudo().write(
            {"member_category": "full", "full_date": self.on_date - timedelta(days=1)}
        )
        self.assertFalse(self._reminded())
        self.assertFalse(self._overdue())
