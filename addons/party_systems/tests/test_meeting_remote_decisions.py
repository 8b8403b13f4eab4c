"""Remote attendance (party_life) and the decisions of a meeting: a member attending by
the video call is not present at the meeting (到会, 《中国共产党支部工作条例（试行）》第十一条):
they neither vote nor count towards the quorum. A held meeting's page on the portal
lists the decisions taken at it, to the members it concerned only."""

from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestRemoteAttendanceVotes(PartySystemsCase):
    def _remote(self, members, meeting=None):
        meeting = meeting or self.assembly
        meeting.attendance_ids.filtered(lambda a: a.member_id in members).state = "remote"

    def test_member_attending_remotely_does_not_vote(self):
        self._remote(self.member_a)
        decision = self._voting(voting_method="members")
        with self.assertRaisesRegex(UserError, "not recorded present"):
            rpc(self.env, self.portal, "party.decision", "action_vote_for", ids=decision.ids)
        self.assertFalse(decision.vote_ids)

    def test_remote_attendance_makes_no_quorum(self):
        # 6 voters due: 3 present and 3 remote is no quorum (more than half present)
        self._present(self.secretary_a | self.voters[:2])
        self._remote(self.member_a | self.voters[2:])
        decision = self._voting()
        self._votes(decision, dict.fromkeys(self.secretary_a | self.voters[:2], "for"))
        self.assertEqual((decision.present_count, decision.due_count), (3, 6))
        decision.with_user(self.officer_a).action_close_voting()
        self.assertEqual(decision.state, "rejected")
        self.assertEqual(decision.result_present, 3)


@tagged("post_install", "-at_install")
class TestMeetingPageDecisions(HttpCase, PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        start = datetime.combine(cls.today, datetime.min.time()) - timedelta(days=2, hours=-9)
        cls.assembly.with_context(party_meeting_no_calendar=True).write(
            {"start": start, "stop": start + timedelta(hours=2)}
        )
        for attendance in cls.assembly.attendance_ids:
            attendance.state = "present"
        decision = cls.Decision.create(
            {
                "name": "PMD Canteen Budget",
                "organization_id": cls.branch_a.id,
                "meeting_id": cls.assembly.id,
                "voting_method": "show_of_hands",
            }
        )
        decision.with_user(cls.officer_a).action_schedule()
        decision.with_user(cls.officer_a).action_open_voting()
        cls.env["party.decision.vote"].with_user(cls.officer_a).create(
            [
                {"decision_id": decision.id, "member_id": member.id, "choice": "for"}
                for member in cls.full
            ]
        )
        decision.with_user(cls.officer_a).action_close_voting()
        cls.decision = decision

    def _page(self):
        self.authenticate(self.portal.login, self.portal.login)
        return self.url_open(f"/my/meetings/{self.assembly.id}")

    def test_held_meetings_page_lists_the_decisions_taken(self):
        self.assembly.with_context(party_meeting_no_calendar=True).action_held()
        page = self._page().text
        self.assertIn("o_party_meeting_decisions_taken", page)
        self.assertIn("PMD Canteen Budget", page)
        self.assertIn(f"/my/party/decisions/{self.decision.id}", page)

    def test_no_decisions_taken_before_the_meeting_is_held(self):
        self.assertNotIn("o_party_meeting_decisions_taken", self._page().text)

    def test_member_transferred_away_reads_no_decisions_taken(self):
        self.assembly.with_context(party_meeting_no_calendar=True).action_held()
        self.member_a.write({"organization_id": self.branch_b.id, "group_id": False})
        page = self._page().text
        self.assertNotIn("PMD Canteen Budget", page)
