from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PartyDuesLedger(models.TransientModel):
    """Print the dues ledger (XLSX) of an organisation over a range of months."""

    _name = "party.dues.ledger"
    _description = "Party Dues Ledger"
    _party_rpc_methods = {
        "action_print": "returns the report action; the report reads with the caller's rights",
    }

    organization_id = fields.Many2one("party.organization", string="Organisation", required=True)
    date_from = fields.Date(
        string="From Month",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To Month",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for ledger in self:
            if ledger.date_from.replace(day=1) > ledger.date_to.replace(day=1):
                raise ValidationError(
                    self.env._("The ledger's first month comes after its last month.")
                )

    def _period_range(self):
        """(first month, last month, last day of the last month)."""
        self.ensure_one()
        first = self.date_from.replace(day=1)
        last = self.date_to.replace(day=1)
        return first, last, last + relativedelta(months=1, days=-1)

    def action_print(self):
        self.ensure_one()
        return self.env.ref("party_life.action_report_dues_ledger_xlsx").report_action(self)
