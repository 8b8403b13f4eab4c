"""Red team of session 8 (party_systems): the owner of a resolution's execution is given
a to-do on the decision (written as superuser, which skips Odoo's check that the assigned
user may read the document): only a user who may read the decision is made its owner,
tried through the RPC dispatch as the browser's developer tools would."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestExecutionOwnerReadsTheDecision(PartySystemsCase):
    def _passed(self, owner):
        self._present(self.full)
        decision = self._voting()
        decision._record_show_of_hands("for")
        decision.with_user(self.officer_a).action_close_voting()
        self.assertEqual(decision.state, "passed")
        rpc(self.env, self.officer_a, "party.decision", "write",
            {"execution_owner_id": owner.id, "execution_deadline": self.today},
            ids=decision.ids)  # fmt: skip
        return decision

    def test_execution_not_assigned_to_a_user_who_cannot_read_the_decision(self):
        outsider = new_test_user(self.env, login="ps8_outsider", groups="base.group_user")
        decision = self._passed(outsider)
        with self.assertRaisesRegex(UserError, "cannot read"):
            rpc(self.env, self.officer_a, "party.decision", "action_assign_execution",
                ids=decision.ids)  # fmt: skip
        self.assertEqual(decision.execution_state, "none")
        self.assertFalse(decision.sudo().activity_ids.filtered(lambda a: a.user_id == outsider))

    def test_execution_assigned_to_an_officer_of_the_organisation(self):
        decision = self._passed(self.officer_a)
        rpc(self.env, self.officer_a, "party.decision", "action_assign_execution",
            ids=decision.ids)  # fmt: skip
        self.assertEqual(decision.execution_state, "assigned")
        self.assertTrue(
            decision.sudo().activity_ids.filtered(lambda a: a.user_id == self.officer_a)
        )
