"""What a logged-in user with the browser's developer tools tries on venues, through
the RPC dispatch (docs/security.md)."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyVenueCase, at


@tagged("post_install", "-at_install")
class TestVenueAttacks(PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.booking = cls.Booking.create(
            {"venue_id": cls.room.id, "organization_id": cls.branch_a.id,
             "start": at(cls.day, 9), "stop": at(cls.day, 10)}
        )  # fmt: skip
        cls.project = cls.Project.create(
            {"name": "Roof", "venue_id": cls.room.id, "organization_id": cls.branch_a.id,
             "budget": 100.0}
        )  # fmt: skip
        cls.increase = cls.env["party.venue.project.increase"].create(
            {"project_id": cls.project.id, "amount": 1000.0, "reason": "More"}
        )

    def test_other_branch_cannot_cancel_a_booking(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.venue.booking", "action_cancel",
                ids=self.booking.ids)  # fmt: skip
        self.assertEqual(self.booking.state, "confirmed")

    def test_booking_state_written_directly_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue.booking", "write", {"state": "cancelled"},
                ids=self.booking.ids)  # fmt: skip

    def test_booking_for_another_branch_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.venue.booking", "create",
                [{"venue_id": self.room.id, "organization_id": self.branch_a.id,
                  "start": at(self.day, 12), "stop": at(self.day, 13)}])  # fmt: skip

    def test_own_officer_cannot_approve_own_budget_or_increase(self):
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue.project", "action_approve",
                ids=self.project.ids)  # fmt: skip
        self.project.action_approve()
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue.project.increase", "action_approve",
                ids=self.increase.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.venue.project.increase", "action_approve",
                ids=self.increase.ids)  # fmt: skip
        self.assertEqual(self.increase.state, "draft")

    def test_increase_created_approved_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue.project.increase", "create",
                [{"project_id": self.project.id, "amount": 5000.0, "reason": "x",
                  "state": "approved"}])  # fmt: skip

    def test_analytic_account_pointer_refused(self):
        other = self.env["account.analytic.account"].search([], limit=1)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue.project", "write",
                {"analytic_account_id": other.id or 1}, ids=self.project.ids)  # fmt: skip

    def test_commitment_amount_is_fixed(self):
        self.project.action_approve()
        commitment = self.env["party.venue.project.commitment"].create(
            {"project_id": self.project.id, "name": "Tiles", "amount": 100.0}
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue.project.commitment", "write",
                {"amount": 1.0}, ids=commitment.ids)  # fmt: skip

    def test_portal_member_books_nothing(self):
        meeting = self.env["party.meeting"].create(
            {"organization_id": self.branch_a.id, "meeting_type": "branch_assembly",
             "start": at(self.day, 14), "stop": at(self.day, 15)}
        )  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.meeting", "action_book_venue", ids=meeting.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.meeting", "action_book_venue", ids=meeting.ids)

    def test_hostile_values_are_clear_errors(self):
        for vals in (
            {"capacity": "many"},
            {"area": float("nan")},
            {"resource_calendar_id": -1},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                rpc(self.env, self.officer_a, "party.venue", "write", vals, ids=self.room.ids)
        with self.assertRaises(ValidationError):
            rpc(self.env, self.officer_a, "party.venue.booking", "create",
                [{"venue_id": self.room.id, "organization_id": self.branch_a.id,
                  "start": "tomorrow", "stop": at(self.day, 13)}])  # fmt: skip

    def test_inspection_of_another_branch_venue_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.venue.inspection", "create",
                [{"venue_id": self.room.id}])  # fmt: skip

    def test_done_inspection_not_reopened(self):
        inspection = self.env["party.venue.inspection"].create({"venue_id": self.room.id})
        inspection.line_ids.result = "pass"
        inspection.action_done()
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue.inspection", "write", {"state": "draft"},
                ids=inspection.ids)  # fmt: skip
        self.assertEqual(inspection.state, "done")
        self.assertTrue(self.day - timedelta(days=1))


@tagged("post_install", "-at_install")
class TestVenueServedOrganisations(PartyVenueCase):
    """A venue is booked by the organisations it serves (and those below them): an
    officer of Branch B cannot fill Branch A's room with long bookings that block its
    meetings, cannot be cancelled by Branch A, and hide that the room stands unused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Branch B's own room; Room A serves Branch A only
        cls.room_b = cls._venue("Room B", cls.branch_b)

    def _create(self, user, vals, context=None):
        return rpc(self.env, user, "party.venue.booking", "create",
                   [{"start": at(self.day, 9), "stop": at(self.day, 21),
                     "organization_id": self.branch_b.id, **vals}],
                   context=context)  # fmt: skip

    def test_booking_of_a_venue_that_does_not_serve_the_branch_refused(self):
        with self.assertRaisesRegex(ValidationError, "serves"):
            self._create(self.officer_b, {"venue_id": self.room.id})
        self.assertFalse(self.Booking.search([("venue_id", "=", self.room.id)]))
        # its own room, and a room shared with it, are booked
        self._create(self.officer_b, {"venue_id": self.room_b.id})
        self.room.organization_ids |= self.branch_b
        self._create(self.officer_b, {"venue_id": self.room.id})

    def test_organisations_below_a_served_one_book(self):
        """Group A1 is below Branch A, which the room serves; the committee is above it."""
        booking = rpc(self.env, self.officer_a, "party.venue.booking", "create",
                      [{"venue_id": self.room.id, "organization_id": self.group_a.id,
                        "start": at(self.day, 9), "stop": at(self.day, 10)}])  # fmt: skip
        self.assertTrue(booking)
        with self.assertRaisesRegex(ValidationError, "serves"):
            rpc(self.env, self.officer_c, "party.venue.booking", "create",
                [{"venue_id": self.room.id, "organization_id": self.committee.id,
                  "start": at(self.day, 11), "stop": at(self.day, 12)}])  # fmt: skip

    def test_booking_through_default_context_refused(self):
        with self.assertRaisesRegex(ValidationError, "serves"):
            self._create(self.officer_b, {}, context={"default_venue_id": self.room.id})

    def test_booking_moved_to_a_venue_that_does_not_serve_it_refused(self):
        booking = self._create(self.officer_b, {"venue_id": self.room_b.id})
        for vals in ({"venue_id": self.room.id},):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, "serves"):
                rpc(self.env, self.officer_b, "party.venue.booking", "write", vals,
                    ids=booking)  # fmt: skip
        # Branch A's officer moves its booking of Room A to Branch B: refused too (the
        # organisation is checked against the venue, whoever manages both)
        own = self._book(self.room, at(self.day, 9), at(self.day, 10))
        with self.assertRaisesRegex(ValidationError, "serves"):
            rpc(self.env, self.officer_c, "party.venue.booking", "write",
                {"organization_id": self.branch_b.id}, ids=own.ids)  # fmt: skip
        self.assertEqual(own.organization_id, self.branch_a)

    def test_venue_officer_cancels_any_booking_of_the_venue(self):
        """Room A is shared with Branch B: Branch A's officer, who runs the room, may
        cancel Branch B's booking of it; Branch B's officer cannot cancel Branch A's."""
        self.room.organization_ids |= self.branch_b
        [booking_id] = self._create(self.officer_b, {"venue_id": self.room.id})
        own = self._book(self.room, at(self.day, 21), at(self.day, 22))
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.venue.booking", "action_cancel", ids=own.ids)
        self.assertEqual(own.state, "confirmed")
        rpc(self.env, self.officer_a, "party.venue.booking", "action_cancel", ids=[booking_id])
        self.assertEqual(self.Booking.browse(booking_id).state, "cancelled")
        # Branch B's officer cancels its own booking of Branch A's room
        [again] = self._create(self.officer_b, {"venue_id": self.room.id})
        rpc(self.env, self.officer_b, "party.venue.booking", "action_cancel", ids=[again])
        self.assertEqual(self.Booking.browse(again).state, "cancelled")
        # cancelling grants no other write: the booking's times stay Branch B's
        [third] = self._create(self.officer_b, {"venue_id": self.room.id})
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue.booking", "write",
                {"stop": at(self.day, 10)}, ids=[third])  # fmt: skip


@tagged("post_install", "-at_install")
class TestVenueDefaultsAndComputedFields(PartyVenueCase):
    """default_<field> context keys and stored computed fields, through the RPC dispatch:
    nothing created approved, confirmed, done or with a figure of the client's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.Project.create(
            {"name": "Roof", "venue_id": cls.room.id, "organization_id": cls.branch_a.id,
             "budget": 100.0}
        )  # fmt: skip

    def _refused(self, model, method, *args, context=None, ids=None):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, model, method, *args, context=context, ids=ids)

    def test_project_not_created_approved_through_the_context(self):
        vals = {"name": "Hall", "venue_id": self.room.id, "organization_id": self.branch_a.id,
                "budget": 5000.0}  # fmt: skip
        for context in ({"default_state": "approved"}, {"default_state": "closed"}):
            with self.subTest(context=context):
                self._refused("party.venue.project", "create", [vals], context=context)
        self.assertFalse(self.Project.search([("name", "=", "Hall")]))

    def test_increase_not_created_approved_through_the_context(self):
        vals = {"project_id": self.project.id, "amount": 5000.0, "reason": "x"}
        for context in (
            {"default_state": "approved"},
            {"default_approved_by_id": self.officer_c.id},
            {"default_date_approved": "2026-01-01"},
        ):
            with self.subTest(context=context):
                self._refused("party.venue.project.increase", "create", [vals], context=context)
        self.assertFalse(self.project.increase_ids)

    def test_booking_not_created_cancelled_or_for_another_branch_through_the_context(self):
        vals = {"venue_id": self.room.id, "start": at(self.day, 9), "stop": at(self.day, 10)}
        self._refused("party.venue.booking", "create", [vals],
                      context={"default_organization_id": self.branch_b.id})  # fmt: skip
        self._refused("party.venue.booking", "create",
                      [{**vals, "organization_id": self.branch_a.id}],
                      context={"default_state": "cancelled"})  # fmt: skip
        self.assertFalse(self.Booking.search([("venue_id", "=", self.room.id)]))

    def test_inspection_and_commitment_not_created_done_through_the_context(self):
        self._refused("party.venue.inspection", "create", [{"venue_id": self.room.id}],
                      context={"default_state": "done"})  # fmt: skip
        self.project.action_approve()
        self._refused("party.venue.project.commitment", "create",
                      [{"project_id": self.project.id, "name": "Tiles", "amount": 10.0}],
                      context={"default_state": "closed"})  # fmt: skip

    def test_computed_figures_not_set_by_the_client(self):
        booking = self._book(self.room, at(self.day, 9), at(self.day, 10))
        inspection = self.env["party.venue.inspection"].create({"venue_id": self.room.id})
        for model, ids, vals in (
            ("party.venue.booking", booking.ids, {"duration": 0.1}),
            ("party.venue.booking", booking.ids, {"name": "Someone else's"}),
            ("party.venue.inspection", inspection.ids, {"score": 100.0}),
            ("party.venue.inspection", inspection.ids, {"failed_count": 0, "score": 99.0}),
            ("party.venue", self.room.ids, {"address_key": "x|y"}),
        ):
            with self.subTest(model=model, vals=vals):
                self._refused(model, "write", vals, ids=ids)
        self._refused("party.venue.booking", "create",
                      [{"venue_id": self.room.id, "organization_id": self.branch_a.id,
                        "start": at(self.day, 11), "stop": at(self.day, 12)}],
                      context={"default_duration": 0.1})  # fmt: skip
        self.assertEqual(booking.duration, 1.0)
        self.assertEqual(inspection.score, 0.0)

    def test_officer_forms_still_work(self):
        """What the forms send (no computed field) still saves, and the figures are the
        records' own: an inspection scored, a booking's hours, a project's remaining."""
        [inspection_id] = rpc(self.env, self.officer_a, "party.venue.inspection", "create",
                              [{"venue_id": self.room.id, "note": "Q"}])  # fmt: skip
        inspection = self.env["party.venue.inspection"].browse(inspection_id)
        rpc(self.env, self.officer_a, "party.venue.inspection", "write",
            {"line_ids": [(1, line.id, {"result": "pass"}) for line in inspection.line_ids]},
            ids=[inspection_id])  # fmt: skip
        rpc(self.env, self.officer_a, "party.venue.inspection", "action_done", ids=[inspection_id])
        self.assertEqual((inspection.state, inspection.score), ("done", 100.0))
        [booking_id] = rpc(self.env, self.officer_a, "party.venue.booking", "create",
                           [{"venue_id": self.room.id, "organization_id": self.branch_a.id,
                             "start": at(self.day, 9), "stop": at(self.day, 11, 30)}])  # fmt: skip
        self.assertEqual(self.Booking.browse(booking_id).duration, 2.5)
        self.project.action_approve()
        rpc(self.env, self.officer_a, "party.venue.project.commitment", "create",
            [{"project_id": self.project.id, "name": "Tiles", "amount": 40.0}])  # fmt: skip
        self.assertEqual(self.project.remaining, 60.0)


@tagged("post_install", "-at_install")
class TestVenueServedListed(PartyVenueCase):
    """Who may say that a venue serves an organisation: someone who manages that
    organisation. An officer of Branch A cannot list the committee or Branch B as
    served by its room, which would silence their venue_missing findings."""

    def _write(self, user, vals):
        return rpc(self.env, user, "party.venue", "write", vals, ids=self.room.ids)

    def test_branch_officer_lists_only_organisations_it_manages(self):
        for org in (self.committee, self.branch_b):
            with self.subTest(org=org.name), self.assertRaises(AccessError):
                self._write(self.officer_a, {"organization_ids": [(4, org.id)]})
        self.assertEqual(self.room.organization_ids, self.branch_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.venue", "create",
                [{"name": "Sham", "venue_type": "activity_room",
                  "organization_id": self.branch_a.id,
                  "organization_ids": [(6, 0, (self.branch_a | self.committee).ids)],
                  "resource_calendar_id": self.day_hours.id}])  # fmt: skip
        self.assertFalse(self.Venue.search([("name", "=", "Sham")]))
        # below its own organisation, it lists freely
        self._write(self.officer_a, {"organization_ids": [(4, self.group_a.id)]})
        self.assertEqual(self.room.organization_ids, self.branch_a | self.group_a)

    def test_sharing_with_another_branch_set_by_who_manages_both(self):
        self._write(self.officer_c, {"organization_ids": [(4, self.branch_b.id)]})
        self.assertIn(self.branch_b, self.room.organization_ids)
        # the venue's officer may stop serving it (it runs the venue)
        self._write(self.officer_a, {"organization_ids": [(3, self.branch_b.id)]})
        self.assertEqual(self.room.organization_ids, self.branch_a)
