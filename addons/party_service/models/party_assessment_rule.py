from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The sources of a member's service score, in the order of the line's parts.
# Penalties (overdue requests, unexcused absences) count against the score.
SOURCES = [
    ("meeting", "Meetings Attended"),
    ("study", "Study Hours"),
    ("dues", "Dues Paid on Time (months)"),
    ("request", "Requests Resolved"),
    ("rating", "Average Rating of Resolved Requests"),
    ("visit", "Pairing Visits"),
    ("volunteer", "Volunteer Hours"),
    ("overdue", "Overdue Requests"),
    ("absence", "Unexcused Absences"),
]
PENALTIES = ("overdue", "absence")


class PartyAssessmentRule(models.Model):
    """The weight and cap of one source of the service score (data an administrator
    edits): points = min(quantity × points per unit, cap); a cap of 0 means none.
    Penalties are subtracted.

    The rules without a company are the defaults of every company, edited by system
    administrators only; a company's Party administrators give their company its own
    rule for a source, which replaces the default there (record rules), so one
    company's weights never change another's scores."""

    _name = "party.assessment.rule"
    _description = "Service Assessment Rule"
    _inherit = ["party.access.mixin"]
    _party_org_field = False  # data of the Party administrators (ACL, record rules)
    # a company's rule never becomes a default (or another company's): the record
    # rules are checked again on the new company
    _party_location_fields = ("company_id",)
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    source = fields.Selection(SOURCES, required=True)
    name = fields.Char(required=True, translate=True)
    points = fields.Float(
        string="Points per Unit", digits=(10, 2), required=True, help="Per meeting, hour, …"
    )
    cap = fields.Float(digits=(10, 2), help="Most points (or penalty) of this source; 0: no cap.")
    is_penalty = fields.Boolean(compute="_compute_is_penalty", store=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Empty: the default of every company. A company's own rule for a source "
        "replaces the default in that company.",
    )

    _sql_constraints = [
        ("source_uniq", "unique nulls not distinct (source, company_id)",
         "One rule per source of the score and company (and one default per source)."),
        ("points_positive", "CHECK(points >= 0 AND cap >= 0)",
         "Points and caps are zero or more (penalties are subtracted by their source)."),
    ]  # fmt: skip

    @api.depends("source")
    def _compute_is_penalty(self):
        for rule in self:
            rule.is_penalty = rule.source in PENALTIES

    @api.constrains("points", "cap")
    def _check_points(self):
        for rule in self:
            if rule.points < 0 or rule.cap < 0:
                raise ValidationError(
                    self.env._(
                        "%(rule)s: points and caps are zero or more (penalties are "
                        "subtracted by their source).",
                        rule=rule.name,
                    )
                )

    @api.model
    def _weights(self, company=None):
        """{source: (points, cap, is_penalty)} of the active rules of ``company`` (the
        current one by default): its own rule for a source, or else the default."""
        company = company or self.env.company
        rules = self.sudo().search(
            [("company_id", "in", [False, company.id])], order="company_id nulls first"
        )
        # the company's own rules come last and replace the defaults
        return {rule.source: (rule.points, rule.cap, rule.is_penalty) for rule in rules}

    @staticmethod
    def _points(quantity, points, cap):
        value = quantity * points
        return min(value, cap) if cap else value
