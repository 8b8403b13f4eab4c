"""Volunteer activities (志愿服务) as Odoo events: the organisation that runs them and
the hours each member served (0–24 a day)."""

from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    party_organization_id = fields.Many2one(
        "party.organization",
        string="Party Organisation",
        index=True,
        help="A volunteer activity of this organisation: the hours of its members count "
        "in their service assessment.",
    )
