"""Pairing assistance (visits never before the start), volunteer hours (0–24 a day),
and the member's service page on the portal."""

import re
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import portal_member

from .common import PNG, SVG, PartyServiceCase


@tagged("post_install", "-at_install")
class TestPairingVolunteer(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._pairing("Household Wang", "2026-03-01")
        cls.event = cls.env["event.event"].create(
            {"name": "Cleanup", "party_organization_id": cls.branch_a.id,
             "date_begin": datetime(2026, 4, 1, 1), "date_end": datetime(2026, 4, 1, 9)}
        )  # fmt: skip

    def test_visit_on_the_start_day_allowed(self):
        visit = self.env["party.pairing.visit"].create(
            {"pairing_id": self.pairing.id, "date": "2026-03-01"}
        )
        self.assertEqual(visit.state, "planned")

    def test_visit_before_the_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "before the pairing starts"):
            self.env["party.pairing.visit"].create(
                {"pairing_id": self.pairing.id, "date": "2026-02-28"}
            )
        self.assertFalse(self.pairing.visit_ids)

    def test_planned_future_visit_logged_as_made_today(self):
        visit = self.env["party.pairing.visit"].create(
            {"pairing_id": self.pairing.id,
             "date": fields.Date.today() + timedelta(days=3)}
        )  # fmt: skip
        visit.action_log()
        self.assertEqual((visit.state, visit.date), ("done", fields.Date.today()))

    def test_next_visit_and_renewal(self):
        self.assertEqual(str(self.pairing.next_visit_date), "2026-03-31")
        self.pairing.write({"date_end": "2026-12-31", "outcome": "Better"})
        self.pairing.action_start()
        action = self.pairing.action_renew()
        renewal = self.env["party.pairing"].browse(action["res_id"])
        self.assertEqual(str(renewal.date_start), "2027-01-01")
        self.assertEqual(renewal.previous_id, self.pairing)
        self.assertEqual(self.pairing.state, "done")

    def _registration(self, hours):
        return self.env["event.registration"].create(
            {"event_id": self.event.id, "partner_id": self.member_a.partner_id.id,
             "party_hours": hours}
        )  # fmt: skip

    def test_hours_0_and_24_a_day_allowed(self):
        self.assertEqual(self._registration(0).party_member_id, self.member_a)
        self.assertEqual(self._registration(24).party_hours, 24)

    def test_negative_or_more_than_24_hours_a_day_refused(self):
        for hours in (-0.5, 24.5):
            with self.subTest(hours=hours):
                with self.assertRaisesRegex(ValidationError, "at most 24 a day"):
                    self._registration(hours)
        self.assertFalse(self.event.registration_ids)


@tagged("post_install", "-at_install")
class TestServicePortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.org = cls.env["party.organization"].create(
            {"name": "PSP Branch", "code": "PSP-B1", "org_type": "branch"}
        )
        cls.user, cls.member = portal_member(
            cls.env, "psp_member", "PSP Member", cls.org,
            join_date="2010-01-01", full_date="2011-01-01",
        )  # fmt: skip
        cls.other = cls.env["party.member"].create(
            {"name": "PSP Other", "organization_id": cls.org.id, "member_category": "full",
             "join_date": "2010-01-01", "full_date": "2011-01-01"}
        )  # fmt: skip
        Ticket = cls.env["helpdesk.ticket"]
        cls.mine = Ticket.create({"name": "PSP mine", "description": "<p>x</p>",
                                  "party_organization_id": cls.org.id,
                                  "party_member_id": cls.member.id})  # fmt: skip
        cls.theirs = Ticket.create({"name": "PSP theirs", "description": "<p>x</p>",
                                    "party_organization_id": cls.org.id,
                                    "party_member_id": cls.other.id})  # fmt: skip
        now = fields.Datetime.now()
        cls.event = cls.env["event.event"].create(
            {"name": "PSP volunteer day", "party_organization_id": cls.org.id,
             "date_begin": now + timedelta(days=2), "date_end": now + timedelta(days=2, hours=3)}
        )  # fmt: skip

    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _visit(self, member, day):
        pairing = self.env["party.pairing"].create(
            {"name": "PSP household", "organization_id": self.org.id,
             "member_id": member.id, "date_start": day}
        )  # fmt: skip
        return self.env["party.pairing.visit"].create({"pairing_id": pairing.id, "date": day})

    def test_visit_logged_with_photos_on_the_portal(self):
        png = PNG
        day = fields.Date.today()
        visit, theirs = self._visit(self.member, day), self._visit(self.other, day)
        self.authenticate("psp_member", "psp_member")
        page = self.url_open("/my/service").text
        self.assertIn("o_party_visit_photos", page)
        token = self._csrf(page)

        def log(target, files):
            return self.url_open(
                f"/my/service/visit/{target.id}/log",
                data={"csrf_token": token, "note": "Met the family"},
                files=files,
            )

        # an SVG is refused with the rule and the visit stays planned
        response = log(visit, [("photos", ("x.svg", SVG, "image/png"))])
        self.assertIn("PNG, JPEG, GIF or WebP", response.text)
        self.assertEqual(
            (visit.state, visit.attachment_ids), ("planned", self.env["ir.attachment"])
        )
        # someone else's visit: nothing logged or attached
        log(theirs, [("photos", ("a.png", png, "image/png"))])
        self.assertEqual(
            (theirs.state, theirs.attachment_ids), ("planned", self.env["ir.attachment"])
        )
        log(
            visit,
            [("photos", ("a.png", png, "image/png")), ("photos", ("b.png", png, "image/png"))],
        )
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.note, "Met the family")
        self.assertEqual(visit.attachment_ids.mapped("mimetype"), ["image/png", "image/png"])
        self.assertEqual(set(visit.attachment_ids.mapped("res_id")), {visit.id})

    def test_service_page_resolve_and_sign_up(self):
        self.authenticate("psp_member", "psp_member")
        page = self.url_open("/my/service").text
        self.assertIn("PSP mine", page)
        self.assertNotIn("PSP theirs", page)
        self.assertIn("PSP volunteer day", page)
        token = self._csrf(page)
        # someone else's request: nothing happens
        self.url_open(f"/my/service/request/{self.theirs.id}/resolve", data={"csrf_token": token})
        self.assertFalse(self.theirs.party_resolved_at)
        self.url_open(f"/my/service/request/{self.mine.id}/resolve", data={"csrf_token": token})
        self.assertTrue(self.mine.party_resolved_at)
        self.url_open(f"/my/service/volunteer/{self.event.id}/sign_up", data={"csrf_token": token})
        self.assertEqual(self.event.registration_ids.party_member_id, self.member)
