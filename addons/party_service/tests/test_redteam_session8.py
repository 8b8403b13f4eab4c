"""Red team of session 8 (party_service): a resolved service request counts for the
member who resolved it (points, service assessment); an officer does not take it over
afterwards, through ``action_party_assign_me`` or a write of the assigned member, both
through the RPC dispatch as the browser's developer tools would."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestResolvedRequestKeepsItsMember(PartyServiceCase):
    def _resolved(self):
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        rpc(self.env, self.portal, "helpdesk.ticket", "action_party_resolve", ids=ticket.ids)
        self.assertTrue(ticket.party_resolved_at)
        return ticket

    def test_officer_cannot_assign_themself_a_resolved_request(self):
        ticket = self._resolved()
        with self.assertRaisesRegex(UserError, "resolved or closed"):
            rpc(self.env, self.officer_a, "helpdesk.ticket", "action_party_assign_me",
                ids=ticket.ids)  # fmt: skip
        self.assertEqual(ticket.party_member_id, self.member_a)

    def test_officer_cannot_reassign_a_resolved_request_by_a_write(self):
        ticket = self._resolved()
        with self.assertRaisesRegex(UserError, "resolved or closed"):
            rpc(self.env, self.officer_a, "helpdesk.ticket", "write",
                {"party_member_id": self.secretary_a.id}, ids=ticket.ids)  # fmt: skip
        self.assertEqual(ticket.party_member_id, self.member_a)

    def test_officer_cannot_unassign_a_resolved_request(self):
        ticket = self._resolved()
        with self.assertRaisesRegex(UserError, "resolved or closed"):
            rpc(self.env, self.officer_a, "helpdesk.ticket", "write",
                {"party_member_id": False}, ids=ticket.ids)  # fmt: skip
        self.assertEqual(ticket.party_member_id, self.member_a)

    def test_officer_still_assigns_themself_an_open_request(self):
        ticket = self._ticket(category_id=self.cat_living.id)
        rpc(self.env, self.officer_a, "helpdesk.ticket", "action_party_assign_me",
            ids=ticket.ids)  # fmt: skip
        self.assertEqual(ticket.party_member_id, self.secretary_a)

    def test_resolved_request_is_not_routed_again(self):
        """Routing again moves the request and clears its member: not once resolved."""
        ticket = self._resolved()
        ticket.sudo().write({"category_id": False, "party_address": "Riverside 9"})
        with self.assertRaisesRegex(UserError, "resolved or closed"):
            rpc(self.env, self.officer_c, "helpdesk.ticket", "action_party_route",
                ids=ticket.ids)  # fmt: skip
        self.assertEqual(
            (ticket.party_organization_id, ticket.party_member_id),
            (self.branch_a, self.member_a),
        )
