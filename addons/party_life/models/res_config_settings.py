from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_dues_journal_id = fields.Many2one(
        related="company_id.party_dues_journal_id", readonly=False
    )
    party_dues_account_id = fields.Many2one(
        related="company_id.party_dues_account_id", readonly=False
    )
    party_dues_lock_date = fields.Date(related="company_id.party_dues_lock_date", readonly=False)
    party_dues_remit_percent = fields.Float(
        related="company_id.party_dues_remit_percent", readonly=False
    )
