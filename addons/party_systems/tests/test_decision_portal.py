"""Members vote on the decisions of their meetings on the portal (phone first), when the
decision is voted by the members themselves; nobody else sees the decision there."""

import datetime

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import appoint_secretary, create_full_members

from .common import PortalForms


@tagged("post_install", "-at_install")
class TestDecisionPortal(PortalForms, HttpCase):
    login_prefix = "pdp_"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Org = env["party.organization"]
        cls.branch = Org.create({"name": "PDP Branch", "code": "PDP-A", "org_type": "branch"})
        other = Org.create({"name": "PDP Other", "code": "PDP-B", "org_type": "branch"})
        born = datetime.date(1981, 7, 1)
        keys = ("secretary", "voter", "second", "absent", "probationer", "outsider")
        cls.users = {
            key: new_test_user(
                env,
                login=f"pdp_{key}",
                groups="base.group_user,party_branch.group_party_officer"
                if key == "secretary"
                else "base.group_portal,party_branch.group_party_member",
            )
            for key in keys
        }
        members = create_full_members(
            env,
            cls.branch,
            [(f"PDP {key}", born, 11 + 2 * i) for i, key in enumerate(keys[:5])],
        )
        (outsider,) = create_full_members(env, other, [("PDP outsider", born, 31)])
        cls.members = dict(zip(keys, (*members, outsider), strict=True))
        for key, member in cls.members.items():
            member.user_id = cls.users[key]
        cls.members["probationer"].write({"member_category": "probationary", "full_date": False})
        appoint_secretary(env, cls.branch, cls.members["secretary"], "2020-01-01")
        start = datetime.datetime.now().replace(microsecond=0) - datetime.timedelta(minutes=5)
        cls.meeting = (
            env["party.meeting"]
            .with_context(party_meeting_no_calendar=True)
            .create(
                {
                    "name": "PDP Assembly",
                    "organization_id": cls.branch.id,
                    "meeting_type": "branch_assembly",
                    "start": start,
                    "stop": start + datetime.timedelta(hours=2),
                }
            )
        )
        for attendance in cls.meeting.attendance_ids:
            attendance.state = (
                "absent" if attendance.member_id == cls.members["absent"] else "present"
            )
        Decision = env["party.decision"].with_user(cls.users["secretary"])
        cls.decision = Decision.create(
            {
                "name": "PDP Budget",
                "organization_id": cls.branch.id,
                "meeting_id": cls.meeting.id,
                "proposal": "<p>PDP proposal text</p>",
                "voting_method": "members",
            }
        )
        cls.decision.action_schedule()
        cls.decision.action_open_voting()
        cls.draft = Decision.create(
            {"name": "PDP Later", "organization_id": cls.branch.id, "meeting_id": cls.meeting.id}
        )
        cls.url = f"/my/party/decisions/{cls.decision.id}"

    def _vote(self, choice, decision=None):
        return self._post(
            f"/my/party/decisions/{(decision or self.decision).id}/vote", choice=choice
        )

    def test_member_present_votes_once(self):
        self._login("voter")
        self.assertIn("/my/party/decisions", self.url_open("/my").text)
        self.assertIn("To Vote", self.url_open("/my/party/decisions").text)
        page = self.url_open(self.url).text
        self.assertIn("PDP proposal text", page)
        self.assertIn("o_party_vote_against", page)
        response = self._vote("against")
        self.assertTrue(response.headers["Location"].endswith(self.url))
        self.assertIn("o_party_decision_voted", self.url_open(self.url).text)
        vote = self.decision.vote_ids
        self.assertEqual(
            (vote.member_id, vote.choice, vote.recorded_by_id),
            (self.members["voter"], "against", self.env["res.users"]),
        )
        self.assertNotIn("o_party_vote_for", self.url_open(self.url).text)
        self._vote("for")  # a second vote: nothing written
        self.assertEqual(self.decision.vote_ids, vote)
        self.assertEqual(vote.choice, "against")

    def test_meeting_card_links_to_its_decisions(self):
        self._login("voter")
        page = self.url_open("/my/meetings").text
        self.assertIn("o_party_meeting_decisions", page)
        self.assertIn(f'href="{self.url}"', page)
        self.assertNotIn(f"/my/party/decisions/{self.draft.id}", page)
        self._login("outsider")
        self.assertNotIn(self.url, self.url_open("/my/meetings").text)

    def test_who_may_not_vote_is_told_why_and_nothing_is_written(self):
        for key, text in (
            ("absent", "not recorded present"),
            ("probationer", "probationary members have no vote"),
        ):
            with self.subTest(user=key):
                self._login(key)
                page = self.url_open(self.url).text
                self.assertIn(text, page)
                self.assertNotIn("o_party_vote_for", page)
                self._vote("for")
        self._login("second")
        self._vote("maybe")  # not a choice
        self.assertFalse(self.decision.vote_ids)

    def test_refused_vote_is_shown_on_the_next_page_once_not_silent(self):
        self._login("absent")
        response = self._vote("for")
        self.assertTrue(response.headers["Location"].endswith(self.url))
        page = self.url_open(self.url).text
        self.assertIn("o_party_flash", page)
        self.assertIn("is not recorded present: only a member present at the meeting votes", page)
        self.assertNotIn("only a member present at the meeting votes", self.url_open(self.url).text)
        self._login("second")
        self._vote("maybe")  # not a choice: the vote's own rule says so
        self.assertIn("A vote is for, against or abstain.", self.url_open(self.url).text)
        self.assertFalse(self.decision.vote_ids)

    def test_crafted_message_param_shows_nothing(self):
        self._login("voter")
        page = self.url_open(f"{self.url}?message=voted").text
        self.assertNotIn("o_party_flash", page)
        self.assertNotIn("Your vote has been recorded", page)
        self.assertNotIn("o_party_decision_voted", page)

    def test_nobody_else_sees_the_decision(self):
        self._login("outsider")
        self.assertNotIn(self.url, self.url_open("/my/party/decisions").text)
        self.assertEqual(self.url_open(self.url).status_code, 404)
        self.assertEqual(self._vote("for").status_code, 404)
        self._login("voter")  # a proposal not yet put to the vote
        self.assertEqual(self.url_open(f"/my/party/decisions/{self.draft.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/party/decisions/999999999").status_code, 404)
        self.assertFalse(self.decision.vote_ids)

    def test_member_transferred_away_neither_sees_nor_votes_nor_counts(self):
        voters_before = len(self.decision._voters()[self.decision.id])
        other = self.env["party.organization"].search([("code", "=", "PDP-B")])
        self.members["second"].sudo().organization_id = other
        self.env.invalidate_all()
        self.assertEqual(len(self.decision._voters()[self.decision.id]), voters_before - 1)
        self._login("second")
        self.assertNotIn(self.url, self.url_open("/my/party/decisions").text)
        self.assertEqual(self._vote("for").status_code, 404)
        with self.assertRaises(UserError):
            self.decision.with_user(self.users["second"]).action_vote_for()
        self.assertFalse(self.decision.vote_ids)

    def test_show_of_hands_is_recorded_by_the_officer_not_on_the_portal(self):
        hands = (
            self.env["party.decision"]
            .with_user(self.users["secretary"])
            .create(
                {"name": "PDP Hands", "organization_id": self.branch.id,
                 "meeting_id": self.meeting.id, "voting_method": "show_of_hands"}
            )
        )  # fmt: skip
        hands.action_schedule()
        hands.action_open_voting()
        self._login("voter")
        self.assertIn("show of hands", self.url_open(f"/my/party/decisions/{hands.id}").text)
        self._vote("for", hands)
        self.assertFalse(hands.vote_ids)

    def test_result_after_closing(self):
        for key in ("voter", "second", "secretary"):
            self.decision.with_user(self.users[key]).action_vote_for()
        self.decision.with_user(self.users["secretary"]).action_close_voting()
        self.assertEqual(self.decision.state, "passed")
        self._login("second")
        page = self.url_open(self.url).text
        self.assertIn("o_party_decision_results", page)
        self.assertIn("o_party_decision_my_vote", page)

    def test_member_votes_on_a_phone(self):
        self.start_tour("/my", "party_decision_portal_tour", login="pdp_second")
        self.assertEqual(self.decision.vote_ids.member_id, self.members["second"])
        self.assertEqual(self.decision.vote_ids.choice, "for")
