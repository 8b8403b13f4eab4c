"""Issue 20, party_service, through HTTP as a logged-in browser: helpdesk_mgmt's own
``/ticket/close`` route closes no one else's request and never resolves a Party
request; a logged visit is not rewritten through the member's portal page."""

import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import portal_member


@tagged("post_install", "-at_install")
class TestHelpdeskRoutes(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.requester = new_test_user(cls.env, login="ph20_requester", groups="base.group_portal")
        cls.stranger = new_test_user(cls.env, login="ph20_stranger", groups="base.group_portal")
        cls.employee = new_test_user(cls.env, login="ph20_employee", groups="base.group_user")
        cls.org = cls.env["party.organization"].create(
            {"name": "PH20 Branch", "code": "PH20-B1", "org_type": "branch"}
        )
        cls.member_user, cls.member = portal_member(
            cls.env, "ph20_member", "PH20 Member", cls.org,
            join_date="2010-01-01", full_date="2011-01-01",
        )  # fmt: skip
        Ticket = cls.env["helpdesk.ticket"]
        cls.request_ = Ticket.create(
            {"name": "PH20 request", "description": "<p>x</p>",
             "partner_id": cls.requester.partner_id.id,
             "party_organization_id": cls.org.id, "party_member_id": cls.member.id}
        )  # fmt: skip
        cls.plain = Ticket.create(
            {"name": "PH20 plain", "description": "<p>x</p>",
             "partner_id": cls.requester.partner_id.id}
        )  # fmt: skip

    def _csrf(self, url="/my"):
        page = self.url_open(url).text
        return re.search(r'(?:name="csrf_token" value|csrf_token: )"([^"]+)"', page).group(1)

    def _close(self, ticket, post=False):
        params = {"ticket_id": str(ticket.id), "stage_id": str(self.done.id)}
        if post:
            return self.url_open("/ticket/close", data={**params, "csrf_token": self._csrf()})
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self.url_open(f"/ticket/close?{query}")

    def _assert_open(self, ticket):
        ticket.invalidate_recordset()
        self.assertFalse(ticket.stage_id.closed)
        self.assertFalse(ticket.closed_date)
        self.assertFalse(ticket.party_resolved_at)

    def test_someone_else_cannot_close_a_request(self):
        for login in ("ph20_stranger", "ph20_employee", "ph20_member"):
            self.authenticate(login, login)
            for post in (False, True):
                with self.subTest(login=login, post=post):
                    self._close(self.request_, post=post)
                    self._assert_open(self.request_)
                    self._close(self.plain, post=post)
                    self._assert_open(self.plain)

    def test_requester_does_not_close_a_party_request(self):
        self.authenticate("ph20_requester", "ph20_requester")
        # helpdesk's page of the request offers no close button
        self.assertNotIn("/ticket/close", self.url_open(f"/my/ticket/{self.request_.id}").text)
        for post in (False, True):
            with self.subTest(post=post):
                self._close(self.request_, post=post)
                self._assert_open(self.request_)

    def test_requester_closes_their_own_plain_ticket_by_post_only(self):
        self.authenticate("ph20_requester", "ph20_requester")
        page = self.url_open(f"/my/ticket/{self.plain.id}").text
        forms = re.findall(r'<form[^>]*"/ticket/close"[^>]*>', page)
        self.assertTrue(forms)
        self.assertTrue(all('method="POST"' in form for form in forms), forms)
        self.assertIn('name="csrf_token"', page.split("/ticket/close", 1)[1][:600])
        self._close(self.plain)  # a link (GET) that another site can make a browser follow
        self._assert_open(self.plain)
        self._close(self.plain, post=True)
        self.plain.invalidate_recordset()
        self.assertEqual(self.plain.stage_id, self.done)

    def test_ticket_form_does_not_create_on_a_get(self):
        """helpdesk_mgmt's portal form creates a request (routed to a Party organisation)
        in the user's name: on a GET, which another site can make the browser send, no
        CSRF token is checked, so it creates nothing."""
        Ticket = self.env["helpdesk.ticket"]
        self.authenticate("ph20_requester", "ph20_requester")
        self.url_open("/submitted/ticket?subject=PH20+forged&description=forged")
        self.assertFalse(Ticket.search([("name", "=", "PH20 forged")]))
        self.url_open(
            "/submitted/ticket",
            data={"csrf_token": self._csrf(), "subject": "PH20 posted", "description": "x"},
        )
        self.assertEqual(len(Ticket.search([("name", "=", "PH20 posted")])), 1)

    def test_logged_visit_not_rewritten_on_the_portal(self):
        day = fields.Date.today()
        pairing = self.env["party.pairing"].create(
            {"name": "PH20 household", "organization_id": self.org.id,
             "member_id": self.member.id, "date_start": day}
        )  # fmt: skip
        visit = self.env["party.pairing.visit"].create({"pairing_id": pairing.id, "date": day})
        self.authenticate("ph20_member", "ph20_member")
        token = self._csrf("/my/service")
        url = f"/my/service/visit/{visit.id}/log"
        self.url_open(url, data={"csrf_token": token, "note": "Met the family"})
        self.assertEqual((visit.state, visit.note), ("done", "Met the family"))
        self.url_open(url, data={"csrf_token": token, "note": "Rewritten afterwards"})
        visit.invalidate_recordset()
        self.assertEqual(visit.note, "Met the family")
