"""Volunteer activities (志愿服务) as Odoo events: the organisation that runs them and
the hours each member served (0–24 a day)."""

import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MAX_HOURS_PER_DAY = 24


class EventEvent(models.Model):
    _inherit = "event.event"

    party_organization_id = fields.Many2one(
        "party.organization",
        string="Party Organisation",
        index=True,
        help="A volunteer activity of this organisation: the hours of its members count "
        "in their service assessment.",
    )


class EventRegistration(models.Model):
    _inherit = "event.registration"

    party_member_id = fields.Many2one(
        "party.member", index=True, compute="_compute_party_member_id",
        store=True, readonly=False,
    )  # fmt: skip
    party_hours = fields.Float(string="Volunteer Hours", digits=(6, 2))

    @api.depends("partner_id")
    def _compute_party_member_id(self):
        partners = self.mapped("partner_id")
        members = {
            m.partner_id.id: m
            for m in self.env["party.member"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("status", "=", "active")])
        }
        for registration in self:
            if not registration.party_member_id:
                member = members.get(registration.partner_id.id)
                registration.party_member_id = member.id if member else False

    @api.constrains("party_hours", "event_id")
    def _check_party_hours(self):
        for registration in self:
            hours = registration.party_hours
            event = registration.event_id
            days = 1
            if event.date_begin and event.date_end:
                days = max(1, math.ceil((event.date_end - event.date_begin).total_seconds()
                                        / 86400))  # fmt: skip
            if hours < 0 or hours > MAX_HOURS_PER_DAY * days:
                raise ValidationError(
                    self.env._(
                        "Volunteer hours are 0 or more and at most %(max)s a day: %(hours)s "
                        "hours over %(days)s day(s) of %(event)s.",
                        max=MAX_HOURS_PER_DAY,
                        hours=hours,
                        days=days,
                        event=event.name,
                    )
                )
