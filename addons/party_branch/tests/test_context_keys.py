"""A client's context never switches the history of a Party record off.

Odoo's mail.thread reads ``tracking_disable``, ``mail_notrack``, ``mail_create_nolog``
… from the context, which the client of an RPC call chooses. On Party records they
count only in superuser mode or in an action's own server code (docs/security.md,
rule 2); the calls below go through the RPC dispatch as a browser's would.
"""

from odoo.tests import tagged

from .common import PartyBranchCase, TrackedHistory
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestClientContextKeys(TrackedHistory, PartyBranchCase):
    def setUp(self):
        super().setUp()
        self._forget_pending_tracking()

    def _write_last_contact(self, context):
        rpc(
            self.env,
            self.officer_b,
            "party.member",
            "write",
            {"last_contact_date": "2026-01-05"},
            ids=self.member_b.ids,
            context=context,
        )

    def test_tracking_disable_from_client_keeps_member_history(self):
        self._write_last_contact({"tracking_disable": True})
        tracked = self._tracked(self.member_b, "last_contact_date")
        self.assertEqual(len(tracked), 1, "the change is in the member's history")
        self.assertEqual(str(tracked.new_value_datetime.date()), "2026-01-05")

    def test_mail_notrack_from_client_keeps_member_history(self):
        self._write_last_contact({"mail_notrack": True})
        self.assertEqual(len(self._tracked(self.member_b, "last_contact_date")), 1)

    def test_mail_create_nolog_from_client_keeps_creation_message(self):
        org_id = rpc(
            self.env,
            self.officer_b,
            "party.organization",
            "create",
            {
                "name": "Group B1",
                "code": "PBT-CTX-B1",
                "org_type": "group",
                "parent_id": self.branch_b.id,
            },  # fmt: skip
            context={"mail_create_nolog": True, "tracking_disable": True},
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "party.organization"), ("res_id", "=", org_id)])
        )
        self.assertTrue(messages, "the creation is in the organisation's history")

    def test_tracking_disable_from_client_keeps_action_history(self):
        """The caller's context comes along into an action: its state change is tracked."""
        mover = self._member(self.branch_a, "Mover")
        transfer = self.Transfer.with_user(self.officer_a).create(
            {
                "member_id": mover.id,
                "to_organization_id": self.branch_b.id,
                "letter_number": "PBT-CTX-001",
                "reason": "New job",
            }  # fmt: skip
        )
        rpc(
            self.env,
            self.officer_a,
            "party.member.transfer",
            "action_send",
            ids=transfer.ids,
            context={"tracking_disable": True, "mail_notrack": True},
        )
        self.assertEqual(transfer.state, "sent")
        self.assertEqual(len(self._tracked(transfer, "state")), 1)

    def test_server_code_in_superuser_mode_keeps_its_quiet_write(self):
        """Only the client's keys are ignored: the server's own quiet writes stay quiet."""
        self.member_b.sudo().with_context(tracking_disable=True).write(
            {"last_contact_date": "2026-01-05"}
        )
        self.assertFalse(self._tracked(self.member_b, "last_contact_date"))
