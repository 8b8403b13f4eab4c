"""The fund report's totals as the Party's fund accounts define them (issue 21, item 5):
income, the dues remitted to the superior (上缴上级党委), spending and the balance,
each meaningful; the remittance is neither spending nor part of the budget; the
title in the company's language; a report is not duplicated."""

import io

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import activate_chinese
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase

INCOME = 12242.0
REMITTED = 1224.2
SPENT = 3500.5
OPENING = 1000.0


@tagged("post_install", "-at_install")
class TestFundReportTotals(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.branch_a.company_id
        cls.account = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.id)], limit=1
        )
        cls.report = cls.env["party.fund.report"].create(
            {
                "organization_id": cls.branch_a.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-06",
                "opening_balance": OPENING,
                "budget_amount": 4000.0,
            }
        )
        # crafted entries, as the computation writes them
        cls.env["party.fund.report.line"].sudo().create(
            [
                {
                    "report_id": cls.report.id,
                    "organization_id": cls.branch_a.id,
                    "company_id": cls.company.id,
                    "category": category,
                    "account_id": cls.account.id,
                    "amount": amount,
                }
                for category, amount in (
                    ("dues_income", 12000.0),
                    ("other_income", 242.0),
                    ("remittance_out", REMITTED),
                    ("spending", SPENT),
                )
            ]
        )
        cls.report.invalidate_recordset()

    def _read(self, fields):
        return rpc(self.env, self.officer_a, "party.fund.report", "read", fields,
                   ids=self.report.ids)[0]  # fmt: skip

    def test_totals_are_income_remittance_spending_and_balance(self):
        totals = self._read(["income_total", "remittance_total", "spending_total", "balance"])
        self.assertEqual(totals["income_total"], INCOME)
        self.assertEqual(totals["remittance_total"], REMITTED)
        self.assertEqual(totals["spending_total"], SPENT)
        self.assertAlmostEqual(totals["balance"], OPENING + INCOME - REMITTED - SPENT, places=2)

    def test_the_remittance_is_not_counted_against_the_budget(self):
        totals = self._read(["budget_variance"])
        self.assertAlmostEqual(totals["budget_variance"], 4000.0 - SPENT, places=2)

    def test_no_total_adds_the_income_and_the_remittance(self):
        """The form's line table has no grand total, and no total field is that sum."""
        arch = self.env["party.fund.report"].get_view(view_type="form")["arch"]
        self.assertNotIn('name="amount" sum=', arch)
        totals = self._read(
            ["income_total", "remittance_total", "spending_total", "net_total", "balance"]
        )
        for name, value in totals.items():
            if name != "id":
                self.assertNotAlmostEqual(value, INCOME + REMITTED, places=2, msg=name)

    def test_pdf_and_xlsx_show_the_same_totals(self):
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html("party_systems.report_fund_report", self.report.ids)[
            0
        ].decode()
        closing = f"{OPENING + INCOME - REMITTED - SPENT:,.2f}"
        for figure in ("12,242.00", "1,224.20", "3,500.50", closing):
            self.assertIn(figure, html)
        self.assertNotIn("13,466.20", html)
        xlsx, __ = Report._render("party_systems.fund_report_xlsx", self.report.ids)
        sheet = load_workbook(io.BytesIO(xlsx)).active
        cells = {row[1]: row[2] for row in sheet.iter_rows(values_only=True) if row[1]}
        self.assertEqual(cells["Income"], INCOME)
        self.assertEqual(cells["Remitted to the Superior"], REMITTED)
        self.assertEqual(cells["Spending"], SPENT)
        self.assertAlmostEqual(cells["Closing Balance"], OPENING + INCOME - REMITTED - SPENT, 2)
        self.assertNotIn(INCOME + REMITTED, [v for v in cells.values() if v])

    def test_title_in_the_company_language(self):
        activate_chinese(self.env, ["party_systems"])
        self.company.partner_id.lang = "zh_CN"
        report = self.env["party.fund.report"].create(
            {"organization_id": self.branch_a.id, "date_from": "2025-01-01",
             "date_to": "2025-12-31"}
        )  # fmt: skip
        self.assertEqual(report.name, "Branch A 党费收支报告 2025-01-01 – 2025-12-31")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("party_systems.report_fund_report", report.ids)[0]
            .decode()
        )
        self.assertIn("党费收支报告", html)
        xlsx, __ = self.env["ir.actions.report"]._render(
            "party_systems.fund_report_xlsx", report.ids
        )
        self.assertEqual(load_workbook(io.BytesIO(xlsx)).active["A1"].value, report.name)

    def test_duplicating_a_report_is_refused_up_front(self):
        with self.assertRaisesRegex(UserError, "not duplicated"):
            rpc(self.env, self.officer_a, "party.fund.report", "copy", ids=self.report.ids)
        arch = self.env["party.fund.report"].get_view(view_type="form")["arch"]
        self.assertIn('duplicate="0"', arch)

    def test_opening_balance_is_the_previous_report_closing_balance(self):
        self.report.sudo()._party_action_write({"state": "computed"})
        following = self.env["party.fund.report"].create(
            {"organization_id": self.branch_a.id, "date_from": "2026-12-07",
             "date_to": "2026-12-31"}
        )  # fmt: skip
        rpc(self.env, self.officer_a, "party.fund.report", "action_compute", ids=following.ids)
        closing = OPENING + INCOME - REMITTED - SPENT
        self.assertAlmostEqual(following.opening_balance, closing, places=2)
        self.assertAlmostEqual(following.balance, closing, places=2)
