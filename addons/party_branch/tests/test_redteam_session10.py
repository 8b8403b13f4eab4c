"""Red team of session 10, through the RPC dispatch: the digests of the compliance pass,
made in bulk (``party.finding._insert_digests``), and the points ledger's reversals.

A digest is an activity of the organisation (``mail.activity`` on ``party.organization``)
whose note lists the organisation's findings, each with its text. Officers read the whole
tree of organisations, but the findings of the organisations they manage only: the digest
is its user's and the findings' readers', not every officer's who reads the
organisation."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestRedteamSession10Digests(PartyBranchCase):
    def _digests_of_branch_a(self):
        findings = self._check(self.branch_a)
        self.assertTrue(findings, "the test tree's Branch A has findings")
        digests = self._activities(findings)
        self.assertTrue(digests, "the pass made a digest of Branch A")
        return digests

    def test_officer_of_a_sibling_branch_finds_no_digest_of_the_branch(self):
        digests = self._digests_of_branch_a()
        rows = rpc(self.env, self.officer_b, "mail.activity", "search_read",
                   [("res_model", "=", "party.organization"), ("res_id", "=", self.branch_a.id)],
                   ["note"])  # fmt: skip
        self.assertFalse({row["id"] for row in rows} & set(digests.ids))

    def test_officer_of_a_sibling_branch_reads_no_digest_of_the_branch(self):
        digests = self._digests_of_branch_a()
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "mail.activity", "read", ["note", "summary"],
                ids=digests.ids)  # fmt: skip

    def test_officer_of_a_sibling_branch_reads_no_digest_through_the_organisation(self):
        digests = self._digests_of_branch_a()
        [row] = rpc(self.env, self.officer_b, "party.organization", "read", ["activity_ids"],
                    ids=self.branch_a.ids)  # fmt: skip
        self.assertFalse(set(row["activity_ids"]) & set(digests.ids))

    def test_officer_of_the_branch_reads_its_digest(self):
        digests = self._digests_of_branch_a()
        rows = rpc(self.env, self.officer_a, "mail.activity", "read", ["summary"],
                   ids=digests.ids)  # fmt: skip
        self.assertEqual(len(rows), len(digests))

    def test_officer_of_a_sibling_branch_marks_no_digest_of_the_branch_done(self):
        digests = self._digests_of_branch_a()
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "mail.activity", "action_feedback", ids=digests.ids,
                feedback="done")  # fmt: skip
        self.assertTrue(digests.exists())
