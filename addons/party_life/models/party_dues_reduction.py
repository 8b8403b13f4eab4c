from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_dues_bracket import DUES_RULE


class PartyDuesReduction(models.Model):
    """Reduced dues or exemption for a member in hardship.

    Needs the branch's decision and the superior's approval (中组部《关于中国共产党
    党费收缴、使用和管理的规定》2008); it applies to the months of its period
    once approved.
    """

    _name = "party.dues.reduction"
    _description = "Party Dues Reduction or Exemption"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date_from desc"

    _party_org_field = False  # the member's (related, stored)
    _party_parent_field = "member_id"
    _party_fixed_fields = ("member_id",)
    _party_workflow_fields = ("state",)
    _party_audit_fields = ("kind", "monthly_amount", "date_from", "date_to", "state")
    _party_rpc_methods = {
        "action_approve": "_party_check_manage: officer of the member's organisation; draft only",
        "action_cancel": "_party_check_manage: officer of the member's organisation",
    }
    # what an approved reduction grants is fixed: a change is a new reduction
    _party_approved_locked = ("kind", "monthly_amount", "date_from", "date_to")

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    organization_id = fields.Many2one(related="member_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [("reduce", "Reduced Amount"), ("exempt", "Exemption")],
        required=True,
        default="reduce",
        tracking=True,
    )
    monthly_amount = fields.Monetary(currency_field="currency_id", tracking=True)
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="Until", required=True, tracking=True)
    reason = fields.Text(required=True)
    decision_reference = fields.Char(string="Branch Decision", tracking=True)
    approval_reference = fields.Char(string="Superior Approval", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )

    @api.constrains("date_from", "date_to", "monthly_amount", "kind")
    def _check_values(self):
        for reduction in self:
            if reduction.date_to < reduction.date_from:
                raise ValidationError(self.env._("A reduction cannot end before it starts."))
            if reduction.monthly_amount < 0:
                raise ValidationError(self.env._("A reduced amount cannot be negative."))

    def _party_validate_write(self, vals):
        if (
            not self._party_trusted()
            and set(vals).intersection(self._party_approved_locked)
            and any(r.state == "approved" for r in self)
        ):
            raise UserError(
                self.env._(
                    "An approved reduction is not changed: cancel it and record a new one, so "
                    "that the dues already computed keep their trace."
                )
            )
        return super()._party_validate_write(vals)

    def action_approve(self):
        self._party_check_manage()
        if any(r.state != "draft" for r in self):
            raise UserError(self.env._("Only a draft reduction is approved."))
        for reduction in self:
            if not reduction.decision_reference or not reduction.approval_reference:
                raise UserError(
                    self.env._(
                        "Reducing or waiving dues needs the branch's decision and the superior "
                        "organisation's approval: record both references (%(rule)s).",
                        rule=DUES_RULE,
                    )
                )
        self._party_action_write({"state": "approved"})
        return True

    def action_cancel(self):
        self._party_check_manage()
        self._party_action_write({"state": "cancelled"})
        return True
