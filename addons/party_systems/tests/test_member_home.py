"""The member's home (/my/party): party_systems' block, the votes and ratings open to
the member (a decision of their meeting put to the members' vote, their branch
secretary's yearly report to rate), with data and empty; a member of another branch
sees neither."""

import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import appoint_secretary, create_full_members
from odoo.addons.party_branch.tests.test_member_home import MemberHome

from .common import PortalForms


@tagged("post_install", "-at_install")
class TestMemberHomeVotes(MemberHome, PortalForms, HttpCase):
    login_prefix = "psh_"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Org = env["party.organization"]
        committee = Org.create({"name": "PSH Committee", "code": "PSH-C", "org_type": "committee"})
        branch = Org.create(
            {"name": "PSH Branch", "code": "PSH-A", "org_type": "branch", "parent_id": committee.id}
        )
        other = Org.create(
            {"name": "PSH Other", "code": "PSH-B", "org_type": "branch", "parent_id": committee.id}
        )
        born = datetime.date(1979, 9, 9)
        secretary, voter, second = create_full_members(
            env, branch, [("PSH Secretary", born, 51), ("PSH Voter", born, 53),
                          ("PSH Second", born, 55)]
        )  # fmt: skip
        (outsider,) = create_full_members(env, other, [("PSH Outsider", born, 57)])
        groups = {
            "secretary": "base.group_user,party_branch.group_party_officer",
            "voter": "base.group_portal,party_branch.group_party_member",
            "outsider": "base.group_portal,party_branch.group_party_member",
        }
        cls.users = {
            key: new_test_user(env, login=f"psh_{key}", groups=group, lang="en_US", tz="UTC")
            for key, group in groups.items()
        }
        secretary.user_id = cls.users["secretary"]
        voter.user_id = cls.users["voter"]
        outsider.user_id = cls.users["outsider"]
        appoint_secretary(env, branch, secretary, "2020-01-01")
        start = datetime.datetime.now().replace(microsecond=0) - datetime.timedelta(minutes=5)
        meeting = (
            env["party.meeting"]
            .with_context(party_meeting_no_calendar=True)
            .create(
                {
                    "name": "PSH Assembly",
                    "organization_id": branch.id,
                    "meeting_type": "branch_assembly",
                    "start": start,
                    "stop": start + datetime.timedelta(hours=2),
                }
            )
        )
        meeting.attendance_ids.write({"state": "present"})
        cls.decision = (
            env["party.decision"]
            .with_user(cls.users["secretary"])
            .create(
                {
                    "name": "PSH Volunteer team",
                    "organization_id": branch.id,
                    "meeting_id": meeting.id,
                    "proposal": "<p>PSH proposal</p>",
                    "voting_method": "members",
                }
            )
        )
        cls.decision.action_schedule()
        cls.decision.action_open_voting()
        cls.report = env["party.secretary.report"].create(
            {
                "organization_id": branch.id,
                "member_id": secretary.id,
                "year": datetime.date.today().year - 1,
                "duty_report": "<p>PSH duties</p>",
                "integrity_report": "<p>PSH integrity</p>",
            }
        )
        cls.report.with_user(cls.users["secretary"]).action_file()
        cls.report.with_user(cls.users["secretary"]).action_open_rating()

    def test_vote_and_rating_open_to_me_listed_with_their_pages(self):
        block = self._block(self._home("psh_voter"), "votes")
        self.assertFalse(self._empty(block))
        self.assertIn("PSH Volunteer team", self._text(block))
        self.assertIn("PSH Secretary", self._text(block))
        links = self._links(block)
        self.assertIn(f"/my/party/decisions/{self.decision.id}", links)
        self.assertIn(f"/my/party/secretary-reports/{self.report.id}", links)
        self.assertEqual(block.xpath(".//span[contains(@class, 'o_party_home_badge')]/text()"),
                         ["2"])  # fmt: skip

    def test_vote_cast_leaves_the_block(self):
        self._login("voter")
        self._post(f"/my/party/decisions/{self.decision.id}/vote", choice="for")
        self.assertEqual(self.decision.vote_ids.choice, "for")
        block = self._block(self._home("psh_voter"), "votes")
        self.assertNotIn("PSH Volunteer team", self._text(block))
        self.assertIn(f"/my/party/secretary-reports/{self.report.id}", self._links(block))

    def test_member_of_another_branch_sees_nothing_to_vote_and_what_will_appear(self):
        block = self._block(self._home("psh_outsider"), "votes")
        self.assertTrue(self._empty(block))
        self.assertIn("will appear here", self._text(block))
        self.assertNotIn("PSH Volunteer team", self._text(block))
        self.assertNotIn(f"/my/party/decisions/{self.decision.id}", self._links(block))
        self.assertNotIn(f"/my/party/secretary-reports/{self.report.id}", self._links(block))
