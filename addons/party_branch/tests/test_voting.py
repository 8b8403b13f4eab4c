"""party_branch.tools.voting: who is due at a Party vote, who may vote, what passes.

The decisions of party_systems and the development votes of party_life count with
this module; their own tests attack it through RPC (a roll cut short, a number due
typed in). Here the module itself, on the party_branch tree:

    Committee ── Branch A, Branch B (party_branch/tests/common.py)
    Branch V: 5 full members ("V n") and 1 probationary member, under the Committee
"""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import voting
from .common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestVoting(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_v, cls.voters = cls._voting_branch("V")
        cls.probationer = cls._member(cls.branch_v, "V Probationer", category="probationary")

    def _due(self, org=None, kind="assembly", on_date=None):
        return voting.voters_due(org or self.branch_v, on_date, kind)

    # ----------------------------------------------------------- more than half

    def test_two_of_four_is_not_more_than_half(self):
        self.assertFalse(voting.more_than_half(2, 4))

    def test_three_of_five_is_more_than_half(self):
        self.assertTrue(voting.more_than_half(3, 5))
        self.assertFalse(voting.more_than_half(2, 5))

    def test_nothing_is_more_than_half_of_nobody(self):
        self.assertFalse(voting.more_than_half(0, 0))

    # ------------------------------------------------------------ voters due

    def test_voters_due_are_the_full_members_in_good_standing(self):
        self.assertEqual(self._due(), self.voters)

    def test_probationary_member_is_not_due(self):
        self.assertNotIn(self.probationer, self._due())
        self.assertEqual(len(self._due()), 5)

    def test_member_transferred_to_another_branch_is_not_due(self):
        self.voters[0].sudo().organization_id = self.branch_b
        self.assertEqual(self._due(), self.voters[1:])
        self.assertIn(self.voters[0], self._due(self.branch_b))

    def test_member_transferred_out_of_the_system_is_not_due(self):
        self.voters[0].status = "transferred_out"
        self.assertEqual(len(self._due()), 4)

    def test_member_lost_contact_is_left_out_by_the_recorded_status(self):
        self.voters[0].status = "lost_contact"
        self.assertEqual(self._due(), self.voters[1:])

    def test_committee_due_are_its_current_committee_members(self):
        self._position(self.branch_v, self.voters[0], "secretary")
        self._position(self.branch_v, self.voters[1], "committee_member")
        # a term that ended before the meeting, and a committee of another organisation
        self._position(self.branch_v, self.voters[2], "committee_member", end=date(2024, 12, 31))
        self._position(self.committee, self.voters[3], "committee_member")
        due = self._due(kind="committee", on_date=date(2025, 3, 1))
        self.assertEqual(due, self.voters[:2])
        # on a date within the ended term, its holder was due
        due = self._due(kind="committee", on_date=date(2024, 6, 1))
        self.assertEqual(due, self.voters[:3])

    def test_voters_due_of_many_organisations_in_one_query(self):
        orgs = self.branch_v | self.branch_a | self.branch_b
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            due = voting.voters_due_by_organization(orgs, kind="assembly")
        self.assertEqual(due[self.branch_v.id], self.voters)
        self.assertEqual(due[self.branch_a.id], self.secretary_a | self.member_a)

    # ----------------------------------------------------------- who may vote

    def test_full_member_present_may_vote(self):
        self.assertIsNone(voting.vote_refusal(self.voters[0], self.branch_v))

    def test_probationary_member_may_not_vote(self):
        with self.assertRaisesRegex(UserError, "probationary members have no vote"):
            voting.check_may_vote(self.probationer, self.branch_v)

    def test_member_not_present_may_not_vote(self):
        with self.assertRaisesRegex(UserError, "not recorded present"):
            voting.check_may_vote(self.voters[0], self.branch_v, present=False)

    def test_member_of_another_branch_may_not_vote(self):
        with self.assertRaisesRegex(UserError, "no longer in Branch V"):
            voting.check_may_vote(self.member_b, self.branch_v)

    def test_member_lost_contact_may_not_vote(self):
        self.voters[0].status = "lost_contact"
        with self.assertRaisesRegex(UserError, "not a member in good standing"):
            voting.check_may_vote(self.voters[0], self.branch_v)

    def test_only_the_committee_votes_at_a_committee_meeting(self):
        self._position(self.branch_v, self.voters[0], "secretary")
        self.assertIsNone(voting.vote_refusal(self.voters[0], self.branch_v, kind="committee"))
        with self.assertRaisesRegex(UserError, "does not sit on the committee"):
            voting.check_may_vote(self.voters[1], self.branch_v, kind="committee")
