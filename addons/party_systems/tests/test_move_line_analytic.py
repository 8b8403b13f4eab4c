from odoo import Command
from odoo.tests import tagged

from odoo.addons.party_life.tests.common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestMoveLineAnalyticAccounts(PartyDuesCase):
    """account_financial_report's analytic accounts of a journal item (its general
    ledger filters on them), written for all the items at once: the same accounts as
    its own compute, without a query per analytic account (issue 27: one per
    organisation in the entry of a dues collection)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["account.analytic.plan"].create({"name": "Analytic items test plan"})
        cls.accounts = cls.env["account.analytic.account"].create(
            [{"name": f"Cost centre {n}", "plan_id": plan.id} for n in range(12)]
        )
        cls.expense = cls.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", cls.company.id)], limit=1
        )
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", cls.company.id)], limit=1
        )

    def _entry(self, distributions):
        lines = [
            Command.create(
                {
                    "name": f"Item {n}",
                    "account_id": self.expense.id,
                    "debit": 10.0,
                    "analytic_distribution": distribution,
                }
            )
            for n, distribution in enumerate(distributions)
        ]
        lines.append(
            Command.create(
                {
                    "name": "Cash",
                    "account_id": self.journal.default_account_id.id,
                    "credit": 10.0 * len(distributions),
                }
            )
        )
        return self.Move.create(
            {
                "move_type": "entry",
                "journal_id": self.journal.id,
                "date": self.today,
                "line_ids": lines,
            }
        )

    def test_items_carry_the_accounts_of_their_distribution(self):
        a, b, c = self.accounts[:3]
        move = self._entry(
            [{str(a.id): 100}, {f"{b.id},{c.id}": 100}, {str(a.id): 40, str(c.id): 60}, False]
        )
        move.action_post()
        self.env.flush_all()
        self.env.invalidate_all()
        got = [set(line.analytic_account_ids.ids) for line in move.line_ids.sorted("id")]
        self.assertEqual(got, [{a.id}, {b.id, c.id}, {a.id, c.id}, set(), set()])
        # a new distribution replaces the accounts, none clears them
        first, second = move.line_ids.sorted("id")[:2]
        move.button_draft()
        first.analytic_distribution = {str(b.id): 100}
        second.analytic_distribution = False
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            (first.analytic_account_ids, second.analytic_account_ids),
            (b, self.env["account.analytic.account"]),
        )

    def test_the_accounts_of_many_items_take_the_queries_of_one(self):
        def relinked(count):
            move = self._entry([{str(account.id): 100} for account in self.accounts[:count]])
            items = move.line_ids.filtered("analytic_distribution")
            self.env.flush_all()
            self.env.cr.execute(
                "DELETE FROM account_analytic_account_account_move_line_rel"
                " WHERE account_move_line_id = ANY(%s)",
                [items.ids],
            )
            self.env.invalidate_all()
            # recomputed as Odoo does after a change of the distributions
            self.env.add_to_compute(items._fields["analytic_account_ids"], items)
            before = self.env.cr.sql_log_count
            self.env.flush_all()
            spent = self.env.cr.sql_log_count - before
            self.env.invalidate_all()
            self.assertEqual(
                [line.analytic_account_ids for line in items.sorted("id")],
                list(self.accounts[:count]),
            )
            return spent

        self.assertEqual(relinked(12), relinked(2))
