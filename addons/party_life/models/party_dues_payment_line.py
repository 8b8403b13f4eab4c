from odoo import fields, models


class PartyDuesPaymentLine(models.Model):
    """The part of a payment that settles one month's dues."""

    _name = "party.dues.payment.line"
    _description = "Party Dues Payment Allocation"
    _inherit = ["party.access.mixin"]
    _party_org_field = False
    _party_parent_field = "payment_id"
    _party_workflow_fields = ("payment_id", "dues_id", "amount")

    payment_id = fields.Many2one(
        "party.dues.payment", required=True, index=True, ondelete="cascade"
    )
    dues_id = fields.Many2one("party.dues", required=True, index=True, ondelete="restrict")
    period = fields.Date(related="dues_id.period")
    company_id = fields.Many2one(related="payment_id.company_id")
    currency_id = fields.Many2one(related="payment_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id")
