from odoo import models

AMOUNT_FORMAT = "#,##0.00"


class PartyFundReportXlsx(models.AbstractModel):
    """The fund report as a spreadsheet: one sheet per report, its lines and totals."""

    _name = "report.party_systems.fund_report_xlsx"
    _party_rpc_methods = {
        "generate_xlsx_report": "report_xlsx API: needs a workbook, which RPC cannot send; "
        "the report action reads the reports with the caller's rights",
    }
    _inherit = "report.report_xlsx.abstract"
    _description = "Party Fund Report (XLSX)"

    def _totals(self, report):
        """(label, amount) of the fund accounts' totals, as the PDF shows them: no
        total adds the income and the dues remitted upward."""
        totals = [
            (self.env._("Opening Balance"), report.opening_balance),
            (self.env._("Income"), report.income_total),
            (self.env._("Remitted to the Superior"), report.remittance_total),
            (self.env._("Spending"), report.spending_total),
            (self.env._("Closing Balance"), report.balance),
        ]
        if report.budget_amount:
            totals += [
                (self.env._("Budgeted Spending"), report.budget_amount),
                (self.env._("Budget Variance"), report.budget_variance),
            ]
        return totals

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1})
        amount = workbook.add_format({"num_format": AMOUNT_FORMAT})
        total = workbook.add_format({"bold": True, "top": 1, "num_format": AMOUNT_FORMAT})
        categories = dict(
            self.env["party.fund.report.line"]._fields["category"]._description_selection(self.env)
        )
        for index, report in enumerate(objs):
            sheet = workbook.add_worksheet(f"{index + 1} {report.organization_id.code or ''}"[:31])
            sheet.set_column(0, 0, 40)
            sheet.set_column(1, 1, 40)
            sheet.set_column(2, 2, 18)
            sheet.write_string(0, 0, report.name, bold)
            row = 2
            for col, title in enumerate(
                (self.env._("Category"), self.env._("Account"), self.env._("Amount"))
            ):
                sheet.write_string(row, col, title, header)
            for line in report.line_ids:
                row += 1
                sheet.write_string(row, 0, categories[line.category])
                sheet.write_string(row, 1, line.account_id.display_name)
                sheet.write_number(row, 2, line.amount, amount)
            row += 2
            for label, value in self._totals(report):
                sheet.write_string(row, 1, label, bold)
                sheet.write_number(row, 2, value, total)
                row += 1
