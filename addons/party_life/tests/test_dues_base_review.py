"""The yearly review of the dues base, kept as history."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesBaseReview(PartyDuesCase):
    def _review(self, member, new_base, income="salaried", **vals):
        return self.Review.create(
            {"member_id": member.id, "income_category": income, "new_base": new_base, **vals}
        )

    def test_review_keeps_history_and_updates_base(self):
        first = self._review(self.member_a, 7000, note="Payroll of December")
        self.assertAlmostEqual(first.old_base, 6000, places=2)
        self.assertAlmostEqual(first.new_base, 7000, places=2)
        self.assertAlmostEqual(self.member_a.dues_base, 7000, places=2)
        self.assertEqual(first.organization_id, self.branch_a)

        second = self._review(self.member_a, 4800, income="retired")
        self.assertAlmostEqual(second.old_base, 7000, places=2)
        self.assertAlmostEqual(self.member_a.dues_base, 4800, places=2)
        self.assertEqual(self.member_a.income_category, "retired")
        self.assertEqual(self.member_a.dues_base_review_ids, first | second)

        # the next dues run uses the reviewed base and category: retired 4800 -> 0.5%
        row = self._generate(self.this_month, members=self.member_a)
        self.assertAlmostEqual(row.base, 4800, places=2)
        self.assertAlmostEqual(row.amount, 24.00, places=2)

    def test_review_by_branch_officer(self):
        review = self.Review.with_user(self.officer_a).create(
            {"member_id": self.member_a.id, "income_category": "salaried", "new_base": 5200}
        )
        self.assertAlmostEqual(review.sudo().old_base, 6000, places=2)
        self.assertAlmostEqual(self.member_a.dues_base, 5200, places=2)

    def test_review_by_other_branch_or_auditor_refused(self):
        vals = {"member_id": self.member_a.id, "income_category": "salaried", "new_base": 9000}
        with self.assertRaises(AccessError):
            self.Review.with_user(self.officer_b).create(dict(vals))
        with self.assertRaises(AccessError):
            self.Review.with_user(self.auditor).create(dict(vals))
        self.assertAlmostEqual(self.member_a.dues_base, 6000, places=2)
        self.assertFalse(self.member_a.dues_base_review_ids)

    def test_negative_or_absurd_base_refused(self):
        for wrong in (-1, -0.01, 1_000_000.01, 25_000_000):
            with self.subTest(base=wrong), self.assertRaisesRegex(ValidationError, "between 0 and"):
                self._review(self.member_a, wrong)
            self.assertAlmostEqual(self.member_a.dues_base, 6000, places=2)
        self.assertFalse(self.member_a.dues_base_review_ids)
        # the limits themselves are accepted
        self._review(self.member_a, 1_000_000)
        self.assertAlmostEqual(self.member_a.dues_base, 1_000_000, places=2)
        self._review(self.member_a, 0)
        self.assertAlmostEqual(self.member_a.dues_base, 0, places=2)
