"""Browser tour: an officer books a venue for a meeting, sees the clash with another
booking, picks a free slot, and the meeting shows the venue."""

from datetime import datetime

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyTourCase, appoint_secretary


@tagged("post_install", "-at_install")
class TestBookingTour(PartyTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._tour_user("pvt_officer")
        Org = cls.env["party.organization"]
        cls.branch = Org.create(
            {"name": "Venue Tour Branch", "code": "PVT-B1", "org_type": "branch"}
        )
        cls.other = Org.create({"name": "Venue Tour Other", "code": "PVT-B2", "org_type": "branch"})
        secretary = cls.env["party.member"].create(
            {"name": "Venue Tour Secretary", "user_id": cls.officer.id,
             "organization_id": cls.branch.id, "member_category": "full",
             "join_date": "2010-03-01", "full_date": "2011-03-01"}
        )  # fmt: skip
        appoint_secretary(cls.env, cls.branch, secretary, "2024-01-01")
        calendar = cls.env["resource.calendar"].create(
            {"name": "Tour 24h", "tz": "UTC",
             "attendance_ids": [(0, 0, {"name": str(d), "dayofweek": str(d), "hour_from": 0,
                                        "hour_to": 24, "day_period": "morning"})
                                for d in range(7)]}
        )  # fmt: skip
        cls.venue = cls.env["party.venue"].create(
            {"name": "Tour Room", "venue_type": "activity_room", "organization_id": cls.branch.id,
             "organization_ids": [(6, 0, (cls.branch | cls.other).ids)],
             "resource_calendar_id": calendar.id, "capacity": 50}
        )  # fmt: skip
        start = datetime(2030, 6, 3, 10, 0)
        cls.env["party.venue.booking"].create(
            {"venue_id": cls.venue.id, "organization_id": cls.other.id, "start": start,
             "stop": datetime(2030, 6, 3, 11, 0), "purpose": "Other branch"}
        )  # fmt: skip
        cls.meeting = cls.env["party.meeting"].create(
            {"name": "Tour Assembly", "organization_id": cls.branch.id,
             "meeting_type": "branch_assembly", "start": start,
             "stop": datetime(2030, 6, 3, 11, 0)}
        )  # fmt: skip

    def test_officer_books_a_venue_for_a_meeting(self):
        self.start_tour(
            f"/odoo/action-party_life.party_meeting_action/{self.meeting.id}",
            "party_venue_booking_tour",
            login="pvt_officer",
        )
        self.assertEqual(self.meeting.venue_id, self.venue)
        self.assertEqual(self.meeting.start, datetime(2030, 6, 3, 11, 0))
        self.assertEqual(self.meeting.location, "Tour Room")
