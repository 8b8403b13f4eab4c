"""Who is the superior of an organisation (``party_branch/tools/superior.py``): the one
rule party_systems (approvals, ratings, deadlines) and party_venue (project budgets,
a venue's "in use since") both read, tested here directly."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tools.superior import (
    check_superior,
    not_superior,
    superior_reviewers,
)

from .common import OtherCompanyCase


@tagged("post_install", "-at_install")
class TestSuperior(OtherCompanyCase):
    other_prefix = "SUP"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a group of Branch A where Secretary A holds no position
        cls.group_x = cls._org("Group X", "group", cls.branch_a)

    def _is_superior(self, user, org):
        return not not_superior(self.env(user=user), org)

    def test_party_administrator_is_the_superior(self):
        for org in (self.committee, self.branch_a, self.group_a, self.group_x):
            self.assertTrue(self._is_superior(self.admin, org), org.name)

    def test_root_organisation_is_decided_by_its_own_officers(self):
        self.assertTrue(self._is_superior(self.officer_c, self.committee))
        self.assertFalse(self._is_superior(self.officer_a, self.committee))

    def test_officer_above_is_the_superior(self):
        self.assertTrue(self._is_superior(self.officer_c, self.branch_a))

    def test_officer_of_the_organisation_itself_is_not_its_superior(self):
        self.assertFalse(self._is_superior(self.officer_a, self.branch_a))
        self.assertFalse(self._is_superior(self.officer_b, self.branch_b))

    def test_officer_holding_a_position_above_and_in_the_organisation_is_not(self):
        self._position(self.committee, self.secretary_a, "committee_member")
        self.assertFalse(self._is_superior(self.officer_a, self.branch_a))

    def test_group_leader_is_not_the_superior_of_their_group(self):
        self.assertFalse(self._is_superior(self.officer_a, self.group_a))

    def test_branch_officer_does_not_decide_a_group_of_their_own_branch(self):
        """A Party group submits through its branch: its branch's secretary, who holds
        no position in the group, would be the branch deciding for itself."""
        self.assertFalse(self._is_superior(self.officer_a, self.group_x))

    def test_committee_officer_decides_the_groups_submission(self):
        self.assertTrue(self._is_superior(self.officer_c, self.group_x))
        self.assertTrue(self._is_superior(self.officer_c, self.group_a))

    def test_officer_of_another_branch_is_not_the_superior(self):
        self.assertFalse(self._is_superior(self.officer_b, self.branch_a))
        self.assertFalse(self._is_superior(self.officer_b, self.group_x))

    def test_another_companys_organisation_is_refused(self):
        self.assertFalse(self._is_superior(self.admin, self.committee_b))
        self.assertFalse(self._is_superior(self.admin, self.branch_other))
        self.assertFalse(self._is_superior(self.officer_c, self.branch_other))

    def test_not_superior_returns_the_refused_organisations_of_a_set(self):
        orgs = self.committee | self.branch_a | self.group_a | self.group_x | self.branch_other
        refused = not_superior(self.env(user=self.officer_c), orgs)
        self.assertEqual(refused, self.branch_other)

    def test_superuser_mode_decides_everything(self):
        self.assertFalse(not_superior(self.env, self.committee | self.group_x | self.committee_b))

    def test_check_superior_refuses_with_the_message(self):
        model = self.env["party.organization"].with_user(self.officer_a)
        with self.assertRaisesRegex(AccessError, "^decided above$"):
            check_superior(model, self.group_x, "decided above")
        check_superior(model.with_user(self.officer_c), self.group_x, "decided above")

    def test_the_subject_never_decides_as_the_superior(self):
        """The secretary a report is about does not close it, even as its superior."""
        model = self.env["party.organization"].with_user(self.officer_c)
        with self.assertRaisesRegex(AccessError, "^own report$"):
            check_superior(model, self.branch_a, "own report", subjects=self.officer_c)
        with self.assertRaisesRegex(AccessError, "^own report$"):
            check_superior(
                model.with_user(self.admin), self.branch_a, "own report", subjects=self.admin
            )

    def test_reviewer_of_a_groups_submission_is_above_its_branch(self):
        reviewers = superior_reviewers(self.env, self.group_x | self.group_a | self.branch_a)
        self.assertEqual(
            reviewers,
            {self.group_x.id: self.officer_c, self.group_a.id: self.officer_c,
             self.branch_a.id: self.officer_c},
        )  # fmt: skip

    def test_reviewer_of_the_root_is_its_own_secretary(self):
        self.assertEqual(superior_reviewers(self.env, self.committee)[self.committee.id],
                         self.officer_c)  # fmt: skip
