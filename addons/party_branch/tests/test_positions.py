from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestPositions(PartyBranchCase):
    """party.position: single holders, history, holders' membership, dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls._org("Positions", "branch", cls.committee)
        cls.first, cls.second, cls.third = cls._members(cls.branch, 3)

    def _count(self):
        return self.Position.search_count([("organization_id", "=", self.branch.id)])

    def test_overlapping_secretaries_refused(self):
        self._position(self.branch, self.first, "secretary", date(2023, 1, 1), date(2023, 12, 31))
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "only one Secretary at a time"):
            self._position(self.branch, self.second, "secretary", date(2023, 12, 31))
        self.assertEqual(self._count(), count)

    def test_overlap_with_open_ended_term_refused(self):
        self._position(self.branch, self.first, "secretary", date(2023, 1, 1))
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "only one Secretary at a time"):
            self._position(
                self.branch, self.second, "secretary", date(2024, 6, 1), date(2024, 12, 31)
            )
        self.assertEqual(self._count(), count)

    def test_open_ended_term_over_earlier_closed_term_refused(self):
        self._position(self.branch, self.first, "secretary", date(2023, 6, 1), date(2023, 12, 31))
        with self.assertRaisesRegex(ValidationError, "only one Secretary at a time"):
            self._position(self.branch, self.second, "secretary", date(2023, 1, 1))

    def test_term_enclosed_in_existing_term_refused(self):
        self._position(
            self.branch, self.first, "organization", date(2023, 1, 1), date(2023, 12, 31)
        )
        with self.assertRaises(ValidationError):
            self._position(
                self.branch, self.second, "organization", date(2023, 3, 1), date(2023, 4, 1)
            )

    def test_extending_a_term_into_the_next_one_refused(self):
        old = self._position(
            self.branch, self.first, "secretary", date(2023, 1, 1), date(2023, 12, 31)
        )
        self._position(self.branch, self.second, "secretary", date(2024, 1, 1))
        with self.assertRaisesRegex(ValidationError, "only one Secretary at a time"):
            old.date_end = date(2024, 1, 1)
        self.assertEqual(old.date_end, date(2023, 12, 31))

    def test_consecutive_terms_allowed(self):
        old = self._position(
            self.branch, self.first, "secretary", date(2023, 1, 1), date(2023, 12, 31)
        )
        new = self._position(self.branch, self.second, "secretary", date(2024, 1, 1))
        self.assertEqual(self.branch.secretary_id, self.second)
        self.assertEqual(self.branch.position_ids, old | new)

    def test_same_position_in_two_organisations_allowed(self):
        self._position(self.branch, self.first, "secretary", date(2023, 1, 1))
        self._position(self.committee, self.first, "organization", date(2023, 1, 1))
        self.assertEqual(
            self.first.current_position_ids.organization_id, self.branch | self.committee
        )

    def test_end_term_keeps_history(self):
        pos = self._position(self.branch, self.first, "secretary", date(2023, 1, 1))
        pos.action_end_term()
        self.assertTrue(pos.exists())
        self.assertEqual(pos.date_end, self.today - timedelta(days=1))
        self.assertFalse(pos.is_current)
        self.assertIn(pos, self.branch.position_ids)

    def test_successor_takes_over_the_day_the_term_is_ended(self):
        pos = self._position(self.branch, self.first, "secretary", date(2023, 1, 1))
        pos.action_end_term()
        successor = self._position(self.branch, self.second, "secretary", self.today)
        self.assertEqual(self.branch.secretary_id, self.second)
        self.assertEqual(self.branch.position_ids.filtered("is_current"), successor)

    def test_ended_term_no_longer_current_next_day(self):
        pos = self._position(
            self.branch, self.first, "secretary", date(2023, 1, 1), self.today - timedelta(days=1)
        )
        self.assertFalse(pos.is_current)
        self.assertFalse(self.branch.secretary_id)
        self.assertNotIn(pos, self.branch.current_position_ids)
        self.assertIn(pos, self.Position.search([("is_current", "=", False), ("id", "=", pos.id)]))

    def test_end_term_does_not_move_an_earlier_end(self):
        pos = self._position(
            self.branch, self.first, "secretary", date(2023, 1, 1), date(2023, 6, 30)
        )
        pos.action_end_term()
        self.assertEqual(pos.date_end, date(2023, 6, 30))

    def test_committee_member_position_allows_several_holders(self):
        positions = self._position(self.branch, self.first, "committee_member", date(2023, 1, 1))
        positions |= self._position(self.branch, self.second, "committee_member", date(2023, 1, 1))
        positions |= self._position(self.branch, self.third, "committee_member", date(2023, 6, 1))
        self.assertEqual(len(positions), 3)
        self.assertEqual(self.branch.committee_size, 3)

    def test_holder_must_be_member_of_the_organisation(self):
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "is not a member of"):
            self._position(self.branch, self.member_b, "secretary", date(2023, 1, 1))
        self.assertEqual(self._count(), count)

    def test_member_of_sub_organisation_can_hold_position_above(self):
        pos = self._position(self.committee, self.first, "organization", date(2023, 1, 1))
        self.assertEqual(pos.member_id, self.first)

    def test_member_of_superior_cannot_hold_position_below(self):
        with self.assertRaisesRegex(ValidationError, "is not a member of"):
            self._position(self.branch, self.secretary_c, "deputy_secretary", date(2023, 1, 1))

    def test_group_leader_must_belong_to_the_groups_branch(self):
        with self.assertRaisesRegex(ValidationError, "is not a member of"):
            self._position(self.group_a, self.member_b, "group_leader", date(2023, 1, 1))

    def test_end_before_start_refused(self):
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "cannot be before its start"):
            self._position(
                self.branch, self.first, "secretary", date(2023, 6, 1), date(2023, 5, 31)
            )
        self.assertEqual(self._count(), count)

    def test_end_on_start_day_allowed(self):
        pos = self._position(
            self.branch, self.first, "secretary", date(2023, 6, 1), date(2023, 6, 1)
        )
        self.assertEqual(pos.date_end, pos.date_start)

    def test_start_in_future_refused(self):
        count = self._count()
        with self.assertRaisesRegex(ValidationError, "cannot start in the future"):
            self._position(self.branch, self.first, "secretary", self.today + timedelta(days=1))
        self.assertEqual(self._count(), count)

    def test_start_today_allowed(self):
        pos = self._position(self.branch, self.first, "secretary", self.today)
        self.assertTrue(pos.is_current)
        self.assertEqual(self.branch.secretary_id, self.first)


@tagged("post_install", "-at_install")
class TestTermsAreNeverDeleted(PartyBranchCase):
    def test_nobody_deletes_a_term_not_even_the_party_administrator(self):
        for user in (self.admin, self.officer_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.pos_secretary_a.with_user(user).unlink()
        self.assertTrue(self.pos_secretary_a.exists())

    def test_a_term_ends_instead(self):
        self.pos_secretary_a.with_user(self.officer_a).action_end_term()
        self.assertTrue(self.pos_secretary_a.date_end)
        self.assertTrue(self.pos_secretary_a.exists())

    def test_the_model_refuses_outside_superuser_mode(self):
        with self.assertRaisesRegex(UserError, "never deleted"):
            self.pos_secretary_a.with_user(self.admin).sudo(False)._unlink_never()
