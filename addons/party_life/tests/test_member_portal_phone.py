"""On a phone (390x844, touch): the member opens a held meeting from /my/meetings and
reads its minutes."""

from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyPhoneTourCase


@tagged("post_install", "-at_install")
class TestMemberMinutesPhone(PartyPhoneTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        branch, _members = cls._tour_branch(
            "Minutes Phone Branch",
            "PLM-PH",
            [("Minutes Phone Member", date(1987, 3, 1), 53)],
            user=cls._tour_user("plm_phone_member", portal=True),
        )
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(days=2)
        cls.meeting = (
            cls.env["party.meeting"]
            .with_context(party_meeting_no_calendar=True)
            .create(
                {
                    "name": "Minutes Phone Assembly",
                    "organization_id": branch.id,
                    "meeting_type": "branch_assembly",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "minutes": "<p>The branch adopts the flood season plan.</p>",
                }
            )
        )
        cls.meeting.with_context(party_meeting_no_calendar=True).action_held()

    def test_member_reads_the_minutes_of_a_held_meeting_on_a_phone(self):
        self.start_tour(
            "/my/meetings", "party_life_phone_member_minutes_tour", login="plm_phone_member"
        )
