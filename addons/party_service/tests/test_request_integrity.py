"""Issue 20, party_service: routing rules, request workflow fields, the acknowledgement
mail, pairing scope and closed assessment periods, tried through the RPC dispatch as a
logged-in user with the browser's developer tools would (docs/security.md)."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.common import OtherCompanyCase
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestRoutingRules(PartyServiceCase, OtherCompanyCase):
    other_prefix = "PS20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_b = cls._other_company_admin("ps20_admin_b")

    def test_officer_cannot_create_a_routing_rule(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.service.route", "create",
                [{"sequence": -100, "organization_id": self.branch_a.id}])  # fmt: skip
        self.assertEqual(self._ticket(party_address="Riverside 9").party_organization_id,
                         self.branch_b)  # fmt: skip

    def test_officer_cannot_alter_or_delete_a_routing_rule(self):
        route = self.route_category
        for method, args in (("write", ({"sequence": -100, "category_id": False},)),
                             ("unlink", ())):  # fmt: skip
            with self.subTest(method=method), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.service.route", method, *args,
                    ids=route.ids)  # fmt: skip
        self.assertEqual((route.sequence, route.category_id), (2, self.cat_living))

    def test_routing_ignores_another_companys_rules(self):
        """A Party administrator of another company gives their company a catch-all rule:
        this company's requests are not sent there."""
        rpc(self.env, self.admin_b, "party.service.route", "create",
            [{"sequence": -100, "organization_id": self.branch_other.id}])  # fmt: skip
        ticket = self._ticket(category_id=self.cat_living.id)
        self.assertEqual(ticket.party_organization_id, self.branch_a)
        other = self._ticket(party_address="Nowhere in particular")
        self.assertFalse(other.party_organization_id)
        other.action_party_route()
        self.assertFalse(other.party_organization_id)

    def test_rule_sends_requests_only_to_an_organisation_its_author_manages(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin_b, "party.service.route", "create",
                [{"sequence": -100, "organization_id": self.branch_a.id}])  # fmt: skip
        own = rpc(self.env, self.admin_b, "party.service.route", "create",
                  [{"community": "PS20", "organization_id": self.branch_other.id}])  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin_b, "party.service.route", "write",
                {"organization_id": self.branch_a.id}, ids=[own])  # fmt: skip


@tagged("post_install", "-at_install")
class TestRequestWorkflow(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")

    def _overdue(self, member):
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=member.id)
        return self._received(ticket, datetime(2026, 3, 1, 8, 0))

    def test_assignee_cannot_write_closed_date(self):
        """The officer who took the request as its member writes helpdesk's closed date
        before the deadline: refused, the request stays overdue."""
        ticket = self._overdue(self.secretary_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "helpdesk.ticket", "write",
                {"closed_date": "2026-03-01 09:00:00"}, ids=ticket.ids)  # fmt: skip
        self.assertFalse(ticket.closed_date)
        self.assertTrue(ticket.party_overdue)

    def test_clearing_the_category_keeps_a_deadline(self):
        ticket = self._overdue(self.secretary_a)
        rpc(self.env, self.officer_a, "helpdesk.ticket", "write", {"category_id": False},
            ids=ticket.ids)  # fmt: skip
        self.assertEqual(ticket.party_deadline, datetime(2026, 3, 4, 8, 0))  # 72 hours
        self.assertTrue(ticket.party_overdue)

    def test_member_cannot_resolve_a_cancelled_request(self):
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        rpc(self.env, self.officer_a, "helpdesk.ticket", "write",
            {"stage_id": self.cancelled.id}, ids=ticket.ids)  # fmt: skip
        with self.assertRaisesRegex(UserError, "closed or cancelled"):
            rpc(self.env, self.portal, "helpdesk.ticket", "action_party_resolve",
                ids=ticket.ids)  # fmt: skip
        self.assertFalse(ticket.party_resolved_at)
        self.assertEqual(ticket.stage_id, self.cancelled)

    def test_stage_written_by_a_helpdesk_user_does_not_resolve(self):
        """A helpdesk user who is no Party officer moves a request to Done: it is closed
        for the helpdesk, but not resolved (it does not count for the member)."""
        helpdesk_user = new_test_user(
            self.env, login="ps20_helpdesk", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        rpc(self.env, helpdesk_user, "helpdesk.ticket", "write", {"stage_id": self.done.id},
            ids=ticket.ids)  # fmt: skip
        self.assertFalse(ticket.party_resolved_at)
        self.assertNotIn(ticket.party_state, ("resolved", "rated"))

    def test_visit_logged_once(self):
        pairing = self._pairing("PS20 household")
        visit = self.env["party.pairing.visit"].create(
            {"pairing_id": pairing.id, "date": "2026-02-01"}
        )
        rpc(self.env, self.portal, "party.pairing.visit", "action_log", ids=visit.ids)
        with self.assertRaisesRegex(UserError, "logged already"):
            rpc(self.env, self.portal, "party.pairing.visit", "action_log", ids=visit.ids)


@tagged("post_install", "-at_install")
class TestAcknowledgementToken(PartyServiceCase):
    def test_follow_token_in_no_message_users_read(self):
        values = {
            "name": "Broken lamp",
            "description": "<p>The lamp</p>",
            "category_id": self.cat_living.id,
            "partner_email": "chen@example.com",
        }
        ticket = self.Ticket._party_public_create(values, "192.0.2.7")
        self.assertEqual(ticket.party_organization_id, self.branch_a)
        ticket.party_member_id = self.member_a
        token = ticket.sudo().party_follow_token
        mail = self.env["mail.mail"].sudo().search([("email_to", "=", "chen@example.com")])
        self.assertIn(token, mail.body_html)  # the requester gets the link
        on_ticket = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        )
        self.assertFalse([m for m in on_ticket if token in (m.body or "")])
        for user in (self.officer_a, self.officer_c, self.admin, self.portal):
            with self.subTest(user=user.login):
                found = rpc(self.env, user, "mail.message", "search_read",
                            [("body", "ilike", token)], ["id"])  # fmt: skip
                self.assertEqual(found, [])
                with self.assertRaises(AccessError):
                    rpc(self.env, user, "mail.mail", "search_read",
                        [("body_html", "ilike", token)], ["id"])  # fmt: skip


@tagged("post_install", "-at_install")
class TestPairingAndAssessmentScope(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._pairing("PS20 pairing")
        cls.assessment = cls.env["party.assessment"].create(
            {"name": "PS20 period", "organization_id": cls.branch_a.id,
             "date_from": "2026-01-01", "date_to": "2026-06-30"}
        )  # fmt: skip

    def test_officer_cannot_pair_a_member_of_another_branch(self):
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "party.pairing", "create",
                [{"name": "x", "organization_id": self.branch_a.id,
                  "member_id": self.member_b.id, "date_start": "2026-01-01"}])  # fmt: skip
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "party.pairing", "create",
                [{"name": "x", "organization_id": self.branch_a.id, "date_start": "2026-01-01"}],
                context={"default_member_id": self.member_b.id})  # fmt: skip
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "party.pairing", "write",
                {"member_id": self.member_b.id}, ids=self.pairing.ids)  # fmt: skip
        self.assertEqual(self.pairing.member_id, self.member_a)

    def test_closed_assessment_period_is_final(self):
        self.assessment.action_close()
        for vals in (
            {"date_from": "2025-01-01"},
            {"date_to": "2026-12-31"},
            {"name": "Moved"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "closed"):
                rpc(self.env, self.officer_a, "party.assessment", "write", vals,
                    ids=self.assessment.ids)  # fmt: skip
        self.assertEqual(
            (str(self.assessment.date_from), str(self.assessment.date_to)),
            ("2026-01-01", "2026-06-30"),
        )
