"""The voters due of a decision are the organisation's, not the meeting's list
(party_branch.tools.voting): a Party administrator who takes the absent members'
names off the roll over RPC lowers nothing.

Branch V (under the Committee of party_branch/tests/common.py) has 5 full members
and 1 probationary member; its assembly and committee meeting are today.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestDecisionVotersDue(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_v, cls.v_members = cls._voting_branch("V")
        cls.v_probationer = cls._member(cls.branch_v, "V Probationer", category="probationary")
        cls.v_assembly = cls._meeting(cls.branch_v, "branch_assembly")
        cls.present = cls.v_members[:2]
        cls.absent = cls.v_members[2:]

    def _call(self, model, method, *args, ids=None, **kwargs):
        return rpc(self.env, self.admin, model, method, *args, ids=ids, **kwargs)

    def _rows(self, meeting, members):
        return meeting.attendance_ids.filtered(lambda a: a.member_id in members)

    def _major_matter(self, meeting):
        """A 三重一大 matter on the meeting's agenda, the 2 present members recorded present,
        all through RPC as the Party administrator."""
        self._call(
            "party.meeting.attendance",
            "write",
            {"state": "present"},
            ids=self._rows(meeting, self.present).ids,
        )
        decision_id = self._call(
            "party.decision",
            "create",
            [
                {
                    "name": "Fund use 2027",
                    "organization_id": self.branch_v.id,
                    "matter_type": "fund_use",
                    "meeting_id": meeting.id,
                    "voting_method": "show_of_hands",
                }
            ],
        )
        decision = self.Decision.browse(decision_id)
        self._call("party.decision", "action_schedule", ids=decision.ids)
        return decision

    def _two_for(self, decision):
        self._call("party.decision", "action_open_voting", ids=decision.ids)
        self._call(
            "party.decision.vote",
            "create",
            [
                {"decision_id": decision.id, "member_id": member.id, "choice": "for"}
                for member in self.present
            ],
        )
        self._call("party.decision", "action_close_voting", ids=decision.ids)

    def test_deleting_the_absent_members_rows_does_not_lower_the_voters_due(self):
        decision = self._major_matter(self.v_assembly)
        self._call(
            "party.meeting.attendance", "unlink", ids=self._rows(self.v_assembly, self.absent).ids
        )
        self._two_for(decision)
        self.assertEqual((decision.result_due, decision.result_for), (5, 2))
        self.assertEqual(decision.state, "rejected")

    def test_the_roll_of_a_meeting_in_vote_is_not_cut(self):
        decision = self._major_matter(self.v_assembly)
        self._call("party.decision", "action_open_voting", ids=decision.ids)
        rows = self._rows(self.v_assembly, self.absent)
        with self.assertRaisesRegex(UserError, "put to the vote.*attendance list stays"):
            self._call("party.meeting.attendance", "unlink", ids=rows.ids)
        self.assertEqual(len(rows.exists()), 3)
        self.assertEqual(decision.due_count, 5)

    def test_committee_meeting_counts_the_committee_not_the_list(self):
        self._position(self.branch_v, self.v_members[0], "secretary")
        self._position(self.branch_v, self.v_members[1], "deputy_secretary")
        self._position(self.branch_v, self.v_members[2], "committee_member")
        meeting = self._meeting(self.branch_v, "committee_meeting")
        decision = self._major_matter(meeting)
        self._call("party.meeting.attendance", "unlink", ids=self._rows(meeting, self.absent).ids)
        self._call("party.decision", "action_open_voting", ids=decision.ids)
        self._call(
            "party.decision.vote",
            "create",
            [{"decision_id": decision.id, "member_id": self.v_members[0].id, "choice": "for"}],
        )
        self._call("party.decision", "action_close_voting", ids=decision.ids)
        self.assertEqual((decision.result_due, decision.result_present), (3, 2))
        self.assertEqual(decision.state, "rejected")

    def test_member_taken_off_the_roll_still_counts_but_does_not_vote(self):
        decision = self._major_matter(self.v_assembly)
        self._call(
            "party.meeting.attendance", "unlink", ids=self._rows(self.v_assembly, self.absent).ids
        )
        self._call("party.decision", "action_open_voting", ids=decision.ids)
        with self.assertRaisesRegex(UserError, "not recorded present"):
            self._call(
                "party.decision.vote",
                "create",
                [{"decision_id": decision.id, "member_id": self.absent[0].id, "choice": "for"}],
            )
        self.assertEqual(decision.due_count, 5)
