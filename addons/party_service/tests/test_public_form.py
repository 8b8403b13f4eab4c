"""The public request form (no account), spam protection, the private follow-up link
and the requester's rating through it."""

import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import PortalPages
from odoo.addons.party_branch.tools.guard import action_scope
from odoo.addons.party_service.models.helpdesk_ticket import RATE_LIMIT_PER_HOUR

from .common import PNG, SVG


@tagged("post_install", "-at_install")
class TestPublicForm(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.org = cls.env["party.organization"].create(
            {"name": "PSF Branch", "code": "PSF-B1", "org_type": "branch"}
        )
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "PSF Category", "party_deadline_hours": 24, "party_category": True}
        )
        cls.env["party.service.route"].create(
            {"sequence": 0, "category_id": cls.category.id, "organization_id": cls.org.id}
        )
        cls.member = cls.env["party.member"].create(
            {"name": "PSF Member", "organization_id": cls.org.id, "member_category": "full",
             "join_date": "2010-01-01", "full_date": "2011-01-01"}
        )  # fmt: skip

    def _csrf(self):
        page = self.url_open("/service/request").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _submit_with(self, files, **extra):
        data = {
            "csrf_token": self._csrf(),
            "category_id": str(self.category.id),
            "name": "Broken lamp",
            "description": "The lamp of block 3",
            "partner_name": "Mrs Chen",
            "partner_email": "chen@example.com",
            **extra,
        }
        return self.url_open("/service/request/submit", data=data, files=files)

    def _submit(self, **extra):
        data = {
            "csrf_token": self._csrf(),
            "category_id": str(self.category.id),
            "name": "Broken lamp",
            "description": "The lamp <b>of</b> block 3",
            "partner_name": "Mrs Chen",
            "partner_email": "chen@example.com",
            "party_address": "18 East Lake Road",
            **extra,
        }
        return self.url_open("/service/request/submit", data=data)

    def _tickets(self):
        return self.env["helpdesk.ticket"].search([("category_id", "=", self.category.id)])

    def test_photos_are_images_read_from_their_bytes(self):
        # a PNG the browser calls text/html is stored as the PNG it is
        self._submit_with([("photos", ("lamp.png", PNG, "text/html"))])
        (ticket,) = self._tickets()
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(photos.mapped("mimetype"), ["image/png"])
        # an SVG (or anything not a PNG, JPEG, GIF or WebP) that claims to be an image:
        # refused with the rule, and no request is created
        for name, data, claimed in (
            ("lamp.svg", SVG, "image/svg+xml"),
            ("lamp.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ):
            with self.subTest(name=name, claimed=claimed):
                page = self._submit_with([("photos", (name, data, claimed))], name="Second")
                self.assertIn("at most 5 MB", page.text)
                self.assertEqual(len(self._tickets()), 1)
        too_many = [("photos", (f"p{i}.png", PNG, "image/png")) for i in range(6)]
        self.assertIn("up to 5 photos", self._submit_with(too_many, name="Third").text)
        self.assertEqual(len(self._tickets()), 1)

    def test_form_is_public(self):
        response = self.url_open("/service/request")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="website_url"', response.text)

    def test_request_filed_routed_and_followed(self):
        response = self._submit()
        self.assertEqual(response.status_code, 200)
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.party_organization_id, self.org)
        self.assertIn(f"/service/request/{ticket.id}/{ticket.party_follow_token}", response.url)
        self.assertIn(ticket.number, response.text)
        self.assertIn("&lt;b&gt;", ticket.description)  # the text is escaped, not HTML
        # a mail of the queue that belongs to no record: no message in the request's
        # history carries the private link
        mail = self.env["mail.mail"].search([("email_to", "=", "chen@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertFalse(mail.model or mail.res_id)
        self.assertIn(ticket.party_follow_token, mail.body_html)
        # the mail repeats none of the requester's text (no relay for someone else's words)
        self.assertNotIn("Broken lamp", mail.body_html)
        self.assertNotIn("Mrs Chen", mail.body_html)

    def test_honeypot_creates_nothing(self):
        response = self._submit(website_url="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._tickets())

    def test_rate_limit_per_address_and_hour(self):
        for _i in range(RATE_LIMIT_PER_HOUR):
            self._submit()
        self.assertEqual(len(self._tickets()), RATE_LIMIT_PER_HOUR)
        response = self._submit()
        self.assertIn("Too many requests", response.text)
        self.assertEqual(len(self._tickets()), RATE_LIMIT_PER_HOUR)

    def test_contact_required(self):
        response = self._submit(partner_email="", party_phone="")
        self.assertIn("Leave an e-mail address or a phone number", response.text)
        self.assertFalse(self._tickets())

    def test_guessing_ids_or_tokens_shows_nothing(self):
        self._submit()
        ticket = self._tickets()
        other = self.env["helpdesk.ticket"].create({"name": "Other", "description": "<p>x</p>"})
        other._portal_ensure_token()
        token = ticket.party_follow_token
        urls = (
            f"/service/request/{ticket.id}/{'0' * len(token)}",
            f"/service/request/{other.id}/{token}",
            f"/service/request/{ticket.id + 100000}/{token}",
            f"/service/request/{ticket.id}/",
            # the portal access token (readable by officers and the member) opens nothing
            f"/service/request/{ticket.id}/{ticket._portal_ensure_token()}",
        )
        self._assert_pages(urls, 404, ticket.number)

    def _rate(self, ticket, score):
        return self.url_open(
            ticket._party_follow_url() + "/rate",
            data={"csrf_token": self._csrf(), "score": str(score), "comment": "Thanks"},
        )

    def test_requester_rates_once_after_resolution(self):
        self._submit()
        ticket = self._tickets()
        response = self._rate(ticket, 5)
        self.assertIn("after it has been resolved", response.text)
        self.assertFalse(ticket.party_rated_at)
        with action_scope():
            ticket.write({"party_member_id": self.member.id})
        ticket.action_party_resolve()
        response = self._rate(ticket, 6)
        self.assertIn("from 1 to 5", response.text)
        response = self._rate(ticket, 4)
        self.assertIn("Thank you for your rating", response.text)
        self.assertEqual(ticket.party_rating, 4)
        response = self._rate(ticket, 1)
        self.assertEqual(ticket.party_rating, 4)

    def test_error_parameter_shows_nothing(self):
        self._submit()
        ticket = self._tickets()
        phishing = "Your account is blocked: call 555-0100"
        for url in ("/service/request", ticket._party_follow_url()):
            with self.subTest(url=url):
                response = self.url_open(url + "?error=" + phishing.replace(" ", "+"))
                self.assertNotIn("555-0100", response.text)
                # not even a known code: what a page says of an action is the server's
                response = self.url_open(url + "?error=rating_range")
                self.assertNotIn("from 1 to 5", response.text)

    def test_assigned_member_does_not_rate_even_with_the_link(self):
        self._submit()
        ticket = self._tickets()
        user = new_test_user(self.env, login="psf_member", groups="base.group_portal")
        self.member.sudo().user_id = user
        with action_scope():
            ticket.write({"party_member_id": self.member.id})
        ticket.action_party_resolve()
        self.authenticate("psf_member", "psf_member")
        response = self._rate(ticket, 5)
        self.assertIn("does not rate it", response.text)
        self.assertFalse(ticket.party_rated_at)
