"""The member's service page, the requester's follow-up link and helpdesk's closing route
say what became of the last action with the suite's one portal message
(party_branch/controllers/portal_base.py): the model's own refusal, shown on the next
page once; nothing of a page's address is ever shown; the rules are the models'."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import PortalPages, portal_member
from odoo.addons.party_branch.tools.guard import action_scope


@tagged("post_install", "-at_install")
class TestServicePortalFlash(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.requester = new_test_user(cls.env, login="psf2_requester", groups="base.group_portal")
        Org = cls.env["party.organization"]
        cls.org = Org.create({"name": "PSF2 Branch", "code": "PSF2-B1", "org_type": "branch"})
        cls.other_org = Org.create({"name": "PSF2 Other", "code": "PSF2-B2", "org_type": "branch"})
        cls.user, cls.member = portal_member(
            cls.env, "psf2_member", "PSF2 Member", cls.org,
            join_date="2010-01-01", full_date="2011-01-01",
        )  # fmt: skip
        Ticket = cls.env["helpdesk.ticket"]
        cls.mine = Ticket.create({"name": "PSF2 mine", "description": "<p>x</p>",
                                  "party_organization_id": cls.org.id,
                                  "party_member_id": cls.member.id})  # fmt: skip
        cls.plain = Ticket.create(
            {"name": "PSF2 plain", "description": "<p>x</p>",
             "partner_id": cls.requester.partner_id.id}
        )  # fmt: skip
        now = fields.Datetime.now()
        cls.elsewhere = cls.env["event.event"].create(
            {"name": "PSF2 other branch's day", "party_organization_id": cls.other_org.id,
             "date_begin": now + timedelta(days=2), "date_end": now + timedelta(days=2, hours=3)}
        )  # fmt: skip

    def _csrf(self, url="/my/service"):
        page = self.url_open(url).text
        return re.search(r'(?:name="csrf_token" value|csrf_token: )"([^"]+)"', page).group(1)

    def _post(self, url, page="/my/service", **data):
        return self.url_open(url, data={"csrf_token": self._csrf(page), **data})

    def test_refused_resolve_shows_the_models_message_on_the_next_page_once(self):
        cancelled = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        with action_scope():
            self.mine.write({"stage_id": cancelled.id})
        self.authenticate("psf2_member", "psf2_member")
        response = self._post(f"/my/service/request/{self.mine.id}/resolve")
        self.assertEqual(response.url.split("?")[0], f"{self.base_url()}/my/service")
        self.assertIn("is closed or cancelled: a closed request is not marked", response.text)
        self.assertIn("o_party_flash", response.text)
        self.assertNotIn("is closed or cancelled", self.url_open("/my/service").text)
        self.assertFalse(self.mine.party_resolved_at)

    def test_sign_up_to_an_activity_not_offered_is_refused_with_its_message(self):
        self.authenticate("psf2_member", "psf2_member")
        response = self._post(f"/my/service/volunteer/{self.elsewhere.id}/sign_up")
        self.assertIn("This volunteer activity is not open to you.", response.text)
        self.assertFalse(self.elsewhere.registration_ids)
        # an id that does not exist: the same answer
        response = self._post("/my/service/volunteer/999999999/sign_up")
        self.assertIn("This volunteer activity is not open to you.", response.text)

    def test_crafted_error_and_message_params_show_nothing(self):
        self.authenticate("psf2_member", "psf2_member")
        for query in ("error=refused", "message=resolved", "error=photos", "message=signed_up"):
            with self.subTest(query=query):
                page = self.url_open(f"/my/service?{query}").text
                self.assertNotIn("o_party_flash", page)
                self.assertNotIn("This could not be done", page)
                self.assertNotIn("The request is marked resolved", page)
                self.assertNotIn("You are signed up", page)

    def test_crafted_params_on_the_public_pages_show_nothing(self):
        follow = self.mine._party_follow_url()
        urls = (
            "/service/request?error=rating_range",
            f"{follow}?error=rating_range",
            f"{follow}?rated=1",
            f"{follow}?submitted=1",
        )
        self._assert_pages(
            urls,
            200,
            "o_party_flash",
            "from 1 to 5",
            "Thank you for your rating",
            "Your request has been received",
        )

    def test_helpdesk_close_refused_is_shown_not_silent(self):
        self.authenticate("psf2_requester", "psf2_requester")
        url = f"/my/ticket/{self.plain.id}"
        rejected = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        response = self._post(
            "/ticket/close", page=url, ticket_id=str(self.plain.id), stage_id=str(rejected.id)
        )
        self.assertEqual(response.url, f"{self.base_url()}{url}")
        self.assertIn("This ticket is not closed to that stage from the portal.", response.text)
        self.assertNotIn("not closed to that stage", self.url_open(url).text)
        self.assertFalse(self.plain.closed_date)

    def test_points_still_open_follow_the_companys_own_rule(self):
        self.env["party.assessment.rule"].create(
            {"source": "meeting", "name": "PSF2 own meetings rule", "points": 3, "cap": 30,
             "company_id": self.org.company_id.id}
        )  # fmt: skip
        assessment = self.env["party.assessment"].create(
            {"name": "PSF2 Period", "organization_id": self.org.id,
             "date_from": fields.Date.today() - timedelta(days=30),
             "date_to": fields.Date.today()}
        )  # fmt: skip
        assessment.action_score()
        line = assessment.line_ids.filtered(lambda r: r.member_id == self.member)
        self.assertIn(("PSF2 own meetings rule", 30.0), line._points_to_earn())
        self.authenticate("psf2_member", "psf2_member")
        page = self.url_open("/my/service").text
        missing = page.split("o_party_service_missing", 1)[1].split("</ul>", 1)[0]
        # the company's rule replaces the default for its source: listed once, its cap
        self.assertIn("PSF2 own meetings rule: 30.0", missing)
        self.assertNotIn("Meetings attended", missing)
