"""Bookings of a venue: a time slot for an organisation, often for a meeting.

A booking is refused, with a message saying why and nothing written, when it
overlaps another confirmed booking of the venue (to the minute: a booking that
ends at 10:00 and one that starts at 10:00 do not clash), lies outside the
venue's opening hours, or brings more people than the venue seats.

Overlaps are a rule of the database: a GiST exclusion constraint on the
booking's time range (``tsrange(start, stop, '[)')``, half-open, so touching
bookings pass) per venue refuses the second of two bookings saved at the same
moment. The Python check runs first, before the insert, and gives the message
with the clashing times; it looks the clash up through the constraint's own
index, so it stays fast whatever the number of bookings.

A booking is made for today or later, and a booking that started before today is
its record: its venue and times do not change. Bookings of the last quarter are
what the ``venue_unused`` finding reads; one made afterwards for a past day, or a
past booking moved to another venue, would clear it.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

BOOKING_STATES = [("confirmed", "Confirmed"), ("cancelled", "Cancelled")]
# opening hours that end at 24:00 end at 23:59:59.999999 in Odoo's calendars: gaps this
# small between two opening intervals are no gap (a venue open through midnight)
MIDNIGHT_GAP = timedelta(seconds=1)


class PartyVenueBooking(models.Model):
    _name = "party.venue.booking"
    _description = "Venue Booking"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "start desc, id desc"
    _check_company_auto = True

    _party_location_fields = ("venue_id", "meeting_id")
    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "action_cancel": "_party_check_cancel: officer of the booking's organisation, or of "
        "the venue's organisation (who runs the venue)",
    }

    name = fields.Char(compute="_compute_name", store=True)
    venue_id = fields.Many2one(
        "party.venue", required=True, index=True, check_company=True, tracking=True
    )
    organization_id = fields.Many2one(
        "party.organization", string="Booked For", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    start = fields.Datetime(required=True, index=True, tracking=True)
    stop = fields.Datetime(required=True, tracking=True)
    duration = fields.Float(compute="_compute_duration", store=True, string="Hours")
    attendee_count = fields.Integer(string="Attendees", default=1)
    purpose = fields.Char()
    meeting_id = fields.Many2one(
        "party.meeting", index="btree_not_null", check_company=True, tracking=True
    )
    user_id = fields.Many2one("res.users", string="Booked By", default=lambda self: self.env.user)
    state = fields.Selection(BOOKING_STATES, default="confirmed", required=True, tracking=True)

    _sql_constraints = [
        (
            "no_overlap",
            "EXCLUDE USING gist (venue_id WITH =, tsrange(start, stop, '[)') WITH &&) "
            "WHERE (state = 'confirmed')",
            "The venue is already booked at that time: pick a free slot.",
        ),
        (
            "one_booking_per_meeting",
            "EXCLUDE USING btree (meeting_id WITH =) "
            "WHERE (state = 'confirmed' AND meeting_id IS NOT NULL)",
            "A meeting has one venue booking: cancel the other one first.",
        ),
        ("stop_after_start", "CHECK (stop > start)", "A booking ends after it starts."),
        ("attendees_positive", "CHECK (attendee_count >= 0)", "Attendees cannot be negative."),
    ]

    def init(self):
        res = super().init()
        # integer equality inside the GiST exclusion constraint (party_branch's pre-init
        # hook creates it in a new database)
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return res

    @api.depends("venue_id", "start")
    def _compute_name(self):
        for booking in self:
            when = (
                fields.Datetime.context_timestamp(booking, booking.start).strftime("%Y-%m-%d %H:%M")
                if booking.start
                else ""
            )
            booking.name = f"{booking.venue_id.name or ''} {when}".strip()

    @api.depends("start", "stop")
    def _compute_duration(self):
        for booking in self:
            if booking.start and booking.stop:
                booking.duration = (booking.stop - booking.start).total_seconds() / 3600.0
            else:
                booking.duration = 0.0

    @api.onchange("meeting_id")
    def _onchange_meeting_id(self):
        meeting = self.meeting_id
        if meeting:
            self.organization_id = meeting.organization_id
            self.start, self.stop = meeting.start, meeting.stop
            self.attendee_count = max(meeting.expected_count, 1)

    # ------------------------------------------------------------ the rules

    def _fmt(self, value):
        return fields.Datetime.context_timestamp(self, value).strftime("%Y-%m-%d %H:%M")

    @api.model
    def _validate_slots(self, slots):
        """Refuse bookings that break a rule, before anything is written.

        ``slots``: [(booking id or None, venue, start, stop, attendees)] of the bookings
        to be confirmed. One query finds the clashes of all slots with the confirmed
        bookings of their venues (through the exclusion constraint's GiST index);
        slots of the same batch are compared with each other here.
        """
        for __, venue, start, stop, attendees in slots:
            if not start or not stop or stop <= start:
                raise ValidationError(self.env._("A booking ends after it starts."))
            if attendees < 0:
                raise ValidationError(self.env._("Attendees cannot be negative."))
            if attendees > venue.capacity:
                raise ValidationError(
                    self.env._(
                        "%(venue)s seats %(capacity)s people: a booking for %(count)s is over "
                        "its capacity. Book a larger venue.",
                        venue=venue.name,
                        capacity=venue.capacity,
                        count=attendees,
                    )
                )
        self._check_opening_hours(slots)
        # the batch against itself
        by_venue = defaultdict(list)
        for slot in slots:
            by_venue[slot[1].id].append(slot)
        for venue_slots in by_venue.values():
            venue_slots.sort(key=lambda s: s[2])
            for first, second in zip(venue_slots, venue_slots[1:], strict=False):
                if second[2] < first[3]:
                    self._raise_clash(second[1], second[2], second[3], first[2], first[3])
        # the batch against the database
        self.flush_model(["venue_id", "start", "stop", "state"])
        own = [slot[0] for slot in slots if slot[0]]
        self.env.cr.execute(
            SQL(
                """
            SELECT s.venue_id, s.start, s.stop, b.start, b.stop
              FROM unnest(%(venues)s::int[], %(starts)s::timestamp[], %(stops)s::timestamp[])
                   AS s(venue_id, start, stop)
              JOIN party_venue_booking b
                ON b.venue_id = s.venue_id
               AND b.state = 'confirmed'
               AND tsrange(b.start, b.stop, '[)') && tsrange(s.start, s.stop, '[)')
             WHERE b.id != ALL(%(own)s::int[])
             LIMIT 1
                """,
                venues=[slot[1].id for slot in slots],
                starts=[slot[2] for slot in slots],
                stops=[slot[3] for slot in slots],
                own=own,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            venue = self.env["party.venue"].browse(row[0])
            self._raise_clash(venue, *row[1:])

    def _raise_clash(self, venue, start, stop, other_start, other_stop):
        # the other booking's times only: who booked it is not the caller's business
        raise ValidationError(
            self.env._(
                "%(venue)s is already booked from %(other_start)s to %(other_stop)s: the "
                "booking from %(start)s to %(stop)s overlaps it. Pick a free slot.",
                venue=venue.sudo().name,
                other_start=self._fmt(other_start),
                other_stop=self._fmt(other_stop),
                start=self._fmt(start),
                stop=self._fmt(stop),
            )
        )

    @api.model
    def _check_opening_hours(self, slots):
        """Every slot lies inside one stretch of its venue's opening hours (its
        calendar, public holidays of the calendar closed). One computation of the
        opening hours per calendar, over the slots' whole span."""
        by_calendar = defaultdict(list)
        for slot in slots:
            by_calendar[slot[1].sudo().resource_calendar_id].append(slot)
        for calendar, cal_slots in by_calendar.items():
            start = min(s[2] for s in cal_slots).replace(tzinfo=pytz.utc)
            stop = max(s[3] for s in cal_slots).replace(tzinfo=pytz.utc)
            intervals = calendar._work_intervals_batch(
                start - timedelta(days=1), stop + timedelta(days=1)
            )[False]
            stretches = []
            for a, b, __ in intervals:
                a, b = a.astimezone(pytz.utc), b.astimezone(pytz.utc)
                if stretches and a - stretches[-1][1] <= MIDNIGHT_GAP:
                    stretches[-1][1] = max(stretches[-1][1], b)
                else:
                    stretches.append([a, b])
            for __, venue, s_start, s_stop, __count in cal_slots:
                a = s_start.replace(tzinfo=pytz.utc)
                b = s_stop.replace(tzinfo=pytz.utc)
                if not any(
                    o_start <= a and b <= o_stop + MIDNIGHT_GAP for o_start, o_stop in stretches
                ):
                    raise ValidationError(
                        self.env._(
                            "%(venue)s is not open the whole time from %(start)s to %(stop)s "
                            "(opening hours: %(hours)s). Book inside its opening hours.",
                            venue=venue.sudo().name,
                            start=self._fmt(s_start),
                            stop=self._fmt(s_stop),
                            hours=calendar.name,
                        )
                    )

    @api.model
    def _today_start(self):
        """The start of the caller's day (their user's time zone, not the client's
        context), naive UTC as bookings are stored."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        today = datetime.now(tz).date()
        return (
            tz.localize(datetime.combine(today, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        )

    def _check_not_past(self, starts):
        """Bookings are made for today or later, and one that started before today keeps
        its venue and times (``starts``: the new starts; ``self``: the bookings moved)."""
        bound = self._today_start()
        if any(b.start and b.start < bound for b in self) or any(
            start and start < bound for start in starts
        ):
            raise ValidationError(
                self.env._(
                    "A booking is made for today or later, and one that started in the past "
                    "keeps its venue and times: the bookings of the last quarter show whether "
                    "a venue is used."
                )
            )

    def _slot(self, vals=None):
        vals = vals or {}
        venue = (
            self.env["party.venue"].browse(vals["venue_id"])
            if vals.get("venue_id")
            else self.venue_id
        )
        start = fields.Datetime.to_datetime(vals["start"]) if "start" in vals else self.start
        stop = fields.Datetime.to_datetime(vals["stop"]) if "stop" in vals else self.stop
        count = vals["attendee_count"] if "attendee_count" in vals else self.attendee_count
        return (self.id or None, venue, start, stop, count or 0)

    @api.model
    def _check_served(self, pairs):
        """A venue is booked by the organisations it serves (the one that runs it, those
        it serves, and those below them): ``pairs`` [(venue id, organisation id)].

        Runs after the access guard, so the organisation named is one the caller manages.
        """
        pairs = [(venue_id, org_id) for venue_id, org_id in pairs if venue_id and org_id]
        if not pairs:
            return
        venues = self.env["party.venue"].sudo().browse({venue_id for venue_id, __ in pairs})
        orgs = self.env["party.organization"].sudo().browse({org_id for __, org_id in pairs})
        served = {
            venue.id: tuple(
                path
                for path in (venue.organization_id | venue.organization_ids).mapped("parent_path")
                if path
            )
            for venue in venues
        }
        paths = {org.id: org.parent_path or "" for org in orgs}
        for venue_id, org_id in pairs:
            if not (served[venue_id] and paths[org_id].startswith(served[venue_id])):
                raise ValidationError(
                    self.env._(
                        "The venue does not serve %(org)s: a venue is booked by the "
                        "organisation that runs it, the organisations it serves and those "
                        "below them. Ask the venue's organisation to add yours to the "
                        "organisations it serves, or book another venue.",
                        org=orgs.browse(org_id).name,
                    )
                )

    @api.model
    def _check_meetings(self, pairs):
        """A booking for a meeting: same organisation, a planned meeting the caller may
        change, one confirmed booking per meeting."""
        meeting_ids = {meeting_id for meeting_id, __, __ in pairs if meeting_id}
        if not meeting_ids:
            return
        meetings = self.env["party.meeting"].browse(meeting_ids)
        meetings.check_access("write")
        for meeting_id, org_id, __ in pairs:
            if not meeting_id:
                continue
            meeting = meetings.browse(meeting_id)
            if meeting.organization_id.id != org_id:
                raise ValidationError(
                    self.env._("A meeting's venue is booked for the meeting's organisation.")
                )
            if meeting.state != "planned":
                raise ValidationError(self.env._("Only a planned meeting takes a venue booking."))
        taken = self.sudo().search(
            [
                ("meeting_id", "in", list(meeting_ids)),
                ("state", "=", "confirmed"),
                ("id", "not in", [own for __, __, own in pairs if own]),
            ],
            limit=1,
        )
        if taken or len(meeting_ids) < len([p for p in pairs if p[0]]):
            raise ValidationError(
                self.env._("A meeting has one venue booking: cancel the other one first.")
            )

    # ------------------------------------------------------------ CRUD

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        # the defaults (a booking opened from a meeting gets them from the context) are
        # part of what is checked
        vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
        for vals in vals_list:
            if (vals.get("state") or "confirmed") == "confirmed" and "attendee_count" not in vals:
                vals["attendee_count"] = 1
        return vals_list

    def _party_validate_create(self, vals_list):
        """The rules, after the guard (the organisation is one the caller manages)."""
        slots, pairs = [], []
        for vals in vals_list:
            if not vals.get("venue_id"):
                raise ValidationError(self.env._("A booking needs a venue."))
            if (vals.get("state") or "confirmed") == "confirmed":
                slots.append(self.browse()._slot(vals))
            pairs.append((vals.get("meeting_id"), vals.get("organization_id"), None))
        if not self._party_trusted():
            self.browse()._check_not_past(
                [fields.Datetime.to_datetime(vals.get("start")) for vals in vals_list]
            )
        self._check_served(
            [(vals.get("venue_id"), vals.get("organization_id")) for vals in vals_list]
        )
        if slots:
            self._validate_slots(slots)
        self._check_meetings(pairs)
        return super()._party_validate_create(vals_list)

    def _party_after_create(self, vals_list):
        self._party_meetings_moved()
        return super()._party_after_create(vals_list)

    def _party_validate_write(self, vals):
        if not self._party_trusted():
            # the record rules first: the rules below read the bookings' values
            self.check_access("write")
            if {"venue_id", "start", "stop"} & set(vals):
                self._check_not_past([fields.Datetime.to_datetime(vals.get("start"))])
        if {"venue_id", "organization_id"} & set(vals):
            self._check_served(
                [
                    (
                        vals.get("venue_id", b.venue_id.id),
                        vals.get("organization_id", b.organization_id.id),
                    )
                    for b in self
                ]
            )
        keys = {"venue_id", "start", "stop", "attendee_count", "state"}
        if keys & set(vals):
            slots = [
                booking._slot(vals)
                for booking in self
                if vals.get("state", booking.state) == "confirmed"
            ]
            if slots:
                self._validate_slots(slots)
        if {"meeting_id", "organization_id", "state"} & set(vals):
            self._check_meetings(
                [
                    (
                        vals.get("meeting_id", b.meeting_id.id),
                        vals.get("organization_id", b.organization_id.id),
                        b.id,
                    )
                    for b in self
                    if vals.get("state", b.state) == "confirmed"
                ]
            )
        return super()._party_validate_write(vals)

    def _party_after_write(self, vals, before):
        if {"venue_id", "start", "stop", "meeting_id", "state"} & set(vals):
            self._party_meetings_moved()
        return super()._party_after_write(vals, before)

    def _party_meetings_moved(self):
        """The meetings of these bookings take their time and place from them (computed
        fields of party.meeting): their calendar events follow."""
        meetings = self.sudo().filtered(lambda b: b.state == "confirmed").meeting_id
        if meetings:
            meetings.with_env(self.env)._party_booking_moved()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if any(b.state == "confirmed" and b.meeting_id.state == "held" for b in self):
            raise UserError(
                self.env._("The booking of a held meeting is its record: it is not deleted.")
            )

    # ------------------------------------------------------------ actions

    def _party_check_cancel(self):
        """Who may cancel: an officer of the booking's organisation, or of the venue's
        (who runs the venue and frees it for its own organisations)."""
        if self.env.su:
            return
        self.browse().check_access("write")
        self.check_access("read")
        bookings = self.sudo()
        managed = self._party_managed(bookings.organization_id | bookings.venue_id.organization_id)
        outside = bookings.filtered(
            lambda b: b.organization_id not in managed and b.venue_id.organization_id not in managed
        )
        if outside:
            self._party_check_organizations(outside.organization_id)

    def action_cancel(self):
        self._party_check_cancel()
        if any(b.meeting_id.state == "held" for b in self.sudo()):
            raise UserError(self.env._("The booking of a held meeting is not cancelled."))
        # the venue's officers may not write the bookings of the organisations it serves
        # (record rules): the cancellation is written as superuser, after the check
        self.sudo()._party_action_write({"state": "cancelled"})
        return True
