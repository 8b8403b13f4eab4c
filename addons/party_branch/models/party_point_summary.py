from odoo import fields, models


class PartyPointSummary(models.Model):
    """A member's points of one year, their rank within their organisation and their
    grade: written by the nightly points run (``party.point``) only."""

    _name = "party.point.summary"
    _description = "Member's Points of the Year"
    _inherit = ["party.point.run.mixin", "party.access.mixin"]
    _order = "year desc, organization_id, rank, id"
    _rec_name = "member_id"

    # written by the nightly points run only: every create is refused before the
    # organisation is looked at (_party_validate_create)
    _party_org_field = False
    _party_rpc_methods = {
        "action_view_lines": "navigation: read access on the summary; the lines open with "
        "the caller's own rights",
    }

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade", readonly=True
    )
    member_user_id = fields.Many2one(related="member_id.user_id", string="Member's Login")
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    year = fields.Integer(required=True, readonly=True, index=True, aggregator=None)
    points = fields.Float(digits=(10, 2), readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    rank = fields.Integer(
        readonly=True, aggregator="min", help="Within the organisation, in the year."
    )
    level_id = fields.Many2one("party.point.level", string="Grade", readonly=True)

    _sql_constraints = [
        ("member_year_uniq", "unique(member_id, year)", "A member has one summary a year."),
    ]

    def action_view_lines(self):
        """The evidence: the member's points lines of the year."""
        return self._party_lines_action(
            [("member_id", "=", self.member_id.id), ("year", "=", self.year)]
        )
