"""The monthly dues run: one row per member due, idempotent, reductions, closed months."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesGenerate(PartyDuesCase):
    def test_one_row_per_member(self):
        rows = self._generate(self.this_month, organizations=self.committee)
        members = (
            self.secretary_c | self.secretary_a | self.member_a | self.secretary_b | self.member_b
        )
        self.assertEqual(rows.member_id, members)
        self.assertEqual(len(rows), len(members))
        self.assertEqual(set(rows.mapped("period")), {self.this_month})
        by_member = {row.member_id: row for row in rows}
        self.assertAlmostEqual(by_member[self.member_a].amount, 90.00, places=2)
        self.assertEqual(by_member[self.member_a].rate, 1.5)
        self.assertEqual(by_member[self.member_a].organization_id, self.branch_a)
        self.assertEqual(by_member[self.member_a].state, "due")
        self.assertAlmostEqual(by_member[self.member_b].amount, 22.50, places=2)
        self.assertAlmostEqual(by_member[self.secretary_c].amount, 240.00, places=2)
        self.assertEqual(by_member[self.member_b].income_category, "retired")

    def test_period_is_first_day_of_month(self):
        day = self.this_month + timedelta(days=min(14, self.today.day - 1))
        rows = self._generate(day, members=self.member_a)
        self.assertEqual(rows.period, self.this_month)

    def test_idempotent(self):
        first = self._generate(self.this_month, organizations=self.committee)
        count = self.Dues.search_count([("organization_id", "child_of", self.committee.id)])
        second = self._generate(self.this_month, organizations=self.committee)
        self.assertEqual(
            self.Dues.search_count([("organization_id", "child_of", self.committee.id)]), count
        )
        self.assertEqual(second, first, "The second run returns the same rows, creates nothing.")
        # and a changed base does not change a month already generated
        self.member_a.dues_base = 12000
        self._generate(self.this_month, members=self.member_a)
        self.assertAlmostEqual(self._rows(self.member_a, self.this_month).amount, 90.00, places=2)

    def test_organizations_child_of(self):
        rows_a = self._generate(self.this_month, organizations=self.branch_a)
        self.assertEqual(rows_a.member_id, self.secretary_a | self.member_a)
        self.assertFalse(self._rows(self.member_b | self.secretary_b | self.secretary_c))
        rows_all = self._generate(self.this_month, organizations=self.committee)
        self.assertEqual(len(rows_all), 5)
        self.assertTrue(rows_a <= rows_all)

    def test_probationary_from_admission_month(self):
        """Probationary members pay from the month the branch assembly admits them."""
        last_month = self.month(-1)
        admitted = self._dues_member(
            self.branch_a,
            "Admitted Last Month",
            category="probationary",
            join_date=last_month + timedelta(days=20),
        )
        admitted_now = self._dues_member(
            self.branch_a, "Admitted This Month", category="probationary", join_date=self.this_month
        )
        rows_before = self._generate(self.month(-2), members=admitted | admitted_now)
        self.assertFalse(rows_before, "No dues before the month of admission.")
        rows_last = self._generate(last_month, members=admitted | admitted_now)
        self.assertEqual(rows_last.member_id, admitted)
        self.assertAlmostEqual(rows_last.amount, 90.00, places=2)
        rows_now = self._generate(self.this_month, members=admitted | admitted_now)
        self.assertEqual(rows_now.member_id, admitted | admitted_now)

    def test_no_dues_for_members_who_left(self):
        left = self.Member
        for status in ("transferred_out", "withdrawn", "expelled", "deceased"):
            left |= self._dues_member(self.branch_a, f"Left {status}", status=status)
        lost = self._dues_member(self.branch_a, "Lost Contact", status="lost_contact")
        rows = self._generate(self.this_month, organizations=self.branch_a)
        self.assertFalse(rows & self._rows(left))
        self.assertFalse(self._rows(left))
        self.assertIn(lost, rows.member_id, "A member out of contact still owes dues.")
        # a member who leaves after a month was generated is not charged for the next one
        self.member_a.status = "withdrawn"
        self.assertFalse(self._generate(self.month(1), members=self.member_a))

    def test_approved_reduction_lowers_amount(self):
        reduction = self.Reduction.create(
            {
                "member_id": self.member_a.id,
                "kind": "reduce",
                "monthly_amount": 10.0,
                "date_from": self.month(-1),
                "date_to": self.month(1),
                "reason": "Hardship",
                "decision_reference": "Branch A decision 1",
                "approval_reference": "Committee approval 1",
            }
        )
        reduction.action_approve()
        self.assertEqual(reduction.state, "approved")
        row = self._generate(self.this_month, members=self.member_a)
        self.assertAlmostEqual(row.amount, 10.00, places=2)
        self.assertEqual(row.reduction_id, reduction)
        self.assertEqual(row.state, "due")
        # outside the reduction's period, the full dues apply
        later = self._generate(self.month(2), members=self.member_a)
        self.assertAlmostEqual(later.amount, 90.00, places=2)
        self.assertFalse(later.reduction_id)

    def test_approved_exemption(self):
        reduction = self.Reduction.create(
            {
                "member_id": self.member_a.id,
                "kind": "exempt",
                "date_from": self.this_month,
                "date_to": self.month(1),
                "reason": "Serious illness",
                "decision_reference": "Branch A decision 2",
                "approval_reference": "Committee approval 2",
            }
        )
        reduction.action_approve()
        row = self._generate(self.this_month, members=self.member_a)
        self.assertEqual(row.state, "exempt")
        self.assertAlmostEqual(row.amount, 0.0, places=2)
        self.assertEqual(self.member_a.dues_arrears_months, 0)

    def test_draft_and_cancelled_reductions_ignored(self):
        draft = self.Reduction.create(
            {
                "member_id": self.member_a.id,
                "kind": "exempt",
                "date_from": self.month(-1),
                "date_to": self.month(1),
                "reason": "Not yet approved",
                "decision_reference": "Branch A decision 3",
            }
        )
        row = self._generate(self.this_month, members=self.member_a)
        self.assertEqual(draft.state, "draft")
        self.assertAlmostEqual(row.amount, 90.00, places=2)
        self.assertEqual(row.state, "due")
        self.assertFalse(row.reduction_id)

        cancelled = self.Reduction.create(
            {
                "member_id": self.member_b.id,
                "kind": "exempt",
                "date_from": self.month(-1),
                "date_to": self.month(1),
                "reason": "Cancelled",
                "decision_reference": "Branch B decision",
                "approval_reference": "Committee approval",
            }
        )
        cancelled.action_approve()
        cancelled.action_cancel()
        row_b = self._generate(self.this_month, members=self.member_b)
        self.assertEqual(row_b.state, "due")
        self.assertAlmostEqual(row_b.amount, 22.50, places=2)

    def test_approve_needs_references(self):
        vals = {
            "member_id": self.member_a.id,
            "kind": "exempt",
            "date_from": self.this_month,
            "date_to": self.month(1),
            "reason": "Hardship",
        }
        for refs in ({}, {"decision_reference": "Decision"}, {"approval_reference": "Approval"}):
            reduction = self.Reduction.create(dict(vals, **refs))
            with self.subTest(refs=refs), self.assertRaisesRegex(UserError, "approval"):
                reduction.action_approve()
            self.assertEqual(reduction.state, "draft")
        row = self._generate(self.this_month, members=self.member_a)
        self.assertEqual(row.state, "due")

    def test_reduction_values(self):
        with self.assertRaises(ValidationError):
            self.Reduction.create(
                {
                    "member_id": self.member_a.id,
                    "date_from": self.this_month,
                    "date_to": self.month(-1),
                    "reason": "Backwards",
                }
            )
        with self.assertRaises(ValidationError):
            self.Reduction.create(
                {
                    "member_id": self.member_a.id,
                    "monthly_amount": -1,
                    "date_from": self.this_month,
                    "date_to": self.month(1),
                    "reason": "Negative",
                }
            )

    def test_closed_month_refused(self):
        self.company.party_dues_lock_date = self.this_month - timedelta(days=1)
        count = self.Dues.search_count([])
        with self.assertRaisesRegex(UserError, "closed"):
            self._generate(self.month(-1), organizations=self.committee)
        self.assertEqual(self.Dues.search_count([]), count)
        self.assertFalse(self._rows(self.member_a))
        # the open month still runs
        self.assertEqual(len(self._generate(self.this_month, organizations=self.committee)), 5)

    def test_generate_wizard_officer(self):
        """The wizard runs the organisations an officer manages, and refuses the others."""
        wizard = (
            self.env["party.dues.generate"]
            .with_user(self.officer_a)
            .create({"period": self.today, "organization_ids": [Command.set(self.branch_a.ids)]})
        )
        wizard.action_generate()
        rows = self._rows(self.member_a | self.secretary_a)
        self.assertEqual(rows.member_id, self.member_a | self.secretary_a)
        self.assertEqual(set(rows.mapped("period")), {self.this_month})
        self.assertFalse(self._rows(self.member_b))
        wizard_b = (
            self.env["party.dues.generate"]
            .with_user(self.officer_a)
            .create({"period": self.today, "organization_ids": [Command.set(self.branch_b.ids)]})
        )
        with self.assertRaises(UserError):
            wizard_b.action_generate()
        self.assertFalse(self._rows(self.member_b))
