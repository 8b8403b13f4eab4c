"""The guard itself (``party_branch.tools.guard.PartyGuard``), called directly.

Every create and write of a guarded model runs it first (``party.guard.mixin``);
these tests call it the way the template does, on a Party model and on a platform
model, as an officer (untrusted), in superuser mode and inside an action (trusted):
each refusal with the message the caller sees, the ``default_<field>`` context keys
merged into the values, and what passes.
"""

from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tools.guard import GUARD, PartyGuard, action_scope

from .common import PartyBranchCase
from .rpc import rpc


class GuardCase(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = PartyGuard()
        cls.transfer = cls.Transfer.create(
            {"member_id": cls.member_a.id, "to_organization_id": cls.branch_b.id}
        )

    def _transfer_vals(self, **vals):
        return {"member_id": self.member_a.id, "to_organization_id": self.branch_b.id, **vals}

    def _as(self, model, user=None, **context):
        return self.env[model].with_user(user or self.officer_a).with_context(**context)


@tagged("post_install", "-at_install")
class TestGuardCreate(GuardCase):
    def test_the_mixin_runs_this_guard(self):
        self.assertIsInstance(GUARD, PartyGuard)

    def test_organisation_not_managed_refused(self):
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            self.guard.check_create(
                self._as("party.position"),
                [{"organization_id": self.branch_b.id, "member_id": self.secretary_b.id,
                  "position_type_id": self.ptype["propaganda"].id}],
            )  # fmt: skip

    def test_organisation_managed_passes(self):
        vals_list = [
            {"organization_id": self.branch_a.id, "member_id": self.member_a.id,
             "position_type_id": self.ptype["propaganda"].id}
        ]  # fmt: skip
        self.assertEqual(self.guard.check_create(self._as("party.position"), vals_list), vals_list)

    def test_workflow_field_refused(self):
        with self.assertRaisesRegex(
            AccessError, "State of Transfer of Membership change only through the record's actions"
        ):
            self.guard.check_create(
                self._as("party.member.transfer"), [self._transfer_vals(state="completed")]
            )

    def test_workflow_field_at_its_default_passes(self):
        vals_list = [self._transfer_vals(state="draft")]
        self.assertEqual(
            self.guard.check_create(self._as("party.member.transfer"), vals_list), vals_list
        )

    def test_computed_field_refused(self):
        with self.assertRaisesRegex(AccessError, "Age of Party Member are computed"):
            self.guard.check_create(
                self._as("party.member"),
                [{"name": "Computed", "organization_id": self.branch_a.id, "age": 30}],
            )

    def test_parent_not_writable_refused(self):
        notice = self.env["party.notice"].create(
            {"title": "To B", "organization_ids": [(6, 0, self.branch_b.ids)]}
        )
        with self.assertRaises(AccessError):
            self.guard.check_create(
                self._as("party.notice.receipt"),
                [{"notice_id": notice.id, "member_id": self.member_a.id}],
            )

    def test_values_of_the_wrong_type_refused(self):
        Transfer = self._as("party.member.transfer")
        for vals_list, message in (
            ("not a list", "Send a list of records to create"),
            (["not a mapping"], "as a mapping"),
            ([self._transfer_vals(no_such_field=1)], "has no field 'no_such_field'"),
            ([self._transfer_vals(member_id="1")], "'1' is not a valid value for Member"),
            ([self._transfer_vals(date_sent="tomorrow")], "'tomorrow' is not a valid value"),
        ):
            with self.subTest(vals_list=vals_list):
                with self.assertRaisesRegex(ValidationError, message):
                    self.guard.check_create(Transfer, vals_list)

    def test_context_defaults_merged_and_checked(self):
        Transfer = self._as("party.member.transfer", default_reason="From the context")
        checked = self.guard.check_create(Transfer, [self._transfer_vals(), {
            **self._transfer_vals(), "reason": "Sent"}])  # fmt: skip
        self.assertEqual([vals["reason"] for vals in checked], ["From the context", "Sent"])
        with self.assertRaisesRegex(AccessError, "change only through the record's actions"):
            self.guard.check_create(
                self._as("party.member.transfer", default_state="completed"),
                [self._transfer_vals()],
            )

    def test_superuser_and_actions_are_trusted(self):
        vals_list = [self._transfer_vals(state="completed")]
        self.assertIs(
            self.guard.check_create(self.Transfer.sudo().with_user(self.officer_a).sudo(),
                                    vals_list),
            vals_list,
        )  # fmt: skip
        with action_scope():
            self.assertIs(
                self.guard.check_create(self._as("party.member.transfer"), vals_list), vals_list
            )


@tagged("post_install", "-at_install")
class TestGuardWrite(GuardCase):
    def test_workflow_field_refused(self):
        with self.assertRaisesRegex(AccessError, "change only through the record's actions"):
            self.guard.check_write(self.transfer.with_user(self.officer_a), {"state": "draft"})

    def test_fixed_field_changed_refused(self):
        with self.assertRaisesRegex(AccessError, "are set when the record is created"):
            self.guard.check_write(
                self.transfer.with_user(self.officer_a), {"member_id": self.secretary_a.id}
            )

    def test_fixed_field_unchanged_passes(self):
        vals = {"member_id": self.member_a.id}
        self.assertEqual(self.guard.check_write(self.transfer.with_user(self.officer_a), vals),
                         vals)  # fmt: skip

    def test_computed_field_changed_refused(self):
        member = self.member_a.with_user(self.officer_a)
        with self.assertRaisesRegex(AccessError, "are computed from the record"):
            self.guard.check_write(member, {"age": member.age + 10})
        self.guard.check_write(member, {"age": member.age})

    def test_organisation_not_managed_refused(self):
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            self.guard.check_write(
                self.member_a.with_user(self.officer_a), {"organization_id": self.branch_b.id}
            )

    def test_values_of_the_wrong_type_refused(self):
        with self.assertRaisesRegex(ValidationError, "is not a valid value for Reason"):
            self.guard.check_write(self.transfer.with_user(self.officer_a), {"reason": 12})

    def test_move_rechecked_on_the_new_values(self):
        """Record rules run before a write, on the old values: after a write of a
        location field the guard checks them again."""
        member = self._member(self.branch_a, "Moved Away")
        member.organization_id = self.branch_b  # as superuser: the move the guard looks at
        with self.assertRaises(AccessError):
            self.guard.check_moved(member.with_user(self.officer_a),
                                   {"organization_id": self.branch_b.id})  # fmt: skip
        # a write of no location field is not checked again
        self.guard.check_moved(member.with_user(self.officer_a), {"phone": "1"})

    def test_superuser_and_actions_are_trusted(self):
        vals = {"state": "completed", "member_id": self.secretary_a.id}
        self.assertIs(self.guard.check_write(self.transfer, vals), vals)
        with action_scope():
            self.assertIs(self.guard.check_write(self.transfer.with_user(self.officer_a), vals),
                          vals)  # fmt: skip


@tagged("post_install", "-at_install")
class TestGuardTemplate(GuardCase):
    """party.guard.mixin runs the guard once, first, then the model's hooks."""

    def test_guard_answers_before_the_model_hooks(self):
        """party.member's hooks read the values as a mapping: the guard has refused a
        value that is none, with a clear message, before they run."""
        with self.assertRaisesRegex(ValidationError, "Party Member as a mapping"):
            rpc(self.env, self.officer_a, "party.member", "create", ["not a mapping"])

    def test_guard_runs_once_per_create_and_write(self):
        with (
            patch.object(PartyGuard, "check_create", autospec=True,
                         side_effect=PartyGuard.check_create) as create_spy,
            patch.object(PartyGuard, "check_write", autospec=True,
                         side_effect=PartyGuard.check_write) as write_spy,
        ):  # fmt: skip
            transfer_ids = rpc(self.env, self.officer_a, "party.member.transfer", "create",
                              [self._transfer_vals(reason="Once")])  # fmt: skip
            rpc(self.env, self.officer_a, "party.member.transfer", "write",
                {"reason": "Still once"}, ids=transfer_ids)  # fmt: skip
        self.assertEqual(create_spy.call_count, 1)
        self.assertEqual(write_spy.call_count, 1)


@tagged("post_install", "-at_install")
class TestGuardPlatformModel(GuardCase):
    """A platform model without declarations (``res.partner``): its values and the
    context's defaults are checked, nothing else is refused. The platform models a
    Party addon guards with declarations are tested in their addon
    (party_service: ``test_guard_platform.py``)."""

    def test_values_checked(self):
        Partner = self._as("res.partner")
        with self.assertRaisesRegex(ValidationError, "has no field 'no_such_field'"):
            self.guard.check_create(Partner, [{"name": "P", "no_such_field": 1}])
        with self.assertRaisesRegex(ValidationError, "is not a valid value for Country"):
            self.guard.check_create(Partner, [{"name": "P", "country_id": "CN"}])

    def test_context_defaults_merged(self):
        Partner = self._as("res.partner", default_comment="From the context")
        checked = self.guard.check_create(Partner, [{"name": "P"}])
        self.assertEqual(checked, [{"comment": "From the context", "name": "P"}])

    def test_nothing_declared_nothing_refused(self):
        partner = self.env["res.partner"].create({"name": "Platform"})
        vals = {"name": "Platform 2", "is_company": True}
        self.assertEqual(self.guard.check_write(partner.with_user(self.officer_a), vals), vals)
        self.guard.check_moved(partner.with_user(self.officer_a), vals)

    def test_superuser_is_trusted(self):
        vals_list = [{"name": "P", "no_such_field": 1}]
        self.assertIs(self.guard.check_create(self.env["res.partner"], vals_list), vals_list)
