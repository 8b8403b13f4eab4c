"""Periodic inspections of a venue against the standard checklist.

The score is the weight of the items passed over the weight of the items that
apply (an item marked not applicable counts neither way), in percent. A failed
item of a venue's latest inspection raises the ``venue_checklist`` finding.

An inspection is dated on or before the day it is recorded: one dated ahead would
be the venue's latest for years, hiding the failed items of the real latest one
and making the venue never due again.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INSPECTION_STATES = [("draft", "Draft"), ("done", "Done")]


class PartyVenueInspection(models.Model):
    _name = "party.venue.inspection"
    _description = "Venue Inspection"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _party_org_field = None
    _party_parent_field = "venue_id"
    _party_fixed_fields = ("venue_id",)
    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "action_done": "_party_check_manage: officer of the venue's organisation",
    }

    venue_id = fields.Many2one("party.venue", required=True, index=True, ondelete="restrict")
    organization_id = fields.Many2one(related="venue_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="venue_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    inspector_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    line_ids = fields.One2many("party.venue.inspection.line", "inspection_id", string="Items")
    photo_ids = fields.Many2many("ir.attachment", string="Photos")
    note = fields.Text()
    state = fields.Selection(INSPECTION_STATES, default="draft", required=True, tracking=True)
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1))
    failed_count = fields.Integer(compute="_compute_score", store=True, string="Failed Items")
    # the names of the failed items in the reader's language (a finding names them)
    failed_item_names = fields.Char(compute="_compute_failed_item_names")

    @api.depends_context("lang")
    @api.depends("line_ids.result", "line_ids.item_id.name")
    def _compute_failed_item_names(self):
        for inspection in self:
            failed = inspection.line_ids.filtered(lambda line: line.result == "fail")
            inspection.failed_item_names = ", ".join(failed.item_id.mapped("name"))

    @api.depends("line_ids.result", "line_ids.item_id.weight")
    def _compute_score(self):
        for inspection in self:
            lines = inspection.line_ids.filtered(lambda line: line.result in ("pass", "fail"))
            total = sum(lines.mapped("item_id.weight"))
            passed = sum(
                lines.filtered(lambda line: line.result == "pass").mapped("item_id.weight")
            )
            inspection.score = round(100.0 * passed / total, 1) if total else 0.0
            inspection.failed_count = len(lines.filtered(lambda line: line.result == "fail"))

    @api.constrains("date")
    def _check_date_not_ahead(self):
        # the caller's own day, in the time zone of their user (not of the client's context)
        today = fields.Date.context_today(self.with_context(tz=self.env.user.tz or "UTC"))
        for inspection in self:
            if inspection.date and inspection.date > today:
                raise ValidationError(
                    self.env._(
                        "An inspection is dated the day it took place: %(date)s is in the "
                        "future. The latest inspection of a venue decides its checklist "
                        "finding and when it is due again.",
                        date=inspection.date.isoformat(),
                    )
                )

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        items = self.env["party.venue.checklist.item"].sudo().search([("active", "=", True)])
        for vals in vals_list:
            if not vals.get("line_ids"):
                vals["line_ids"] = [fields.Command.create({"item_id": i.id}) for i in items]
        return vals_list

    def _party_validate_write(self, vals):
        if not self._party_trusted():
            self.check_access("write")
            if any(i.state == "done" for i in self):
                raise UserError(
                    self.env._("A completed inspection is a record: it does not change.")
                )
        return super()._party_validate_write(vals)

    def action_done(self):
        self._party_check_manage()
        for inspection in self:
            if inspection.state != "draft":
                continue
            if inspection.line_ids.filtered(lambda line: not line.result):
                raise UserError(
                    self.env._("Mark every item of the checklist before completing the inspection.")
                )
        self.filtered(lambda i: i.state == "draft")._party_action_write({"state": "done"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if any(i.state == "done" for i in self):
            raise UserError(self.env._("A completed inspection is a record: it is not deleted."))
