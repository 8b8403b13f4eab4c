"""The guard (``party_branch.tools.guard.PartyGuard``) on the platform models
party_service guards: ``helpdesk.ticket`` and ``event.registration`` declare what the
guard protects (``party.guard.mixin``), as Party models do; the guard is called
directly here, as their ``create`` and ``write`` call it first."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tools.guard import GUARD, action_scope

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestGuardOnServiceRequests(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket(category_id=cls.cat_living.id)

    def _tickets(self, **context):
        return self.Ticket.with_user(self.officer_a).with_context(**context)

    def _vals(self, **vals):
        return {"name": "x", "description": "<p>x</p>", **vals}

    def test_workflow_field_refused(self):
        with self.assertRaisesRegex(
            AccessError, "Requester's Rating of Helpdesk Ticket change only through"
        ):
            GUARD.check_create(self._tickets(), [self._vals(party_rating=5)])

    def test_workflow_field_from_the_context_refused(self):
        with self.assertRaisesRegex(AccessError, "change only through the record's actions"):
            GUARD.check_create(self._tickets(default_party_rating=5), [self._vals()])

    def test_computed_field_of_the_suite_refused(self):
        with self.assertRaisesRegex(AccessError, "Deadline of Helpdesk Ticket are computed"):
            GUARD.check_create(self._tickets(), [self._vals(party_deadline="2099-01-01 00:00:00")])
        with self.assertRaisesRegex(AccessError, "are computed"):
            GUARD.check_write(self.ticket.with_user(self.officer_a), {"party_state": "rated"})

    def test_computed_fields_of_the_platform_stay_the_platform_s(self):
        """helpdesk_mgmt's own computed fields are helpdesk's business, not the guard's."""
        vals_list = [self._vals(unattended=True)]
        self.assertEqual(GUARD.check_create(self._tickets(), vals_list), vals_list)

    def test_organisation_not_managed_refused(self):
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            GUARD.check_create(
                self._tickets(), [self._vals(party_organization_id=self.branch_b.id)]
            )
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            GUARD.check_write(
                self.ticket.with_user(self.officer_a), {"party_organization_id": self.branch_b.id}
            )

    def test_values_of_the_wrong_type_refused(self):
        with self.assertRaisesRegex(ValidationError, "is not a valid value for Party Organisation"):
            GUARD.check_create(self._tickets(), [self._vals(party_organization_id="1")])

    def test_move_rechecked_on_the_new_values(self):
        moved = self._ticket(category_id=self.cat_living.id)
        moved.party_organization_id = self.branch_b  # as superuser
        with self.assertRaises(AccessError):
            GUARD.check_moved(
                moved.with_user(self.officer_a), {"party_organization_id": self.branch_b.id}
            )

    def test_superuser_and_actions_are_trusted(self):
        vals_list = [self._vals(party_rating=5, party_organization_id=self.branch_b.id)]
        self.assertIs(GUARD.check_create(self.Ticket, vals_list), vals_list)
        with action_scope():
            self.assertIs(GUARD.check_create(self._tickets(), vals_list), vals_list)


@tagged("post_install", "-at_install")
class TestGuardOnVolunteerRegistrations(PartyServiceCase):
    def test_context_defaults_merged_into_the_values(self):
        """The hours a client puts in the context are values the hooks check."""
        Registration = (
            self.env["event.registration"]
            .with_user(self.officer_a)
            .with_context(default_party_hours=4, default_name="From the context")
        )
        checked = GUARD.check_create(Registration, [{"name": "Sent"}])
        self.assertEqual(checked, [{"party_hours": 4, "name": "Sent"}])
