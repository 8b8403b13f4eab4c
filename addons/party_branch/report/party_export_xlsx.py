from odoo import models


class PartyExportXlsx(models.AbstractModel):
    """For the superior: the index of the period (each organisation's scores, then every
    indicator line) and the statistics of the subtree, as XLSX."""

    _name = "report.party_branch.export_xlsx"
    _inherit = "report.party_branch.statistics_xlsx"
    _description = "Party Index and Statistics for the Superior (XLSX)"
    _party_rpc_methods = {
        "generate_xlsx_report": "report_xlsx API: needs a workbook, which RPC cannot send; "
        "the rows come only from the wizard's _party_index_data and _party_statistics_data, "
        "which check the caller",
    }

    def _write_index_sheet(self, workbook, formats, wizard, stats):
        data = wizard._party_index_data()
        sheet = workbook.add_worksheet(self.env._("Index")[:31])
        row = self._write_heading(sheet, formats, self.env._("Five Modernizations Index"), stats)
        sheet.write_string(3, 0, self.env._("Period"), formats["label"])
        sheet.write_string(3, 1, f"{data['date_from'].isoformat()} – {data['date_to'].isoformat()}")
        Index = self.env["party.index"]
        dimensions = [
            d for d in Index._party_index_dimensions() if f"score_{d.code}" in Index._fields
        ]
        headers = [self.env._("Organisation"), self.env._("Members"), self.env._("Total")]
        headers += [d.name for d in dimensions]
        headers += [self.env._("Missing Facts"), self.env._("Final")]
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, len(headers), 16)
        sheet.write_row(row, 0, headers, formats["header"])
        if not data["indices"]:
            row += 1
            sheet.write_string(
                row,
                0,
                self.env._(
                    "The index of this period has not been computed for these organisations: "
                    "compute it first (Reporting › Five Modernizations Index)."
                ),
                formats["note"],
            )
        for index in data["indices"]:
            row += 1
            org = index.organization_id
            sheet.write_string(row, 0, org.complete_name or org.name)
            sheet.write_number(row, 1, index.subtree_member_count, formats["number"])
            self._write_score(sheet, row, 2, index.score_total, index.is_measured, formats)
            for col, dimension in enumerate(dimensions, start=3):
                measured = bool(index[f"coverage_{dimension.code}"])
                self._write_score(
                    sheet, row, col, index[f"score_{dimension.code}"], measured, formats
                )
            sheet.write_number(row, len(dimensions) + 3, index.missing_count, formats["number"])
            sheet.write_string(
                row, len(dimensions) + 4, self.env._("Yes") if index.is_final else ""
            )
        self._write_lines_sheet(workbook, formats, data["lines"])

    def _write_score(self, sheet, row, col, value, measured, formats):
        if measured:
            sheet.write_number(row, col, value, formats["score"])
        else:
            sheet.write_string(row, col, self.env._("missing"))

    def _write_lines_sheet(self, workbook, formats, lines):
        sheet = workbook.add_worksheet(self.env._("Indicators")[:31])
        dimensions = dict(lines._fields["dimension"]._description_selection(self.env))
        headers = [
            self.env._("Organisation"), self.env._("Dimension"), self.env._("Indicator"),
            self.env._("Value"), self.env._("Target"), self.env._("Weight"),
            self.env._("Score"), self.env._("Figures"), self.env._("Supplied By"),
        ]  # fmt: skip
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 2, 30)
        sheet.set_column(3, 6, 12)
        sheet.set_column(7, 8, 30)
        sheet.write_row(0, 0, headers, formats["header"])
        for row, line in enumerate(lines, start=1):
            org = line.organization_id
            sheet.write_string(row, 0, org.complete_name or org.name)
            sheet.write_string(row, 1, dimensions.get(line.dimension, line.dimension or ""))
            sheet.write_string(row, 2, line.indicator_id.name or "")
            if line.is_missing:
                sheet.write_string(row, 3, self.env._("missing"))
                sheet.write_string(row, 8, line.missing_hint or "")
            else:
                sheet.write_number(row, 3, line.value, formats["score"])
                sheet.write_number(row, 6, line.score, formats["score"])
            sheet.write_number(row, 4, line.target, formats["score"])
            sheet.write_number(row, 5, line.weight, formats["score"])
            sheet.write_string(row, 7, line.detail or "")

    def generate_xlsx_report(self, workbook, data, objs):
        formats = self._formats(workbook)
        for wizard in self._party_wizards(objs):
            stats = wizard._party_statistics_data()
            self._write_index_sheet(workbook, formats, wizard, stats)
            sheet = workbook.add_worksheet(self.env._("Statistics")[:31])
            row = self._write_heading(sheet, formats, self.env._("Party Statistics"), stats)
            self._write_tables(sheet, formats, stats["tables"], row)
