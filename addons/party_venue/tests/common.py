"""Shared setup of the party_venue tests: the tree of PartyBranchCase, two opening-hours
calendars (08:00–22:00 every day; round the clock) and two venues of Branch A.

Times are UTC (the calendars' time zone and the tests' context)."""

from datetime import datetime, timedelta

from odoo.addons.party_branch.tests.common import PartyBranchCase


def at(day, hour, minute=0):
    """``day`` (a date) at ``hour:minute``, naive UTC as Odoo stores it."""
    return datetime(day.year, day.month, day.day) + timedelta(hours=hour, minutes=minute)


class PartyVenueCase(PartyBranchCase):
    compliance_codes = None  # every check, party_venue's included

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Venue = cls.env["party.venue"]
        cls.Booking = cls.env["party.venue.booking"]
        cls.Project = cls.env["party.venue.project"]
        cls.day_hours = cls._calendar("Venue Test 08–22", 8, 22)
        cls.all_hours = cls._calendar("Venue Test 24h", 0, 24)
        cls.room = cls._venue("Room A", capacity=30, area=80.0)
        cls.hall = cls._venue(
            "Hall A", venue_type="service_center", capacity=100, area=300.0,
            resource_calendar_id=cls.all_hours.id, street="1 River Road", city="Chulan",
            sharing_reason="Test hall",
        )  # fmt: skip
        # a Monday, a fortnight ahead: the tests book in the future
        today = cls.today
        cls.day = today + timedelta(days=14 - today.weekday())

    @classmethod
    def _calendar(cls, name, hour_from, hour_to):
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": "UTC",
                "attendance_ids": [
                    (0, 0, {"name": f"{day}", "dayofweek": str(day), "hour_from": hour_from,
                            "hour_to": hour_to, "day_period": "morning"})
                    for day in range(7)
                ],
            }
        )  # fmt: skip

    @classmethod
    def _venue(cls, name, org=None, **vals):
        org = org or cls.branch_a
        values = {
            "name": name,
            "venue_type": "activity_room",
            "organization_id": org.id,
            "organization_ids": [(6, 0, org.ids)],
            "resource_calendar_id": cls.day_hours.id,
            "capacity": 30,
        }
        values.update(vals)
        return cls.env["party.venue"].create(values)

    def _book(self, venue, start, stop, user=None, **vals):
        env = self.env(user=user) if user else self.env
        values = {
            "venue_id": venue.id,
            "organization_id": self.branch_a.id,
            "start": start,
            "stop": stop,
            "attendee_count": 10,
        }
        values.update(vals)
        return env["party.venue.booking"].create(values)
