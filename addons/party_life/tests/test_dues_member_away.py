"""Dues of a member working away (流动党员, party_branch's party.member.away): paid
where the register says, billed once."""

from odoo.tests import tagged

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesMemberAway(PartyDuesCase):
    def _away(self, **vals):
        return self.env["party.member.away"].create(
            {"member_id": self.member_a.id, "date_from": self.month(-1), **vals}
        )

    def test_dues_paid_at_the_host_are_billed_to_the_host(self):
        self._away(host_organization_id=self.branch_b.id, dues_at="host")
        rows = self._generate(self.this_month, organizations=self.committee)
        row = rows.filtered(lambda r: r.member_id == self.member_a)
        self.assertEqual(row.organization_id, self.branch_b)
        self.assertEqual(len(row), 1)

    def test_dues_paid_at_home_stay_at_home(self):
        self._away(host_organization_id=self.branch_b.id, dues_at="home")
        rows = self._generate(self.this_month, organizations=self.branch_a)
        self.assertEqual(rows.filtered(lambda r: r.member_id == self.member_a).organization_id,
                         self.branch_a)  # fmt: skip

    def test_dues_paid_outside_the_system_are_not_billed_at_home(self):
        self._away(host_external="Shenzhen Street Branch", dues_at="host")
        rows = self._generate(self.this_month, organizations=self.branch_a)
        self.assertNotIn(self.member_a, rows.member_id)

    def test_host_billing_is_not_repeated(self):
        self._away(host_organization_id=self.branch_b.id, dues_at="host")
        self._generate(self.this_month, organizations=self.committee)
        self._generate(self.this_month, organizations=self.committee)
        self.assertEqual(len(self._rows(self.member_a, self.this_month)), 1)
