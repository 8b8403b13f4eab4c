from odoo import fields, models


class PartyPointStar(models.Model):
    """A branch's star level of one year (星级党支部): the mean points of its members
    against the thresholds (``party.point.level``, data), with the evidence (the lines
    behind). Written by the nightly points run only."""

    _name = "party.point.star"
    _description = "Branch Star Level"
    _inherit = ["party.point.run.mixin", "party.access.mixin"]
    _order = "year desc, stars desc, points_avg desc, id"
    _rec_name = "organization_id"

    # written by the nightly points run only: every create is refused before the
    # organisation is looked at (_party_validate_create)
    _party_org_field = False
    _party_rpc_methods = {
        "action_view_lines": "navigation: read access on the star level; the lines open "
        "with the caller's own rights",
    }

    organization_id = fields.Many2one(
        "party.organization", string="Branch", required=True, index=True, readonly=True,
        ondelete="cascade",
    )  # fmt: skip
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    year = fields.Integer(required=True, readonly=True, index=True, aggregator=None)
    member_count = fields.Integer(string="Members", readonly=True)
    points_total = fields.Float(string="Points", digits=(12, 2), readonly=True)
    points_avg = fields.Float(string="Mean Points", digits=(10, 2), readonly=True, aggregator="avg")
    level_id = fields.Many2one("party.point.level", string="Star Level", readonly=True)
    stars = fields.Integer(readonly=True, aggregator="avg")

    _sql_constraints = [
        ("org_year_uniq", "unique(organization_id, year)", "A branch has one star level a year."),
    ]

    def action_view_lines(self):
        """The evidence: the points lines of the branch's members in the year."""
        return self._party_lines_action(
            [("organization_id", "=", self.organization_id.id), ("year", "=", self.year)]
        )
