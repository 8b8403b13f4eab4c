"""Volunteer activities (志愿服务) as Odoo events: the organisation that runs them and
the hours each member served (0–24 a day)."""

import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

MAX_HOURS_PER_DAY = 24


class EventRegistration(models.Model):
    _name = "event.registration"
    # the guard's template first (party_branch: party.guard.mixin): the values, the
    # default_<field> context keys merged into them, then the hooks below
    _inherit = ["party.guard.mixin", "event.registration"]
    # a client's tracking_disable, mail_notrack … are turned off for untrusted callers, as on
    # Party records (party_branch: mail.thread, tools.guard.UNTRUSTED_CONTEXT_KEYS)
    _party_guard_context = True

    _party_rpc_methods = {
        "create": "event ACL and rules and the guard (tools.guard.PartyGuard); a Party member "
        "only of the event's organisation tree; volunteer hours only by an officer of the "
        "event's organisation (default_<field> context keys included)",
        "write": "event ACL and rules and the guard; a Party member only of the event's "
        "organisation tree; volunteer hours only by an officer of the event's organisation",
    }

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
                # a member counts on the volunteer activities of their organisation tree
                if member and not registration._party_member_fits(member):
                    member = None
                registration.party_member_id = member.id if member else False

    def _party_member_fits(self, member):
        """The member belongs to the event's organisation or one below it."""
        org = self.sudo().event_id.party_organization_id
        return bool(org and member.sudo().organization_id.parent_path.startswith(org.parent_path))

    # ------------------------------------------------------------------ hooks
    # the guard (party.guard.mixin) has merged the default_<field> context keys into the
    # values: the member and the hours a client puts there are checked below

    def _party_after_create(self, vals_list):
        if not self._party_trusted():
            self._party_check_member()
            self.browse(
                [r.id for r, vals in zip(self, vals_list, strict=True) if vals.get("party_hours")]
            )._party_check_hours()
        return super()._party_after_create(vals_list)

    def _party_after_write(self, vals, before):
        if not self._party_trusted():
            if "party_member_id" in vals or "event_id" in vals:
                self._party_check_member()
            if "party_hours" in vals:
                self._party_check_hours()
        return super()._party_after_write(vals, before)

    def _party_check_member(self):
        """A member given by the client belongs to the event's organisation tree."""
        for registration in self.sudo().filtered("party_member_id"):
            if not registration._party_member_fits(registration.party_member_id):
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of the organisation of %(event)s or of "
                        "one below it: only they serve in its volunteer activity.",
                        member=registration.party_member_id.name,
                        event=registration.event_id.name,
                    )
                )

    def _party_check_hours(self):
        """Volunteer hours are recorded by an officer of the event's organisation."""
        if not self:
            return
        events = self.sudo().mapped("event_id")
        if events.filtered(lambda e: not e.party_organization_id):
            raise AccessError(
                self.env._(
                    "Volunteer hours are recorded on the volunteer activities of a Party "
                    "organisation only."
                )
            )
        self.env["party.organization"]._party_check_organizations(
            events.mapped("party_organization_id")
        )

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
