from odoo import fields, models


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    decision_ids = fields.One2many("party.decision", "meeting_id", string="Agenda")
