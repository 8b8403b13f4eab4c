"""The register of stability and governance matters (维稳综治, 管理监督制度).

Each organisation records the matters that may affect stability in its unit
(disputes, safety risks, group petitions …), their risk level, the measures
taken and who follows them, until they are resolved. A high-risk matter is
reported to the superior organisation (suite policy): the officers of the
superior see it among the matters of the organisations they manage.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyStabilityMatter(models.Model):
    _name = "party.stability.matter"
    _description = "Stability and Governance Matter"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "state, risk_level desc, date desc, id desc"
    _check_company_auto = True

    _party_workflow_fields = ("state", "resolved_on")
    _party_rpc_methods = {
        "action_resolve": "_party_check_manage: officer of the matter's organisation",
        "action_reopen": "_party_check_manage: officer of the matter's organisation",
    }

    name = fields.Char(string="Matter", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    category = fields.Selection(
        [
            ("dispute", "Labour or Neighbourhood Dispute"),
            ("safety", "Safety Risk"),
            ("petition", "Group Petition Risk"),
            ("public_opinion", "Public Opinion"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    risk_level = fields.Selection(
        [("1_low", "Low"), ("2_medium", "Medium"), ("3_high", "High")],
        required=True,
        default="1_low",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    description = fields.Text()
    measures = fields.Text(tracking=True)
    responsible_id = fields.Many2one("res.users", string="Followed By", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    resolved_on = fields.Date(readonly=True, copy=False)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_resolved(self):
        if self.filtered(lambda m: m.state == "resolved"):
            raise UserError(self.env._("A resolved matter stays on the register."))

    def action_resolve(self):
        self._party_check_manage()
        if self.filtered(lambda m: not (m.measures or "").strip()):
            raise UserError(self.env._("Record the measures taken before resolving the matter."))
        self._party_action_write(
            {"state": "resolved", "resolved_on": fields.Date.context_today(self)}
        )
        return True

    def action_reopen(self):
        self._party_check_manage()
        self._party_action_write({"state": "open", "resolved_on": False})
        return True
