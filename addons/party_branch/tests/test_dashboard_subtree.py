"""The committee's dashboard (the organisation kanban): a card counts the members of the
organisation and of every organisation below it, and its label says so."""

from xml.etree import ElementTree

from odoo.tests import tagged

from .common import PartyBranchCase
from .rpc import rpc

VIEW = "party_branch.party_organization_view_kanban_dashboard"


@tagged("post_install", "-at_install")
class TestDashboardSubtree(PartyBranchCase):
    def _cards(self, user, orgs):
        """The values the kanban's cards show, read as the web client reads them."""
        view = self.env.ref(VIEW)
        arch = rpc(self.env, user, "party.organization", "get_views", [[view.id, "kanban"]])[
            "views"
        ]["kanban"]["arch"]
        names = {node.get("name") for node in ElementTree.fromstring(arch).iter("field")}
        records = rpc(
            self.env,
            user,
            "party.organization",
            "web_search_read",
            [("id", "in", orgs.ids)],
            {name: {} for name in names if name},
        )["records"]
        return arch, {record["id"]: record for record in records}

    def test_committee_card_counts_the_members_of_its_subtree(self):
        self._member(self.branch_a, "Probationary A", "probationary")
        __, cards = self._cards(self.officer_c, self.committee | self.branch_a | self.branch_b)
        # the committee: its own secretary and the members of its two branches (Member A
        # of Group A1 counted once, in Branch A)
        self.assertEqual(cards[self.committee.id]["total_member_count"], 6)
        self.assertEqual(cards[self.committee.id]["total_full_member_count"], 5)
        self.assertEqual(cards[self.branch_a.id]["total_member_count"], 3)
        self.assertEqual(cards[self.branch_b.id]["total_member_count"], 2)

    def test_group_card_counts_its_members(self):
        __, cards = self._cards(self.officer_a, self.group_a)
        self.assertEqual(cards[self.group_a.id]["total_member_count"], 1)
        self.assertEqual(cards[self.group_a.id]["total_full_member_count"], 1)

    def test_card_labels_say_the_subtree_is_counted(self):
        arch, __ = self._cards(self.officer_c, self.committee)
        self.assertIn("incl. Sub-organisations", arch)
        self.assertNotIn('name="member_count"', arch)
