from odoo import fields, models

from .party_fund_report import CATEGORIES


class PartyFundReportLine(models.Model):
    """One figure of a fund report: a category and an account, from the journal
    items (written by ``party.fund.report._compute_lines`` only)."""

    _name = "party.fund.report.line"
    _description = "Party Fund Report Line"
    _inherit = ["party.access.mixin"]
    _order = "report_id, category, account_id"

    _party_org_field = False
    _party_parent_field = "report_id"
    _party_fixed_fields = (
        "report_id",
        "organization_id",
        "company_id",
        "category",
        "account_id",
        "amount",
    )
    _party_rpc_methods = {
        "create": "ACL: nobody (the report's computation writes its lines)",
        "write": "ACL: nobody",
    }

    report_id = fields.Many2one("party.fund.report", required=True, index=True, ondelete="cascade")
    # the report's, written with the line by the computation (no related field to
    # recompute for thousands of lines at once)
    organization_id = fields.Many2one("party.organization", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True)
    currency_id = fields.Many2one(related="report_id.currency_id")
    category = fields.Selection(CATEGORIES, required=True)
    account_id = fields.Many2one("account.account", required=True, ondelete="restrict")
    amount = fields.Monetary(required=True)
