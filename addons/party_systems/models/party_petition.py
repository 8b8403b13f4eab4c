"""Petitions (信访, 联系服务群众制度).

Rules (《信访工作条例》2022): a petition is decided on (accepted or not) within
15 days of its receipt (第二十五条), and an accepted petition is handled and
answered within 60 days of its acceptance (第三十二条). The reply is written
down, and the petitioner's satisfaction with it is recorded.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .party_superior_review_mixin import check_state

ACCEPT_DAYS = 15
HANDLING_DAYS = 60


class PartyPetition(models.Model):
    _name = "party.petition"
    _description = "Petition"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "received_date desc, id desc"
    _check_company_auto = True

    _party_workflow_fields = ("state", "accepted_date", "replied_date", "handling_deadline")
    _party_rpc_methods = {
        "action_accept": "_party_check_manage: officer of the petition's organisation",
        "action_not_accept": "_party_check_manage: officer of the petition's organisation",
        "action_reply": "_party_check_manage: officer of the petition's organisation",
        "action_close": "_party_check_manage: officer of the petition's organisation",
    }

    name = fields.Char(string="Subject", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    petitioner_name = fields.Char(required=True)
    petitioner_contact = fields.Char(string="Contact")
    received_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    accept_deadline = fields.Date(compute="_compute_accept_deadline", store=True)
    content = fields.Text(required=True)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("accepted", "Accepted"),
            ("not_accepted", "Not Accepted"),
            ("replied", "Replied"),
            ("closed", "Closed"),
        ],
        default="received",
        required=True,
        tracking=True,
        index=True,
    )
    accepted_date = fields.Date(readonly=True, copy=False)
    handling_deadline = fields.Date(readonly=True, copy=False, tracking=True)
    reply = fields.Text(tracking=True)
    replied_date = fields.Date(readonly=True, copy=False)
    satisfaction = fields.Selection(
        [
            ("satisfied", "Satisfied"),
            ("basically", "Basically Satisfied"),
            ("dissatisfied", "Dissatisfied"),
        ],
        tracking=True,
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("received_date")
    def _compute_accept_deadline(self):
        for petition in self:
            petition.accept_deadline = petition.received_date + timedelta(days=ACCEPT_DAYS)

    @api.depends("state", "handling_deadline", "accept_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for petition in self:
            petition.is_overdue = (
                petition.state == "received" and today > petition.accept_deadline
            ) or (petition.state == "accepted" and today > petition.handling_deadline)

    def _check_state(self, states):
        check_state(self, states)

    def action_accept(self):
        self._party_check_manage()
        self._check_state(("received",))
        today = fields.Date.context_today(self)
        self._party_action_write(
            {
                "state": "accepted",
                "accepted_date": today,
                "handling_deadline": today + timedelta(days=HANDLING_DAYS),
            }
        )
        return True

    def action_not_accept(self):
        self._party_check_manage()
        self._check_state(("received",))
        if self.filtered(lambda p: not (p.reply or "").strip()):
            raise UserError(self.env._("Write the reason in the reply: the petitioner is told."))
        self._party_action_write(
            {"state": "not_accepted", "replied_date": fields.Date.context_today(self)}
        )
        return True

    def action_reply(self):
        self._party_check_manage()
        self._check_state(("accepted",))
        if self.filtered(lambda p: not (p.reply or "").strip()):
            raise UserError(self.env._("Write the reply before sending it."))
        self._party_action_write(
            {"state": "replied", "replied_date": fields.Date.context_today(self)}
        )
        return True

    def action_close(self):
        self._party_check_manage()
        self._check_state(("replied",))
        if self.filtered(lambda p: not p.satisfaction):
            raise UserError(self.env._("Record the petitioner's satisfaction with the reply."))
        self._party_action_write({"state": "closed"})
        return True
