"""Red-team review: a client's context never switches a service request's history off,
inside its actions too (docs/security.md, rule 2). The actions of helpdesk.ticket write
inside ``action_scope()`` (and resolve with ``sudo()``), where the client's
``tracking_disable`` came along: the request was resolved or taken without a trace."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import TrackedHistory
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase

QUIET = {"tracking_disable": True, "mail_notrack": True}


@tagged("post_install", "-at_install")
class TestRequestHistoryInActions(TrackedHistory, PartyServiceCase):
    def setUp(self):
        super().setUp()
        self.ticket = self._ticket(
            category_id=self.cat_living.id, party_organization_id=self.branch_a.id
        )
        self._forget_pending_tracking()

    def test_request_taken_with_tracking_disable_is_in_the_history(self):
        rpc(self.env, self.officer_a, "helpdesk.ticket", "action_party_assign_me",
            ids=self.ticket.ids, context=QUIET)  # fmt: skip
        self.assertEqual(self.ticket.party_member_id, self.secretary_a)
        self.assertEqual(len(self._tracked(self.ticket, "party_member_id")), 1)

    def test_request_resolved_with_tracking_disable_is_in_the_history(self):
        self.ticket.party_member_id = self.member_a
        self._forget_pending_tracking()
        rpc(self.env, self.officer_a, "helpdesk.ticket", "action_party_resolve",
            ids=self.ticket.ids, context=QUIET)  # fmt: skip
        self.assertEqual(self.ticket.stage_id, self.done)
        self.assertEqual(len(self._tracked(self.ticket, "stage_id")), 1)
