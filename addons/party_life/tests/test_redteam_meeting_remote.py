"""Red team: remote attendance by a member no longer concerned by the meeting (left
the Party, or transferred to another organisation since the attendance list was
made), through the RPC dispatch."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .test_meeting import PartyMeetingCase


@tagged("post_install", "-at_install")
class TestRedteamMeetingRemote(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._branch_a_meeting(remote_attendance=True)

    def _attend(self):
        with freeze_time(self.start + timedelta(minutes=5)):
            return rpc(self.env, self.portal, "party.meeting", "action_attend_remote",
                       ids=self.meeting.ids)  # fmt: skip

    def test_member_who_withdrew_gets_no_video_call(self):
        self.assertTrue(self._attendance())
        self.member_a.status = "withdrawn"
        with self.assertRaisesRegex(UserError, "no longer concerns"):
            self._attend()
        self.assertEqual(self._attendance().state, "expected")
        self.assertFalse(self.meeting.videocall_url)

    def test_member_transferred_elsewhere_gets_no_video_call(self):
        self.member_a.write({"organization_id": self.branch_b.id, "group_id": False})
        with self.assertRaisesRegex(UserError, "no longer concerns"):
            self._attend()
        self.assertEqual(self._attendance().state, "expected")

    def test_member_who_withdrew_does_not_rejoin_the_video_call(self):
        self._attend()
        self.member_a.status = "withdrawn"
        with freeze_time(self.start + timedelta(minutes=20)):
            with self.assertRaisesRegex(UserError, "no longer concerns"):
                rpc(self.env, self.portal, "party.meeting", "action_join_videocall",
                    ids=self.meeting.ids)  # fmt: skip

    def _videocall_read_by(self, login):
        """The meeting's calendar event as a new employee without Party groups reads
        it over RPC: the rows that show its video call link or its access token."""
        employee = new_test_user(self.env, login=login, groups="base.group_user")
        events = rpc(self.env, employee, "calendar.event", "search_read",
                     [("id", "=", self.meeting.calendar_event_id.id)],
                     ["videocall_location", "access_token"])  # fmt: skip
        return [e for e in events if e.get("videocall_location") or e.get("access_token")]

    def test_employee_without_party_groups_does_not_read_the_video_call(self):
        action = self._attend()
        self.assertIn("/calendar/join_videocall/", action["url"])
        self.assertFalse(self._videocall_read_by("prt_employee"))

    def test_video_call_of_a_meeting_whose_event_was_public_is_not_read_by_employees(self):
        self.meeting.sudo()._sync_calendar_event()
        self.meeting.calendar_event_id.privacy = "public"
        self._attend()
        self.assertFalse(self._videocall_read_by("prt_employee_2"))
