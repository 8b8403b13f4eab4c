"""留党察看 in a decision: a member on probation within the Party has no vote while it
lasts (《中国共产党章程》第四十一条; party_branch.tools.voting reads party.discipline): the
vote is refused through RPC, the member is not among the voters due, and the day
after the period ends they vote again.

Branch P (under the Committee of party_branch/tests/common.py): 5 full members, all
recorded present at today's assembly; P 0 is on probation.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestDecisionPartyProbation(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_p, cls.p_members = cls._voting_branch("P")
        cls.p_assembly = cls._meeting(cls.branch_p, "branch_assembly")

    def _call(self, model, method, *args, ids=None):
        return rpc(self.env, self.admin, model, method, *args, ids=ids)

    def _probation(self, start):
        return self.env["party.discipline"].create(
            {
                "member_id": self.p_members[0].id,
                "organization_id": self.branch_p.id,
                "kind": "probation",
                "probation_years": "1",
                "date": start,
            }
        )

    def _decision_in_vote(self):
        self._call(
            "party.meeting.attendance", "write", {"state": "present"},
            ids=self.p_assembly.attendance_ids.ids,
        )  # fmt: skip
        decision_id = self._call(
            "party.decision",
            "create",
            [
                {
                    "name": "Fund use P",
                    "organization_id": self.branch_p.id,
                    "matter_type": "fund_use",
                    "meeting_id": self.p_assembly.id,
                    "voting_method": "show_of_hands",
                }
            ],
        )
        decision = self.Decision.browse(decision_id)
        self._call("party.decision", "action_schedule", ids=decision.ids)
        self._call("party.decision", "action_open_voting", ids=decision.ids)
        return decision

    def _vote(self, decision, member):
        return self._call(
            "party.decision.vote",
            "create",
            [{"decision_id": decision.id, "member_id": member.id, "choice": "for"}],
        )

    def test_member_on_probation_vote_refused(self):
        self._probation(self.today - timedelta(days=10))
        decision = self._decision_in_vote()
        with self.assertRaisesRegex(UserError, "留党察看"):
            self._vote(decision, self.p_members[0])
        self.assertFalse(decision.vote_ids)

    def test_member_on_probation_not_among_the_voters_due(self):
        self._probation(self.today - timedelta(days=10))
        decision = self._decision_in_vote()
        self.assertEqual(decision.due_count, 4)

    def test_member_votes_again_after_the_period(self):
        self._probation(self.today - relativedelta(years=1))
        decision = self._decision_in_vote()
        self._vote(decision, self.p_members[0])
        self.assertEqual(len(decision.vote_ids), 1)
        self.assertEqual(decision.due_count, 5)
