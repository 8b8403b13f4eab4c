"""One rule of the dues state (``dues_state``): the ORM's ``_compute_state`` and the
monthly run's INSERT (``_dues_state_sql``) give a row of the same amount the same state, at the
currency's precision (0.004 yuan is nothing owed, 0.005 is a fen) and below zero."""

from odoo.tests import tagged
from odoo.tools import SQL

from .common import PartyDuesCase

# amount → state, at the company currency's precision (0.01)
EXPECTED = {
    0.0: "exempt",
    0.004: "exempt",
    0.005: "due",
    0.01: "due",
    -0.004: "exempt",
    -1.0: "exempt",
}


@tagged("post_install", "-at_install")
class TestDuesState(PartyDuesCase):
    def _vals(self, member, offset, amount):
        return {
            "member_id": member.id,
            "organization_id": member.organization_id.id,
            "company_id": self.company.id,
            "period": self.month(-30 + offset),
            "income_category": "salaried",
            "base": 1000.0,
            "rate": 0.5,
            "amount": amount,
            "reduction_id": False,
        }

    def test_orm_and_bulk_insert_give_the_same_state(self):
        self.assertEqual(self.company.currency_id.rounding, 0.01)
        amounts = list(EXPECTED)
        # the ORM: _compute_state on rows created one by one
        orm_rows = self.Dues.create(
            [self._vals(self.member_a, i, amount) for i, amount in enumerate(amounts)]
        )
        by_orm = dict(zip(amounts, orm_rows.mapped("state"), strict=True))
        # the monthly run's INSERT: the same rule in SQL
        self.env.cr.execute(
            SQL(
                "SELECT %(state)s FROM unnest(%(amounts)s::numeric[]) WITH ORDINALITY AS v(a, n) "
                "ORDER BY v.n",
                state=self.Dues._dues_state_sql(
                    SQL("v.a"), SQL("0"), SQL("FALSE"), SQL("%s", self.company.currency_id.rounding)
                ),
                amounts=amounts,
            )
        )
        by_bulk = dict(zip(amounts, [r[0] for r in self.env.cr.fetchall()], strict=True))
        self.assertEqual(by_bulk, by_orm)
        self.assertEqual(by_orm, EXPECTED)
