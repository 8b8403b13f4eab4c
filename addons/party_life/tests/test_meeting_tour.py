"""Browser tour and portal of the meetings: the secretary plans, members sign in, minutes, held."""

from datetime import datetime

from odoo import http
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyTourCase, appoint_secretary

from .common import theme_day_under_way


@tagged("post_install", "-at_install")
class TestMeetingTour(PartyTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_user = cls._tour_user("pmt_secretary")
        cls.member_user = cls._tour_user("pmt_member", portal=True)
        cls.branch = cls.env["party.organization"].create(
            # the tours use the plain sign-in button: the branch allows remote sign-in
            {
                "name": "Tour Branch",
                "code": "PMT-B1",
                "org_type": "branch",
                "party_remote_sign_in": True,
            }
        )
        Member = cls.env["party.member"]
        common = {
            "organization_id": cls.branch.id,
            "member_category": "full",
            "join_date": "2010-03-01",
            "full_date": "2011-03-01",
        }
        cls.secretary = Member.create(
            {"name": "Tour Secretary", "user_id": cls.secretary_user.id, **common}
        )
        cls.member_one = Member.create(
            {"name": "Tour Member One", "user_id": cls.member_user.id, **common}
        )
        cls.member_two = Member.create({"name": "Tour Member Two", **common})
        appoint_secretary(cls.env, cls.branch, cls.secretary, "2024-01-01")

    def test_plan_sign_in_minutes_held(self):
        self.start_tour(
            "/odoo/action-party_life.party_meeting_action",
            "party_meeting_plan_tour",
            login="pmt_secretary",
        )
        meeting = self.env["party.meeting"].search([("organization_id", "=", self.branch.id)])
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.meeting_type, "branch_assembly")
        self.assertTrue(meeting.calendar_event_id)
        self.assertEqual(
            meeting.attendance_ids.member_id, self.secretary | self.member_one | self.member_two
        )
        # The other member signs in through the method (as the web client button does).
        meeting.with_user(self.member_user).action_sign_in()
        present = meeting.attendance_ids.filtered(lambda a: a.state == "present")
        self.assertEqual(present.member_id, self.secretary | self.member_one)
        self.start_tour(
            f"/odoo/action-party_life.party_meeting_action/{meeting.id}",
            "party_meeting_held_tour",
            login="pmt_secretary",
        )
        self.assertEqual(meeting.state, "held")
        self.assertIn("work plan", meeting.minutes)
        self.assertAlmostEqual(meeting.attendance_rate, 200 / 3, places=2)

    def test_portal_sign_in(self):
        meeting = theme_day_under_way(self.env, self.branch, "Portal Theme Day")
        later = meeting.copy(
            {
                "name": "Later Theme Day",
                "start": datetime(2099, 1, 1, 9),
                "stop": datetime(2099, 1, 1, 11),
            }
        )
        self.authenticate("pmt_member", "pmt_member")
        page = self.url_open("/my/meetings")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Portal Theme Day", page.text)
        self.assertIn(f"/my/meetings/{meeting.id}/sign_in", page.text)
        self.assertNotIn(f"/my/meetings/{later.id}/sign_in", page.text)
        home = self.url_open("/my")
        self.assertIn("My Party Meetings", home.text)
        response = self.url_open(
            f"/my/meetings/{meeting.id}/sign_in",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("You are signed in", response.text)
        attendance = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_one)
        self.assertEqual(attendance.state, "present")
        # outside the window: refused with the rule
        response = self.url_open(
            f"/my/meetings/{later.id}/sign_in", data={"csrf_token": http.Request.csrf_token(self)}
        )
        self.assertIn("30 minutes", response.text)
        # the error is shown once, and never a text the address carries
        self.assertNotIn("30 minutes", self.url_open("/my/meetings").text)
        self.assertNotIn("PMTforged", self.url_open("/my/meetings?error=PMTforged+call+us").text)
        self.assertEqual(
            later.attendance_ids.filtered(lambda a: a.member_id == self.member_one).state,
            "expected",
        )
