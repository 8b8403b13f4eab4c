from odoo import fields, models

from odoo.addons.party_branch.tools.upgrade import drop_columns


class PartyDuesPaymentLine(models.Model):
    """The part of a payment that settles one month's dues."""

    _name = "party.dues.payment.line"
    _description = "Party Dues Payment Allocation"
    _inherit = ["party.access.mixin"]
    _party_org_field = False
    _party_parent_field = "payment_id"
    _party_workflow_fields = ("payment_id", "dues_id", "amount")
    # Written once, by the collection that writes its payment: who and when are the
    # payment's. No creator or writer columns of its own, nor their two foreign keys
    # checked for every allocation a bulk collection inserts (issue 27).
    _log_access = False

    payment_id = fields.Many2one(
        "party.dues.payment", required=True, index=True, ondelete="cascade"
    )
    dues_id = fields.Many2one("party.dues", required=True, index=True, ondelete="restrict")
    period = fields.Date(related="dues_id.period")
    company_id = fields.Many2one(related="payment_id.company_id")
    currency_id = fields.Many2one(related="payment_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id")

    def init(self):
        # a database installed before: the magic columns and their foreign keys go
        # (Odoo leaves them when a model stops declaring them)
        drop_columns(
            self.env.cr, self._table, ("create_uid", "create_date", "write_uid", "write_date")
        )
