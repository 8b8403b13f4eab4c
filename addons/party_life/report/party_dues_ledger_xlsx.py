from typing import NamedTuple

from odoo import models

AMOUNT_FORMAT = "#,##0.00"


def _payer(payment, labels):
    """Who paid: empty for the member themself, else "name (family)" (代缴)."""
    if not payment.payer_kind or payment.payer_kind == "member":
        return ""
    return f"{payment.payer_name or ''} ({labels.get(payment.payer_kind, payment.payer_kind)})"


class Column(NamedTuple):
    """A column of a ledger sheet: its header, width, cell value and kind.

    ``kind`` is ``text``, ``amount``, ``rate`` or ``date``; text is written as text
    (never read as a formula), the others as numbers and dates.
    """

    header: str
    width: int
    value: object  # callable(record) -> cell value
    kind: str = "text"


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

    def _write_sheet(self, workbook, formats, ledger, names, columns, records, totals):
        """One sheet of the ledger: the organisation and the months, a table of
        ``records`` in ``columns``, and a total row.

        ``names``: (sheet name, title, label of the total row); ``totals``: the
        total of each summed column, by column index, rounded to the currency.
        """
        sheet_name, title, total_label = names
        first, last, _end = ledger._period_range()
        org = ledger.organization_id
        sheet = workbook.add_worksheet(sheet_name)
        sheet.write(0, 0, title, formats["title"])
        sheet.write(1, 0, self.env._("Organisation"), formats["label"])
        sheet.write_string(1, 1, org.complete_name or org.name)
        sheet.write(2, 0, self.env._("Period"), formats["label"])
        sheet.write_string(2, 1, f"{first:%Y-%m} – {last:%Y-%m}")
        row = 4
        sheet.write_row(row, 0, [column.header for column in columns], formats["header"])
        for col, column in enumerate(columns):
            sheet.set_column(col, col, column.width)
        sheet.freeze_panes(row + 1, 1)
        for record in records:
            row += 1
            for col, column in enumerate(columns):
                value = column.value(record)
                if column.kind == "text":
                    sheet.write_string(row, col, value or "")
                elif column.kind == "date":
                    sheet.write_datetime(row, col, value, formats["date"])
                else:
                    sheet.write_number(row, col, value, formats[column.kind])
        row += 1
        currency = org.company_id.currency_id or self.env.company.currency_id
        sheet.write(row, 0, total_label, formats["total"])
        for col in range(1, len(columns)):
            if col in totals:
                sheet.write_number(row, col, currency.round(totals[col]), formats["total_amount"])
            else:
                sheet.write_blank(row, col, None, formats["total"])

    def _write_dues_sheet(self, workbook, formats, ledger):
        first, last, _end = ledger._period_range()
        # Set-based read: one query for the rows, one for the members' names.
        dues = self.env["party.dues"].search_fetch(
            [
                ("organization_id", "child_of", ledger.organization_id.id),
                ("period", ">=", first),
                ("period", "<=", last),
            ],
            ["member_id", "period", "base", "rate", "amount", "paid_amount",
             "voluntary_amount", "state"],
            order="member_id, period, id",
        )  # fmt: skip
        dues.member_id.fetch(["name"])
        states = self._selection_labels("party.dues", "state")
        columns = [
            Column(self.env._("Member"), 28, lambda d: d.member_id.name),
            Column(self.env._("Month"), 10, lambda d: f"{d.period:%Y-%m}"),
            Column(self.env._("Base"), 13, lambda d: d.base, "amount"),
            Column(self.env._("Rate (%)"), 13, lambda d: d.rate, "rate"),
            Column(self.env._("Amount"), 13, lambda d: d.amount, "amount"),
            Column(self.env._("Paid"), 13, lambda d: d.paid_amount, "amount"),
            Column(self.env._("Voluntary"), 13, lambda d: d.voluntary_amount, "amount"),
            Column(self.env._("State"), 12, lambda d: states.get(d.state, d.state or "")),
        ]
        totals = {
            4: sum(dues.mapped("amount")),
            5: sum(dues.mapped("paid_amount")),
            6: sum(dues.mapped("voluntary_amount")),
        }
        names = (self.env._("Dues"), self.env._("Party Dues Ledger"), self.env._("Total"))
        self._write_sheet(workbook, formats, ledger, names, columns, dues, totals)

    def _write_payments_sheet(self, workbook, formats, ledger):
        first, _last, end = ledger._period_range()
        payments = self.env["party.dues.payment"].search_fetch(
            [
                ("organization_id", "child_of", ledger.organization_id.id),
                ("date", ">=", first),
                ("date", "<=", end),
            ],
            ["name", "date", "member_id", "method", "amount", "voluntary_amount", "move_id",
             "state", "payer_kind", "payer_name"],
            order="date, name, id",
        )  # fmt: skip
        payments.member_id.fetch(["name"])
        # Officers need not have accounting rights to see which entry holds a payment.
        move_names = {move.id: move.name for move in payments.move_id.sudo()}
        methods = self._selection_labels("party.dues.payment", "method")
        states = self._selection_labels("party.dues.payment", "state")
        payers = self._selection_labels("party.dues.payment", "payer_kind")
        columns = [
            Column(self.env._("Receipt"), 20, lambda p: p.name),
            Column(self.env._("Date"), 12, lambda p: p.date, "date"),
            Column(self.env._("Member"), 28, lambda p: p.member_id.name),
            Column(self.env._("Method"), 14, lambda p: methods.get(p.method, p.method or "")),
            Column(self.env._("Amount"), 14, lambda p: p.amount, "amount"),
            Column(self.env._("Voluntary"), 14, lambda p: p.voluntary_amount, "amount"),
            Column(self.env._("Journal Entry"), 22, lambda p: move_names.get(p.move_id.id, "")),
            Column(self.env._("State"), 12, lambda p: states.get(p.state, p.state)),
            Column(self.env._("Paid By"), 30, lambda p: _payer(p, payers)),
        ]
        totals = {4: sum(p.amount for p in payments if p.state == "posted")}
        names = (
            self.env._("Payments"),
            self.env._("Party Dues Payments"),
            self.env._("Total (posted)"),
        )
        self._write_sheet(workbook, formats, ledger, names, columns, payments, totals)
