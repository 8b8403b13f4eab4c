"""Issue 20, through the RPC dispatch: the dates and figures the venue findings read
are set by the superior or bounded, so a branch does not move them out of a
finding's reach (docs/security.md, rule 2)."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from ..models.party_compliance import UNUSED_DAYS
from .common import PartyVenueCase, at

INSPECTION = "party.venue.inspection"


@tagged("post_install", "-at_install")
class TestFindingsNotMovedAway(PartyVenueCase):
    def _inspect(self, result, date=None):
        """An inspection of Room A by Branch A's officer, every item ``result``."""
        vals = {"venue_id": self.room.id}
        if date:
            vals["date"] = date
        [inspection_id] = rpc(self.env, self.officer_a, INSPECTION, "create", [vals])
        inspection = self.env[INSPECTION].browse(inspection_id)
        rpc(self.env, self.officer_a, INSPECTION, "write",
            {"line_ids": [(1, line.id, {"result": result}) for line in inspection.line_ids]},
            ids=inspection.ids)  # fmt: skip
        rpc(self.env, self.officer_a, INSPECTION, "action_done", ids=inspection.ids)
        return inspection

    def test_inspection_dated_in_the_future_refused(self):
        """A completed all-pass inspection dated 2099 would hide today's failed one and
        make the venue never due again."""
        failed = self._inspect("fail")
        with self.assertRaisesRegex(ValidationError, "future"):
            self._inspect("pass", date="2099-01-01")
        [draft_id] = rpc(self.env, self.officer_a, INSPECTION, "create",
                         [{"venue_id": self.room.id}])  # fmt: skip
        with self.assertRaisesRegex(ValidationError, "future"):
            rpc(self.env, self.officer_a, INSPECTION, "write",
                {"date": str(self.today + timedelta(days=1))}, ids=[draft_id])  # fmt: skip
        self.room.invalidate_recordset()
        self.assertEqual(self.room._latest_inspections()[self.room.id], failed)
        self.assertEqual(self.room.inspection_date, self.today)

    def test_venue_in_use_since_moved_by_the_superior_only(self):
        """Moving Room A's "in use since" to today would clear its venue_unused finding."""
        since = self.today - timedelta(days=UNUSED_DAYS + 10)
        self.room.date_open = since
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue", "write",
                {"date_open": str(self.today)}, ids=self.room.ids)  # fmt: skip
        self.assertEqual(self.room.date_open, since)
        self.branch_a.action_check_compliance(on_date=self.today)
        self.assertTrue(self._findings(self.branch_a, "venue_unused"))
        # the committee corrects it
        rpc(self.env, self.officer_c, "party.venue", "write",
            {"date_open": str(self.today)}, ids=self.room.ids)  # fmt: skip
        self.assertEqual(self.room.date_open, self.today)

    def test_venue_archived_by_the_superior_only(self):
        """Archiving Room A would clear its venue_unused finding."""
        self.room.date_open = self.today - timedelta(days=UNUSED_DAYS + 10)
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue", "write", {"active": False},
                ids=self.room.ids)  # fmt: skip
        self.assertTrue(self.room.active)
        rpc(self.env, self.officer_c, "party.venue", "write", {"active": False}, ids=self.room.ids)
        self.assertFalse(self.room.active)

    def test_venue_not_moved_below_its_organisation(self):
        """Branch A's officer would move the branch's venue into a Party group below
        the branch, act as its superior, move its "in use since" and move it back.
        (The committee is the root organisation: its own officers are its superior,
        party_branch/tools/superior.py.)"""
        venue = self.room
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue", "write",
                {"organization_id": self.group_a.id}, ids=venue.ids)  # fmt: skip
        self.assertEqual(venue.organization_id, self.branch_a)
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue", "write",
                {"date_open": str(self.today - timedelta(days=1))}, ids=venue.ids)  # fmt: skip

    def test_venue_in_use_since_not_in_the_future(self):
        with self.assertRaisesRegex(ValidationError, "future"):
            rpc(self.env, self.officer_a, "party.venue", "create",
                [{"name": "Later Room", "venue_type": "activity_room",
                  "organization_id": self.branch_a.id, "resource_calendar_id": self.day_hours.id,
                  "date_open": "2099-01-01", "street": "9 Far Lane"}])  # fmt: skip
        self.assertFalse(self.Venue.search([("name", "=", "Later Room")]))

    def test_approved_project_area_not_rewritten(self):
        """Area ×100 would bring the cost per m² under the standard (venue_extravagant)."""
        project = self.Project.create(
            {"name": "Roof", "venue_id": self.room.id, "organization_id": self.branch_a.id,
             "budget": 100000.0, "area": 10.0}
        )  # fmt: skip
        project.with_user(self.officer_c).action_approve()
        rpc(self.env, self.officer_a, "party.venue.project.commitment", "create",
            [{"project_id": project.id, "name": "Works", "amount": 100000.0}])  # fmt: skip
        self.assertTrue(project.is_extravagant)
        for vals in (
            {"area": 1000.0},
            {"venue_id": self.hall.id},
            {"project_type": "construction"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "approved"):
                rpc(self.env, self.officer_a, "party.venue.project", "write", vals,
                    ids=project.ids)  # fmt: skip
        project.invalidate_recordset()
        self.assertEqual(project.area, 10.0)
        self.assertTrue(project.is_extravagant)

    def test_booking_not_made_in_the_past(self):
        """A booking made afterwards for a past day would clear venue_unused."""
        yesterday = self.today - timedelta(days=1)
        with self.assertRaisesRegex(ValidationError, "past"):
            rpc(self.env, self.officer_a, "party.venue.booking", "create",
                [{"venue_id": self.room.id, "organization_id": self.branch_a.id,
                  "start": at(yesterday, 9), "stop": at(yesterday, 10)}])  # fmt: skip
        self.assertFalse(self.Booking.search([("venue_id", "=", self.room.id)]))

    def test_past_booking_not_moved_to_another_venue(self):
        """Branch A's past booking of Hall A moved to Room A would clear Room A's
        venue_unused; a future booking is moved into the past neither."""
        yesterday = self.today - timedelta(days=1)
        past = self._book(self.hall, at(yesterday, 9), at(yesterday, 10))
        with self.assertRaisesRegex(ValidationError, "past"):
            rpc(self.env, self.officer_a, "party.venue.booking", "write",
                {"venue_id": self.room.id}, ids=past.ids)  # fmt: skip
        self.assertEqual(past.venue_id, self.hall)
        future = self._book(self.room, at(self.day, 9), at(self.day, 10))
        with self.assertRaisesRegex(ValidationError, "past"):
            rpc(self.env, self.officer_a, "party.venue.booking", "write",
                {"start": at(yesterday, 9), "stop": at(yesterday, 10)}, ids=future.ids)  # fmt: skip
        self.assertEqual(future.start, at(self.day, 9))
        # a future booking is still moved
        rpc(self.env, self.officer_a, "party.venue.booking", "write",
            {"start": at(self.day, 11), "stop": at(self.day, 12)}, ids=future.ids)  # fmt: skip
        self.assertEqual(future.start, at(self.day, 11))
