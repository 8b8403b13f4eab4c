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
