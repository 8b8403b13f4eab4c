"""Volunteer activities (志愿服务) as Odoo events: the organisation that runs them and
the hours each member served (0–24 a day)."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class EventEvent(models.Model):
    _inherit = "event.event"

    party_organization_id = fields.Many2one(
        "party.organization",
        string="Party Organisation",
        index=True,
        help="A volunteer activity of this organisation: the hours of its members count "
        "in their service assessment.",
    )

    @api.model
    def _party_volunteer_offers(self, member):
        """The volunteer activities offered to ``member`` (sudo): those of their
        organisation or of one above it that have not ended, soonest first."""
        if not member:
            return self.browse()
        org_ids = [int(i) for i in member.sudo().organization_id.parent_path.split("/") if i]
        return self.sudo().search(
            [
                ("party_organization_id", "in", org_ids),
                ("date_end", ">=", fields.Datetime.now()),
            ],
            order="date_begin",
            limit=20,
        )

    def _party_volunteer_sign_up(self):
        """The caller signs up, for their own active membership (found by their user,
        never by an id they send), to this volunteer activity offered to them; once:
        signing up again changes nothing."""
        member = (
            self.env["party.member"]
            .sudo()
            .search([("user_id", "=", self.env.uid), ("status", "=", "active")], limit=1)
        )
        if len(self) != 1 or self not in self._party_volunteer_offers(member):
            # the same answer for an activity that does not exist or is not offered
            raise UserError(self.env._("This volunteer activity is not open to you."))
        Registration = self.env["event.registration"].sudo()
        if not Registration.search_count(
            [("event_id", "=", self.id), ("party_member_id", "=", member.id)]
        ):
            Registration.create(
                {
                    "event_id": self.id,
                    "partner_id": member.partner_id.id,
                    "party_member_id": member.id,
                    "name": member.name,
                    "email": member.email,
                }
            )
        return True
