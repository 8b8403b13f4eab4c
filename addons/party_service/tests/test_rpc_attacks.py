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
        registration = self._volunteer("RPC event", "2026-03-01 01:00:00", "2026-03-01 05:00:00")
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "event.registration", "write", {"party_hours": 24},
                ids=registration.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "event.registration", "write", {"party_hours": 2},
                ids=registration.ids)  # fmt: skip
        rpc(self.env, self.officer_a, "event.registration", "write", {"party_hours": 2},
            ids=registration.ids)  # fmt: skip
        self.assertEqual(registration.party_hours, 2)

    # ------------------------------------------------------------ review findings

    def test_follow_token_readable_by_no_user(self):
        """The link that rates a request is not the portal access token: the assigned
        member, an officer or a helpdesk user reads no token that rates it."""
        url = self.ticket._party_follow_url()
        follow = self.ticket.party_follow_token
        self.assertIn(follow, url)
        for user in (self.portal, self.officer_a, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "helpdesk.ticket", "read", ["party_follow_token"],
                    ids=self.ticket.ids)  # fmt: skip
            with self.subTest(user=user.login):
                rows = rpc(self.env, user, "helpdesk.ticket", "read", ["access_token", "name"],
                           ids=self.ticket.ids)  # fmt: skip
                self.assertNotIn(follow, str(rows))
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "helpdesk.ticket", "write", {"party_follow_token": "x"},
                    ids=self.ticket.ids)  # fmt: skip

    def test_assigned_member_not_set_at_creation_outside_reach(self):
        """A request created with a member of another branch (then closed) would count
        as resolved for them: the member is assigned by an officer of both."""
        for user, vals in (
            (self.officer_a, {"party_organization_id": self.branch_a.id,
                              "party_member_id": self.member_b.id}),
            (self.officer_a, {"party_member_id": self.member_b.id}),
            (self.officer_b, {"party_member_id": self.member_a.id}),
        ):  # fmt: skip
            with (
                self.subTest(user=user.login, vals=vals),
                self.assertRaises(UserError),
            ):
                rpc(self.env, user, "helpdesk.ticket", "create",
                    [{"name": "x", "description": "<p>x</p>", **vals}])  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "helpdesk.ticket", "write",
                {"party_member_id": self.member_b.id}, ids=self.ticket.ids)  # fmt: skip
        # the officer's own organisation and member still work
        ticket_id = rpc(self.env, self.officer_a, "helpdesk.ticket", "create",
                        [{"name": "ok", "description": "<p>x</p>",
                          "party_organization_id": self.branch_a.id,
                          "party_member_id": self.member_a.id}])  # fmt: skip
        self.assertTrue(ticket_id)

    def test_context_defaults_and_computed_fields_refused(self):
        for key, value in (
            ("default_party_resolved_at", "2026-01-02 00:00:00"),
            ("default_party_rating", 5),
            ("default_party_rated_at", "2026-01-02 00:00:00"),
            ("default_party_follow_token", "known"),
            ("default_party_deadline", "2099-01-01 00:00:00"),
            ("default_party_state", "rated"),
            ("default_party_member_id", self.member_b.id),
        ):
            with self.subTest(key=key), self.assertRaises(UserError):
                rpc(self.env, self.officer_a, "helpdesk.ticket", "create",
                    [{"name": "x", "description": "<p>x</p>",
                      "party_organization_id": self.branch_a.id}],
                    context={key: value})  # fmt: skip
        for vals in ({"party_deadline": "2099-01-01 00:00:00"}, {"party_state": "rated"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "helpdesk.ticket", "write", vals,
                    ids=self.ticket.ids)  # fmt: skip

    def _party_event(self, org):
        return self.env["event.event"].create(
            {"name": f"RPC event {org.name}", "party_organization_id": org.id,
             "date_begin": "2026-03-01 01:00:00", "date_end": "2026-03-03 05:00:00"}
        )  # fmt: skip

    def test_volunteer_member_of_another_branch_refused(self):
        event = self._party_event(self.branch_a)
        for vals, context in (
            ({"party_member_id": self.member_b.id}, {}),
            ({"partner_id": self.member_b.partner_id.id, "party_member_id": self.member_b.id}, {}),
            ({}, {"default_party_member_id": self.member_b.id}),
        ):
            with (
                self.subTest(vals=vals, context=context),
                self.assertRaises(UserError),
            ):
                rpc(self.env, self.officer_a, "event.registration", "create",
                    [{"event_id": event.id, "name": "x", **vals}], context=context)  # fmt: skip
        # a partner who is a member of another branch is no member of this activity
        reg_id = rpc(self.env, self.officer_a, "event.registration", "create",
                     [{"event_id": event.id, "partner_id": self.member_b.partner_id.id}])  # fmt: skip
        registration = self.env["event.registration"].browse(reg_id)
        self.assertFalse(registration.party_member_id)
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "event.registration", "write",
                {"party_member_id": self.member_b.id}, ids=registration.ids)  # fmt: skip

    def test_volunteer_hours_only_by_officers_of_the_event(self):
        event = self._party_event(self.branch_a)
        plain = self.env["event.event"].create(
            {"name": "RPC plain event", "date_begin": "2026-03-01 01:00:00",
             "date_end": "2026-03-01 05:00:00"}
        )  # fmt: skip
        staff = self.env["res.users"].create(
            {"name": "RPC event user", "login": "rpc_event_user",
             "groups_id": [(6, 0, [self.env.ref("event.group_event_manager").id,
                                   self.env.ref("party_branch.group_party_member").id])]}
        )  # fmt: skip
        registration = self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": self.member_a.partner_id.id}
        )
        self.assertEqual(registration.party_member_id, self.member_a)
        with self.assertRaises(AccessError):
            rpc(self.env, staff, "event.registration", "write", {"party_hours": 48},
                ids=registration.ids)  # fmt: skip
        for event_id, context in ((event.id, {"default_party_hours": 48}),
                                  (plain.id, {"default_party_hours": 4})):  # fmt: skip
            with self.subTest(context=context), self.assertRaises(AccessError):
                rpc(self.env, staff, "event.registration", "create",
                    [{"event_id": event_id, "name": "x"}], context=context)  # fmt: skip
        self.assertEqual(registration.party_hours, 0)
