"""The attacks of the security issue on party_life, replayed through the RPC dispatch.

Each test is what a logged-in user with the browser's developer tools tried;
each one succeeded before the actions checked their callers and
party.access.mixin guarded the workflow fields (docs/security.md).
"""

import math
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase, voting_appraisal


@tagged("post_install", "-at_install")
class TestLifeAttacks(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["party.meeting"]
        cls.Dev = cls.env["party.development"]
        start = datetime.combine(cls.today, datetime.min.time()) + timedelta(hours=9)
        cls.meeting = cls.Meeting.create(
            {"organization_id": cls.branch_a.id, "meeting_type": "branch_assembly",
             "start": start - timedelta(days=1), "stop": start - timedelta(days=1, hours=-2)}
        )  # fmt: skip

    def _all_rows(self):
        return self.Dues.sudo().search_count([])

    # ------------------------------------------------------------ dues run

    def test_portal_member_cannot_run_the_month(self):
        before = self._all_rows()
        for user in (self.portal, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.dues", "generate", str(self.this_month))
        self.assertEqual(self._all_rows(), before)

    def test_officer_runs_the_month_of_managed_organisations_only(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.dues", "generate", str(self.this_month),
                [self.branch_b.id])  # fmt: skip
        with self.assertRaises(AccessError):  # everyone's month: administrators only
            rpc(self.env, self.officer_a, "party.dues", "generate", str(self.this_month))
        rpc(self.env, self.officer_a, "party.dues", "generate", str(self.this_month),
            [self.branch_a.id])  # fmt: skip
        self.assertTrue(self._rows(self.member_a, self.this_month))
        self.assertFalse(self._rows(self.member_b, self.this_month))

    def test_malformed_or_future_period_refused(self):
        for period in ("2026-13-01", "yesterday", 42, None, str(self.month(2))):
            with self.subTest(period=period), self.assertRaises(UserError):
                rpc(self.env, self.admin, "party.dues", "generate", period)

    def test_dues_row_is_not_edited(self):
        row = self._generate(self.this_month, members=self.member_a)
        for vals in (
            {"amount": 0.01},
            {"paid_amount": 90.0},
            {"organization_id": self.branch_b.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.dues", "write", vals, ids=row.ids)
        self.assertEqual(row.amount, 90.0)

    # ------------------------------------------------------------ payments

    def test_payment_not_created_by_hand(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.dues.payment", "create",
                {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                 "company_id": self.company.id, "date": str(self.today), "method": "cash",
                 "amount": 90.0})  # fmt: skip

    def test_hostile_payment_values_refused(self):
        self._generate(self.this_month, members=self.member_a)
        base = {"member_id": self.member_a.id, "amount": 90.0, "date": str(self.today),
                "method": "cash"}  # fmt: skip
        bad = [
            {"amount": math.nan},
            {"amount": math.inf},
            {"amount": -5},
            {"amount": "90"},
            {"months_ahead": 10_000},
            {"months_ahead": -1},
            {"date": str(self.today + timedelta(days=3))},
            {"date": "not a date"},
            {"member_id": 10**9},
            {"method": "barter"},
        ]
        for change in bad:
            with self.subTest(change=change), self.assertRaises(UserError):
                rpc(self.env, self.officer_a, "party.dues.payment", "register_payments",
                    [dict(base, **change)])  # fmt: skip
        self.assertFalse(self._payments(self.member_a))

    def test_amount_rounded_to_the_currency(self):
        self._generate(self.this_month, members=self.member_a)
        payment = self._pay(self.member_a, 90.004, user=self.officer_a)
        self.assertEqual(payment.amount, 90.0)

    def test_reversal_of_foreign_payment_refused(self):
        self._generate(self.this_month, members=self.member_a)
        payment = self._pay(self.member_a, 90.0)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.dues.payment", "action_reverse", ids=payment.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.dues.payment", "write", {"state": "reversed"},
                ids=payment.ids)  # fmt: skip
        self.assertEqual(payment.state, "posted")

    # ------------------------------------------------------------ remittance

    def _remittance(self):
        self._generate(self.this_month, members=self.member_a)
        self._pay(self.member_a, 90.0)
        return self.Remittance.create(
            {"organization_id": self.branch_a.id, "date_from": self.this_month,
             "date_to": self.today, "date": self.today, "percent": 50.0}
        )  # fmt: skip

    def test_remittance_posted_by_stranger_refused(self):
        remittance = self._remittance()
        for user in (self.portal, self.officer_b, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.dues.remittance", "action_post", ids=remittance.ids)
        self.assertEqual(remittance.state, "draft")

    def test_remittance_state_and_superior_not_written(self):
        remittance = self._remittance()
        for vals in ({"state": "posted"}, {"to_organization_id": self.branch_b.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.dues.remittance", "write", vals,
                    ids=remittance.ids)  # fmt: skip

    def test_remittance_above_collected_refused(self):
        remittance = self._remittance()
        remittance.amount = remittance.collected + 1
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "party.dues.remittance", "action_post",
                ids=remittance.ids)  # fmt: skip

    # ------------------------------------------------------------ meetings

    def test_meeting_state_and_calendar_written_directly_refused(self):
        event = self.env["calendar.event"].create(
            {"name": "Someone's private event", "start": datetime(2030, 1, 1, 9),
             "stop": datetime(2030, 1, 1, 10)}
        )  # fmt: skip
        for vals in ({"state": "held"}, {"held_on": str(datetime(2020, 1, 1))},
                     {"calendar_event_id": event.id}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.meeting", "write", vals,
                    ids=self.meeting.ids)  # fmt: skip
        self.assertEqual(self.meeting.state, "planned")
        self.assertEqual(event.name, "Someone's private event")

    def test_meeting_created_held_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.meeting", "create",
                {"organization_id": self.branch_a.id, "meeting_type": "party_lecture",
                 "start": str(datetime(2020, 1, 1, 9)), "stop": str(datetime(2020, 1, 1, 11)),
                 "state": "held"})  # fmt: skip

    def test_meeting_moved_to_foreign_branch_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.meeting", "write",
                {"organization_id": self.branch_b.id}, ids=self.meeting.ids)  # fmt: skip
        self.assertEqual(self.meeting.organization_id, self.branch_a)

    def test_no_calendar_context_key_ignored_over_rpc(self):
        meeting_id = rpc(
            self.env, self.officer_a, "party.meeting", "create",
            {"organization_id": self.branch_a.id, "meeting_type": "party_lecture",
             "start": str(datetime(2031, 1, 1, 9)), "stop": str(datetime(2031, 1, 1, 11))},
            context={"party_meeting_no_calendar": True},
        )  # fmt: skip
        self.assertTrue(self.Meeting.browse(meeting_id).calendar_event_id)

    def test_attendees_filled_by_reader_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.auditor, "party.meeting", "action_fill_attendees",
                ids=self.meeting.ids)  # fmt: skip

    # ------------------------------------------------------------ development

    def test_development_workflow_fields_refused(self):
        partner = self.env["res.partner"].create({"name": "Applicant X"})
        dev = self.Dev.create(
            {"partner_id": partner.id, "organization_id": self.branch_a.id,
             "birthdate": "1995-01-01"}
        )  # fmt: skip
        for vals in ({"stage": "probationary"}, {"admission_voted": True},
                     {"member_id": self.member_b.id}, {"target_eligible_date": "2000-01-01"},
                     {"partner_id": self.env.ref("base.partner_admin").id}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.development", "write", vals, ids=dev.ids)
        self.assertEqual(dev.stage, "applicant")

    def test_development_of_internal_users_contact_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.development", "create",
                {"partner_id": self.env.ref("base.partner_admin").id,
                 "organization_id": self.branch_a.id, "birthdate": "1990-01-01"})  # fmt: skip

    # ------------------------------------------------------------ appraisal

    def test_closed_appraisal_is_final(self):
        appraisal = voting_appraisal(self.env, self.branch_a, 2031)
        appraisal.action_close()
        for vals in ({"state": "voting"}, {"state": "draft"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.appraisal", "write", vals,
                    ids=appraisal.ids)  # fmt: skip
        line = appraisal.line_ids[:1]
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.appraisal.line", "write",
                {"votes_excellent": 99}, ids=line.ids)  # fmt: skip
        self.assertEqual(appraisal.state, "closed")

    def test_results_of_foreign_appraisal_refused(self):
        appraisal = voting_appraisal(self.env, self.branch_b, 2031)
        appraisal.action_close()
        for user in (self.portal, self.officer_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.appraisal", "get_results", ids=appraisal.ids)

    # ------------------------------------------------------------ learning

    def test_consultation_channel_pointer_refused(self):
        private = self.env["discuss.channel"].create(
            {"name": "Board only", "channel_type": "group"}
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.organization", "write",
                {"consultation_channel_id": private.id}, ids=self.branch_a.ids)  # fmt: skip
        self.assertNotIn(self.officer_a.partner_id, private.channel_member_ids.partner_id)

    def test_consultation_of_foreign_branch_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.organization", "action_open_consultation",
                ids=self.branch_b.ids)  # fmt: skip
        rpc(self.env, self.portal, "party.organization", "action_open_consultation",
            ids=self.branch_a.ids)  # fmt: skip
        self.assertIn(self.portal.partner_id,
                      self.branch_a.consultation_channel_id.channel_member_ids.partner_id)  # fmt: skip

    def test_work_point_published_by_stranger_refused(self):
        point = self.env["party.work.point"].create(
            {"organization_id": self.branch_a.id, "name": "Flood season duty"}
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.work.point", "action_publish", ids=point.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.work.point", "write", {"state": "published"},
                ids=point.ids)  # fmt: skip
        self.assertEqual(point.state, "draft")

    def test_reduction_state_written_directly_refused(self):
        reduction = self.Reduction.create(
            {"member_id": self.member_a.id, "kind": "exempt", "date_from": self.this_month,
             "date_to": self.month(3), "reason": "Hardship"}
        )  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.dues.reduction", "write", {"state": "approved"},
                ids=reduction.ids)  # fmt: skip
        self.assertEqual(reduction.state, "draft")
        reduction.write({"decision_reference": "D-1", "approval_reference": "A-1"})
        reduction.action_approve()
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "party.dues.reduction", "write", {"kind": "reduce"},
                ids=reduction.ids)  # fmt: skip
