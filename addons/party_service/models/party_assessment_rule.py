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
    _inherit = ["party.company.version.mixin"]
    _party_version_key = "source"
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
        # an archived rule of the company: the default applies again
        rules = self._party_versions(company, archived_hides=False)[company.id]
        return {source: (rule.points, rule.cap, rule.is_penalty) for source, rule in rules.items()}

    @staticmethod
    def _points(quantity, points, cap):
        value = quantity * points
        return min(value, cap) if cap else value
