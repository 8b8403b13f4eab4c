"""Dues wizards, reports (XLSX ledger, PDF receipt) and the member's portal page.

The tests build on the dues base (``common.PartyDuesCase``) and dues months in
2025; they need no demo data.
"""

import io
from datetime import date
from unittest.mock import patch

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import pdf_text
from odoo.addons.party_life.controllers.portal_dues import PartyDuesPortal

from .common import PartyDuesCase

JAN, FEB, MAR = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
PAID_ON = date(2025, 3, 10)


class DuesReportsCase(PartyDuesCase):
    """The dues base with three months of 2025 generated for the whole tree.

    Member A (Branch A, portal user): base 6000 salaried, 1.5% = 90 a month.
    Member B (Branch B): retired, base 4500, 0.5% = 22.50 a month. The secretaries
    pay nothing here: the wizards load Member A and Member B only."""

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        (cls.secretary_a | cls.secretary_b | cls.secretary_c).write({"dues_base": 0})
        for period in (JAN, FEB, MAR):
            cls.Dues.generate(period, cls.committee)
        cls.dues_a = cls.Dues.search([("member_id", "=", cls.member_a.id)], order="period")
        cls.dues_b = cls.Dues.search([("member_id", "=", cls.member_b.id)], order="period")


@tagged("post_install", "-at_install")
class TestDuesWizards(DuesReportsCase):
    def test_setup_amounts(self):
        self.assertEqual(self.dues_a.mapped("amount"), [90.0, 90.0, 90.0])
        self.assertEqual(self.dues_b.mapped("amount"), [22.5, 22.5, 22.5])

    def test_generate_wizard(self):
        wizard = (
            self.env["party.dues.generate"]
            .with_user(self.officer_a)
            .create(
                {"period": date(2025, 4, 17), "organization_ids": [Command.set(self.branch_a.ids)]}
            )
        )
        self.assertEqual(wizard.period, date(2025, 4, 1), "the month is kept, not the day")
        action = wizard.action_generate()
        self.assertEqual(action["res_model"], "party.dues")
        rows = self.Dues.with_user(self.officer_a).search(action["domain"])
        self.assertIn(self.member_a, rows.member_id)
        self.assertNotIn(self.member_b, rows.member_id)
        self.assertEqual(set(rows.mapped("period")), {date(2025, 4, 1)})
        # Run again: nothing new.
        wizard.action_generate()
        self.assertEqual(self.Dues.search_count(action["domain"]), len(rows))

    def test_generate_wizard_officer_defaults_to_managed(self):
        wizard = (
            self.env["party.dues.generate"]
            .with_user(self.officer_a)
            .create({"period": date(2025, 5, 1)})
        )
        wizard.action_generate()
        rows = self.Dues.search([("period", "=", date(2025, 5, 1))])
        self.assertIn(self.member_a, rows.member_id)
        self.assertNotIn(
            self.member_b, rows.member_id, "an officer runs only the organisations they manage"
        )

    def test_collect_wizard_registers_and_posts(self):
        Collect = self.env["party.dues.collect"].with_user(self.officer_a)
        wizard = Collect.create(
            {"organization_id": self.branch_a.id, "date": date(2025, 3, 15), "method": "bank"}
        )
        wizard.action_load_members()
        self.assertEqual(
            wizard.line_ids.member_id, self.member_a, "only members owing dues are loaded"
        )
        self.assertEqual(wizard.line_ids.amount, 270.0)
        self.assertIn("1 member(s)", wizard.load_note)
        wizard.action_load_members()
        self.assertIn("Nobody in", wizard.load_note, "a second load says it found nothing new")
        self.assertEqual(len(wizard.line_ids), 1)
        wizard.line_ids.reference = "BANK-TEST-0001"
        action = wizard.action_register()
        self.assertEqual(action["res_model"], "party.dues.payment")
        payment = self.Payment.search(action["domain"])
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.member_id, self.member_a)
        self.assertEqual(payment.amount, 270.0)
        self.assertEqual(payment.state, "posted")
        move = payment.sudo().move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.env.company.party_dues_journal_id)
        self.assertEqual(self.dues_a.mapped("state"), ["paid", "paid", "paid"])
        self.assertEqual(payment.line_ids.dues_id, self.dues_a)
        self.assertEqual(self.member_a.dues_balance, 0.0)

    def test_collect_single_member_from_context(self):
        wizard = (
            self.env["party.dues.collect"]
            .with_user(self.officer_a)
            .with_context(default_member_id=self.member_a.id)
            .create({})
        )
        self.assertEqual(wizard.organization_id, self.branch_a)
        self.assertEqual(wizard.line_ids.member_id, self.member_a)
        self.assertEqual(wizard.line_ids.amount, 270.0)
        wizard.line_ids.amount = 90.0
        payment = self.Payment.search(wizard.action_register()["domain"])
        self.assertEqual(payment.line_ids.dues_id, self.dues_a[0], "the oldest month is paid first")
        self.assertEqual(self.dues_a.mapped("state"), ["paid", "due", "due"])

    def test_collect_bad_line_raises_and_writes_nothing(self):
        payments_before = self.Payment.search_count([])
        moves_before = self.env["account.move"].search_count([])
        wizard = (
            self.env["party.dues.collect"]
            .with_user(self.officer_c)
            .create(
                {
                    "organization_id": self.committee.id,
                    "date": date(2025, 3, 15),
                    "method": "cash",
                    "line_ids": [
                        Command.create({"member_id": self.member_b.id, "amount": 67.5}),
                        # Member A owes 270; Secretary C's line of 0 is skipped
                        Command.create({"member_id": self.member_a.id, "amount": 500.0}),
                        Command.create({"member_id": self.secretary_c.id, "amount": 0.0}),
                    ],
                }
            )
        )
        with self.assertRaisesRegex(ValidationError, "voluntar"):
            wizard.action_register()
        self.env.invalidate_all()
        self.assertEqual(self.Payment.search_count([]), payments_before)
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)
        self.assertEqual(sum((self.dues_a | self.dues_b).mapped("paid_amount")), 0.0)
        # Ticked voluntary, the same line is accepted.
        wizard.line_ids.filtered(lambda line: line.member_id == self.member_a).voluntary = True
        payments = self.Payment.search(wizard.action_register()["domain"])
        self.assertEqual(len(payments), 2)
        self.assertEqual(
            payments.filtered(lambda p: p.member_id == self.member_a).voluntary_amount, 230.0
        )


@tagged("post_install", "-at_install")
class TestDuesReports(DuesReportsCase):
    def test_ledger_xlsx(self):
        payment = self._pay(self.member_a, 90.0, pay_date=PAID_ON)
        ledger = (
            self.env["party.dues.ledger"]
            .with_user(self.officer_c)
            .create(
                {
                    "organization_id": self.committee.id,
                    "date_from": date(2025, 1, 20),
                    "date_to": MAR,
                }
            )
        )
        action = ledger.action_print()
        self.assertEqual(action["report_type"], "xlsx")
        content, ext = (
            self.env["ir.actions.report"]
            .with_user(self.officer_c)
            ._render("party_life.dues_ledger_xlsx", ledger.ids, {})
        )
        self.assertEqual(ext, "xlsx")
        book = load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["Dues", "Payments"])
        sheet = book["Dues"]
        self.assertEqual(sheet["B2"].value, self.committee.complete_name)
        self.assertEqual(sheet["B3"].value, "2025-01 – 2025-03")
        self.assertEqual(
            [c.value for c in sheet[5]],
            ["Member", "Month", "Base", "Rate (%)", "Amount", "Paid", "Voluntary", "State"],
        )
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
        member_a_rows = [r for r in rows if r[0] == "Member A"]
        self.assertEqual(
            member_a_rows,
            [
                ["Member A", "2025-01", 6000, 1.5, 90, 90, 0, "Paid"],
                ["Member A", "2025-02", 6000, 1.5, 90, 0, 0, "Due"],
                ["Member A", "2025-03", 6000, 1.5, 90, 0, 0, "Due"],
            ],
        )
        self.assertEqual(len([r for r in rows if r[0] == "Member B"]), 3)
        all_dues = self.Dues.search(
            [("organization_id", "child_of", self.committee.id), ("period", "<=", MAR)]
        )
        self.assertEqual(
            len(rows), len(all_dues) + 1, "one row per member and month, then the totals"
        )
        self.assertEqual(rows[-1][0], "Total")
        self.assertAlmostEqual(rows[-1][4], sum(all_dues.mapped("amount")))
        self.assertAlmostEqual(rows[-1][5], 90.0)

        payments = book["Payments"]
        self.assertEqual(payments["A5"].value, "Receipt")
        self.assertEqual(payments["A6"].value, payment.name)
        self.assertEqual(payments["B6"].value.date(), date(2025, 3, 10))
        self.assertEqual(payments["D6"].value, "Cash")
        self.assertEqual(payments["E6"].value, 90)
        self.assertEqual(payments["G6"].value, payment.sudo().move_id.name)
        self.assertEqual(payments["H6"].value, "Posted")
        self.assertEqual(payments["A7"].value, "Total (posted)")


@tagged("post_install", "-at_install")
class TestDuesReceiptPdf(DuesReportsCase, HttpCase):
    """The PDF receipt, rendered for real by wkhtmltopdf.

    An HttpCase, as Odoo's own web/tests/test_reports.py: wkhtmltopdf fetches
    the report's CSS (/web/assets/...) from the test server.  Under Odoo's test
    runner the main thread holds ``Registry._lock`` for the whole test run
    (server.py: ``with Registry._lock: preload_registries(...)``), so a request
    thread waits in ``Registry(db)`` and wkhtmltopdf, which has no timeout,
    waits with it: a TransactionCase hung there for 25 minutes.  An HttpCase
    puts the registry in test mode, which replaces that lock and serves the
    requests on the test's own cursor.
    """

    def test_receipt_pdf(self):
        payment = self._pay(self.member_a, 300.0, pay_date=PAID_ON, voluntary=True)
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, ext = Report._render_qweb_pdf("party_life.action_report_dues_receipt", payment.ids)
        self.assertEqual(ext, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "party_life.action_report_dues_receipt", payment.ids
        )[0]
        html = html.decode()
        self.assertIn(payment.name, html)
        self.assertIn("2025-01", html)
        self.assertIn("Voluntary payment", html)
        self.assertNotIn("Reversed", html)
        payment.action_reverse()
        html = self.env["ir.actions.report"]._render_qweb_html(
            "party_life.action_report_dues_receipt", payment.ids
        )[0]
        self.assertIn("Reversed", html.decode())

    def test_receipt_pdf_prints_the_chinese_names_and_the_company(self):
        """On a bare server (Debian's wkhtmltopdf, no patched Qt) the PDF loses its
        header: the company is printed in the page, and a CJK font shows the names
        (issue 21, item 4). The PDF's text is read back with pdftotext."""
        self.member_a.name = "张晓燕"
        self.env.company.name = "楚澜水务工程有限公司"
        payment = self._pay(self.member_a, 90.0, pay_date=PAID_ON)
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, __ = Report._render_qweb_pdf("party_life.action_report_dues_receipt", payment.ids)
        compact = pdf_text(pdf)
        self.assertIn("张晓燕", compact)
        self.assertIn("楚澜水务工程有限公司", compact)


@tagged("post_install", "-at_install")
class TestDuesPortal(DuesReportsCase, HttpCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.payment_a = cls._pay(cls.member_a, 90.0, pay_date=PAID_ON, reference="PORTAL-A")
        cls.payment_b = cls._pay(cls.member_b, 22.5, pay_date=PAID_ON, reference="PORTAL-B")

    def test_my_dues_shows_own_rows_only(self):
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open("/my/dues")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(self.payment_a.name, page)
        self.assertNotIn(self.payment_b.name, page)
        self.assertNotIn("Member B", page)
        self.assertEqual(page.count("o_party_dues_row"), len(self.dues_a))
        self.assertIn(f"/my/dues/receipt/{self.payment_a.id}", page)
        self.assertNotIn(f"/my/dues/receipt/{self.payment_b.id}", page)

    def test_my_dues_pages(self):
        """More months and payments than a page: each page holds a page of each,
        newest first, and the pager leads to the older ones."""
        self._pay(self.member_a, 90.0, pay_date=PAID_ON, reference="PORTAL-A2")
        self._pay(self.member_a, 90.0, pay_date=PAID_ON, reference="PORTAL-A3")
        payments = self.Payment.search(
            [("member_id", "=", self.member_a.id)], order="date desc, id desc"
        )
        self.assertEqual(len(payments), 3)
        self.authenticate(self.portal.login, self.portal.login)
        with patch.object(PartyDuesPortal, "_items_per_page", 2):
            first = self.url_open("/my/dues")
            second = self.url_open("/my/dues/page/2")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(second.status_code, 200)
        self.assertEqual(first.text.count("o_party_dues_row"), 2)
        self.assertIn("2025-03", first.text)
        self.assertIn("2025-02", first.text)
        self.assertNotIn("2025-01", first.text)
        self.assertIn("/my/dues/page/2", first.text)
        self.assertEqual(first.text.count('class="list-group-item list-group-item-action'), 2)
        self.assertIn(payments[0].name, first.text)
        self.assertNotIn(payments[2].name, first.text)
        self.assertEqual(second.text.count("o_party_dues_row"), 1)
        self.assertIn("2025-01", second.text)
        self.assertIn(payments[2].name, second.text)
        self.assertNotIn(payments[0].name, second.text)
        self.assertNotIn("Member B", first.text + second.text)

    def test_receipt_download(self):
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(f"/my/dues/receipt/{self.payment_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        self.assertIn(
            self.payment_a.name.replace("/", "_"), response.headers["Content-Disposition"]
        )

    def test_receipt_of_another_member_refused(self):
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(f"/my/dues/receipt/{self.payment_b.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Content-Disposition", response.headers)

    def test_receipt_refused_to_an_officer_of_another_branch(self):
        self.authenticate(self.officer_b.login, self.officer_b.login)
        response = self.url_open(f"/my/dues/receipt/{self.payment_a.id}")
        self.assertEqual(response.status_code, 404)

    def test_home_counter(self):
        self.authenticate(self.portal.login, self.portal.login)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["party_dues_count"]})
        self.assertEqual(counters["party_dues_count"], len(self.dues_a))
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/dues", home.text)
