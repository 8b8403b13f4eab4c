from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

COMMITMENT_STATES = [("open", "Open"), ("closed", "Billed"), ("cancelled", "Cancelled")]


class PartyVenueProjectCommitment(models.Model):
    """A contract or order of a project: it takes its amount out of the remaining
    budget when it is made. One cent over the remaining budget is refused; the
    superior approves an increase first.

    The accountants link the bills that settle it (``account.move``'s
    ``party_venue_commitment_id``). While it is open it counts for the larger of its
    amount and what its posted bills put on the project's analytic account; it is
    marked billed only once such posted bills exist, and from then on the posted
    amount counts. A commitment with posted bills is not cancelled."""

    _name = "party.venue.project.commitment"
    _description = "Venue Project Commitment"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "id desc"
    _party_org_field = None
    _party_parent_field = "project_id"
    _party_fixed_fields = ("project_id", "amount")
    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "action_close": "_party_check_manage: officer of the project's organisation; only "
        "with posted bills linked to the commitment",
        "action_cancel": "_party_check_manage: officer of the project's organisation; only "
        "without posted bills linked to the commitment",
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
    billed = fields.Monetary(
        compute="_compute_billed",
        string="Posted Bills",
        help="What the posted bills linked to the commitment put on the project's analytic "
        "account.",
    )
    move_ids = fields.One2many(
        "account.move",
        "party_venue_commitment_id",
        string="Bills",
        groups="account.group_account_readonly",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK (amount > 0)", "A commitment is a positive amount."),
    ]

    def _party_validate_create(self, vals_list):
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
        return super()._party_validate_create(vals_list)

    def _party_after_create(self, vals_list):
        self.project_id.invalidate_recordset(["committed", "remaining"])
        return super()._party_after_create(vals_list)

    def _posted_amounts(self):
        """{commitment id: amount posted}: the posted journal items on the project's
        analytic account of the moves linked to each commitment, one query per analytic
        plan (costs are negative analytic amounts)."""
        commitments = self.sudo().browse([cid for cid in self._ids if isinstance(cid, int)])
        commitments = commitments.filtered("project_id.analytic_account_id")
        if not commitments:
            return {}
        account_of = {c.id: c.project_id.analytic_account_id.id for c in commitments}
        accounts = commitments.project_id.analytic_account_id
        Line = self.env["account.analytic.line"].sudo()
        result = defaultdict(float)
        for plan in accounts.plan_id.root_id:
            column = plan._column_name()
            lines = Line.search_fetch(
                [
                    (column, "in", accounts.ids),
                    ("move_line_id.parent_state", "=", "posted"),
                    ("move_line_id.move_id.party_venue_commitment_id", "in", commitments.ids),
                ],
                [column, "amount", "move_line_id"],
            )
            for line in lines:
                commitment_id = line.move_line_id.move_id.party_venue_commitment_id.id
                if account_of.get(commitment_id) == line[column].id:
                    result[commitment_id] -= line.amount
        return dict(result)

    def _compute_billed(self):
        posted = self._posted_amounts()
        for commitment in self:
            commitment.billed = posted.get(commitment._origin.id or commitment.id, 0.0)

    def action_close(self):
        """Marked billed: only once posted bills linked to it exist (the posted amount
        counts from then on, not the committed one)."""
        self._party_check_manage()
        open_ones = self.filtered(lambda c: c.state == "open")
        posted = open_ones._posted_amounts()
        unbilled = open_ones.filtered(
            lambda c: c.currency_id.compare_amounts(posted.get(c.id, 0.0), 0.0) <= 0
        )
        if unbilled:
            raise UserError(
                self.env._(
                    "%(commitment)s has no posted bills: a commitment is marked billed only "
                    "when posted bills linked to it settle it, and counts against the budget "
                    "until then. Cancel it if the contract is off.",
                    commitment=unbilled[0].name,
                )
            )
        open_ones._party_action_write({"state": "closed"})
        return True

    def action_cancel(self):
        """Cancelled: a contract that is off, with no posted bills linked to it."""
        self._party_check_manage()
        open_ones = self.filtered(lambda c: c.state == "open")
        posted = open_ones._posted_amounts()
        billed = open_ones.filtered(
            lambda c: c.currency_id.compare_amounts(posted.get(c.id, 0.0), 0.0) != 0
        )
        if billed:
            raise UserError(
                self.env._(
                    "%(commitment)s has posted bills: a billed commitment is not cancelled "
                    "(its budget is spent); mark it billed instead.",
                    commitment=billed[0].name,
                )
            )
        open_ones._party_action_write({"state": "cancelled"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if any(c.state != "cancelled" for c in self):
            raise UserError(self.env._("A commitment is cancelled, not deleted."))
