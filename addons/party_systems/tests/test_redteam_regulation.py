"""Red-team review: a regulation's time in force is history. The issuing branch repeals
it from today or a later day; setting a repeal date in the past, or clearing or moving
one that has passed, rewrote when it was in force (rule 2: a version in force is never
rewritten in place)."""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestRegulationRepealIsHistory(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.regulation = cls.env["party.regulation"].create(
            {
                "name": "Quarterly assembly rules",
                "column": "deliberation",
                "organization_id": cls.branch_a.id,
                "body": "<p>The assembly meets every quarter.</p>",
                "effective_date": cls.today - timedelta(days=30),
            }
        )

    def _repeal(self, day):
        rpc(self.env, self.officer_a, "party.regulation", "write",
            {"repeal_date": day}, ids=self.regulation.ids)  # fmt: skip

    def test_regulation_is_not_repealed_from_a_past_day(self):
        with self.assertRaises(UserError):
            self._repeal(self.today - timedelta(days=20))
        self.assertFalse(self.regulation.repeal_date)

    def test_past_repeal_is_not_cleared(self):
        self.regulation.repeal_date = self.today - timedelta(days=10)
        with self.assertRaises(UserError):
            self._repeal(False)
        self.assertEqual(self.regulation.repeal_date, self.today - timedelta(days=10))

    def test_regulation_is_repealed_from_today(self):
        self._repeal(self.today)
        self.assertEqual(self.regulation.repeal_date, self.today)
