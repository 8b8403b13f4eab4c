"""Property tests: random and hostile values on bookings and commitments, through the
RPC dispatch (docs/security.md, rule 6). The answer is a result or a clear user
error, never a server error, and a refused call writes nothing."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import tagged

from odoo.addons.party_branch.tests.hostile import EXAMPLES, HostileCalls, junk

from .common import PartyVenueCase, at


@tagged("post_install", "-at_install")
class TestVenueHostileValues(HostileCalls, PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.Project.create(
            {"name": "Hostile", "venue_id": cls.room.id, "organization_id": cls.branch_a.id,
             "budget": 500.0}
        )  # fmt: skip
        cls.project.action_approve()

    def _counts(self):
        return (
            self.Booking.sudo().search_count([]),
            self.env["party.venue.project.commitment"].sudo().search_count([]),
        )

    @EXAMPLES
    @given(
        hour=st.one_of(st.integers(min_value=0, max_value=23), junk),
        minutes=st.one_of(st.integers(min_value=-120, max_value=900), junk),
        attendees=st.one_of(st.integers(min_value=-5, max_value=60), junk),
        venue=st.one_of(st.sampled_from(["room", "hall"]), junk),
    )
    def test_booking(self, hour, minutes, attendees, venue):
        venues = {"room": self.room.id, "hall": self.hall.id}
        venue_id = venues[venue] if isinstance(venue, str) and venue in venues else venue
        start = at(self.day, hour) if isinstance(hour, int) and 0 <= hour <= 23 else hour
        stop = (
            start + timedelta(minutes=minutes)
            if isinstance(start, datetime) and isinstance(minutes, int)
            and not isinstance(minutes, bool)
            else minutes
        )  # fmt: skip
        vals = {"venue_id": venue_id, "organization_id": self.branch_a.id, "start": start,
                "stop": stop, "attendee_count": attendees}  # fmt: skip
        outcome = self._call("party.venue.booking", "create", [vals])
        if outcome == "ok":
            self.assertIn(venue_id, (self.room.id, self.hall.id))
            self.assertGreater(stop, start)
            capacity = self.room.capacity if venue_id == self.room.id else self.hall.capacity
            self.assertLessEqual(attendees, capacity)

    @EXAMPLES
    @given(amount=st.one_of(st.floats(allow_nan=True, allow_infinity=True), junk))
    def test_commitment(self, amount):
        vals = {"project_id": self.project.id, "name": "Works", "amount": amount}
        outcome = self._call("party.venue.project.commitment", "create", [vals])
        if outcome == "ok":
            self.assertTrue(0 < amount <= 500.0)
