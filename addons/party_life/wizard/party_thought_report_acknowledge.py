from odoo import fields, models


class PartyThoughtReportAcknowledge(models.TransientModel):
    """The comment of who acknowledges thought reports (the backend's dialog)."""

    _name = "party.thought.report.acknowledge"
    _description = "Acknowledge Thought Reports"
    _party_rpc_methods = {
        "action_confirm": "party.thought.report.action_acknowledge as the caller: an officer "
        "who manages each report's organisation or a contact person of its development",
    }

    report_ids = fields.Many2many("party.thought.report", string="Reports", required=True)
    comment = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.report_ids.action_acknowledge(self.comment)
        return {"type": "ir.actions.act_window_close"}
