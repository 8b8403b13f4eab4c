from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the record rule of officers on contacts follows the memberships (security/party_security.xml)
    party_member_ids = fields.One2many("party.member", "partner_id", string="Party Memberships")
