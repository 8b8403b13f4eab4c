"""A client's ``tracking_disable`` never lowers a stability matter's risk without a trace
(docs/security.md, rule 2), through the RPC dispatch as a browser's call would."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import TrackedHistory
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestStabilityMatterHistory(TrackedHistory, PartySystemsCase):
    def test_tracking_disable_from_client_keeps_risk_history(self):
        matter = self.env["party.stability.matter"].create(
            {
                "name": "Dispute over the plot",
                "organization_id": self.branch_a.id,
                "risk_level": "3_high",
            }  # fmt: skip
        )
        self._forget_pending_tracking()  # the setup's quiet create
        rpc(
            self.env,
            self.officer_a,
            "party.stability.matter",
            "write",
            {"risk_level": "1_low"},
            ids=matter.ids,
            context={"tracking_disable": True},
        )
        tracked = self._tracked(matter, "risk_level")
        self.assertEqual(len(tracked), 1, "the lowered risk is in the matter's history")
        self.assertEqual((tracked.old_value_char, tracked.new_value_char), ("High", "Low"))
