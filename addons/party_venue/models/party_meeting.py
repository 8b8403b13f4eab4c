"""What party_venue adds to party_life's meetings: the venue booking.

A meeting booked in a venue takes its place and time from the booking: its
start, end and location are computed from its confirmed booking (stored, so
that lists, the calendar and the findings read them as before) and are changed
by changing the booking; written on the meeting while it is booked, they are
refused with a message that says so (their inverse). Without a booking, or once
the booking is cancelled, they are the meeting's own again.
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
    # with a confirmed booking: the booking's; without: the meeting's own (the computes
    # leave them as they are)
    start = fields.Datetime(
        compute="_compute_start", inverse="_inverse_booked_time_place", store=True,
        readonly=False, precompute=True,
    )  # fmt: skip
    stop = fields.Datetime(inverse="_inverse_booked_time_place")
    location = fields.Char(
        compute="_compute_location", inverse="_inverse_booked_time_place", store=True,
        readonly=False,
    )  # fmt: skip

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

    def _party_confirmed_bookings(self):
        """{meeting id: its confirmed booking}, read as superuser (members read their
        meetings, not the bookings); nothing to read for a meeting being created."""
        booked = {}
        for meeting in self.sudo():
            booking = meeting.venue_booking_ids.filtered(lambda b: b.state == "confirmed")[:1]
            if booking:
                booked[meeting.id] = booking
        return booked

    @api.depends("venue_booking_ids.state", "venue_booking_ids.start")
    def _compute_start(self):
        booked = self._party_confirmed_bookings()
        for meeting in self:
            if booking := booked.get(meeting.id):
                meeting.start = booking.start

    @api.depends("start", "venue_booking_ids.state", "venue_booking_ids.stop")
    def _compute_stop(self):
        booked = self._party_confirmed_bookings()
        own = self.filtered(lambda m: m.id not in booked)
        for meeting in self - own:
            meeting.stop = booked[meeting.id].stop
        return super(PartyMeeting, own)._compute_stop()

    @api.depends("venue_booking_ids.state", "venue_booking_ids.venue_id")
    def _compute_location(self):
        booked = self._party_confirmed_bookings()
        for meeting in self:
            if booking := booked.get(meeting.id):
                meeting.location = booking.venue_id.name

    def _inverse_booked_time_place(self):
        """A booked meeting's time and place are its booking's: another value written on
        the meeting is refused (change or cancel the booking instead)."""
        booked = self._party_confirmed_bookings()
        for meeting in self:
            booking = booked.get(meeting.id)
            if booking and (
                meeting.start != booking.start
                or meeting.stop != booking.stop
                or (meeting.location or False) != (booking.venue_id.name or False)
            ):
                raise UserError(
                    self.env._(
                        "The meeting %(meeting)s takes its venue and time from its "
                        "booking: change or cancel the booking instead.",
                        meeting=meeting.name,
                    )
                )

    def _party_booking_moved(self):
        """The booking of these meetings was made, moved or cancelled: the computed time
        and place changed, and the calendar events follow (as after a write)."""
        if not self._party_no_calendar():
            self._sync_calendar_event()

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
