"""One owner for a booked meeting's time and place: its booking.

The meeting's start, end and location are computed from its confirmed booking
(stored) and refused on the meeting while the booking stands (their inverse);
nothing writes them back from the booking.
"""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyVenueCase, at


@tagged("post_install", "-at_install")
class TestBookedMeetingTimeAndPlace(PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = at(cls.day, 9)
        cls.meeting = cls.env["party.meeting"].create(
            {"organization_id": cls.branch_a.id, "meeting_type": "branch_assembly",
             "start": start, "stop": start + timedelta(hours=1), "location": "Canteen"}
        )  # fmt: skip

    def _booked(self):
        return self._book(
            self.room, at(self.day, 14), at(self.day, 15, 30), meeting_id=self.meeting.id
        )

    def test_meeting_reads_time_and_place_from_its_booking(self):
        self._booked()
        self.assertEqual(
            (self.meeting.start, self.meeting.stop, self.meeting.location),
            (at(self.day, 14), at(self.day, 15, 30), "Room A"),
        )

    def test_booking_moved_to_another_venue_moves_the_meeting(self):
        booking = self._booked()
        booking.with_user(self.officer_a).write(
            {"venue_id": self.hall.id, "start": at(self.day, 16), "stop": at(self.day, 17)}
        )
        self.assertEqual(
            (self.meeting.start, self.meeting.stop, self.meeting.location),
            (at(self.day, 16), at(self.day, 17), self.hall.name),
        )

    def test_other_time_or_place_written_on_the_meeting_refused(self):
        self._booked()
        for vals in (
            {"start": "2099-01-01 09:00:00"},
            {"stop": "2099-01-01 10:00:00"},
            {"location": "Elsewhere"},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "takes its venue and time from its booking"),
            ):
                rpc(self.env, self.officer_a, "party.meeting", "write", vals,
                    ids=self.meeting.ids)  # fmt: skip
        self.assertEqual(self.meeting.start, at(self.day, 14))

    def test_the_booking_s_own_values_written_on_the_meeting_pass(self):
        """A form saved with the values it shows is no edit."""
        self._booked()
        rpc(self.env, self.officer_a, "party.meeting", "write",
            {"start": "%s" % at(self.day, 14), "location": "Room A", "name": "Renamed"},
            ids=self.meeting.ids)  # fmt: skip
        self.assertEqual(self.meeting.name, "Renamed")

    def test_cancelled_booking_gives_the_meeting_its_time_back(self):
        booking = self._booked()
        booking.with_user(self.officer_a).action_cancel()
        self.assertEqual(self.meeting.start, at(self.day, 14))  # kept as it was
        rpc(self.env, self.officer_a, "party.meeting", "write",
            {"start": "%s" % at(self.day, 10), "location": "Canteen"},
            ids=self.meeting.ids)  # fmt: skip
        self.assertEqual((self.meeting.start, self.meeting.location), (at(self.day, 10), "Canteen"))

    def test_calendar_event_follows_the_booking(self):
        booking = self._booked()
        booking.with_user(self.officer_a).write({"start": at(self.day, 13)})
        event = self.meeting.calendar_event_id
        self.assertEqual((event.start, event.location), (at(self.day, 13), "Room A"))
