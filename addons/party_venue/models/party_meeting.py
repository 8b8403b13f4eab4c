"""What party_venue adds to party_life's meetings: the venue booking.

A meeting booked in a venue takes its place and time from the booking
(``party.venue.booking._sync_meetings``): its start, end and location follow
the booking, and are changed by changing the booking.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    _party_rpc_methods = {
        "action_book_venue": "_party_check_manage: officer of the meeting's organisation",
    }

    # backend fields: members read their meetings on the portal, without bookings
    venue_booking_ids = fields.One2many(
        "party.venue.booking", "meeting_id", string="Bookings", groups="base.group_user"
    )
    venue_booking_id = fields.Many2one("party.venue.booking", compute="_compute_venue_booking")
    venue_id = fields.Many2one("party.venue", compute="_compute_venue_booking")

    @api.depends("venue_booking_ids.state", "venue_booking_ids.venue_id")
    def _compute_venue_booking(self):
        # as superuser: the meeting's own booking, shown to whoever reads the meeting
        # (its members too, who read no bookings)
        bookings = (
            self.env["party.venue.booking"]
            .sudo()
            .search([("meeting_id", "in", self._origin.ids), ("state", "=", "confirmed")])
        )
        by_meeting = {b.meeting_id.id: b for b in bookings}
        for meeting in self:
            booking = by_meeting.get(meeting._origin.id, bookings.browse())
            meeting.venue_booking_id = booking
            meeting.venue_id = booking.venue_id

    def write(self, vals):
        moved = {"start", "stop", "location"} & set(vals)
        if moved:
            bookings = (
                self.env["party.venue.booking"]
                .sudo()
                .search([("meeting_id", "in", self.ids), ("state", "=", "confirmed")])
            )
            for booking in bookings:
                wanted = {
                    "start": booking.start,
                    "stop": booking.stop,
                    "location": booking.venue_id.name,
                }
                for name in moved:
                    value = vals[name]
                    if name in ("start", "stop"):
                        value = fields.Datetime.to_datetime(value)
                    if value != wanted[name]:
                        raise UserError(
                            self.env._(
                                "The meeting %(meeting)s takes its venue and time from its "
                                "booking: change or cancel the booking instead.",
                                meeting=booking.meeting_id.name,
                            )
                        )
        return super().write(vals)

    def action_cancel(self):
        res = super().action_cancel()
        # the venue is free again when the meeting is called off
        bookings = self.venue_booking_ids.filtered(lambda b: b.state == "confirmed")
        if bookings:
            bookings.action_cancel()
        return res

    def action_book_venue(self):
        self._party_check_manage()
        self.ensure_one()
        if self.state != "planned":
            raise UserError(self.env._("Only a planned meeting takes a venue booking."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Book a Venue"),
            "res_model": "party.venue.booking",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_meeting_id": self.id,
                "default_organization_id": self.organization_id.id,
                "default_start": fields.Datetime.to_string(self.start),
                "default_stop": fields.Datetime.to_string(self.stop),
                "default_attendee_count": max(self.expected_count, 1),
                "default_purpose": self.name,
            },
        }
