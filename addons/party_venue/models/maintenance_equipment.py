from odoo import fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    party_venue_id = fields.Many2one("party.venue", index="btree_not_null", check_company=True)
