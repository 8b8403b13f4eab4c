from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestTransfers(PartyBranchCase):
    """party.member.transfer: draft → sent → completed / expired / cancelled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The mover: in Branch A and its group, deputy secretary of Branch A and
        # committee member of the Committee above both branches.
        cls.mover = cls._member(cls.branch_a, "Mover", group_id=cls.group_a.id)
        cls.pos_deputy = cls._position(cls.branch_a, cls.mover, "deputy_secretary")
        cls.pos_committee = cls._position(cls.committee, cls.mover, "committee_member")
        cls.letters = iter(range(1, 100))

    def _transfer(self, user=None, to=None, **vals):
        values = {
            "member_id": self.mover.id,
            "to_organization_id": (to or self.branch_b).id,
            "letter_number": f"PBT-LETTER-{next(self.letters):03d}",
            "reason": "New job",
            **vals,
        }
        return self.Transfer.with_user(user or self.officer_a).create(values)

    def _sent(self, **vals):
        transfer = self._transfer(**vals)
        transfer.action_send()
        return transfer

    def test_transfer_starts_as_draft_from_member_organisation(self):
        transfer = self._transfer()
        self.assertEqual(transfer.state, "draft")
        self.assertEqual(transfer.from_organization_id, self.branch_a)
        self.assertNotEqual(transfer.name, "New")

    def test_send_requires_letter_number(self):
        transfer = self._transfer(letter_number=False)
        with self.assertRaisesRegex(UserError, "number of the introduction letter"):
            transfer.action_send()
        self.assertEqual(transfer.state, "draft")
        self.assertFalse(transfer.date_sent)

    def test_send_sets_validity_of_3_months(self):
        transfer = self._sent()
        today = fields.Date.context_today(transfer)
        self.assertEqual(transfer.state, "sent")
        self.assertEqual(transfer.date_sent, today)
        self.assertEqual(transfer.date_valid_until, today + relativedelta(months=3))

    @freeze_time("2024-11-30 10:00:00")
    def test_validity_at_month_end(self):
        transfer = self._sent()
        self.assertEqual(transfer.date_valid_until, date(2025, 2, 28))

    def test_send_does_not_move_the_member(self):
        self._sent()
        self.assertEqual(self.mover.organization_id, self.branch_a)
        self.assertEqual(self.mover.group_id, self.group_a)
        self.assertTrue(self.pos_deputy.is_current)

    def test_complete_by_receiving_officer_moves_member(self):
        transfer = self._sent()
        transfer.with_user(self.officer_b).action_complete()
        self.assertEqual(transfer.state, "completed")
        self.assertEqual(transfer.date_completed, self.today)
        self.assertEqual(self.mover.organization_id, self.branch_b)
        self.assertFalse(self.mover.group_id)
        self.assertEqual(self.mover.status, "active")

    def test_complete_ends_positions_in_old_organisation_only(self):
        transfer = self._sent()
        transfer.with_user(self.officer_b).action_complete()
        self.assertEqual(self.pos_deputy.date_end, self.today - timedelta(days=1))
        self.assertTrue(self.pos_deputy.exists())
        self.assertFalse(self.pos_committee.date_end)

    def test_complete_by_sending_officer_refused(self):
        transfer = self._sent()
        with self.assertRaisesRegex(UserError, "Only an officer of .*Branch B"):
            transfer.with_user(self.officer_a).action_complete()
        self.assertEqual(transfer.state, "sent")
        self.assertEqual(self.mover.organization_id, self.branch_a)
        self.assertFalse(self.pos_deputy.date_end)

    def test_complete_by_superior_officer_allowed(self):
        transfer = self._sent()
        transfer.with_user(self.officer_c).action_complete()
        self.assertEqual(self.mover.organization_id, self.branch_b)

    def test_complete_draft_refused(self):
        transfer = self._transfer()
        with self.assertRaisesRegex(UserError, "Only a sent transfer"):
            transfer.with_user(self.officer_b).action_complete()
        self.assertEqual(self.mover.organization_id, self.branch_a)

    def test_complete_on_last_valid_day_allowed(self):
        transfer = self._sent()
        with freeze_time(transfer.date_valid_until.isoformat() + " 10:00:00"):
            transfer.with_user(self.officer_b).action_complete()
        self.assertEqual(transfer.state, "completed")
        self.assertEqual(self.mover.organization_id, self.branch_b)

    def test_complete_after_validity_refused(self):
        transfer = self._sent()
        day_after = transfer.date_valid_until + timedelta(days=1)
        with freeze_time(day_after.isoformat() + " 10:00:00"):
            with self.assertRaisesRegex(UserError, "expired"):
                transfer.with_user(self.officer_b).action_complete()
        self.assertEqual(transfer.state, "sent")
        self.assertEqual(self.mover.organization_id, self.branch_a)

    def test_cron_expires_sent_transfer_past_validity(self):
        transfer = self._sent()
        day_after = transfer.date_valid_until + timedelta(days=1)
        with freeze_time(day_after.isoformat() + " 10:00:00"):
            self.Transfer._cron_expire()
        self.assertEqual(transfer.state, "expired")
        self.assertEqual(self.mover.organization_id, self.branch_a)

    def test_cron_keeps_transfer_valid_on_last_day(self):
        transfer = self._sent()
        with freeze_time(transfer.date_valid_until.isoformat() + " 10:00:00"):
            self.Transfer._cron_expire()
        self.assertEqual(transfer.state, "sent")

    def test_cancel_sent_transfer(self):
        transfer = self._sent()
        transfer.with_user(self.officer_a).action_cancel()
        self.assertEqual(transfer.state, "cancelled")
        self.assertEqual(self.mover.organization_id, self.branch_a)

    def test_cancelled_transfer_cannot_be_completed(self):
        transfer = self._sent()
        transfer.action_cancel()
        with self.assertRaises(UserError):
            transfer.with_user(self.officer_b).action_complete()
        self.assertEqual(self.mover.organization_id, self.branch_a)

    def test_completed_transfer_cannot_be_cancelled(self):
        transfer = self._sent()
        transfer.with_user(self.officer_b).action_complete()
        with self.assertRaisesRegex(UserError, "Only draft or sent"):
            transfer.action_cancel()
        self.assertEqual(transfer.state, "completed")

    def test_sending_and_receiving_officers_read_transfer(self):
        transfer = self._sent()
        for user in (self.officer_a, self.officer_b):
            found = self.Transfer.with_user(user).search([("id", "=", transfer.id)])
            self.assertEqual(found, transfer, user.login)
            values = found.read(["state", "member_id", "member_name", "from_organization_id"])[0]
            self.assertEqual(values["state"], "sent")
            self.assertEqual(values["member_id"][0], self.mover.id)
            self.assertEqual(values["member_name"], "Mover")
            self.assertEqual(values["from_organization_id"][0], self.branch_a.id)

    def test_other_branch_officer_does_not_see_transfer(self):
        branch_d = self._org("Branch D", "branch", self.committee)
        transfer = self._sent(to=branch_d)
        self.assertFalse(self.Transfer.with_user(self.officer_b).search([("id", "=", transfer.id)]))

    def test_external_transfer_sets_transferred_out(self):
        transfer = self._sent(
            to_organization_id=False, to_external="Party Committee of Another Company"
        )
        transfer.with_user(self.officer_a).action_complete()
        self.assertEqual(transfer.state, "completed")
        self.assertEqual(self.mover.status, "transferred_out")
        self.assertEqual(self.mover.organization_id, self.branch_a)
        self.assertEqual(self.pos_deputy.date_end, self.today - timedelta(days=1))
        self.assertEqual(self.pos_committee.date_end, self.today - timedelta(days=1))

    def test_officer_cannot_transfer_member_of_other_branch(self):
        with self.assertRaises(AccessError):
            self._transfer(user=self.officer_b, to=self.committee)
        self.assertFalse(self.Transfer.search([("member_id", "=", self.mover.id)]))

    def test_transfer_needs_a_destination(self):
        with self.assertRaisesRegex(ValidationError, "receiving organisation"):
            self._transfer(to_organization_id=False)

    def test_transfer_to_own_organisation_refused(self):
        with self.assertRaisesRegex(ValidationError, "organisation they are in"):
            self._transfer(to=self.branch_a)

    def test_second_sent_transfer_refused(self):
        self._sent()
        second = self._transfer(to=self.committee)
        with self.assertRaisesRegex(UserError, "already has a transfer under way"):
            second.action_send()
        self.assertEqual(second.state, "draft")

    def test_new_transfer_allowed_after_cancel(self):
        first = self._sent()
        first.action_cancel()
        second = self._sent(to=self.committee)
        self.assertEqual(second.state, "sent")

    def test_sent_transfer_not_deleted(self):
        transfer = self._sent()
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            transfer.unlink()
        self.assertTrue(transfer.exists())
