"""On a phone (390x844, touch): the member opens a held meeting from /my/meetings and
reads its minutes."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMemberMinutesPhone(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tours read English labels, whatever language the database was made in
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        member_user = new_test_user(
            cls.env,
            login="plm_phone_member",
            groups="base.group_portal,party_branch.group_party_member",
            tz="UTC",
            lang="en_US",
        )
        branch = cls.env["party.organization"].create(
            {"name": "Minutes Phone Branch", "code": "PLM-PH", "org_type": "branch"}
        )
        cls.env["party.member"].create(
            {
                "name": "Minutes Phone Member",
                "user_id": member_user.id,
                "organization_id": branch.id,
                "member_category": "full",
                "join_date": "2010-03-01",
                "full_date": "2011-03-01",
            }
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
