from datetime import timedelta

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyVenueCase, at


@tagged("post_install", "-at_install")
class TestBooking(PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.Booking.create(
            {"venue_id": cls.room.id, "organization_id": cls.branch_a.id,
             "start": at(cls.day, 9), "stop": at(cls.day, 10), "attendee_count": 10}
        )  # fmt: skip

    def test_touching_bookings_do_not_clash(self):
        before = self._book(self.room, at(self.day, 8), at(self.day, 9))
        after = self._book(self.room, at(self.day, 10), at(self.day, 11))
        self.assertEqual((before | after).mapped("state"), ["confirmed", "confirmed"])

    def test_one_minute_overlap_refused(self):
        with self.assertRaisesRegex(ValidationError, "already booked from .* 09:00 to .* 10:00"):
            self._book(self.room, at(self.day, 9, 59), at(self.day, 11))
        with self.assertRaisesRegex(ValidationError, "already booked"):
            self._book(self.room, at(self.day, 8), at(self.day, 9, 1))
        self.assertEqual(self.Booking.search_count([("venue_id", "=", self.room.id)]), 1)

    def test_clash_is_told_in_the_local_time_of_the_user(self):
        """The clash message reads in the caller's time zone, and a Party user without
        one reads the company's Party time zone (issue 21, item 7: "06:30" for a slot
        entered at 14:30)."""
        self.env.company.party_tz = "Asia/Shanghai"
        for tz in ("Asia/Shanghai", False):
            with self.subTest(user_tz=tz):
                self.officer_a.tz = tz
                context = dict(self.env["res.users"].with_user(self.officer_a).context_get())
                Booking = self.env(user=self.officer_a, context=context)["party.venue.booking"]
                with self.assertRaisesRegex(
                    ValidationError, "already booked from .* 17:00 to .* 18:00"
                ):
                    Booking.create(
                        {"venue_id": self.room.id, "organization_id": self.branch_a.id,
                         "start": at(self.day, 9, 30), "stop": at(self.day, 10, 30),
                         "attendee_count": 10}
                    )  # fmt: skip

    def test_moving_a_booking_onto_another_refused(self):
        second = self._book(self.room, at(self.day, 10), at(self.day, 11))
        with self.assertRaisesRegex(ValidationError, "already booked"):
            second.write({"start": at(self.day, 9, 30)})
        second.write({"start": at(self.day, 10, 30)})  # moving inside its own slot is fine

    def test_other_venue_same_time_is_free(self):
        self._book(self.hall, at(self.day, 9), at(self.day, 10))

    def test_across_midnight(self):
        """A venue open round the clock takes a booking from 22:00 to 01:00; one from
        00:30 the next day clashes with it, one from 01:00 does not."""
        night = self._book(self.hall, at(self.day, 22), at(self.day + timedelta(days=1), 1))
        self.assertAlmostEqual(night.duration, 3.0)
        with self.assertRaisesRegex(ValidationError, "already booked"):
            self._book(self.hall, at(self.day + timedelta(days=1), 0, 30),
                       at(self.day + timedelta(days=1), 2))  # fmt: skip
        self._book(self.hall, at(self.day + timedelta(days=1), 1),
                   at(self.day + timedelta(days=1), 2))  # fmt: skip

    def test_across_midnight_outside_opening_hours_refused(self):
        with self.assertRaisesRegex(ValidationError, "not open the whole time"):
            self._book(self.room, at(self.day, 21), at(self.day + timedelta(days=1), 1))

    def test_outside_opening_hours_refused(self):
        with self.assertRaisesRegex(ValidationError, "not open the whole time"):
            self._book(self.room, at(self.day, 7, 59), at(self.day, 8, 30))
        with self.assertRaisesRegex(ValidationError, "not open the whole time"):
            self._book(self.room, at(self.day, 21), at(self.day, 22, 1))
        self._book(self.room, at(self.day, 21), at(self.day, 22))  # up to closing time

    def test_over_capacity_refused(self):
        with self.assertRaisesRegex(ValidationError, "seats 30 people: a booking for 31"):
            self._book(self.room, at(self.day, 12), at(self.day, 13), attendee_count=31)
        self._book(self.room, at(self.day, 12), at(self.day, 13), attendee_count=30)

    def test_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends after it starts"):
            self._book(self.room, at(self.day, 13), at(self.day, 12))

    def test_batch_clashing_with_itself_refused(self):
        with self.assertRaisesRegex(ValidationError, "already booked"):
            self.Booking.create(
                [
                    {"venue_id": self.hall.id, "organization_id": self.branch_a.id,
                     "start": at(self.day, 12), "stop": at(self.day, 14)},
                    {"venue_id": self.hall.id, "organization_id": self.branch_a.id,
                     "start": at(self.day, 13), "stop": at(self.day, 15)},
                ]
            )  # fmt: skip

    def test_cancelled_booking_frees_the_slot(self):
        self.first.with_user(self.officer_a).action_cancel()
        self._book(self.room, at(self.day, 9), at(self.day, 10))

    @mute_logger("odoo.sql_db")
    def test_database_refuses_an_overlap(self):
        """Two transactions saving at the same moment: the exclusion constraint decides."""
        with self.assertRaises(psycopg2.errors.ExclusionViolation), self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO party_venue_booking (venue_id, organization_id, start, stop, "
                "attendee_count, state) VALUES (%s, %s, %s, %s, 1, 'confirmed')",
                (self.room.id, self.branch_a.id, at(self.day, 9, 30), at(self.day, 9, 45)),
            )

    def test_officer_books_and_sees_others_busy_slots(self):
        """Officer B sees Branch A's booking (the slot is busy) and books another slot of
        the room, which Branch A shares with Branch B."""
        self.room.organization_ids |= self.branch_b
        self.assertIn(self.first, self.Booking.with_user(self.officer_b).search([]))
        with self.assertRaisesRegex(ValidationError, "already booked"):
            self._book(self.room, at(self.day, 9), at(self.day, 10), user=self.officer_b,
                       organization_id=self.branch_b.id)  # fmt: skip
        self._book(self.room, at(self.day, 10), at(self.day, 11), user=self.officer_b,
                   organization_id=self.branch_b.id)  # fmt: skip


@tagged("post_install", "-at_install")
class TestMeetingBooking(PartyVenueCase):
    def _meeting(self, start):
        return self.env["party.meeting"].create(
            {"organization_id": self.branch_a.id, "meeting_type": "branch_assembly",
             "start": start, "stop": start + timedelta(hours=1)}
        )  # fmt: skip

    def test_meeting_takes_venue_and_time_from_its_booking(self):
        meeting = self._meeting(at(self.day, 9)).with_user(self.officer_a)
        action = meeting.action_book_venue()
        context = dict(action["context"], default_venue_id=self.room.id)
        booking = (
            self.Booking.with_user(self.officer_a)
            .with_context(**context)
            .create({"start": at(self.day, 14), "stop": at(self.day, 15, 30)})
        )
        self.assertEqual(booking.meeting_id, meeting)
        self.assertEqual(meeting.venue_id, self.room)
        self.assertEqual(meeting.location, "Room A")
        self.assertEqual((meeting.start, meeting.stop), (at(self.day, 14), at(self.day, 15, 30)))
        booking.write({"start": at(self.day, 15)})
        self.assertEqual(meeting.start, at(self.day, 15))
        with self.assertRaisesRegex(UserError, "takes its venue and time from its booking"):
            meeting.write({"start": at(self.day, 16)})

    def test_one_booking_per_meeting(self):
        meeting = self._meeting(at(self.day, 9))
        self._book(self.room, at(self.day, 9), at(self.day, 10), meeting_id=meeting.id)
        with self.assertRaisesRegex(ValidationError, "one venue booking"):
            self._book(self.hall, at(self.day, 9), at(self.day, 10), meeting_id=meeting.id)

    def test_meeting_of_another_organisation_refused(self):
        meeting = self._meeting(at(self.day, 9))
        self.room.organization_ids |= self.branch_b  # the room serves both branches
        with self.assertRaisesRegex(ValidationError, "meeting's organisation"):
            self._book(self.room, at(self.day, 9), at(self.day, 10), meeting_id=meeting.id,
                       organization_id=self.branch_b.id)  # fmt: skip

    def test_cancelled_meeting_frees_the_venue(self):
        meeting = self._meeting(at(self.day, 9))
        booking = self._book(self.room, at(self.day, 9), at(self.day, 10), meeting_id=meeting.id)
        meeting.with_user(self.officer_a).action_cancel()
        self.assertEqual(booking.state, "cancelled")
        self._book(self.room, at(self.day, 9), at(self.day, 10))


@tagged("post_install", "-at_install")
class TestUtilisation(PartyVenueCase):
    def test_booked_hours_over_opening_hours(self):
        """One week of a venue open 14 hours a day: 98 opening hours; 7 hours booked,
        the booking after the period does not count: 7 / 98 = 7.1 %."""
        monday = self.day
        self._book(self.room, at(monday, 9), at(monday, 12))  # 3 h
        self._book(
            self.room, at(monday + timedelta(days=2), 14), at(monday + timedelta(days=2), 16)
        )
        self._book(
            self.room, at(monday + timedelta(days=6), 20), at(monday + timedelta(days=6), 22)
        )
        self._book(self.room, at(monday + timedelta(days=7), 9), at(monday + timedelta(days=7), 10))
        booked, opening, rate = self.room._utilisation(monday, monday + timedelta(days=7))[
            self.room.id
        ]
        self.assertEqual((booked, opening, rate), (7.0, 98.0, 7.1))

    def test_under_used_venue_listed(self):
        self.env.company.party_venue_min_utilisation = 10.0
        underused = self.Venue.search([("is_underused", "=", True)])
        self.assertIn(self.room, underused)
        self.env.company.party_venue_min_utilisation = 0.0
        self.assertNotIn(self.room, self.Venue.search([("is_underused", "=", True)]))
