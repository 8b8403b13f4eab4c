"""Construction and renovation projects of a venue, with a hard budget guard.

The seed's rules: built within budget, never on borrowed money, without
extravagance. A project has an approved budget, raised only by increases its
superior organisation approved; its funding sources, borrowing refused; its
spending, the posted journal items on the project's analytic account (vendor
bills and entries of Odoo Accounting); and its commitments (contracts, orders):
an open commitment counts for what its posted bills have not yet covered, a
commitment marked billed (only once posted bills settle it) for its posted bills.
``remaining`` = budget + approved increases − spent − committed. A commitment
over the remaining amount, by a cent, is refused.

The superior decides (上级党组织审批): the project's organisation is fixed from
creation on, and its budget, area, venue and type after approval; the approval
and the increases are given by the superior of the project's organisation
(``party_branch/tools/superior.py`` ``not_superior``).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.party_branch.tools.superior import not_superior

PROJECT_TYPES = [("construction", "Construction"), ("renovation", "Renovation")]
PROJECT_STATES = [("draft", "Draft"), ("approved", "Approved"), ("closed", "Closed")]


class PartyVenueProject(models.Model):
    _name = "party.venue.project"
    _description = "Venue Project"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _party_location_fields = ("venue_id",)
    # what the superior approves belongs to its organisation from creation on
    _party_fixed_fields = ("organization_id",)
    # approved by the superior: changed by no one afterwards (the budget by increases)
    _party_approved_fields = ("area", "venue_id", "project_type")
    _party_workflow_fields = ("state", "analytic_account_id")
    _party_rpc_methods = {
        "action_approve": "_party_check_manage and the caller is the superior of the "
        "project's organisation (superior.not_superior) or a Party administrator",
        "action_close": "_party_check_manage: officer of the project's organisation",
        "action_view_journal_items": "check_access('read'): returns a window action",
    }

    name = fields.Char(required=True, tracking=True)
    venue_id = fields.Many2one("party.venue", required=True, index=True, check_company=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    project_type = fields.Selection(PROJECT_TYPES, required=True, default="renovation")
    area = fields.Float(string="Area (m²)", help="The floor area built or renovated.")
    budget = fields.Monetary(string="Approved Budget", tracking=True)
    increase_ids = fields.One2many("party.venue.project.increase", "project_id")
    funding_ids = fields.One2many("party.venue.project.funding", "project_id")
    commitment_ids = fields.One2many("party.venue.project.commitment", "project_id")
    analytic_account_id = fields.Many2one(
        "account.analytic.account", readonly=True, copy=False, check_company=True
    )
    state = fields.Selection(PROJECT_STATES, default="draft", required=True, tracking=True)
    budget_total = fields.Monetary(compute="_compute_amounts", string="Budget with Increases")
    spent = fields.Monetary(compute="_compute_amounts")
    committed = fields.Monetary(compute="_compute_amounts")
    remaining = fields.Monetary(compute="_compute_amounts")
    funded = fields.Monetary(compute="_compute_amounts", string="Funding Total")
    cost_per_m2 = fields.Monetary(compute="_compute_amounts", string="Cost per m²")
    is_over_budget = fields.Boolean(compute="_compute_amounts", string="Over Budget")
    is_extravagant = fields.Boolean(compute="_compute_amounts", string="Above Cost Standard")
    note = fields.Html()

    _sql_constraints = [
        ("budget_positive", "CHECK (budget >= 0)", "A budget cannot be negative."),
        ("area_positive", "CHECK (area >= 0)", "An area cannot be negative."),
    ]

    @api.onchange("venue_id")
    def _onchange_venue_id(self):
        if self.venue_id:
            if not self._origin.id:  # the organisation is fixed once saved
                self.organization_id = self.venue_id.organization_id
            self.area = self.area or self.venue_id.area

    # ------------------------------------------------------------ amounts

    def _spent_by_project(self):
        """{project_id: amount spent}: the posted journal items on the projects'
        analytic accounts, one grouped query (costs are negative analytic amounts)."""
        projects = self.filtered("analytic_account_id")
        if not projects:
            return {}
        accounts = projects.sudo().analytic_account_id
        result = {}
        Line = self.env["account.analytic.line"].sudo()
        for plan in accounts.plan_id.root_id:
            column = plan._column_name()
            rows = Line._read_group(
                [(column, "in", accounts.ids), ("move_line_id.parent_state", "=", "posted")],
                [column],
                ["amount:sum"],
            )
            spent = {account.id: -amount for account, amount in rows}
            for project in projects:
                account_id = project.sudo().analytic_account_id.id
                if account_id in spent:
                    result[project.id] = spent[account_id]
        return result

    @api.depends(
        "budget", "area", "increase_ids.state", "increase_ids.amount",
        "commitment_ids.state", "commitment_ids.amount", "funding_ids.amount",
        "company_id.party_venue_cost_standard",
    )  # fmt: skip
    def _compute_amounts(self):
        spent = self._spent_by_project()
        # an open commitment counts for what its posted bills (in ``spent``) have not
        # covered yet: max(committed, posted) in all; one marked billed, for its posted
        # bills only
        posted = self.sudo().commitment_ids._posted_amounts()
        for project in self:
            sub = project.sudo()
            approved = sum(
                sub.increase_ids.filtered(lambda i: i.state == "approved").mapped("amount")
            )
            committed = sum(
                max(c.amount - posted.get(c._origin.id or c.id, 0.0), 0.0)
                for c in sub.commitment_ids
                if c.state == "open"
            )
            project.spent = spent.get(project._origin.id or project.id, 0.0)
            project.committed = committed
            project.budget_total = project.budget + approved
            project.remaining = project.budget_total - project.spent - committed
            project.funded = sum(sub.funding_ids.mapped("amount"))
            cost = project.spent + committed
            project.cost_per_m2 = cost / project.area if project.area else 0.0
            rounding = project.currency_id or project.env.company.currency_id
            project.is_over_budget = (
                rounding.compare_amounts(project.spent, project.budget_total) > 0
            )
            standard = project.company_id.party_venue_cost_standard
            project.is_extravagant = bool(project.area) and (
                rounding.compare_amounts(project.cost_per_m2, standard) > 0
            )

    # ------------------------------------------------------------ rules

    def _party_validate_create(self, vals_list):
        for vals in vals_list:
            if (vals.get("budget") or 0) < 0 or (vals.get("area") or 0) < 0:
                raise ValidationError(self.env._("A project's budget and area cannot be negative."))
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        if "budget" in vals and not self._party_trusted():
            frozen = self.filtered(lambda p: p.state != "draft")
            if frozen:
                raise UserError(
                    self.env._(
                        "The budget of %(project)s is approved: it is raised only by an increase "
                        "the superior organisation approves.",
                        project=frozen[0].name,
                    )
                )
        if not self._party_trusted() and set(self._party_approved_fields) & set(vals):
            frozen = self.filtered(
                lambda p: (
                    p.state != "draft"
                    and any(
                        self._fields[name].convert_to_write(p[name], p) != (vals[name] or False)
                        for name in self._party_approved_fields
                        if name in vals
                    )
                )
            )
            if frozen:
                raise UserError(
                    self.env._(
                        "%(project)s is approved: its area, venue and type are what the "
                        "superior organisation approved and do not change (a finding reads "
                        "them). Start a new project instead.",
                        project=frozen[0].name,
                    )
                )
        return super()._party_validate_write(vals)

    @api.constrains("budget", "area")
    def _check_amounts(self):
        for project in self:
            if project.budget < 0 or project.area < 0:
                raise ValidationError(self.env._("A project's budget and area cannot be negative."))

    @api.constrains("venue_id", "organization_id")
    def _check_venue(self):
        for project in self:
            if project.venue_id.company_id != project.company_id:
                raise ValidationError(self.env._("A project belongs to its venue's company."))

    # ------------------------------------------------------------ actions

    def _check_superior(self, what):
        """The superior organisation decides (上级党组织审批): the superior of the
        project's (fixed) organisation (``party_branch/tools/superior.py``)."""
        refused = not_superior(self.env, self.organization_id)
        for record in self:
            org = record.organization_id.sudo()
            if org in refused:
                raise UserError(
                    self.env._(
                        "%(what)s is decided by the superior organisation of %(org)s (or a "
                        "Party administrator), not by the organisation itself.",
                        what=what,
                        org=org.name,
                    )
                )

    def action_approve(self):
        self._party_check_manage()
        self._check_superior(self.env._("A project's budget"))
        for project in self.filtered(lambda p: p.state == "draft"):
            if project.budget <= 0:
                raise UserError(self.env._("Approve a project with its budget."))
            # the project's own analytic account, derived here (never a client's pointer)
            plan, __ = self.env["account.analytic.plan"].sudo()._get_all_plans()
            account = (
                self.env["account.analytic.account"]
                .sudo()
                .create(
                    {
                        "name": project.name,
                        "plan_id": plan.id,
                        "company_id": project.company_id.id,
                    }
                )
            )
            project._party_action_write({"state": "approved", "analytic_account_id": account.id})
        return True

    def action_close(self):
        self._party_check_manage()
        if any(p.state != "approved" for p in self):
            raise UserError(self.env._("Only an approved project is closed."))
        if any(p.commitment_ids.filtered(lambda c: c.state == "open") for p in self):
            raise UserError(
                self.env._("Close or cancel the open commitments before closing the project.")
            )
        self._party_action_write({"state": "closed"})
        return True

    def action_view_journal_items(self):
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Journal Items"),
            "res_model": "account.analytic.line",
            "view_mode": "list,form",
            "domain": [
                ("auto_account_id", "in", self.sudo().analytic_account_id.ids),
                ("move_line_id.parent_state", "=", "posted"),
            ],
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if any(p.state != "draft" for p in self):
            raise UserError(self.env._("An approved project is its record: it is not deleted."))
