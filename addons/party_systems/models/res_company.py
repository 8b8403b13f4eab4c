from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    party_systems_rules_from = fields.Date(
        string="Working Systems Checked From",
        help="The yearly rules of the working systems (heart-to-heart talk coverage, the "
        "yearly fund report) raise findings from this date on. Empty: not checked yet, "
        "while the organisations start recording their talks and funds here.",
    )
