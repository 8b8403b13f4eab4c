"""On a phone (390x844, touch): the member types the room screen's 6-digit code on
/my/meetings and sees herself present; she asks for leave from tomorrow's meeting."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMeetingRoomPhone(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tours read English labels, whatever language the database was made in
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        cls.member_user = new_test_user(
            cls.env,
            login="pmr_phone_member",
            groups="base.group_portal,party_branch.group_party_member",
            tz="UTC",
            lang="en_US",
        )
        branch = cls.env["party.organization"].create(
            {"name": "Room Phone Branch", "code": "PMR-PH", "org_type": "branch"}
        )
        cls.member = cls.env["party.member"].create(
            {
                "name": "Room Phone Member",
                "user_id": cls.member_user.id,
                "organization_id": branch.id,
                "member_category": "full",
                "join_date": "2010-03-01",
                "full_date": "2011-03-01",
            }
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
