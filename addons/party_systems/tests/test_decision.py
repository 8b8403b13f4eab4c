from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestDecision(PartySystemsCase):
    def _resolve(self, present, choices):
        """6 voters due; ``present`` of them present; votes from ``choices`` in order."""
        members = self.full[:present]
        self._present(members)
        decision = self._voting()
        self._votes(decision, dict(zip(members, choices, strict=False)))
        decision.with_user(self.officer_a).action_close_voting()
        return decision

    # ------------------------------------------------------------ quorum, majority

    def test_voters_due_are_the_full_members_on_the_list(self):
        decision = self._voting()
        self.assertEqual(decision.due_count, 6)  # the probationary member has no vote
        self.assertEqual(decision.present_count, 0)

    def test_exactly_half_for_fails(self):
        decision = self._resolve(6, ["for"] * 3 + ["against"] * 3)
        self.assertEqual(decision.state, "rejected")
        self.assertEqual((decision.result_due, decision.result_for), (6, 3))

    def test_half_plus_one_for_passes(self):
        decision = self._resolve(6, ["for"] * 4 + ["against"] * 2)
        self.assertEqual(decision.state, "passed")
        self.assertEqual(decision.decided_on, self.today)

    def test_abstentions_count_towards_the_due_not_for(self):
        rejected = self._resolve(6, ["for"] * 3 + ["abstain"] * 3)
        self.assertEqual(rejected.state, "rejected")
        self.assertEqual(rejected.abstain_count, 3)
        passed = self._resolve(6, ["for"] * 4 + ["abstain"] * 2)
        self.assertEqual(passed.state, "passed")

    def test_majority_of_those_due_not_of_those_present(self):
        # 4 of 6 present (quorum), 3 for 1 against: a majority of the present, not of the due
        decision = self._resolve(4, ["for"] * 3 + ["against"])
        self.assertEqual(decision.state, "rejected")

    def test_quorum_half_present_fails_half_plus_one_passes(self):
        no_quorum = self._resolve(3, ["for"] * 3)
        self.assertEqual(no_quorum.state, "rejected")
        self.assertIn("No quorum", no_quorum.message_ids.mapped("preview")[0])
        quorum = self._resolve(4, ["for"] * 4)
        self.assertEqual(quorum.state, "passed")

    # ---------------------------------------------------------------- voting rights

    def test_probationary_member_has_no_vote(self):
        self._present(self.probationer | self.secretary_a)
        decision = self._voting()
        with self.assertRaisesRegex(UserError, "probationary members have no vote"):
            self._votes(decision, {self.probationer: "for"})
        self.assertFalse(decision.vote_ids)

    def test_absent_member_does_not_vote(self):
        decision = self._voting()
        with self.assertRaisesRegex(UserError, "only a member present"):
            self._votes(decision, {self.voters[0]: "for"})

    def test_member_not_at_the_meeting_does_not_vote(self):
        decision = self._voting()  # Voter 0 is due, listed, and not recorded present
        with self.assertRaisesRegex(UserError, "not recorded present"):
            self._votes(decision, {self.voters[0]: "for"})

    def test_member_of_another_branch_is_told_they_have_no_vote_here(self):
        decision = self._voting()
        with self.assertRaisesRegex(UserError, "Member B is no longer in Branch A"):
            self._votes(decision, {self.member_b: "for"})

    def test_member_votes_once(self):
        self._present(self.voters[0])
        decision = self._voting()
        self._votes(decision, {self.voters[0]: "for"})
        with self.assertRaisesRegex(UserError, "votes once"):
            self._votes(decision, {self.voters[0]: "against"})
        self.assertEqual(decision.vote_ids.choice, "for")

    def test_database_keeps_one_vote_per_member(self):
        self._present(self.voters[0])
        decision = self._voting()
        self._votes(decision, {self.voters[0]: "for"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.cr.execute(
                "INSERT INTO party_decision_vote (decision_id, member_id, choice) "
                "VALUES (%s, %s, 'against')",
                (decision.id, self.voters[0].id),
            )

    def test_a_vote_never_changes(self):
        self._present(self.voters[0])
        decision = self._voting()
        self._votes(decision, {self.voters[0]: "for"})
        with self.assertRaises(AccessError):
            decision.vote_ids.with_user(self.officer_a).write({"choice": "against"})

    def test_no_vote_before_voting_opens_or_after_it_closes(self):
        self._present(self.voters[0] | self.voters[1])
        decision = self._decision()
        with self.assertRaisesRegex(UserError, "not open for voting"):
            self._votes(decision, {self.voters[0]: "for"})
        decision.with_user(self.officer_a).action_schedule()
        decision.with_user(self.officer_a).action_open_voting()
        decision.with_user(self.officer_a).action_close_voting()
        with self.assertRaisesRegex(UserError, "not open for voting"):
            self._votes(decision, {self.voters[1]: "for"})

    def test_member_votes_for_themself(self):
        self._present(self.member_a)
        decision = self._voting(voting_method="members")
        rpc(self.env, self.portal, "party.decision", "action_vote_against", ids=decision.ids)
        self.assertEqual(decision.vote_ids.member_id, self.member_a)
        self.assertEqual(decision.vote_ids.choice, "against")
        with self.assertRaisesRegex(UserError, "votes once"):
            rpc(self.env, self.portal, "party.decision", "action_vote_for", ids=decision.ids)

    def test_someone_not_on_the_list_cannot_vote(self):
        decision = self._voting(voting_method="members")
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.decision", "action_vote_for", ids=decision.ids)
        self.assertFalse(decision.vote_ids)

    def test_members_vote_themselves_or_an_officer_records_a_show_of_hands_never_both(self):
        self._present(self.member_a | self.voters[0])
        ballot = self._voting(voting_method="members")
        with self.assertRaisesRegex(UserError, "the members vote themselves"):
            rpc(self.env, self.officer_a, "party.decision.vote", "create",
                [{"decision_id": ballot.id, "member_id": self.member_a.id, "choice": "for"}])  # fmt: skip
        self.assertFalse(ballot.vote_ids)
        rpc(self.env, self.portal, "party.decision", "action_vote_for", ids=ballot.ids)
        self.assertEqual(ballot.vote_ids.member_id, self.member_a)

        hands = self._voting(name="Budget 2028")
        with self.assertRaisesRegex(UserError, "show of hands"):
            rpc(self.env, self.portal, "party.decision", "action_vote_for", ids=hands.ids)
        self.assertFalse(hands.vote_ids)
        self._votes(hands, {self.member_a: "against"})
        self.assertEqual(hands.vote_ids.recorded_by_id, self.officer_a)

    def test_voting_method_is_set_before_voting_opens(self):
        decision = self._decision()
        decision.with_user(self.officer_a).write({"voting_method": "members"})
        decision.with_user(self.officer_a).action_schedule()
        decision.with_user(self.officer_a).write({"voting_method": "show_of_hands"})
        decision.with_user(self.officer_a).action_open_voting()
        with self.assertRaisesRegex(UserError, "being voted on"):
            decision.with_user(self.officer_a).write({"voting_method": "members"})
        self.assertEqual(decision.voting_method, "show_of_hands")

    # ------------------------------------------------------------------- meetings

    def test_decided_at_a_committee_meeting_or_assembly_of_its_organisation(self):
        lecture = self._meeting(self.branch_a, "party_lecture")
        with self.assertRaisesRegex(ValidationError, "committee meeting"):
            self._decision(meeting=lecture)
        other = self._meeting(self.branch_b, "branch_assembly")
        with self.assertRaisesRegex(ValidationError, "committee meeting"):
            self._decision(meeting=other)

    def test_major_matter_is_not_decided_outside_a_meeting(self):
        major = self._decision(matter_type="fund_use", meeting=self.env["party.meeting"])
        with self.assertRaisesRegex(UserError, "三重一大"):
            major.with_user(self.officer_a).action_decide_directly()
        self.assertEqual(major.state, "draft")
        ordinary = self._decision(meeting=self.env["party.meeting"])
        ordinary.with_user(self.officer_a).action_decide_directly()
        self.assertEqual(ordinary.state, "passed")

    def test_scheduling_needs_a_meeting(self):
        decision = self._decision(meeting=self.env["party.meeting"])
        with self.assertRaisesRegex(UserError, "choose the committee meeting"):
            decision.with_user(self.officer_a).action_schedule()

    # --------------------------------------------------------------------- locking

    def _passed(self):
        return self._resolve(6, ["for"] * 6)

    def test_passed_resolution_is_locked(self):
        decision = self._passed()
        for vals in ({"name": "Other"}, {"proposal": "<p>Other</p>"}, {"matter_type": "project"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "does not change"):
                decision.with_user(self.officer_a).write(vals)
        with self.assertRaisesRegex(UserError, "stays on record"):
            decision.with_user(self.officer_a).unlink()
        with self.assertRaisesRegex(UserError, "Voting is closed"):
            decision.vote_ids[:1].with_user(self.officer_a).unlink()
        self.assertEqual(decision.name, "Budget 2027")

    def test_correction_is_a_new_decision_referring_to_the_passed_one(self):
        decision = self._passed()
        action = decision.with_user(self.officer_a).action_new_correction()
        correction = self.Decision.browse(action["res_id"])
        self.assertEqual(correction.corrects_id, decision)
        self.assertEqual(correction.state, "draft")
        self.assertEqual(decision.correction_ids, correction)
        self.assertEqual(decision.state, "passed")

    def test_execution_owner_deadline_result(self):
        decision = self._passed()
        with self.assertRaisesRegex(UserError, "owner of the execution"):
            decision.with_user(self.officer_a).action_assign_execution()
        decision.with_user(self.officer_a).write(
            {"execution_owner_id": self.officer_a.id, "execution_deadline": self.today}
        )
        decision.with_user(self.officer_a).action_assign_execution()
        self.assertEqual(decision.execution_state, "assigned")
        self.assertTrue(decision.activity_ids)
        with self.assertRaisesRegex(UserError, "record its result"):
            decision.with_user(self.officer_a).action_execution_done()
        decision.with_user(self.officer_a).execution_result = "Budget spent as planned"
        decision.with_user(self.officer_a).action_execution_done()
        self.assertEqual(decision.execution_state, "done")

    def test_rejected_resolution_is_not_executed(self):
        decision = self._resolve(6, ["against"] * 6)
        with self.assertRaisesRegex(UserError, "Only a passed resolution"):
            decision.with_user(self.officer_a).write({"execution_owner_id": self.officer_a.id})

    def test_officer_of_another_branch_cannot_resolve(self):
        decision = self._voting()
        with self.assertRaises(AccessError):
            decision.with_user(self.officer_b).action_close_voting()
        self.assertEqual(decision.state, "voting")
