from odoo import models
from odoo.exceptions import AccessError


class PartyStatisticsXlsx(models.AbstractModel):
    """The annual statistics of an organisation and its subtree (XLSX): one sheet, the
    tables one under the other."""

    _name = "report.party_branch.statistics_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Party Statistics (XLSX)"
    _party_rpc_methods = {
        "generate_xlsx_report": "report_xlsx API: needs a workbook, which RPC cannot send; "
        "the numbers come only from the wizard's _party_statistics_data, which checks the "
        "caller",
    }

    def _party_wizards(self, objs):
        """The wizards to print: records of the statistics wizard, nothing else (a route's
        ``context`` may name another model); each is checked by its data methods."""
        if getattr(objs, "_name", None) != "party.statistics.wizard" or not objs:
            raise AccessError(
                self.env._("The Party statistics are printed from their own window only.")
            )
        objs._party_check_caller()
        return objs

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "subtitle": workbook.add_format({"bold": True, "font_size": 12}),
            "label": workbook.add_format({"bold": True}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1}),
            "number": workbook.add_format({"num_format": "0"}),
            "score": workbook.add_format({"num_format": "0.00"}),
            "total": workbook.add_format({"bold": True, "top": 1}),
            "total_number": workbook.add_format({"bold": True, "top": 1, "num_format": "0"}),
            "note": workbook.add_format({"italic": True, "font_color": "#666666"}),
        }

    def _write_heading(self, sheet, formats, title, data):
        org = data["organization"]
        sheet.write_string(0, 0, title, formats["title"])
        sheet.write_string(1, 0, self.env._("Organisation"), formats["label"])
        sheet.write_string(1, 1, org.complete_name or org.name)
        sheet.write_string(2, 0, self.env._("On date"), formats["label"])
        sheet.write_string(2, 1, data["date_to"].isoformat())
        sheet.write_string(3, 0, self.env._("Movements from"), formats["label"])
        sheet.write_string(3, 1, data["date_from"].isoformat())
        return 5

    def _write_tables(self, sheet, formats, tables, row):
        """The tables from ``row`` on, one under the other; returns the next free row."""
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 8, 14)
        for table in tables:
            sheet.write_string(row, 0, table.title, formats["subtitle"])
            row += 1
            sheet.write_string(row, 0, "", formats["header"])
            for col, header in enumerate(table.columns, start=1):
                sheet.write_string(row, col, header, formats["header"])
            for label, values in table.rows:
                row += 1
                sheet.write_string(row, 0, label)
                for col, value in enumerate(values, start=1):
                    sheet.write_number(row, col, value, formats["number"])
            if table.total is not None:
                row += 1
                sheet.write_string(row, 0, self.env._("Total"), formats["total"])
                for col, value in enumerate(table.total, start=1):
                    sheet.write_number(row, col, value, formats["total_number"])
            if table.note:
                row += 1
                sheet.write_string(row, 0, table.note, formats["note"])
            row += 2
        return row

    def generate_xlsx_report(self, workbook, data, objs):
        formats = self._formats(workbook)
        for wizard in self._party_wizards(objs):
            values = wizard._party_statistics_data()
            sheet = workbook.add_worksheet(self.env._("Statistics")[:31])
            row = self._write_heading(sheet, formats, self.env._("Party Statistics"), values)
            self._write_tables(sheet, formats, values["tables"], row)
