"""Red team of session 7: what a logged-in attacker tries through the RPC dispatch on
the surfaces built in this session, and what must hold."""

from odoo.tests import tagged

from .common import PartyBranchCase
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestPersonalDataGrouping(PartyBranchCase):
    """A group leader reads the members of their Party group but not their personal
    data (the member's organisation is the branch, which they do not manage): grouping,
    summing or sorting by a personal field is no way round the mask."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._group_leader("pbt_rt7_leader")

    def _group(self, user, groupby, aggregates=("__count",), domain=None):
        domain = domain or [("id", "=", self.member_a.id)]
        return rpc(
            self.env,
            user,
            "party.member",
            "read_group",
            domain,
            list(aggregates),
            [groupby],
            lazy=False,
        )

    def test_group_leader_reads_the_member_masked(self):
        values = rpc(
            self.env, self.leader_user, "party.member", "read", ["id_number"], ids=self.member_a.ids
        )
        self.assertFalse(values[0]["id_number"])

    def test_group_leader_cannot_group_members_by_id_number(self):
        groups = self._group(self.leader_user, "id_number")
        self.assertNotIn(self.member_a.id_number, str(groups))

    def test_group_leader_cannot_sum_the_members_incomes(self):
        groups = self._group(
            self.leader_user, "group_id", aggregates=("monthly_income:sum", "dues_base:max")
        )
        self.assertNotIn("6000", str(groups))

    def test_group_leader_cannot_sort_members_by_id_number(self):
        # sorting is an oracle too: the order of a record the leader knows and of one
        # whose number they do not
        found = rpc(
            self.env,
            self.leader_user,
            "party.member",
            "search",
            [("id", "in", (self.member_a | self.group_member).ids)],
            order="id_number",
        )
        self.assertNotIn(self.member_a.id, found)

    def test_branch_secretary_still_groups_by_id_number(self):
        groups = self._group(self.officer_a, "id_number")
        self.assertIn(self.member_a.id_number, str(groups))


@tagged("post_install", "-at_install")
class TestTransferRequestContext(PartyBranchCase):
    """The member's transfer request is made by the server as superuser: the context the
    member sends names no state, letter or date of it."""

    def test_context_defaults_do_not_complete_the_request(self):
        transfer_id = rpc(
            self.env,
            self.portal,
            "party.member.transfer",
            "request_transfer",
            {"to_organization_id": self.branch_b.id, "reason": "I move to plant B."},
            context={
                "default_state": "done",
                "default_letter_number": "FORGED-1",
                "default_member_id": self.member_b.id,
            },
        )
        transfer = self.Transfer.browse(transfer_id)
        self.assertEqual(
            (transfer.state, transfer.letter_number, transfer.member_id),
            ("draft", False, self.member_a),
        )
        self.assertEqual(self.member_a.organization_id, self.branch_a)
