"""A Party administrator corrects a member's points (党员积分): the form of
``party.point.action_correct``, which writes a new negative line with its reason and
checks the caller, the member's company, the points and the reason itself."""

from odoo import api, fields, models
from odoo.exceptions import AccessError


class PartyPointCorrection(models.TransientModel):
    _name = "party.point.correction"
    _description = "Correct a Member's Points"
    _party_rpc_methods = {
        "action_correct": "a Party administrator (ACL, record rule: the creator's own "
        "wizard; checked again here), then party.point.action_correct checks the group, "
        "the member's company, the points and the reason",
    }

    member_id = fields.Many2one("party.member", required=True, ondelete="cascade")
    year_points = fields.Float(
        string="Points This Year", digits=(10, 2), compute="_compute_year_points"
    )
    points = fields.Float(
        digits=(10, 2),
        required=True,
        help="A negative number: the points withdrawn from the member.",
    )
    reason = fields.Char(required=True, help="Why the points are corrected: kept on the line.")

    @api.depends("member_id")
    def _compute_year_points(self):
        year = fields.Date.context_today(self).year
        summaries = self.env["party.point.summary"].search(
            [("member_id", "in", self.member_id.ids), ("year", "=", year)]
        )
        points = {summary.member_id.id: summary.points for summary in summaries}
        for wizard in self:
            wizard.year_points = points.get(wizard.member_id.id, 0.0)

    def action_correct(self):
        """Withdraw the points (a new correction line), then show the member's lines."""
        self.ensure_one()
        if not self.env.su and not self.env["party.point"]._party_is_admin():
            raise AccessError(self.env._("Only a Party administrator corrects a member's points."))
        self.check_access("write")
        member = self.member_id
        self.env["party.point"].action_correct(member.id, self.points, self.reason or "")
        action = self.env["ir.actions.act_window"]._for_xml_id("party_branch.party_point_action")
        action["domain"] = [("member_id", "=", member.id)]
        return action
