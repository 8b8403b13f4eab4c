"""Leave requests (请假): the member asks before the meeting, with a reason; the
secretary grants (excused) or refuses. Through the RPC dispatch and the portal."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyTourCase, portal_member
from odoo.addons.party_branch.tests.rpc import rpc

from .test_meeting import PartyMeetingCase


@tagged("post_install", "-at_install")
class TestMeetingLeave(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._branch_a_meeting()
        cls.before = cls.start - timedelta(days=1)

    def _ask(self, reason="On a business trip", user=None):
        return self._member_rpc("action_request_leave", user, reason=reason)

    def _answer(self, method, user=None):
        return rpc(
            self.env,
            user or self.officer_a,
            "party.meeting.attendance",
            method,
            ids=self._attendance().ids,
        )

    def test_member_asks_for_leave_before_the_meeting(self):
        with freeze_time(self.before):
            self._ask()
            self.assertEqual(self.meeting.with_user(self.portal).my_leave_state, "requested")
        attendance = self._attendance()
        self.assertEqual(attendance.leave_state, "requested")
        self.assertEqual(attendance.leave_reason, "On a business trip")
        self.assertEqual(attendance.state, "expected")

    def test_leave_refused_after_the_meeting_started(self):
        with freeze_time(self.start + timedelta(minutes=1)):
            with self.assertRaisesRegex(UserError, "leave is asked for before the meeting"):
                self._ask()
        self.assertFalse(self._attendance().leave_state)

    def test_leave_without_a_reason_refused(self):
        with freeze_time(self.before):
            with self.assertRaisesRegex(UserError, "reason of your leave"):
                self._ask(reason="   ")
        self.assertFalse(self._attendance().leave_state)

    def test_leave_asked_twice_refused(self):
        with freeze_time(self.before):
            self._ask()
            with self.assertRaisesRegex(UserError, "already asked for leave"):
                self._ask(reason="Another reason")
        self.assertEqual(self._attendance().leave_reason, "On a business trip")

    def test_leave_by_a_member_not_expected_refused(self):
        with freeze_time(self.before):
            with self.assertRaisesRegex(AccessError, "not an expected attendee"):
                self._ask(user=self.officer_b)
        self.assertFalse(self.meeting.attendance_ids.filtered("leave_state"))

    def test_secretary_grants_the_leave_member_excused(self):
        with freeze_time(self.before):
            self._ask()
        self._answer("action_grant_leave")
        attendance = self._attendance()
        self.assertEqual(attendance.leave_state, "granted")
        self.assertEqual(attendance.state, "excused")
        self.assertEqual(attendance.excuse, "On a business trip")

    def test_secretary_refuses_the_leave_member_still_expected(self):
        with freeze_time(self.before):
            self._ask()
        self._answer("action_refuse_leave")
        attendance = self._attendance()
        self.assertEqual(attendance.leave_state, "refused")
        self.assertEqual(attendance.state, "expected")

    def test_officer_of_another_branch_cannot_grant(self):
        with freeze_time(self.before):
            self._ask()
        with self.assertRaises(AccessError):
            self._answer("action_grant_leave", user=self.officer_b)
        self.assertEqual(self._attendance().leave_state, "requested")

    def test_member_cannot_grant_their_own_leave(self):
        with freeze_time(self.before):
            self._ask()
        with self.assertRaises(AccessError):
            self._answer("action_grant_leave", user=self.portal)
        with self.assertRaises(AccessError):
            rpc(
                self.env,
                self.portal,
                "party.meeting.attendance",
                "write",
                {"leave_state": "granted"},
                ids=self._attendance().ids,
            )
        self.assertEqual(self._attendance().leave_state, "requested")

    def test_leave_state_not_written_by_the_officer_directly(self):
        with self.assertRaises(UserError):
            rpc(
                self.env,
                self.officer_a,
                "party.meeting.attendance",
                "write",
                {"leave_state": "granted"},
                ids=self._attendance().ids,
            )
        self.assertFalse(self._attendance().leave_state)

    def test_grant_without_a_request_refused(self):
        with self.assertRaisesRegex(UserError, "no leave request"):
            self._answer("action_grant_leave")
        self.assertEqual(self._attendance().state, "expected")


@tagged("post_install", "-at_install")
class TestMeetingLeavePortal(PartyTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        branch = cls.env["party.organization"].create(
            {"name": "Leave Branch", "code": "PML-B1", "org_type": "branch"}
        )
        cls.member_user, cls.member = portal_member(
            cls.env, "pml_member", "Leave Member", branch,
            join_date="2010-03-01", full_date="2011-03-01",
        )  # fmt: skip
        Meeting = cls.env["party.meeting"].with_context(party_meeting_no_calendar=True)
        now = fields.Datetime.now().replace(microsecond=0)
        cls.tomorrow = Meeting.create(
            {
                "organization_id": branch.id,
                "meeting_type": "theme_day",
                "name": "Tomorrow Theme Day",
                "start": now + timedelta(days=1),
                "stop": now + timedelta(days=1, hours=2),
            }
        )
        cls.started = Meeting.create(
            {
                "organization_id": branch.id,
                "meeting_type": "theme_day",
                "name": "Started Theme Day",
                "start": now - timedelta(minutes=5),
                "stop": now + timedelta(hours=2),
            }
        )

    def _attendance(self, meeting):
        return meeting.attendance_ids.filtered(lambda a: a.member_id == self.member)

    def test_member_asks_for_leave_on_the_portal(self):
        self.authenticate("pml_member", "pml_member")
        page = self.url_open("/my/meetings")
        self.assertIn(f"/my/meetings/{self.tomorrow.id}/leave", page.text)
        self.assertNotIn(f"/my/meetings/{self.started.id}/leave", page.text)
        response = self.url_open(
            f"/my/meetings/{self.tomorrow.id}/leave",
            data={"reason": "Night shift", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("Your leave request is sent", response.text)
        self.assertIn("Leave requested", response.text)
        self.assertEqual(self._attendance(self.tomorrow).leave_reason, "Night shift")

    def test_leave_after_the_start_refused_on_the_portal(self):
        self.authenticate("pml_member", "pml_member")
        response = self.url_open(
            f"/my/meetings/{self.started.id}/leave",
            data={"reason": "Night shift", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("leave is asked for before the meeting starts", response.text)
        self.assertFalse(self._attendance(self.started).leave_state)

    def test_leave_without_csrf_refused(self):
        self.authenticate("pml_member", "pml_member")
        response = self.url_open(
            f"/my/meetings/{self.tomorrow.id}/leave", data={"reason": "Night shift"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._attendance(self.tomorrow).leave_state)
