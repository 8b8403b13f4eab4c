from odoo import api, fields, models

from ..models.party_dues_payment import PAYER_KINDS


class PartyDuesCollectLine(models.TransientModel):
    _name = "party.dues.collect.line"
    _description = "Collect Party Dues: Payment"

    wizard_id = fields.Many2one("party.dues.collect", required=True, ondelete="cascade")
    member_id = fields.Many2one("party.member", required=True)
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    owed = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_owed",
        help="Dues owed today.",
    )
    amount = fields.Monetary(currency_field="currency_id")
    reference = fields.Char(help="Bank or online transaction reference.")
    voluntary = fields.Boolean(help="Accept an amount above the dues owed as a voluntary payment.")
    months_ahead = fields.Integer(help="Pay that many future months in advance.")
    payer_kind = fields.Selection(
        PAYER_KINDS,
        string="Paid By",
        default="member",
        required=True,
        help="Who paid: the member, or someone on their behalf (代缴).",
    )
    payer_name = fields.Char(
        string="Payer",
        help="Who paid on the member's behalf: the family member, the organisation, the employer.",
    )

    @api.depends("member_id")
    def _compute_owed(self):
        for line in self:
            line.owed = line.member_id.dues_balance

    @api.onchange("member_id")
    def _onchange_member_id(self):
        if self.member_id and not self.amount:
            self.amount = max(self.member_id.dues_balance, 0.0)
