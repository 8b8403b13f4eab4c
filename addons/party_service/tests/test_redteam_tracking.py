"""Red-team review: a client's context never switches a service request's history off,
inside its actions too (docs/security.md, rule 2). The actions of helpdesk.ticket write
inside ``action_scope()`` (and resolve with ``sudo()``), where the client's
``tracking_disable`` came along: the request was resolved or taken without a trace."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase

QUIET = {"tracking_disable": True, "mail_notrack": True}


@tagged("post_install", "-at_install")
class TestRequestHistoryInActions(PartyServiceCase):
    def setUp(self):
        super().setUp()
        self.ticket = self._ticket(
            category_id=self.cat_living.id, party_organization_id=self.branch_a.id
        )
        # what the setup's quiet creates left for the commit hooks (tracking discarded)
        self.env.flush_all()
        self.env.cr.precommit.clear()

    def _tracked(self, record, field):
        self.env.flush_all()
        self.env.cr.precommit.run()
        return (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", record._name),
                    ("mail_message_id.res_id", "=", record.id),
                    ("field_id.name", "=", field),
                ]
            )
        )

    def test_request_taken_with_tracking_disable_is_in_the_history(self):
        rpc(self.env, self.officer_a, "helpdesk.ticket", "action_party_assign_me",
            ids=self.ticket.ids, context=QUIET)  # fmt: skip
        self.assertEqual(self.ticket.party_member_id, self.secretary_a)
        self.assertEqual(len(self._tracked(self.ticket, "party_member_id")), 1)

    def test_request_resolved_with_tracking_disable_is_in_the_history(self):
        self.ticket.party_member_id = self.member_a
        self.env.flush_all()
        self.env.cr.precommit.clear()
        rpc(self.env, self.officer_a, "helpdesk.ticket", "action_party_resolve",
            ids=self.ticket.ids, context=QUIET)  # fmt: skip
        self.assertEqual(self.ticket.stage_id, self.done)
        self.assertEqual(len(self._tracked(self.ticket, "stage_id")), 1)
