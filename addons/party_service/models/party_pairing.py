"""Pairing assistance (结对帮扶): a member (or an organisation) paired with a household
or a person in need, with goals, planned and logged visits, outcomes and renewal."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DEFAULT_VISIT_INTERVAL_DAYS = 30


class PartyPairing(models.Model):
    _name = "party.pairing"
    _description = "Pairing Assistance"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _party_workflow_fields = ("state",)
    _party_location_fields = ("member_id",)
    _party_rpc_methods = {
        "action_start": "_party_check_manage: officer of the pairing's organisation",
        "action_close": "_party_check_manage: officer of the pairing's organisation",
        "action_renew": "_party_check_manage: officer of the pairing's organisation",
    }

    name = fields.Char(string="Household or Person", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    member_id = fields.Many2one(
        "party.member",
        string="Paired Member",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('organization_id', 'child_of', organization_id)]",
        help="Empty when the organisation itself is paired.",
    )
    partner_id = fields.Many2one("res.partner", string="Contact of the Household")
    address = fields.Char()
    need = fields.Text(string="Situation and Needs")
    goal = fields.Text(string="Goals", tracking=True)
    outcome = fields.Text(tracking=True)
    date_start = fields.Date(string="Start", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="End")
    visit_interval_days = fields.Integer(
        string="Visit Every (days)",
        default=DEFAULT_VISIT_INTERVAL_DAYS,
        help="A visit is due within this many days of the start or of the last visit.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    visit_ids = fields.One2many("party.pairing.visit", "pairing_id", string="Visits")
    last_visit_date = fields.Date(compute="_compute_visits", store=True)
    next_visit_date = fields.Date(compute="_compute_visits", store=True)
    visit_count = fields.Integer(compute="_compute_visits", store=True, string="Visits Made")
    previous_id = fields.Many2one("party.pairing", string="Renewal Of", readonly=True)

    @api.depends("visit_ids.state", "visit_ids.date", "date_start", "visit_interval_days")
    def _compute_visits(self):
        for pairing in self:
            done = pairing.visit_ids.filtered(lambda v: v.state == "done")
            planned = pairing.visit_ids.filtered(lambda v: v.state == "planned")
            pairing.visit_count = len(done)
            pairing.last_visit_date = max(done.mapped("date"), default=False)
            pairing.next_visit_date = min(planned.mapped("date"), default=False) or (
                (pairing.last_visit_date or pairing.date_start)
                + relativedelta(days=pairing.visit_interval_days)
                if pairing.date_start
                else False
            )

    def _party_after_create(self, vals_list):
        if not self._party_trusted():
            self._party_check_member_scope()
        return super()._party_after_create(vals_list)

    def _party_after_write(self, vals, before):
        if "member_id" in vals and not self._party_trusted():
            self._party_check_member_scope()
        return super()._party_after_write(vals, before)

    def _party_check_member_scope(self):
        """The paired member is one the caller manages (an officer pairs the members of
        the organisations where they hold a position and those below), checked on the
        values written, context defaults included; the refusal rolls the call back."""
        members = self.sudo().mapped("member_id")
        if members:
            self.env["party.organization"]._party_check_organizations(
                members.mapped("organization_id")
            )

    @api.constrains("member_id", "organization_id")
    def _check_member_in_organization(self):
        for pairing in self.sudo():
            member, org = pairing.member_id, pairing.organization_id
            if member and not member.organization_id.parent_path.startswith(org.parent_path):
                raise ValidationError(
                    self.env._(
                        "%(name)s: the paired member belongs to the pairing's organisation "
                        "or to one below it.",
                        name=pairing.name,
                    )
                )

    @api.constrains("date_start", "date_end", "visit_interval_days")
    def _check_dates(self):
        for pairing in self:
            if pairing.date_end and pairing.date_end < pairing.date_start:
                raise ValidationError(
                    self.env._(
                        "%(name)s: a pairing ends on or after its start.", name=pairing.name
                    )  # fmt: skip
                )
            if pairing.visit_interval_days <= 0:
                raise ValidationError(
                    self.env._("%(name)s: visits are due every 1 day or more.", name=pairing.name)
                )

    def action_start(self):
        self._party_check_manage()
        self._party_action_write({"state": "active"})
        return True

    def action_close(self):
        self._party_check_manage()
        if any(not p.outcome for p in self):
            raise UserError(self.env._("Record the outcome of the pairing before closing it."))
        self._party_action_write({"state": "done"})
        return True

    def action_renew(self):
        """A new pairing continuing this one from the day after its end (or today)."""
        self._party_check_manage()
        self.ensure_one()
        today = fields.Date.context_today(self)
        start = self.date_end + relativedelta(days=1) if self.date_end else today
        renewal = self.copy(
            {"date_start": start, "date_end": False, "outcome": False, "previous_id": self.id}
        )
        if self.state != "done":
            self._party_action_write({"state": "done"})
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.pairing",
            "res_id": renewal.id,
            "view_mode": "form",
        }
