"""The audit trail of a dues reduction (party.audit.entry, party_branch): the approval
and the amount, who and when; the member's officers read it, other branches do not."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestReductionAuditTrail(PartyDuesCase):
    def test_reduction_amount_and_approval_are_audited(self):
        reduction = self.env["party.dues.reduction"].create(
            {
                "member_id": self.member_b.id,
                "kind": "reduce",
                "monthly_amount": 5.0,
                "date_from": self.month(1),
                "date_to": self.month(3),
                "reason": "Hardship",
            }
        )
        reduction.with_user(self.officer_b).write(
            {
                "monthly_amount": 3.0,
                "decision_reference": "Decision B",
                "approval_reference": "Approval B",
            }
        )
        reduction.with_user(self.officer_b).action_approve()
        entries = (
            self.env["party.audit.entry"]
            .sudo()
            .search(
                [("res_model", "=", "party.dues.reduction"), ("res_id", "=", reduction.id)],
                order="id",
            )
        )
        self.assertEqual(entries.mapped("field_name"), ["monthly_amount", "state"])
        self.assertEqual(entries.mapped("create_uid"), self.officer_b | self.officer_b)
        self.assertEqual((entries[0].old_value, entries[0].new_value), ("5.0", "3.0"))
        self.assertEqual(entries[1].member_id, self.member_b)
        self.assertEqual(
            rpc(
                self.env,
                self.officer_b,
                "party.audit.entry",
                "search_count",
                [("id", "in", entries.ids)],
            ),
            2,
        )
        self.assertEqual(
            rpc(
                self.env,
                self.officer_a,
                "party.audit.entry",
                "search_count",
                [("id", "in", entries.ids)],
            ),
            0,
        )
