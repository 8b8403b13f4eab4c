"""Red team of session 9, through the RPC dispatch: the service assessment reads the
points ledger in superuser mode, so what an officer chooses (the organisation, the
period) must never reach members outside the organisations they manage."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestRedteamSession9Assessment(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment_a = cls.env["party.assessment"].create(
            {"name": "Branch A period", "organization_id": cls.branch_a.id,
             "date_from": "2026-01-01", "date_to": "2026-06-30"}
        )  # fmt: skip

    def test_officer_creates_no_assessment_of_another_branch(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.assessment", "create", {
                "name": "Peek", "organization_id": self.branch_a.id,
                "date_from": "2025-01-01", "date_to": "2026-12-31",
            })  # fmt: skip
        self.assertFalse(self.env["party.assessment"].search([("name", "=", "Peek")]))

    def test_officer_does_not_move_their_assessment_to_another_branch(self):
        own = self.env["party.assessment"].create(
            {"name": "Branch B period", "organization_id": self.branch_b.id,
             "date_from": "2026-01-01", "date_to": "2026-06-30"}
        )  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.assessment", "write",
                {"organization_id": self.branch_a.id}, ids=own.ids)  # fmt: skip
        self.assertEqual(own.organization_id, self.branch_b)

    def test_officer_reads_no_score_of_another_branch(self):
        self.assessment_a.action_score()
        self.assertTrue(self.assessment_a.line_ids)
        found = rpc(self.env, self.officer_b, "party.assessment.line", "search_read",
                    [("assessment_id", "=", self.assessment_a.id)], ["member_id", "score"])  # fmt: skip
        self.assertEqual(found, [])
