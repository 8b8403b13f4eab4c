from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PartyVenueBudgetCase


@tagged("post_install", "-at_install")
class TestProjectBudget(PartyVenueBudgetCase):
    def _commit(self, amount, user=None):
        env = self.env(user=user or self.officer_a)
        return env["party.venue.project.commitment"].create(
            {"project_id": self.project.id, "name": "Contract", "amount": amount}
        )

    def test_commitment_of_exactly_the_remaining_budget_passes(self):
        self._commit(1000.00)
        self.assertEqual(self.project.remaining, 0.0)

    def test_commitment_one_cent_over_refused(self):
        with self.assertRaisesRegex(ValidationError, "1,000.00 of its budget left.*1,000.01"):
            self._commit(1000.01)
        self.assertFalse(self.project.commitment_ids)

    def test_spent_from_posted_journal_items_only(self):
        self._bill(300.0, post=False)
        self.assertEqual(self.project.spent, 0.0)
        self._bill(300.0)
        self.project.invalidate_recordset()
        self.assertEqual((self.project.spent, self.project.remaining), (300.0, 700.0))
        with self.assertRaisesRegex(ValidationError, "700.00 of its budget left"):
            self._commit(700.01)
        self._commit(700.0)

    def test_approved_increase_raises_the_remaining(self):
        increase = (
            self.env["party.venue.project.increase"]
            .with_user(self.officer_a)
            .create({"project_id": self.project.id, "amount": 0.01, "reason": "Wiring"})
        )
        with self.assertRaisesRegex(ValidationError, "budget left"):
            self._commit(1000.01)  # requested, not approved
        with self.assertRaisesRegex(UserError, "superior organisation"):
            increase.with_user(self.officer_a).action_approve()
        increase.with_user(self.officer_c).action_approve()
        self._commit(1000.01)

    def test_project_own_officer_does_not_approve_the_budget(self):
        draft = self.Project.create(
            {"name": "New hall", "venue_id": self.room.id, "organization_id": self.branch_a.id,
             "budget": 50.0}
        )  # fmt: skip
        with self.assertRaisesRegex(UserError, "superior organisation"):
            draft.with_user(self.officer_a).action_approve()
        draft.with_user(self.admin).action_approve()
        self.assertEqual(draft.state, "approved")

    def test_approved_budget_is_not_rewritten(self):
        with self.assertRaisesRegex(UserError, "raised only by an increase"):
            self.project.with_user(self.officer_a).write({"budget": 5000.0})

    def test_borrowing_refused(self):
        Funding = self.env["party.venue.project.funding"].with_user(self.officer_a)
        with self.assertRaisesRegex(ValidationError, "never on debt"):
            Funding.create({"project_id": self.project.id, "source": "borrowing", "amount": 10})
        line = Funding.create({"project_id": self.project.id, "source": "party_dues", "amount": 10})
        with self.assertRaisesRegex(ValidationError, "never on debt"):
            line.write({"source": "borrowing"})

    def test_cost_per_square_metre_against_the_standard(self):
        """1,000 over 10 m²: 100 per m². A standard of 100 passes, 99.99 is exceeded."""
        self._commit(1000.0)
        self.env.company.party_venue_cost_standard = 100.0
        self.project.invalidate_recordset()
        self.assertEqual(self.project.cost_per_m2, 100.0)
        self.assertFalse(self.project.is_extravagant)
        self.env.company.party_venue_cost_standard = 99.99
        self.project.invalidate_recordset()
        self.assertTrue(self.project.is_extravagant)
