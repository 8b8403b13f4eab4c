from odoo import fields, models


class PartyWorkPoint(models.Model):
    _name = "party.work.point"
    _description = "Key Work Point"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"

    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "action_publish": "_party_check_manage: officer of the work point's organisation",
        "action_draft": "_party_check_manage: officer of the work point's organisation",
    }

    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
    )

    def action_publish(self):
        self._party_check_manage()
        self._party_action_write({"state": "published"})
        return True

    def action_draft(self):
        self._party_check_manage()
        self._party_action_write({"state": "draft"})
        return True
