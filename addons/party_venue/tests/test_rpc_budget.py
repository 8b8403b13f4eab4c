"""Issue 20, through the RPC dispatch: a commitment gives its budget back only when
posted bills settle it, and the superior's approval of a project's budget is taken
neither by moving the project nor from below (docs/security.md)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyVenueBudgetCase

COMMITMENT = "party.venue.project.commitment"


@tagged("post_install", "-at_install")
class TestCommitmentSettledByBills(PartyVenueBudgetCase):
    def _commit(self, amount):
        [commitment_id] = rpc(self.env, self.officer_a, COMMITMENT, "create",
                              [{"project_id": self.project.id, "name": "Works",
                                "amount": amount}])  # fmt: skip
        return self.env[COMMITMENT].browse(commitment_id)

    def test_commitment_not_marked_billed_without_a_posted_bill(self):
        """The issue's case: 1,000.00 budget, 600.00 committed, closed with no bill."""
        commitment = self._commit(600.0)
        with self.assertRaisesRegex(UserError, "posted bills"):
            rpc(self.env, self.officer_a, COMMITMENT, "action_close", ids=commitment.ids)
        self.assertEqual(commitment.state, "open")
        self.assertEqual(self.project.remaining, 400.0)
        with self.assertRaisesRegex(ValidationError, "400.00 of its budget left"):
            self._commit(400.01)
        self.assertEqual(len(self.project.commitment_ids), 1)

    def test_commitment_not_marked_billed_with_a_draft_bill(self):
        commitment = self._commit(600.0)
        self._bill(600.0, commitment, post=False)
        with self.assertRaisesRegex(UserError, "posted bills"):
            rpc(self.env, self.officer_a, COMMITMENT, "action_close", ids=commitment.ids)
        self.assertEqual(self.project.remaining, 400.0)

    def test_posted_bill_counts_once_against_the_budget(self):
        """A posted bill of 600.00 settling the 600.00 commitment: 600.00 spent, nothing
        still committed, 400.00 left, before and after the commitment is closed."""
        commitment = self._commit(600.0)
        self._bill(600.0, commitment)
        self.assertEqual(
            (self.project.spent, self.project.committed, self.project.remaining),
            (600.0, 0.0, 400.0),
        )
        rpc(self.env, self.officer_a, COMMITMENT, "action_close", ids=commitment.ids)
        self.assertEqual(commitment.state, "closed")
        self.project.invalidate_recordset()
        self.assertEqual(self.project.remaining, 400.0)

    def test_part_billed_commitment_counts_its_committed_amount_until_closed(self):
        """Billed 250.00 of 600.00: the commitment still holds 600.00 while open; closed
        as billed, the posted 250.00 counts."""
        commitment = self._commit(600.0)
        self._bill(250.0, commitment)
        self.assertEqual((self.project.spent, self.project.remaining), (250.0, 400.0))
        rpc(self.env, self.officer_a, COMMITMENT, "action_close", ids=commitment.ids)
        self.project.invalidate_recordset()
        self.assertEqual(self.project.remaining, 750.0)

    def test_bill_above_the_commitment_counts_what_was_posted(self):
        commitment = self._commit(600.0)
        self._bill(700.0, commitment)
        self.assertEqual(self.project.remaining, 300.0)

    def test_billed_commitment_not_cancelled(self):
        """Cancelling frees the budget of a contract that is off: not of one billed."""
        commitment = self._commit(600.0)
        self._bill(100.0, commitment)
        with self.assertRaisesRegex(UserError, "posted bills"):
            rpc(self.env, self.officer_a, COMMITMENT, "action_cancel", ids=commitment.ids)
        self.assertEqual(commitment.state, "open")
        self.assertEqual(self.project.remaining, 400.0)


@tagged("post_install", "-at_install")
class TestSuperiorApprovesProjects(PartyVenueBudgetCase):
    """The attack of the issue: Branch A's secretary makes a Party group below the
    branch, moves the branch's project into it and approves it as the group's
    'superior'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls.Project.create(
            {"name": "New hall", "venue_id": cls.room.id, "organization_id": cls.branch_a.id,
             "budget": 5000000.0}
        )  # fmt: skip
        # a group below Branch A where Secretary A holds no position
        cls.group_x = cls._org("Group X", "group", cls.branch_a)

    def _increase(self, project, amount=1000000.0):
        vals = {"project_id": project.id, "amount": amount, "reason": "More"}
        [increase_id] = rpc(self.env, self.officer_a, "party.venue.project.increase", "create",
                            [vals])  # fmt: skip
        return self.env["party.venue.project.increase"].browse(increase_id)

    def test_project_not_moved_into_a_group_below_the_branch(self):
        for project in (self.draft, self.project):
            with self.subTest(project=project.name), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.venue.project", "write",
                    {"organization_id": self.group_x.id}, ids=project.ids)  # fmt: skip
            self.assertEqual(project.organization_id, self.branch_a)

    def test_branch_officer_does_not_approve_a_project_of_a_group_of_its_branch(self):
        """A Party group is no level above or beside its branch: its project is approved
        by the branch's superior."""
        [project_id] = rpc(self.env, self.officer_a, "party.venue.project", "create",
                           [{"name": "Group hall", "venue_id": self.room.id,
                             "organization_id": self.group_x.id, "budget": 5000000.0}])  # fmt: skip
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue.project", "action_approve",
                ids=[project_id])  # fmt: skip
        project = self.Project.browse(project_id)
        self.assertEqual(project.state, "draft")
        rpc(self.env, self.officer_c, "party.venue.project", "action_approve", ids=[project_id])
        increase = self._increase(project)
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue.project.increase", "action_approve",
                ids=increase.ids)  # fmt: skip
        self.assertEqual(increase.state, "draft")

    def test_officer_of_the_project_organisation_does_not_approve_from_above(self):
        """Secretary A also holds a position in the committee: still the project's own
        officer, who does not approve its budget."""
        self._position(self.committee, self.secretary_a, "committee_member")
        with self.assertRaisesRegex(UserError, "superior organisation"):
            rpc(self.env, self.officer_a, "party.venue.project", "action_approve",
                ids=self.draft.ids)  # fmt: skip
        self.assertEqual(self.draft.state, "draft")

    def test_decided_increase_not_deleted(self):
        increase = self._increase(self.project)
        rpc(self.env, self.officer_c, "party.venue.project.increase", "action_refuse",
            ids=increase.ids)  # fmt: skip
        with self.assertRaisesRegex(UserError, "decided"):
            rpc(self.env, self.officer_a, "party.venue.project.increase", "unlink",
                ids=increase.ids)  # fmt: skip
        self.assertTrue(increase.exists())
