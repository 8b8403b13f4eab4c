"""Who sees and changes dues: the member, branch officers, the auditor."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesSecurity(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Dues = cls.env["party.dues"]
        cls.rows = Dues.generate(cls.this_month, organizations=cls.committee)
        cls.row_a = cls.rows.filtered(lambda r: r.member_id == cls.member_a)
        cls.row_b = cls.rows.filtered(lambda r: r.member_id == cls.member_b)
        Payment = cls.env["party.dues.payment"]
        cls.pay_a = Payment.register_payments(
            [{"member_id": cls.member_a.id, "amount": 90.0, "date": cls.today, "method": "cash"}]
        )
        cls.pay_b = Payment.register_payments(
            [{"member_id": cls.member_b.id, "amount": 22.5, "date": cls.today, "method": "cash"}]
        )
        cls.reduction_b = cls.env["party.dues.reduction"].create(
            {
                "member_id": cls.member_b.id,
                "kind": "reduce",
                "monthly_amount": 5.0,
                "date_from": cls.month(1),
                "date_to": cls.month(3),
                "reason": "Hardship",
            }
        )

    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    # ---------------------------------------------------------------- member

    def test_member_sees_own_portal_user(self):
        """The portal member is linked through user_id and shares the user's partner."""
        self.assertEqual(self.member_a.user_id, self.portal)
        self.assertEqual(self.member_a.partner_id, self.portal.partner_id)
        self.assertTrue(self.portal.has_group("base.group_portal"))
        self.assertTrue(self.portal.has_group("party_branch.group_party_member"))

    def test_member_reads_own_dues_only(self):
        visible = self._visible(self.portal, "party.dues", self.rows)
        self.assertEqual(visible, self.row_a)
        self.assertEqual(self.Dues.with_user(self.portal).search([]), self.row_a)
        data = self.row_a.with_user(self.portal).read(["amount", "paid_amount", "state", "period"])
        self.assertAlmostEqual(data[0]["amount"], 90.0, places=2)
        self.assertEqual(data[0]["state"], "paid")
        with self.assertRaises(AccessError):
            self.row_b.with_user(self.portal).read(["amount"])

    def test_member_reads_own_payments_only(self):
        Payment = self.Payment.with_user(self.portal)
        self.assertEqual(Payment.search([]), self.pay_a)
        self.assertEqual(self.pay_a.with_user(self.portal).read(["amount"])[0]["amount"], 90.0)
        lines = self.env["party.dues.payment.line"].with_user(self.portal).search([])
        self.assertEqual(lines, self.pay_a.line_ids)
        with self.assertRaises(AccessError):
            self.pay_b.with_user(self.portal).read(["amount"])
        self.assertFalse(
            self.env["party.dues.reduction"].with_user(self.portal).search([]),
            "Member B's reduction is not shown to Member A.",
        )

    def test_member_cannot_write_or_pay(self):
        with self.assertRaises(AccessError):
            self.row_a.with_user(self.portal).write({"paid_amount": 0.0})
        with self.assertRaises(UserError):
            self.Payment.with_user(self.portal).register_payments(
                [
                    {
                        "member_id": self.member_a.id,
                        "amount": 10.0,
                        "date": self.today,
                        "method": "online",
                    }
                ]
            )
        self.assertEqual(self._payments(self.member_a), self.pay_a)
        with self.assertRaises(UserError):
            self.pay_a.with_user(self.portal).action_reverse()
        self.assertEqual(self.pay_a.state, "posted")

    # ---------------------------------------------------------------- officers

    def test_officer_reads_own_branch_only(self):
        visible = self._visible(self.officer_a, "party.dues", self.rows)
        self.assertEqual(visible.member_id, self.secretary_a | self.member_a)
        self.assertNotIn(self.row_b, visible)
        with self.assertRaises(AccessError):
            self.row_b.with_user(self.officer_a).read(["amount"])
        self.assertEqual(
            self._visible(self.officer_a, "party.dues.payment", self.pay_a | self.pay_b), self.pay_a
        )
        with self.assertRaises(AccessError):
            self.pay_b.with_user(self.officer_a).read(["amount"])
        self.assertFalse(self._visible(self.officer_a, "party.dues.reduction", self.reduction_b))
        # and Branch B's officer does not see Branch A
        visible_b = self._visible(self.officer_b, "party.dues", self.rows)
        self.assertEqual(visible_b.member_id, self.secretary_b | self.member_b)

    def test_committee_officer_reads_sub_branches(self):
        visible = self._visible(self.officer_c, "party.dues", self.rows)
        self.assertEqual(visible, self.rows)
        self.assertEqual(
            self._visible(self.officer_c, "party.dues.payment", self.pay_a | self.pay_b),
            self.pay_a | self.pay_b,
        )

    def test_officer_cannot_approve_other_branch_reduction(self):
        self.reduction_b.write(
            {"decision_reference": "Decision B", "approval_reference": "Approval B"}
        )
        with self.assertRaises(AccessError):
            self.reduction_b.with_user(self.officer_a).action_approve()
        self.assertEqual(self.reduction_b.state, "draft")
        self.reduction_b.with_user(self.officer_b).action_approve()
        self.assertEqual(self.reduction_b.state, "approved")

    # ---------------------------------------------------------------- auditor

    def test_auditor_reads_all(self):
        self.assertEqual(self._visible(self.auditor, "party.dues", self.rows), self.rows)
        self.assertEqual(
            self._visible(self.auditor, "party.dues.payment", self.pay_a | self.pay_b),
            self.pay_a | self.pay_b,
        )
        self.assertEqual(
            self._visible(self.auditor, "party.dues.reduction", self.reduction_b), self.reduction_b
        )
        data = self.row_b.with_user(self.auditor).read(["amount", "state"])
        self.assertAlmostEqual(data[0]["amount"], 22.5, places=2)

    def test_auditor_cannot_write(self):
        with self.assertRaises(AccessError):
            self.row_b.with_user(self.auditor).write({"paid_amount": 0.0})
        with self.assertRaises(AccessError):
            self.reduction_b.with_user(self.auditor).write({"monthly_amount": 0.0})
        self.reduction_b.write(
            {"decision_reference": "Decision B", "approval_reference": "Approval B"}
        )
        with self.assertRaises(AccessError):
            self.reduction_b.with_user(self.auditor).action_approve()
        with self.assertRaises(UserError):
            self.pay_b.with_user(self.auditor).action_reverse()
        with self.assertRaises(UserError):
            self.Payment.with_user(self.auditor).register_payments(
                [
                    {
                        "member_id": self.member_b.id,
                        "amount": 5.0,
                        "date": self.today,
                        "method": "cash",
                    }
                ]
            )
        with self.assertRaises(AccessError):
            self.Bracket.with_user(self.auditor).create(
                {
                    "income_category": "student",
                    "fixed_amount": 0.3,
                    "date_from": "1990-01-01",
                    "date_to": "1990-12-31",
                }
            )
        self.assertEqual(self.pay_b.state, "posted")
        self.assertEqual(self.row_b.state, "paid")
        self.assertAlmostEqual(self.row_b.paid_amount, 22.5, places=2)
        self.assertEqual(self.reduction_b.state, "draft")

    def test_brackets_edited_by_admin_only(self):
        vals = {
            "income_category": "student",
            "fixed_amount": 0.3,
            "date_from": "1990-01-01",
            "date_to": "1990-12-31",
        }
        with self.assertRaises(AccessError):
            self.Bracket.with_user(self.officer_a).create(vals)
        bracket = self.Bracket.with_user(self.admin).create(vals)
        self.assertTrue(bracket.exists())
