from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PartyPointLevel(models.Model):
    """A threshold of the points ledger (data): a member's grade from their points of
    the year, or a branch's star level (星级党支部, 1 to 5 stars) from the mean points of
    its members. The highest threshold reached applies; a level without company applies
    to every company."""

    _name = "party.point.level"
    _description = "Points Grade or Star Level"
    _inherit = ["party.access.mixin"]
    _order = "kind, min_points, id"

    _party_org_field = False

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [("member", "Member Grade"), ("branch", "Branch Star Level")],
        required=True,
        default="member",
    )
    min_points = fields.Float(
        string="From Points",
        digits=(10, 2),
        required=True,
        help="Member grade: the member's points of the year; branch star level: the mean "
        "points of the branch's members in the year.",
    )
    stars = fields.Integer(help="Branch star level: 1 to 5 stars.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    note = fields.Text()

    @api.constrains("kind", "stars", "min_points")
    def _check_stars(self):
        for level in self:
            if level.min_points < 0 or (level.kind == "branch" and not 1 <= level.stars <= 5):
                raise ValidationError(
                    self.env._(
                        "%(level)s: a threshold starts at 0 points or more, and a branch "
                        "star level has 1 to 5 stars.",
                        level=level.name,
                    )
                )
