from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestSecretaryReport(PartySystemsCase):
    def test_yearly_cycle_one_report_per_branch_with_a_secretary(self):
        year = self.today.year - 1
        reports = self.env["party.secretary.report"].generate(
            year, [self.branch_a.id, self.branch_b.id, self.group_a.id]
        )
        self.assertEqual(
            {(r.organization_id, r.member_id) for r in reports},
            {(self.branch_a, self.secretary_a), (self.branch_b, self.secretary_b)},
        )
        self.assertEqual(set(reports.mapped("deadline")), {date(year + 1, 1, 31)})
        again = self.env["party.secretary.report"].generate(year, [self.branch_a.id])
        self.assertEqual(again, reports.filtered(lambda r: r.organization_id == self.branch_a))

    def test_yearly_cycle_checks_the_caller_and_the_year(self):
        year = self.today.year - 1
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.secretary.report", "generate", year,
                [self.branch_b.id])  # fmt: skip
        with self.assertRaises(AccessError):  # every organisation: administrators only
            rpc(self.env, self.officer_a, "party.secretary.report", "generate", year)
        for bad in (self.today.year, "2025", 1850):
            with self.subTest(year=bad), self.assertRaises(UserError):
                rpc(self.env, self.officer_a, "party.secretary.report", "generate", bad,
                    [self.branch_a.id])  # fmt: skip
        reports = rpc(self.env, self.officer_a, "party.secretary.report", "generate", year,
                      [self.branch_a.id])  # fmt: skip
        self.assertTrue(reports)

    def test_secretary_files_their_own_report(self):
        report = self._secretary_report()
        rpc(self.env, self.officer_a, "party.secretary.report", "action_file", ids=report.ids)
        self.assertEqual((report.state, report.filed_on), ("filed", self.today))
        self.assertFalse(report.is_late)

    def test_report_filed_for_someone_else_is_refused(self):
        report = self._secretary_report()
        for user in (self.officer_c, self.admin, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.secretary.report", "action_file", ids=report.ids)
        self.assertEqual(report.state, "draft")

    def test_both_reports_are_written_before_filing(self):
        report = self._secretary_report(integrity_report=False)
        with self.assertRaisesRegex(UserError, "述廉"):
            report.with_user(self.officer_a).action_file()

    def test_late_from_the_day_after_the_deadline(self):
        on_time = self._secretary_report(deadline=self.today)
        self.assertFalse(on_time.is_late)
        late = self._secretary_report(
            year=self.today.year - 2, deadline=self.today - timedelta(days=1)
        )
        self.assertTrue(late.is_late)

    def test_superior_committee_and_members_rate(self):
        report = self._secretary_report()
        report.with_user(self.officer_a).action_file()
        report.with_user(self.officer_a).action_open_rating()
        rpc(self.env, self.officer_c, "party.secretary.report", "action_rate_good", ids=report.ids)
        rpc(self.env, self.portal, "party.secretary.report", "action_rate_excellent",
            ids=report.ids)  # fmt: skip
        kinds = {r.member_id: r.rater_kind for r in report.report_rating_ids}
        self.assertEqual(kinds, {self.secretary_c: "superior", self.member_a: "member"})
        self.assertEqual(report.rating_summary, "Excellent 1, Good 1")
        with self.assertRaisesRegex(UserError, "already rated"):
            rpc(self.env, self.portal, "party.secretary.report", "action_rate_poor",
                ids=report.ids)  # fmt: skip
        for user in (self.officer_a, self.officer_b):  # the secretary; another branch
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.secretary.report", "action_rate_poor", ids=report.ids)
        rpc(self.env, self.officer_c, "party.secretary.report", "action_close", ids=report.ids)
        self.assertEqual(report.state, "done")

    def test_filed_report_is_not_edited(self):
        report = self._secretary_report()
        report.with_user(self.officer_a).action_file()
        with self.assertRaisesRegex(UserError, "not edited"):
            report.with_user(self.officer_a).write({"duty_report": "<p>Other</p>"})


@tagged("post_install", "-at_install")
class TestPetition(PartySystemsCase):
    def test_petition_accepted_answered_closed(self):
        petition = self.env["party.petition"].create(
            {
                "name": "Street lights",
                "organization_id": self.branch_a.id,
                "petitioner_name": "Resident",
                "content": "The lights are out.",
            }
        )
        self.assertEqual(petition.accept_deadline, self.today + timedelta(days=15))
        petition = petition.with_user(self.officer_a)
        petition.action_accept()
        self.assertEqual(petition.handling_deadline, self.today + timedelta(days=60))
        with self.assertRaisesRegex(UserError, "Write the reply"):
            petition.action_reply()
        petition.reply = "Repaired on Monday."
        petition.action_reply()
        with self.assertRaisesRegex(UserError, "satisfaction"):
            petition.action_close()
        petition.satisfaction = "satisfied"
        petition.action_close()
        self.assertEqual(petition.state, "closed")
        with self.assertRaises(AccessError):
            petition.with_user(self.officer_b).action_accept()


@tagged("post_install", "-at_install")
class TestStabilityRegister(PartySystemsCase):
    def test_matter_resolved_with_its_measures(self):
        matter = self.env["party.stability.matter"].create(
            {"name": "Wages late", "organization_id": self.branch_a.id, "risk_level": "3_high"}
        )
        with self.assertRaisesRegex(UserError, "measures"):
            matter.with_user(self.officer_a).action_resolve()
        matter.with_user(self.officer_a).measures = "Talked to the contractor"
        with self.assertRaises(AccessError):
            matter.with_user(self.officer_b).action_resolve()
        matter.with_user(self.officer_a).action_resolve()
        self.assertEqual((matter.state, matter.resolved_on), ("resolved", self.today))
        with self.assertRaisesRegex(UserError, "stays on the register"):
            matter.unlink()
