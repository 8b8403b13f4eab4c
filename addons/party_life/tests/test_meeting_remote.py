"""Remote attendance by the meeting's video call, and the minutes members never read
through the ORM: through the RPC dispatch, as a browser's developer tools would call.

A member away attends a meeting that allows it, in the sign-in window, once: recorded
"remote", counted in the attendance rate, not present (no quorum, no vote)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import member_user
from odoo.addons.party_branch.tests.rpc import rpc

from .test_meeting import PartyMeetingCase


@tagged("post_install", "-at_install")
class TestMeetingRemote(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._branch_a_meeting(remote_attendance=True)
        cls.closed = cls._meeting(cls.branch_a, cls.start, meeting_type="theme_day")
        cls.portal_b = member_user(cls.env, "pmr_remote_b")
        cls.member_b.user_id = cls.portal_b

    def _attend(self, user=None, meeting=None):
        return self._member_rpc("action_attend_remote", user, meeting)

    def assertNotRecorded(self, meeting=None):  # pylint: disable=invalid-name
        attendance = self._attendance(meeting=meeting)
        self.assertEqual(attendance.state, "expected")
        self.assertFalse(attendance.signed_at)

    def test_remote_attendance_recorded_and_sent_to_the_video_call(self):
        with freeze_time(self.start + timedelta(minutes=5)):
            action = self._attend()
        attendance = self._attendance()
        self.assertEqual(attendance.state, "remote")
        self.assertEqual(attendance.signed_at, self.start + timedelta(minutes=5))
        event = self.meeting.calendar_event_id
        self.assertTrue(event, "the video call is Odoo Calendar's: the meeting's event")
        self.assertIn("/calendar/join_videocall/", action["url"])
        self.assertEqual(action["url"], event.videocall_location)
        self.assertEqual(self.meeting.videocall_url, action["url"])

    def test_remote_attendance_counts_as_attended_not_present(self):
        with freeze_time(self.start):
            self._attend()
        self.assertEqual(self.meeting.present_count, 0)
        self.assertEqual(self.meeting.remote_count, 1)
        self.assertEqual(self.meeting.attendance_rate, 50.0)  # 1 of 2 expected

    def test_remote_attendance_refused_where_the_meeting_does_not_allow_it(self):
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "cannot be attended remotely"):
                self._attend(meeting=self.closed)
        self.assertNotRecorded(meeting=self.closed)

    def test_remote_attendance_refused_before_the_window(self):
        with freeze_time(self.start - timedelta(minutes=31)):
            with self.assertRaisesRegex(UserError, "30 minutes"):
                self._attend()
        self.assertNotRecorded()

    def test_remote_attendance_refused_after_the_window(self):
        with freeze_time(self.meeting.stop + timedelta(minutes=31)):
            with self.assertRaisesRegex(UserError, "30 minutes"):
                self._attend()
        self.assertNotRecorded()

    def test_remote_attendance_at_the_window_edges(self):
        with freeze_time(self.start - timedelta(minutes=30)):
            self._attend()
        self.assertEqual(self._attendance().state, "remote")

    def test_remote_attendance_twice_refused(self):
        with freeze_time(self.start):
            self._attend()
            with self.assertRaisesRegex(UserError, "already attend .* remotely"):
                self._attend()
        self.assertEqual(self._attendance().signed_at, self.start)

    def test_remote_attendance_refused_when_present_in_the_room(self):
        with freeze_time(self.start):
            code = self.meeting._room_code(self.meeting._room_slot())
            rpc(self.env, self.portal, "party.meeting", "action_sign_in_room",
                ids=self.meeting.ids, code=code)  # fmt: skip
            with self.assertRaisesRegex(UserError, "already signed in"):
                self._attend()
        self.assertEqual(self._attendance().state, "present")

    def test_remote_attendance_refused_to_a_member_the_meeting_does_not_expect(self):
        with freeze_time(self.start):
            with self.assertRaises(AccessError):
                self._attend(user=self.portal_b)
        self.assertNotIn(self.member_b, self.meeting.attendance_ids.member_id)
        self.assertNotRecorded()

    def test_remote_attendance_refused_on_a_cancelled_meeting(self):
        self.meeting.with_context(party_meeting_no_calendar=True).action_cancel()
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "cancelled"):
                self._attend()
        self.assertNotRecorded()

    def test_member_in_the_room_after_attending_remotely_is_present(self):
        with freeze_time(self.start):
            self._attend()
            code = self.meeting._room_code(self.meeting._room_slot())
            rpc(self.env, self.portal, "party.meeting", "action_sign_in_room",
                ids=self.meeting.ids, code=code)  # fmt: skip
        self.assertEqual(self._attendance().state, "present")

    def test_held_meeting_keeps_the_remote_attendance(self):
        with freeze_time(self.start):
            self._attend()
        with freeze_time(self.meeting.stop):
            self.meeting.with_context(party_meeting_no_calendar=True).action_held()
        self.assertEqual(self._attendance().state, "remote")
        self.assertEqual(self._attendance(self.secretary_a).state, "absent")

    def test_leave_refused_once_attending_remotely(self):
        with freeze_time(self.start - timedelta(minutes=20)):
            self._attend()
            with self.assertRaisesRegex(UserError, "already signed in"):
                rpc(self.env, self.portal, "party.meeting", "action_request_leave",
                    ids=self.meeting.ids, reason="Away")  # fmt: skip
        self.assertFalse(self._attendance().leave_state)

    # ------------------------------------------------------------ the video call

    def test_member_attending_remotely_rejoins_the_video_call(self):
        with freeze_time(self.start):
            url = self._attend()["url"]
            again = rpc(self.env, self.portal, "party.meeting", "action_join_videocall",
                        ids=self.meeting.ids)  # fmt: skip
        self.assertEqual(again["url"], url)

    def test_member_not_attending_remotely_gets_no_video_call(self):
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "Attend .* remotely first"):
                rpc(self.env, self.portal, "party.meeting", "action_join_videocall",
                    ids=self.meeting.ids)  # fmt: skip
        self.assertFalse(self.meeting.videocall_url)

    def test_other_member_gets_no_video_call(self):
        with freeze_time(self.start):
            with self.assertRaises(AccessError):
                rpc(self.env, self.portal_b, "party.meeting", "action_join_videocall",
                    ids=self.meeting.ids)  # fmt: skip
        self.assertFalse(self.meeting.videocall_url)

    def test_officer_opens_the_video_call(self):
        action = rpc(self.env, self.officer_a, "party.meeting", "action_join_videocall",
                     ids=self.meeting.ids)  # fmt: skip
        self.assertEqual(action["url"], self.meeting.calendar_event_id.videocall_location)

    def test_officer_of_another_branch_gets_no_video_call(self):
        with freeze_time(self.start):
            with self.assertRaises(AccessError):
                rpc(self.env, self.officer_b, "party.meeting", "action_join_videocall",
                    ids=self.meeting.ids)  # fmt: skip

    def test_the_officers_link_is_used(self):
        self.meeting.with_user(self.officer_a).videocall_url = "https://meeting.example/j/123"
        with freeze_time(self.start):
            self.assertEqual(self._attend()["url"], "https://meeting.example/j/123")
        self.assertFalse(self.meeting.calendar_event_id)

    def test_the_link_is_a_web_address(self):
        with self.assertRaisesRegex(ValidationError, "web address"):
            self.meeting.with_user(self.officer_a).videocall_url = "javascript:alert(1)"

    def test_members_do_not_read_the_link(self):
        self.meeting.videocall_url = "https://meeting.example/j/123"
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.meeting", "read", ["videocall_url"],
                ids=self.meeting.ids)  # fmt: skip

    def test_members_do_not_set_remote_attendance(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.meeting", "write", {"remote_attendance": True},
                ids=self.closed.ids)  # fmt: skip
        self.assertFalse(self.closed.remote_attendance)


@tagged("post_install", "-at_install")
class TestMeetingMinutesRead(PartyMeetingCase):
    """The minutes are read by the officers and auditors; members read them only on the
    portal's page of a held meeting (test_member_portal_pages.py)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.held = cls._held(cls.branch_a, cls.today - timedelta(days=3), minutes="<p>Agreed</p>")
        cls.planned = cls._meeting(
            cls.branch_a, datetime(2030, 1, 1, 9), minutes="<p>Draft notes</p>"
        )

    def _read(self, user, meeting):
        return rpc(self.env, user, "party.meeting", "read", ["minutes"], ids=meeting.ids)

    def test_member_reads_no_minutes_before_the_meeting_is_held(self):
        with self.assertRaises(AccessError):
            self._read(self.portal, self.planned)

    def test_member_reads_no_minutes_over_rpc_after_it_either(self):
        with self.assertRaises(AccessError):
            self._read(self.portal, self.held)

    def test_member_searches_no_minutes(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.meeting", "search", [("minutes", "ilike", "Draft")])

    def test_officer_and_auditor_read_the_minutes(self):
        self.assertEqual(
            self._read(self.officer_a, self.planned)[0]["minutes"], "<p>Draft notes</p>"
        )
        self.assertEqual(self._read(self.auditor, self.held)[0]["minutes"], "<p>Agreed</p>")
