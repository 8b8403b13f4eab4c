"""What a logged-in user with the browser's developer tools tries on party_service,
through the RPC dispatch (docs/security.md)."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestServiceAttacks(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket(category_id=cls.cat_living.id, party_member_id=cls.member_a.id)
        cls.assessment = cls.env["party.assessment"].create(
            {"name": "RPC period", "organization_id": cls.branch_a.id,
             "date_from": "2026-01-01", "date_to": "2026-06-30"}
        )  # fmt: skip
        cls.pairing = cls.env["party.pairing"].create(
            {"name": "RPC household", "organization_id": cls.branch_a.id,
             "member_id": cls.member_a.id, "date_start": "2026-01-01"}
        )  # fmt: skip

    def test_member_cannot_rate_their_own_request(self):
        self.ticket.with_user(self.portal).action_party_resolve()
        for vals in ({"party_rating": 5}, {"party_rated_at": fields.Datetime.now()}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.portal, "helpdesk.ticket", "write", vals, ids=self.ticket.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "helpdesk.ticket", "rating_apply", 5, ids=self.ticket.ids)
        with self.assertRaises(AccessError):  # private: the follow-up page calls it
            rpc(self.env, self.portal, "helpdesk.ticket", "_party_rate", 5, "x",
                ids=self.ticket.ids)  # fmt: skip
        self.assertFalse(self.ticket.party_rated_at)

    def test_officer_cannot_rate_or_backdate(self):
        for vals in (
            {"party_rating": 1},
            {"party_received_at": "2020-01-01 00:00:00"},
            {"party_escalated_at": "2020-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "helpdesk.ticket", "write", vals,
                    ids=self.ticket.ids)  # fmt: skip

    def test_request_moved_out_of_reach_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "helpdesk.ticket", "write",
                {"party_organization_id": self.branch_b.id}, ids=self.ticket.ids)  # fmt: skip
        self.assertEqual(self.ticket.party_organization_id, self.branch_a)

    def test_request_created_in_a_foreign_organisation_refused(self):
        for user in (self.officer_b, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "helpdesk.ticket", "create",
                    [{"name": "x", "description": "<p>x</p>",
                      "party_organization_id": self.branch_a.id}])  # fmt: skip

    def test_bad_organisation_id_is_a_clear_error(self):
        for value in ("1", -3, 10**9):
            with self.subTest(value=value), self.assertRaises(UserError):
                rpc(self.env, self.officer_a, "helpdesk.ticket", "create",
                    [{"name": "x", "description": "<p>x</p>",
                      "party_organization_id": value}])  # fmt: skip

    def test_other_member_cannot_resolve(self):
        other = self._ticket(party_address="Riverside 9")
        other.party_member_id = self.member_b
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "helpdesk.ticket", "action_party_resolve", ids=other.ids)
        self.assertFalse(other.party_resolved_at)

    def test_sibling_officer_cannot_take_or_route(self):
        for method in ("action_party_assign_me", "action_party_route"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                rpc(self.env, self.officer_b, "helpdesk.ticket", method, ids=self.ticket.ids)

    def test_closed_assessment_cannot_be_reopened_or_rescored(self):
        self.assessment.action_close()
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.assessment", "write", {"state": "open"},
                ids=self.assessment.ids)  # fmt: skip
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "party.assessment", "action_score",
                ids=self.assessment.ids)  # fmt: skip

    def test_scores_cannot_be_written(self):
        self.assessment.action_score()
        line = self.assessment.line_ids[:1]
        for user in (self.officer_a, self.admin, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.assessment.line", "write", {"score": 100},
                    ids=line.ids)  # fmt: skip

    def test_member_cannot_score_or_close(self):
        for method in ("action_score", "action_close"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                rpc(self.env, self.portal, "party.assessment", method, ids=self.assessment.ids)

    def test_pairing_state_and_foreign_visit(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.pairing", "write", {"state": "done"},
                ids=self.pairing.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.pairing.visit", "create",
                [{"pairing_id": self.pairing.id, "date": "2026-02-01"}])  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.pairing.visit", "create",
                [{"pairing_id": self.pairing.id, "date": "2026-02-01", "state": "done"}])  # fmt: skip

    def test_visit_logged_only_by_the_paired_member_or_an_officer(self):
        visit = self.env["party.pairing.visit"].create(
            {"pairing_id": self.pairing.id, "date": "2026-02-01"}
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.pairing.visit", "action_log", ids=visit.ids)
        rpc(self.env, self.portal, "party.pairing.visit", "action_log", ids=visit.ids)
        self.assertEqual(visit.state, "done")

    def test_volunteer_hours_not_written_by_members(self):
        event = self.env["event.event"].create(
            {"name": "RPC event", "party_organization_id": self.branch_a.id,
             "date_begin": "2026-03-01 01:00:00", "date_end": "2026-03-01 05:00:00"}
        )  # fmt: skip
        registration = self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": self.member_a.partner_id.id}
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "event.registration", "write", {"party_hours": 24},
                ids=registration.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "event.registration", "write", {"party_hours": 2},
                ids=registration.ids)  # fmt: skip
        rpc(self.env, self.officer_a, "event.registration", "write", {"party_hours": 2},
            ids=registration.ids)  # fmt: skip
        self.assertEqual(registration.party_hours, 2)
