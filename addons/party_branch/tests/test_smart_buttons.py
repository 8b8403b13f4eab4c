"""The smart buttons of a member and an organisation (tools/actions.py ``list_action``):
over the RPC dispatch, the list of the one record the caller may read, nothing for a
record of another branch nor for several records at once."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase
from .rpc import rpc

MEMBER_BUTTONS = {
    "action_view_positions": ("party.position", {"default_member_id": True}),
    "action_view_transfers": ("party.member.transfer", {"default_member_id": True}),
    "action_view_findings": ("party.finding", None),
    "action_view_honours": (
        "party.honour",
        {"default_member_id": True, "default_kind": "excellent_member"},
    ),
    "action_view_aways": ("party.member.away", {"default_member_id": True}),
}


@tagged("post_install", "-at_install")
class TestSmartButtons(PartyBranchCase):
    def _button(self, user, model, method, records):
        return rpc(self.env, user, model, method, ids=records.ids)

    def test_member_buttons_open_the_members_own_lists(self):
        for method, (res_model, context) in MEMBER_BUTTONS.items():
            with self.subTest(method=method):
                action = self._button(self.officer_a, "party.member", method, self.member_a)
                self.assertEqual(action["res_model"], res_model)
                self.assertEqual(action["domain"], [("member_id", "=", self.member_a.id)])
                if context:
                    expected = {
                        key: self.member_a.id if value is True else value
                        for key, value in context.items()
                    }
                    self.assertEqual(action["context"], expected)

    def test_member_buttons_refuse_a_member_of_another_branch(self):
        for method in MEMBER_BUTTONS:
            with (
                self.subTest(method=method),
                self.assertRaises(AccessError),
            ):
                self._button(self.officer_b, "party.member", method, self.member_a)

    def test_member_buttons_refuse_several_members_at_once(self):
        members = self.member_a | self.secretary_a
        for method in MEMBER_BUTTONS:
            with self.subTest(method=method), self.assertRaises(ValueError):
                self._button(self.officer_a, "party.member", method, members)

    def test_group_members_button_creates_members_in_its_branch(self):
        action = self._button(
            self.officer_a, "party.organization", "action_view_members", self.group_a
        )
        self.assertEqual(action["res_model"], "party.member")
        self.assertEqual(
            action["domain"],
            [
                "|",
                ("organization_id", "child_of", self.group_a.id),
                ("group_id", "=", self.group_a.id),
            ],
        )
        self.assertEqual(action["context"], {"default_organization_id": self.branch_a.id})

    def test_organisation_buttons_open_the_organisations_lists(self):
        findings = self._button(
            self.officer_a, "party.organization", "action_view_findings", self.branch_a
        )
        self.assertEqual(findings["domain"], [("organization_id", "child_of", self.branch_a.id)])
        self.assertEqual(findings["context"], {"search_default_open": 1})
        positions = self._button(
            self.officer_a, "party.organization", "action_view_positions", self.branch_a
        )
        self.assertEqual(positions["domain"], [("organization_id", "=", self.branch_a.id)])
        self.assertEqual(
            positions["context"],
            {"default_organization_id": self.branch_a.id, "search_default_current": 1},
        )
        transfers = self._button(
            self.officer_a, "party.organization", "action_view_transfers", self.branch_a
        )
        self.assertEqual(
            transfers["domain"],
            [
                "|",
                ("from_organization_id", "=", self.branch_a.id),
                ("to_organization_id", "=", self.branch_a.id),
            ],
        )

    def test_organisation_buttons_refuse_an_employee_without_party_groups(self):
        employee = new_test_user(self.env, login="psb_employee", groups="base.group_user")
        for method in (
            "action_view_members",
            "action_view_findings",
            "action_view_positions",
            "action_view_transfers",
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                self._button(employee, "party.organization", method, self.branch_a)
