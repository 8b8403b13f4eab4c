"""Red-team review: what the superior approved is published as approved. The window a
disclosure is shown in (its publish and withdraw dates) is part of it: the branch takes
an approved disclosure down with its withdraw action (today), and does not rewrite
when it was public by writing its withdraw date afterwards (docs/security.md, rule 2)."""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestApprovedDisclosureWindow(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.disclosure = cls.env["party.disclosure"].create(
            {
                "name": "Dues collected in the first half",
                "organization_id": cls.branch_a.id,
                "scope": "public",
                "publish_date": cls.today - timedelta(days=10),
                "withdraw_date": cls.today + timedelta(days=20),
            }
        )
        cls.disclosure.sudo()._party_action_write({"state": "approved"})

    def _write(self, vals):
        rpc(self.env, self.officer_a, "party.disclosure", "write", vals,
            ids=self.disclosure.ids)  # fmt: skip

    def test_branch_does_not_backdate_the_end_of_an_approved_disclosure(self):
        with self.assertRaises(UserError):
            self._write({"withdraw_date": self.today - timedelta(days=9)})
        self.assertEqual(self.disclosure.withdraw_date, self.today + timedelta(days=20))

    def test_branch_does_not_extend_an_approved_disclosure(self):
        with self.assertRaises(UserError):
            self._write({"withdraw_date": False})
        self.assertEqual(self.disclosure.withdraw_date, self.today + timedelta(days=20))

    def test_branch_still_withdraws_it_today(self):
        rpc(self.env, self.officer_a, "party.disclosure", "action_withdraw",
            ids=self.disclosure.ids)  # fmt: skip
        self.assertEqual(self.disclosure.state, "withdrawn")
