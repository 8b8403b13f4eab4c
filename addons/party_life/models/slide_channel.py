from odoo import fields, models


class SlideChannel(models.Model):
    _inherit = "slide.channel"

    is_party_course = fields.Boolean(
        string="Party Course", index=True, help="A micro-course (微课堂) of Party member learning."
    )
    party_organization_ids = fields.Many2many(
        "party.organization",
        "slide_channel_party_organization_rel",
        "channel_id",
        "organization_id",
        string="Party Organisations",
        help="Organisations whose members the course is meant for (empty: all).",
    )
