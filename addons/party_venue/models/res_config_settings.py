from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_venue_share_distance = fields.Float(
        related="company_id.party_venue_share_distance", readonly=False
    )
    party_venue_cost_standard = fields.Monetary(
        related="company_id.party_venue_cost_standard", readonly=False
    )
    party_venue_min_utilisation = fields.Float(
        related="company_id.party_venue_min_utilisation", readonly=False
    )
    party_venue_inspection_months = fields.Integer(
        related="company_id.party_venue_inspection_months", readonly=False
    )
