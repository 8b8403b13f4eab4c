from odoo import models


class PartyAssessmentXlsx(models.AbstractModel):
    """The scores of an assessment, ranked, with every part: for reporting upward."""

    _name = "report.party_service.assessment_xlsx"
    _party_rpc_methods = {
        "generate_xlsx_report": "report_xlsx API: needs a workbook, which RPC cannot send; "
        "the report action reads the lines with the caller's rights",
    }
    _inherit = "report.report_xlsx.abstract"
    _description = "Service Assessment (XLSX)"

    def _columns(self):
        return [
            (self.env._("Rank"), 6, "rank"),
            (self.env._("Member"), 24, "member_id"),
            (self.env._("Organisation"), 24, "organization_id"),
            (self.env._("Meetings Attended"), 10, "meeting_count"),
            (self.env._("Study Hours"), 10, "study_hours"),
            (self.env._("Dues Months Paid on Time"), 10, "dues_months"),
            (self.env._("Requests Resolved"), 10, "request_count"),
            (self.env._("Average Rating"), 10, "rating_avg"),
            (self.env._("Pairing Visits"), 10, "visit_count"),
            (self.env._("Volunteer Hours"), 10, "volunteer_hours"),
            (self.env._("Overdue Requests"), 10, "overdue_count"),
            (self.env._("Unexcused Absences"), 10, "absence_count"),
            (self.env._("Score"), 10, "score"),
        ]

    def generate_xlsx_report(self, workbook, data, objects):
        bold = workbook.add_format({"bold": True})
        number = workbook.add_format({"num_format": "0.00"})
        for assessment in objects:
            assessment.check_access("read")
            sheet = workbook.add_worksheet(
                (assessment.organization_id.code or str(assessment.id))[:31]
            )
            sheet.write_string(0, 0, assessment.name, bold)
            sheet.write_string(
                1,
                0,
                f"{assessment.organization_id.name} {assessment.date_from}…{assessment.date_to}",
            )
            columns = self._columns()
            for col, (header, width, _field) in enumerate(columns):
                sheet.set_column(col, col, width)
                sheet.write_string(3, col, header, bold)
            lines = self.env["party.assessment.line"].search(
                [("assessment_id", "=", assessment.id)], order="rank, id"
            )
            for row, line in enumerate(lines, 4):
                for col, (_header, _width, field) in enumerate(columns):
                    value = line[field]
                    if isinstance(value, models.BaseModel):
                        sheet.write_string(row, col, value.display_name or "")
                    else:
                        sheet.write_number(row, col, value or 0, number)
