from odoo import fields, models

from .party_secretary_report import RATINGS


class PartySecretaryReportRating(models.Model):
    """One rating of a secretary's report (written by ``rate`` for the caller)."""

    _name = "party.secretary.report.rating"
    _description = "Secretary's Report Rating"
    _inherit = ["party.access.mixin"]
    _order = "report_id, id"
    _rec_name = "member_id"

    _party_org_field = False
    _party_parent_field = "report_id"
    _party_fixed_fields = ("report_id", "member_id", "rater_kind", "rating")
    _party_rpc_methods = {
        "create": "ACL: nobody (the report's rate action writes ratings)",
        "write": "ACL: nobody",
    }

    report_id = fields.Many2one(
        "party.secretary.report", required=True, index=True, ondelete="cascade"
    )
    organization_id = fields.Many2one(related="report_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    member_id = fields.Many2one("party.member", string="Rater", required=True, index=True)
    rater_kind = fields.Selection(
        [("superior", "Superior Committee"), ("member", "Member")], required=True
    )
    rating = fields.Selection(RATINGS, required=True)

    _sql_constraints = [
        ("report_member_uniq", "unique(report_id, member_id)", "A rater rates a report once."),
    ]
