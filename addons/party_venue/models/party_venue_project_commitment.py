from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

COMMITMENT_STATES = [("open", "Open"), ("closed", "Billed"), ("cancelled", "Cancelled")]


class PartyVenueProjectCommitment(models.Model):
    """A contract or order of a project, not yet billed: it takes its amount out of
    the remaining budget when it is made. One cent over the remaining budget is
    refused; the superior approves an increase first."""

    _name = "party.venue.project.commitment"
    _description = "Venue Project Commitment"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "id desc"
    _party_org_field = None
    _party_parent_field = "project_id"
    _party_fixed_fields = ("project_id", "amount")
    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "action_close": "_party_check_manage: officer of the project's organisation",
        "action_cancel": "_party_check_manage: officer of the project's organisation",
    }

    name = fields.Char(string="Description", required=True)
    project_id = fields.Many2one(
        "party.venue.project", required=True, index=True, ondelete="restrict"
    )
    organization_id = fields.Many2one(related="project_id.organization_id", store=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Supplier")
    date = fields.Date(default=fields.Date.context_today, required=True)
    amount = fields.Monetary(required=True, tracking=True)
    state = fields.Selection(COMMITMENT_STATES, default="open", required=True, tracking=True)

    _sql_constraints = [
        ("amount_positive", "CHECK (amount > 0)", "A commitment is a positive amount."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._party_precheck(vals_list)
        if not self._party_trusted():
            self._party_guard_create(vals_list)
        by_project = {}
        for vals in vals_list:
            amount = vals.get("amount") or 0
            if not amount > 0:
                raise ValidationError(self.env._("A commitment is a positive amount."))
            if not vals.get("project_id"):
                raise ValidationError(self.env._("A commitment belongs to a project."))
            by_project.setdefault(vals["project_id"], []).append(amount)
        projects = self.env["party.venue.project"].browse(list(by_project))
        # one commitment at a time per project: two officers committing the last of the
        # budget at the same moment would both see it remaining. The row is updated, not
        # only locked: under Odoo's repeatable-read snapshots the second transaction then
        # fails to serialise and is retried, and the retry sees the first commitment.
        self.env.cr.execute(
            SQL("UPDATE party_venue_project SET id = id WHERE id = ANY(%s)", projects.ids)
        )
        projects.invalidate_recordset()
        for project in projects:
            if project.state != "approved":
                raise UserError(
                    self.env._("Commitments are made on an approved project (%(project)s).",
                               project=project.name)
                )  # fmt: skip
            total = sum(by_project[project.id])
            currency = project.currency_id
            if currency.compare_amounts(total, project.remaining) > 0:
                raise ValidationError(
                    self.env._(
                        "%(project)s has %(remaining)s of its budget left: a commitment of "
                        "%(amount)s exceeds it. Spending stays within the approved budget "
                        "(不得超预算); the superior organisation approves an increase first.",
                        project=project.name,
                        remaining=format(project.remaining, ",.2f"),
                        amount=format(total, ",.2f"),
                    )
                )
        records = super().create(vals_list)
        records.project_id.invalidate_recordset(["committed", "remaining"])
        return records

    def action_close(self):
        self._party_check_manage()
        self.filtered(lambda c: c.state == "open")._party_action_write({"state": "closed"})
        return True

    def action_cancel(self):
        self._party_check_manage()
        self.filtered(lambda c: c.state == "open")._party_action_write({"state": "cancelled"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if any(c.state != "cancelled" for c in self):
            raise UserError(self.env._("A commitment is cancelled, not deleted."))
