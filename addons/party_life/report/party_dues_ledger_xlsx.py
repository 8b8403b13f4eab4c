from odoo import models

AMOUNT_FORMAT = "#,##0.00"


class PartyDuesLedgerXlsx(models.AbstractModel):
    """Dues ledger of an organisation: one row per member and month, then the payments."""

    _name = "report.party_life.dues_ledger_xlsx"
    _party_rpc_methods = {
        "generate_xlsx_report": "report_xlsx API: needs a workbook, which RPC cannot send; "
        "the report action reads the rows with the caller's rights",
    }
    _inherit = "report.report_xlsx.abstract"
    _description = "Party Dues Ledger (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "label": workbook.add_format({"bold": True}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1}),
            "amount": workbook.add_format({"num_format": AMOUNT_FORMAT}),
            "rate": workbook.add_format({"num_format": "0.00"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "total": workbook.add_format({"bold": True, "top": 1}),
            "total_amount": workbook.add_format(
                {"bold": True, "top": 1, "num_format": AMOUNT_FORMAT}
            ),
        }
        for ledger in objs:
            self._write_dues_sheet(workbook, formats, ledger)
            self._write_payments_sheet(workbook, formats, ledger)

    # ------------------------------------------------------------------ helpers

    def _selection_labels(self, model, field_name):
        return dict(self.env[model]._fields[field_name]._description_selection(self.env))

    def _write_header(self, sheet, formats, ledger, title):
        first, last, _end = ledger._period_range()
        org = ledger.organization_id
        sheet.write(0, 0, title, formats["title"])
        sheet.write(1, 0, self.env._("Organisation"), formats["label"])
        sheet.write(1, 1, org.complete_name or org.name)
        sheet.write(2, 0, self.env._("Period"), formats["label"])
        sheet.write(2, 1, f"{first:%Y-%m} – {last:%Y-%m}")
        return 4

    def _write_dues_sheet(self, workbook, formats, ledger):
        first, last, _end = ledger._period_range()
        sheet = workbook.add_worksheet(self.env._("Dues"))
        row = self._write_header(sheet, formats, ledger, self.env._("Party Dues Ledger"))
        headers = [
            self.env._("Member"),
            self.env._("Month"),
            self.env._("Base"),
            self.env._("Rate (%)"),
            self.env._("Amount"),
            self.env._("Paid"),
            self.env._("Voluntary"),
            self.env._("State"),
        ]
        sheet.write_row(row, 0, headers, formats["header"])
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 10)
        sheet.set_column(2, 6, 13)
        sheet.set_column(7, 7, 12)
        sheet.freeze_panes(row + 1, 1)
        # Set-based read: one query for the rows, one for the members' names.
        dues = self.env["party.dues"].search_fetch(
            [
                ("organization_id", "child_of", ledger.organization_id.id),
                ("period", ">=", first),
                ("period", "<=", last),
            ],
            [
                "member_id",
                "period",
                "base",
                "rate",
                "amount",
                "paid_amount",
                "voluntary_amount",
                "state",
            ],
            order="member_id, period, id",
        )
        dues.member_id.fetch(["name"])
        states = self._selection_labels("party.dues", "state")
        totals = [0.0, 0.0, 0.0]
        for dues_row in dues:
            row += 1
            sheet.write(row, 0, dues_row.member_id.name)
            sheet.write(row, 1, f"{dues_row.period:%Y-%m}")
            sheet.write_number(row, 2, dues_row.base, formats["amount"])
            sheet.write_number(row, 3, dues_row.rate, formats["rate"])
            sheet.write_number(row, 4, dues_row.amount, formats["amount"])
            sheet.write_number(row, 5, dues_row.paid_amount, formats["amount"])
            sheet.write_number(row, 6, dues_row.voluntary_amount, formats["amount"])
            sheet.write(row, 7, states.get(dues_row.state, dues_row.state or ""))
            totals[0] += dues_row.amount
            totals[1] += dues_row.paid_amount
            totals[2] += dues_row.voluntary_amount
        row += 1
        currency = ledger.organization_id.company_id.currency_id or self.env.company.currency_id
        sheet.write(row, 0, self.env._("Total"), formats["total"])
        for col in (1, 2, 3, 7):
            sheet.write_blank(row, col, None, formats["total"])
        for col, value in zip((4, 5, 6), totals, strict=True):
            sheet.write_number(row, col, currency.round(value), formats["total_amount"])

    def _write_payments_sheet(self, workbook, formats, ledger):
        first, _last, end = ledger._period_range()
        sheet = workbook.add_worksheet(self.env._("Payments"))
        row = self._write_header(sheet, formats, ledger, self.env._("Party Dues Payments"))
        headers = [
            self.env._("Receipt"),
            self.env._("Date"),
            self.env._("Member"),
            self.env._("Method"),
            self.env._("Amount"),
            self.env._("Voluntary"),
            self.env._("Journal Entry"),
            self.env._("State"),
        ]
        sheet.write_row(row, 0, headers, formats["header"])
        sheet.set_column(0, 0, 20)
        sheet.set_column(1, 1, 12)
        sheet.set_column(2, 2, 28)
        sheet.set_column(3, 5, 14)
        sheet.set_column(6, 6, 22)
        sheet.set_column(7, 7, 12)
        sheet.freeze_panes(row + 1, 1)
        payments = self.env["party.dues.payment"].search_fetch(
            [
                ("organization_id", "child_of", ledger.organization_id.id),
                ("date", ">=", first),
                ("date", "<=", end),
            ],
            [
                "name",
                "date",
                "member_id",
                "method",
                "amount",
                "voluntary_amount",
                "move_id",
                "state",
            ],
            order="date, name, id",
        )
        payments.member_id.fetch(["name"])
        # Officers need not have accounting rights to see which entry holds a payment.
        move_names = {move.id: move.name for move in payments.move_id.sudo()}
        methods = self._selection_labels("party.dues.payment", "method")
        states = self._selection_labels("party.dues.payment", "state")
        total = 0.0
        for payment in payments:
            row += 1
            sheet.write(row, 0, payment.name)
            sheet.write_datetime(row, 1, payment.date, formats["date"])
            sheet.write(row, 2, payment.member_id.name)
            sheet.write(row, 3, methods.get(payment.method, payment.method or ""))
            sheet.write_number(row, 4, payment.amount, formats["amount"])
            sheet.write_number(row, 5, payment.voluntary_amount, formats["amount"])
            sheet.write(row, 6, move_names.get(payment.move_id.id, ""))
            sheet.write(row, 7, states.get(payment.state, payment.state))
            if payment.state == "posted":
                total += payment.amount
        row += 1
        currency = ledger.organization_id.company_id.currency_id or self.env.company.currency_id
        sheet.write(row, 0, self.env._("Total (posted)"), formats["total"])
        for col in (1, 2, 3, 5, 6, 7):
            sheet.write_blank(row, col, None, formats["total"])
        sheet.write_number(row, 4, currency.round(total), formats["total_amount"])
