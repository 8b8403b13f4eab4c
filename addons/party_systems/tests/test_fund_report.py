from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_life.tests.common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestFundReport(PartyDuesCase):
    """Fund reports from the journal items; finance finds the same items in OCA's
    general ledger (account_financial_report) filtered on the organisation's
    analytic account (its cost centre)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["party.fund.report"]
        cls.env["party.dues"].generate(cls.this_month, organizations=cls.committee)
        cls.expense_account = cls.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", cls.company.id)], limit=1
        )
        cls.cash_journal = cls.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", cls.company.id)], limit=1
        )

    def _spend(self, org, amount, post=True):
        analytic = org._party_analytic_accounts()[org.id]
        move = self.Move.create(
            {
                "move_type": "entry",
                "journal_id": self.cash_journal.id,
                "date": self.today,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Study materials",
                            "account_id": self.expense_account.id,
                            "debit": amount,
                            "analytic_distribution": {str(analytic.id): 100},
                        }
                    ),
                    Command.create(
                        {
                            "name": "Cash",
                            "account_id": self.cash_journal.default_account_id.id,
                            "credit": amount,
                        }
                    ),
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _post_the_period(self):
        """Branch A's month: dues of 90 paid, 40 paid and reversed, 33.33 spent, half the
        dues remitted to the committee; its fund report computed; then a draft of 5,
        which no report or ledger counts. Returns the report."""
        self._pay(self.member_a, 90.0)
        self._pay(self.secretary_a, 40.0).action_reverse()
        self._spend(self.branch_a, 33.33)
        self.Remittance.create(
            {
                "organization_id": self.branch_a.id,
                "date_from": self.this_month,
                "date_to": self.today,
                "date": self.today,
                "percent": 50.0,
            }
        ).action_post()
        report = self._report(self.branch_a)
        report.action_compute()
        self._spend(self.branch_a, 5.0, post=False)
        return report

    def _report(self, org):
        return self.Report.create(
            {"organization_id": org.id, "date_from": self.this_month, "date_to": self.today}
        )

    def _figures(self, report):
        return {(line.category, line.account_id): line.amount for line in report.line_ids}

    def _ledger_net(self, org):
        """The org's posted journal items of the period, summed straight from the ledger."""
        return -sum(self._ledger_lines(org).mapped("balance"))

    def _general_ledger(self, org):
        analytic = org._party_analytic_accounts()[org.id]
        wizard = self.env["general.ledger.report.wizard"].create(
            {
                "company_id": self.company.id,
                "date_from": self.this_month,
                "date_to": self.today,
                "target_move": "posted",
                "cost_center_ids": [(6, 0, analytic.ids)],
                "grouped_by": "none",
                "centralize": False,
                "partner_ids": [(5,)],
            }
        )
        data = wizard._prepare_report_data()
        values = self.env["report.account_financial_report.general_ledger"]._get_report_values(
            wizard.ids, data
        )
        lines = {}
        for account in values["general_ledger"]:
            for line in account.get("move_lines", []):
                if isinstance(line.get("id"), int):
                    lines[line["id"]] = (account["id"], line["debit"] - line["credit"])
        return lines

    def _ledger_lines(self, org):
        """The org's posted journal items of the period (its analytic account)."""
        analytic = org._party_analytic_accounts()[org.id]
        return self.env["account.move.line"].search(
            [
                ("parent_state", "=", "posted"),
                ("date", ">=", self.this_month),
                ("date", "<=", self.today),
                ("analytic_distribution", "in", [analytic.id]),
            ]
        )

    def test_dues_and_fund_entries_in_the_general_ledger(self):
        report = self._post_the_period()

        ledger = self._general_ledger(self.branch_a)
        expected = self._ledger_lines(self.branch_a)
        self.assertTrue(expected)
        self.assertEqual(set(ledger), set(expected.ids))
        by_account = {}
        for account_id, balance in ledger.values():
            by_account[account_id] = round(by_account.get(account_id, 0.0) + balance, 2)
        # the ledger's items net to the fund report's result, to the cent
        self.assertEqual(round(-sum(by_account.values()), 2), report.net_total)
        self.assertEqual(report.net_total, 11.67)
        # spending on its expense account, as the report's spending line
        self.assertEqual(by_account[self.expense_account.id], 33.33)
        self.assertEqual(self._figures(report)[("spending", self.expense_account)], 33.33)

    def _trial_balance(self):
        """OCA's trial balance of the period (posted entries): {account id: (debit, credit)}.

        Its "group by analytic account" is left: in account_financial_report 18.0 it
        groups by currency (the read group's second key) and labels the currencies as
        analytic accounts; per organisation, finance filters the general ledger on the
        organisation's cost centre (above)."""
        wizard = self.env["trial.balance.report.wizard"].create(
            {
                "company_id": self.company.id,
                "date_from": self.this_month,
                "date_to": self.today,
                "target_move": "posted",
                "hide_account_at_0": False,
            }
        )
        data = wizard._prepare_report_data()
        values = self.env["report.account_financial_report.trial_balance"]._get_report_values(
            wizard.ids, data
        )
        return {
            item["id"]: (item["debit"], item["credit"])
            for item in values["trial_balance"]
            if item["type"] == "account_type"
        }

    def test_dues_and_fund_entries_in_the_trial_balance(self):
        """What the organisation's dues, reversal, remittance and spending add to OCA's
        trial balance is, account by account and to the cent, its journal items that the
        fund report counts; a draft adds nothing."""
        before = self._trial_balance()
        report = self._post_the_period()
        after = self._trial_balance()

        moves = (
            self._ledger_lines(self.branch_a).move_id | self._ledger_lines(self.committee).move_id
        ).filtered(lambda m: m.date >= self.this_month)
        expected = {}
        for line in moves.line_ids:
            debit, credit = expected.get(line.account_id.id, (0.0, 0.0))
            expected[line.account_id.id] = (debit + line.debit, credit + line.credit)
        added = {
            account_id: (
                round(after[account_id][0] - before.get(account_id, (0.0, 0.0))[0], 2),
                round(after[account_id][1] - before.get(account_id, (0.0, 0.0))[1], 2),
            )
            for account_id in after
        }
        added = {key: value for key, value in added.items() if value != (0.0, 0.0)}
        self.assertEqual(
            added, {key: (round(d, 2), round(c, 2)) for key, (d, c) in expected.items()}
        )
        self.assertEqual(added[self.expense_account.id], (33.33, 0.0))
        # the branch's own items net to its fund report, to the cent
        self.assertEqual(round(self._ledger_net(self.branch_a), 2), report.net_total)
        self.assertEqual(report.net_total, 11.67)

    def test_figures_equal_the_journal_items_after_postings_and_reversals(self):
        self._pay(self.member_a, 90.0)
        paid = self._pay(self.secretary_a, 40.0)
        paid.action_reverse()
        self._spend(self.branch_a, 33.33)
        remittance = self.Remittance.create(
            {
                "organization_id": self.branch_a.id,
                "date_from": self.this_month,
                "date_to": self.today,
                "date": self.today,
                "percent": 50.0,
            }
        )
        remittance.action_post()

        report = self._report(self.branch_a)
        report.with_user(self.officer_a).action_compute()
        self.assertEqual(report.state, "computed")
        figures = self._figures(report)
        self.assertEqual(figures[("dues_income", self.dues_account)], 90.0)
        self.assertEqual(figures[("remittance_out", self.dues_account)], 45.0)
        self.assertEqual(figures[("spending", self.expense_account)], 33.33)
        self.assertEqual(report.income_total, 90.0)
        self.assertEqual(report.remittance_total, 45.0)
        self.assertEqual(report.spending_total, 33.33)
        self.assertEqual(report.balance, 11.67)
        self.assertEqual(report.net_total, round(self._ledger_net(self.branch_a), 2))
        self.assertEqual(report.net_total, 11.67)

        superior = self._report(self.committee)
        superior.with_user(self.officer_c).action_compute()
        self.assertEqual(self._figures(superior)[("remittance_in", self.dues_account)], 45.0)
        self.assertEqual(superior.net_total, round(self._ledger_net(self.committee), 2))

    def test_period_with_unposted_entries_is_refused(self):
        self._pay(self.member_a, 90.0)
        draft = self._spend(self.branch_a, 10.0, post=False)
        report = self._report(self.branch_a)
        with self.assertRaisesRegex(UserError, "not yet posted"):
            report.with_user(self.officer_a).action_compute()
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.line_ids)
        draft.action_post()
        report.with_user(self.officer_a).action_compute()
        self.assertEqual(report.spending_total, 10.0)

    def test_superior_approves_then_the_report_is_disclosed(self):
        self._pay(self.member_a, 90.0)
        report = self._report(self.branch_a)
        report.with_user(self.officer_a).action_compute()
        with self.assertRaises(AccessError):
            report.with_user(self.officer_a).action_approve()
        report.with_user(self.officer_c).action_approve()
        self.assertEqual(report.state, "approved")
        with self.assertRaisesRegex(UserError, "period does not change"):
            report.with_user(self.officer_a).write({"date_from": self.today})
        report.with_user(self.officer_a).action_disclose()
        disclosure = report.disclosure_id
        self.assertEqual(report.state, "disclosed")
        self.assertEqual((disclosure.scope, disclosure.state), ("members", "to_approve"))
        self.assertEqual(disclosure.fund_report_id, report)
        self.assertIn("90.00", disclosure.content)

    def test_pdf_and_xlsx(self):
        self._pay(self.member_a, 90.0)
        report = self._report(self.branch_a)
        report.action_compute()
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html("party_systems.report_fund_report", report.ids)[0]
        self.assertIn(b"90.00", html)
        xlsx, kind = Report._render("party_systems.fund_report_xlsx", report.ids)
        self.assertEqual(kind, "xlsx")
        self.assertTrue(xlsx.startswith(b"PK"))

    def test_one_report_per_organisation_and_period(self):
        self._report(self.branch_a)
        with self.assertRaises(Exception):  # noqa: B017  the database's unique constraint
            with self.cr.savepoint():
                self._report(self.branch_a)
                self.env.flush_all()
