from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    party_dues_journal_id = fields.Many2one("account.journal")
    party_dues_account_id = fields.Many2one("account.account")
    party_dues_lock_date = fields.Date(
        string="Dues Closed Up To",
        help="Months up to this date are closed: no dues are generated or collected in them.",
    )
    party_dues_remit_percent = fields.Float(
        string="Share Remitted to the Superior (%)",
        default=0.0,
        help="Share of the collected dues each organisation remits to its superior organisation.",
    )
