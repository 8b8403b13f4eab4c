from odoo import fields, models


class PartyFinding(models.Model):
    _inherit = "party.finding"

    code = fields.Selection(
        selection_add=[
            ("dues_arrears_6m", "Dues Unpaid 6 Months"),
            ("meeting_missing", "Meeting Missing"),
        ],
        ondelete={"dues_arrears_6m": "cascade", "meeting_missing": "cascade"},
    )
