from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INCREASE_STATES = [("draft", "Requested"), ("approved", "Approved"), ("refused", "Refused")]


class PartyVenueProjectIncrease(models.Model):
    """A budget increase: requested by the project's organisation, approved by its
    superior (上级党组织批准) before any commitment may use it."""

    _name = "party.venue.project.increase"
    _description = "Venue Project Budget Increase"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "id desc"
    _party_org_field = None
    _party_parent_field = "project_id"
    _party_fixed_fields = ("project_id",)
    _party_workflow_fields = ("state", "approved_by_id", "date_approved")
    _party_rpc_methods = {
        "action_approve": "_party_check_manage and the caller is the superior of the "
        "project's organisation (superior.not_superior) or a Party administrator",
        "action_refuse": "_party_check_manage and the caller is the superior of the "
        "project's organisation (superior.not_superior) or a Party administrator",
    }

    project_id = fields.Many2one(
        "party.venue.project", required=True, index=True, ondelete="cascade"
    )
    organization_id = fields.Many2one(related="project_id.organization_id", store=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    reason = fields.Text(required=True)
    state = fields.Selection(INCREASE_STATES, default="draft", required=True, tracking=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_approved = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        ("amount_positive", "CHECK (amount > 0)", "A budget increase is a positive amount."),
    ]

    def _party_validate_create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("amount") or 0) > 0:
                raise ValidationError(self.env._("A budget increase is a positive amount."))
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        if not self._party_trusted():
            self.check_access("write")
            if any(i.state != "draft" for i in self):
                raise UserError(self.env._("A decided budget increase does not change."))
        return super()._party_validate_write(vals)

    def action_approve(self):
        self._party_check_manage()
        self.project_id._check_superior(self.env._("A budget increase"))
        if any(i.state != "draft" for i in self):
            raise UserError(self.env._("Only a requested increase is approved or refused."))
        self._party_action_write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "date_approved": fields.Date.context_today(self),
            }
        )
        return True

    def action_refuse(self):
        self._party_check_manage()
        self.project_id._check_superior(self.env._("A budget increase"))
        if any(i.state != "draft" for i in self):
            raise UserError(self.env._("Only a requested increase is approved or refused."))
        self._party_action_write({"state": "refused"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        # approved or refused, the superior's decision stays on record
        if any(i.state != "draft" for i in self):
            raise UserError(self.env._("A decided budget increase is a record: it is not deleted."))
