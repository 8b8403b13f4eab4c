"""The collection rate of the dues (党费收缴率), paying on a member's behalf (代缴) and the
officer's reminder of the months owed.

The rate of a crafted month: Branch X has 10 members due (and one exempt, who counts
in neither figure), 7 paid, amounts to the cent; Branch Y 4 due, 1 paid; the
committee above them rolls both up. A group's rate is its paid total over its due
total, never the average of its rows' rates.
"""

import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesCollectionRate(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = cls._org("PDC Committee", "committee")
        cls.branch_x = cls._org("PDC Branch X", "branch", cls.root)
        cls.branch_y = cls._org("PDC Branch Y", "branch", cls.root)
        # Branch X: 5 x 15.00 (base 3000, 0.5 %), 3 x 33.33 (3333, 1 %), 2 x 90.00
        # (6000, 1.5 %): 354.99 due; one member with no base owes nothing (exempt).
        bases = [3000] * 5 + [3333] * 3 + [6000] * 2
        cls.x_members = cls.Member.browse(
            [cls._dues_member(cls.branch_x, f"PDC X {i}", base=base).id
             for i, base in enumerate(bases)]
        )  # fmt: skip
        cls.x_exempt = cls._dues_member(cls.branch_x, "PDC X exempt", base=0)
        # Branch Y: 4 x 15.00 due.
        cls.y_members = cls.Member.browse(
            [cls._dues_member(cls.branch_y, f"PDC Y {i}", base=3000).id for i in range(4)]
        )
        everyone = cls.x_members | cls.x_exempt | cls.y_members
        cls.rows = cls.Dues.generate(cls.this_month, members=everyone)
        # Paid: the five 15.00 and two of the 33.33 of X (7 of 10), 10.01 of the third
        # 33.33 (a part: the member still owes); one 15.00 of Y.
        for member in cls.x_members[:5]:
            cls._pay(member, 15.0)
        for member in cls.x_members[5:7]:
            cls._pay(member, 33.33)
        cls._pay(cls.x_members[7], 10.01)
        cls._pay(cls.y_members[0], 15.0)
        cls.Collection = cls.env["party.dues.collection"]

    def _groups(self, groupby, user=None):
        Collection = self.Collection.with_user(user) if user else self.Collection
        return Collection.read_group(
            [("organization_id", "child_of", self.root.id), ("period", "=", self.this_month)],
            ["amount_due:sum", "amount_paid:sum", "members_due:sum", "members_paid:sum",
             "rate_amount:avg", "rate_members:avg"],
            [groupby],
        )  # fmt: skip

    def test_exempt_member_counts_in_neither_figure(self):
        exempt = self.rows.filtered(lambda r: r.member_id == self.x_exempt)
        self.assertEqual(exempt.state, "exempt")
        (x,) = self.Collection.search(
            [("organization_id", "=", self.branch_x.id), ("period", "=", self.this_month)]
        )
        self.assertEqual((x.members_due, x.members_paid), (10, 7))

    def test_rate_of_a_crafted_month_to_the_cent(self):
        by_org = {g["organization_id"][0]: g for g in self._groups("organization_id")}
        x = by_org[self.branch_x.id]
        self.assertAlmostEqual(x["amount_due"], 354.99, places=2)
        self.assertAlmostEqual(x["amount_paid"], 151.67, places=2)  # 75 + 66.66 + 10.01
        self.assertEqual((x["members_due"], x["members_paid"]), (10, 7))
        self.assertEqual(x["rate_members"], 70.0)
        self.assertEqual(x["rate_amount"], 42.73)  # 151.67 / 354.99 = 42.7252...
        y = by_org[self.branch_y.id]
        self.assertEqual((y["rate_amount"], y["rate_members"]), (25.0, 25.0))

    def test_rate_rolled_up_the_tree_from_totals_not_averages(self):
        (top,) = self._groups("level1_id")
        self.assertEqual(top["level1_id"][0], self.root.id)
        self.assertAlmostEqual(top["amount_due"], 414.99, places=2)
        self.assertAlmostEqual(top["amount_paid"], 166.67, places=2)
        self.assertEqual((top["members_due"], top["members_paid"]), (14, 8))
        self.assertEqual(top["rate_amount"], 40.16)  # 166.67 / 414.99, not (42.73 + 25) / 2
        self.assertEqual(top["rate_members"], 57.14)  # 8 / 14

    def test_organisation_form_shows_the_rolled_up_rate_of_this_month(self):
        root = self.root.with_user(self.admin)
        self.assertEqual(root.dues_collection_month, self.this_month)
        self.assertEqual((root.dues_rate_amount, root.dues_rate_members), (40.16, 57.14))
        self.assertEqual((root.dues_members_due, root.dues_members_paid), (14, 8))
        branch_x = self.branch_x.with_user(self.admin)
        self.assertEqual((branch_x.dues_rate_amount, branch_x.dues_rate_members), (42.73, 70.0))

    def test_officer_of_another_tree_reads_no_rate(self):
        self.assertEqual(self.root.with_user(self.officer_b).dues_members_due, 0)
        self.assertFalse(self._groups("organization_id", user=self.officer_b))

    def test_member_reads_no_collection_rate(self):
        with self.assertRaises(AccessError):
            self.Collection.with_user(self.portal).search([])


@tagged("post_install", "-at_install")
class TestDuesOnBehalf(PartyDuesCase):
    """代缴: a payment made for the member by someone else names the payer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Dues.generate(cls.this_month, members=cls.member_a)

    def test_payer_named_on_the_receipt(self):
        payment = self._pay(
            self.member_a, 90.0, user=self.officer_a, payer_kind="family",
            payer_name="Wang Li (spouse)",
        )  # fmt: skip
        self.assertEqual((payment.payer_kind, payment.payer_name), ("family", "Wang Li (spouse)"))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("party_life.action_report_dues_receipt", payment.ids)[0]
            .decode()
        )
        self.assertIn("Paid on the member's behalf by", html)
        self.assertIn("Wang Li (spouse)", html)
        self.assertIn("Family", html)

    def test_payer_named_in_the_ledger(self):
        payment = self._pay(self.member_a, 90.0, payer_kind="employer", payer_name="Acme Works")
        ledger = (
            self.env["party.dues.ledger"]
            .with_user(self.officer_a)
            .create(
                {"organization_id": self.branch_a.id, "date_from": self.this_month,
                 "date_to": self.today}
            )
        )  # fmt: skip
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render("party_life.dues_ledger_xlsx", ledger.ids, {})
        )
        sheet = load_workbook(io.BytesIO(content))["Payments"]
        self.assertEqual(sheet["I5"].value, "Paid By")
        row = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == payment.name)
        self.assertEqual(row[8].value, "Acme Works (Employer)")

    def test_member_paying_themself_has_no_payer_on_the_receipt(self):
        payment = self._pay(self.member_a, 90.0, payer_name="Someone")
        self.assertEqual((payment.payer_kind, payment.payer_name), ("member", False))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("party_life.action_report_dues_receipt", payment.ids)[0]
            .decode()
        )
        self.assertNotIn("behalf", html)

    def test_payment_on_behalf_without_the_payers_name_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Name who paid for Member A"):
            self._pay(self.member_a, 90.0, user=self.officer_a, payer_kind="family")
        self.assertFalse(self._payments(self.member_a))

    def test_collect_wizard_names_the_payer(self):
        wizard = (
            self.env["party.dues.collect"]
            .with_user(self.officer_a)
            .create(
                {
                    "organization_id": self.branch_a.id,
                    "method": "cash",
                    "line_ids": [(0, 0, {"member_id": self.member_a.id, "amount": 90.0,
                                         "payer_kind": "organization",
                                         "payer_name": "Branch A"})],
                }
            )
        )  # fmt: skip
        wizard.action_register()
        payment = self._payments(self.member_a)
        self.assertEqual((payment.payer_kind, payment.payer_name), ("organization", "Branch A"))


@tagged("post_install", "-at_install")
class TestDuesReminder(PartyDuesCase):
    """One action reminds the members of the months selected who still owe them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_a.email = "member.a@example.com"
        cls.secretary_a.email = False
        cls.rows = cls.Dues.generate(cls.this_month, organizations=cls.branch_a)

    def _mails(self):
        return self.env["mail.mail"].search([("model", "=", "party.member")])

    def test_unpaid_members_of_a_month_are_reminded_by_email(self):
        before = self._mails()
        result = self.rows.with_user(self.officer_a).action_remind_unpaid()
        mails = self._mails() - before
        self.assertEqual(mails.mapped("res_id"), [self.member_a.id])
        self.assertIn(f"{self.this_month:%Y-%m}", mails.body_html)
        self.assertIn("/my/dues", mails.body_html)
        self.assertEqual(mails.recipient_ids, self.member_a.partner_id)
        message = result["params"]["message"]
        self.assertIn("1 member(s) reminded", message)
        self.assertIn("Secretary A", message, "the member without an e-mail address is named")

    def test_paid_months_remind_nobody(self):
        self._pay(self.member_a, 90.0)
        self._pay(self.secretary_a, 40.0)
        with self.assertRaisesRegex(UserError, "nobody to remind"):
            self.rows.with_user(self.officer_a).action_remind_unpaid()

    def test_officer_of_another_branch_reminds_nobody(self):
        before = self._mails()
        with self.assertRaises(AccessError):
            self.rows.with_user(self.officer_b).action_remind_unpaid()
        self.assertEqual(self._mails(), before)
