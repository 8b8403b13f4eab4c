from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_dues_base_review import MAX_BASE


class PartyMember(models.Model):
    _inherit = "party.member"

    _party_rpc_methods = {"action_view_dues": "navigation: read access on the member"}

    dues_ids = fields.One2many("party.dues", "member_id")
    dues_payment_ids = fields.One2many("party.dues.payment", "member_id", string="Dues Payments")
    dues_base_review_ids = fields.One2many(
        "party.dues.base.review", "member_id", string="Base Reviews"
    )
    dues_arrears_months = fields.Integer(
        string="Months in Arrears",
        compute="_compute_dues_arrears",
        help="Consecutive months unpaid.",
    )
    dues_balance = fields.Monetary(
        string="Dues Owed", currency_field="currency_id", compute="_compute_dues_arrears"
    )

    @api.constrains("dues_base")
    def _check_dues_base_range(self):
        for member in self.sudo():
            if member.dues_base > MAX_BASE:
                raise ValidationError(
                    self.env._(
                        "The dues base of %(member)s (%(base)s) is not a plausible monthly income "
                        "(at most %(max)s): check the figure.",
                        member=member.name,
                        base=member.dues_base,
                        max=MAX_BASE,
                    )
                )

    def _compute_dues_arrears(self):
        arrears = self.env["party.dues"]._arrears(self)
        owed = dict(
            self.env["party.dues"]
            .sudo()
            ._read_group(
                [("member_id", "in", self.ids), ("state", "=", "due")],
                ["member_id"],
                ["amount:sum"],
            )
        )
        paid = dict(
            self.env["party.dues"]
            .sudo()
            ._read_group(
                [("member_id", "in", self.ids), ("state", "=", "due")],
                ["member_id"],
                ["paid_amount:sum"],
            )
        )
        for member in self:
            member.dues_arrears_months = arrears.get(member.id, 0)
            member.dues_balance = owed.get(member, 0.0) - paid.get(member, 0.0)

    def action_view_dues(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("party_life.party_dues_action")
        action["domain"] = [("member_id", "=", self.id)]
        return action
