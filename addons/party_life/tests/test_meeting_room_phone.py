"""On a phone (390x844, touch): the member types the room screen's 6-digit code on
/my/meetings and sees herself present; she asks for leave from tomorrow's meeting."""

from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyPhoneTourCase


@tagged("post_install", "-at_install")
class TestMeetingRoomPhone(PartyPhoneTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        branch, (cls.member,) = cls._tour_branch(
            "Room Phone Branch",
            "PMR-PH",
            [("Room Phone Member", date(1986, 3, 1), 51)],
            user=cls._tour_user("pmr_phone_member", portal=True),
        )
        Meeting = cls.env["party.meeting"].with_context(party_meeting_no_calendar=True)
        now = fields.Datetime.now().replace(microsecond=0)
        common = {"organization_id": branch.id, "meeting_type": "theme_day"}
        cls.now_meeting = Meeting.create(
            {
                "name": "Room Phone Day",
                "start": now - timedelta(minutes=10),
                "stop": now + timedelta(hours=2),
                **common,
            }
        )
        cls.tomorrow_meeting = Meeting.create(
            {
                "name": "Leave Phone Day",
                "start": now + timedelta(days=1),
                "stop": now + timedelta(days=1, hours=2),
                **common,
            }
        )

    def _attendance(self, meeting):
        return meeting.attendance_ids.filtered(lambda a: a.member_id == self.member)

    def test_member_types_the_room_code_on_a_phone(self):
        meeting = self.now_meeting
        code = meeting._room_code(meeting._room_slot())
        self.start_tour(
            f"/my/meetings?pmr_code={code}",
            "party_life_phone_member_room_code_tour",
            login="pmr_phone_member",
        )
        self.assertEqual(self._attendance(meeting).state, "present")

    def test_member_asks_for_leave_on_a_phone(self):
        self.start_tour(
            "/my/meetings", "party_life_phone_member_leave_tour", login="pmr_phone_member"
        )
        attendance = self._attendance(self.tomorrow_meeting)
        self.assertEqual(attendance.leave_state, "requested")
        self.assertEqual(attendance.leave_reason, "Night shift at the pumping station")
