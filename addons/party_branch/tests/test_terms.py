from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PartyBranchCase

TERM_START = date(2021, 7, 1)


@tagged("post_install", "-at_install")
class TestTerms(PartyBranchCase):
    """Terms of office from party.term.rule, and their adjustment."""

    def test_branch_term_is_3_years(self):
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        self.assertEqual(branch.term_years, 3)
        self.assertEqual(branch.term_end, date(2024, 6, 30))
        self.assertEqual(branch.next_election_date, date(2024, 7, 1))

    def test_general_branch_term_is_3_years(self):
        org = self._org("Termed", "general_branch", self.committee, term_start=TERM_START)
        self.assertEqual(org.term_years, 3)
        self.assertEqual(org.term_end, date(2024, 6, 30))

    def test_committee_term_is_5_years(self):
        org = self._org("Termed", "committee", term_start=TERM_START)
        self.assertEqual(org.term_years, 5)
        self.assertEqual(org.term_end, date(2026, 6, 30))

    def test_village_community_branch_term_is_5_years(self):
        branch = self._org(
            "Village", "branch", self.committee, village_community=True, term_start=TERM_START
        )
        self.assertEqual(branch.term_years, 5)
        self.assertEqual(branch.term_end, date(2026, 6, 30))

    def test_marking_branch_village_community_gives_5_years(self):
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        branch.village_community = True
        self.assertEqual(branch.term_years, 5)
        self.assertEqual(branch.term_end, date(2026, 6, 30))

    def test_group_has_no_term(self):
        group = self._org("Group", "group", self.branch_a, term_start=TERM_START)
        self.assertFalse(group.term_end)

    def test_term_years_follow_the_rule_data(self):
        rule = self.env.ref("party_branch.term_rule_branch")
        rule.term_years = 4
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        self.assertEqual(branch.term_end, date(2025, 6, 30))

    def test_approved_adjustment_of_12_months_moves_term_end(self):
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        branch.write({"term_adjust_months": 12, "term_adjust_approval": "Approval 2024/7"})
        self.assertEqual(branch.term_end, date(2025, 6, 30))

    def test_approved_advance_of_12_months_moves_term_end(self):
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        branch.write({"term_adjust_months": -12, "term_adjust_approval": "Approval 2023/1"})
        self.assertEqual(branch.term_end, date(2023, 6, 30))

    def test_adjustment_over_12_months_refused(self):
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        with self.assertRaisesRegex(ValidationError, "at most 12 months.*任期的意见"):
            branch.write({"term_adjust_months": 13, "term_adjust_approval": "Approval 2024/7"})
        self.assertEqual(branch.term_adjust_months, 0)
        self.assertEqual(branch.term_end, date(2024, 6, 30))

    def test_advance_over_12_months_refused(self):
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        with self.assertRaisesRegex(ValidationError, "at most 12 months"):
            branch.write({"term_adjust_months": -13, "term_adjust_approval": "Approval 2023/1"})
        self.assertEqual(branch.term_end, date(2024, 6, 30))

    def test_adjustment_without_approval_refused(self):
        branch = self._org("Termed", "branch", self.committee, term_start=TERM_START)
        with self.assertRaisesRegex(ValidationError, "approval"):
            branch.write({"term_adjust_months": 6})
        self.assertEqual(branch.term_adjust_months, 0)
        self.assertEqual(branch.term_end, date(2024, 6, 30))

    def test_term_start_in_future_refused(self):
        branch = self._org("Termed", "branch", self.committee)
        with self.assertRaisesRegex(ValidationError, "cannot start in the future"):
            branch.term_start = self.today + timedelta(days=1)
        self.assertFalse(branch.term_start)
