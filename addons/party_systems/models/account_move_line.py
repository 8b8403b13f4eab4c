from odoo import api, models
from odoo.fields import Command


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.depends("analytic_distribution")
    def _compute_analytic_account_ids(self):
        """account_financial_report's analytic accounts of a line (stored, read by its
        reports), the same accounts written for every line at once: its own compute
        links them one analytic account at a time, a query per account, i.e. one per
        organisation for the entry of a dues collection (issue 27)."""
        if not all(self._ids):  # new lines (a form's onchange): its own way
            super()._compute_analytic_account_ids()
            return
        accounts_of = {
            line.id: list(
                dict.fromkeys(
                    int(account_id)
                    for key in (line.analytic_distribution or {})
                    for account_id in key.split(",")
                )
            )
            for line in self
        }
        existing = set(
            self.env["account.analytic.account"]
            .browse({i for ids in accounts_of.values() for i in ids})
            .exists()
            .ids
        )
        field = self._fields["analytic_account_ids"]
        self.env.remove_to_compute(field, self)
        field.write_batch(
            [
                (line, [Command.set([i for i in accounts_of[line.id] if i in existing])])
                for line in self
            ]
        )
