from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Units of an indicator's value and their scale (lowest, highest; None: no upper bound).
UNITS = [
    ("percent", "Percent (0–100)"),
    ("rating", "Rating (1–5)"),
    ("count", "Count"),
    ("hours", "Hours per Member"),
]
SCALES = {"percent": (0.0, 100.0), "rating": (1.0, 5.0), "count": (0.0, None), "hours": (0.0, None)}
WEIGHT_TOTAL = 100.0  # the weights of a dimension's active indicators add up to 100


class PartyIndexIndicator(models.Model):
    """One indicator of the Five Modernizations index (五化指数): data, editable.

    The addon that owns a dimension ships its indicators (``data/party_index_*.xml``)
    and computes their values (``_party_index_<dimension>`` of ``party.index``); the
    weight, the target and the value that scores zero are the Party administrators'.
    An indicator scores ``(value - zero_at) / (target - zero_at)``, between 0 and 100
    (a ``zero_at`` above the target: lower is better). A prorated target (and its
    ``zero_at``) is per year, scaled to the length of the period.

    The indicators without a company are the defaults of every company, edited by system
    administrators only; a company's Party administrators give their company its own
    version of an indicator (same code: its weight, target … or archived), which
    replaces the default there (record rules), so one company's weights never change
    another's scores. The weights are checked per company and dimension.
    """

    _name = "party.index.indicator"
    _description = "Five Modernizations Index Indicator"
    _inherit = ["party.company.version.mixin"]
    _order = "dimension_sequence, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    dimension = fields.Selection(selection="_selection_dimension", required=True, index=True)
    dimension_sequence = fields.Integer(compute="_compute_dimension_sequence", store=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    weight = fields.Float(
        required=True,
        digits=(5, 2),
        help="Share of the indicator in its dimension's score: the weights of a dimension's "
        "active indicators add up to 100.",
    )
    unit = fields.Selection(UNITS, required=True, default="percent")
    target = fields.Float(
        required=True, digits=(10, 2), help="The value that scores 100 (full marks)."
    )
    zero_at = fields.Float(
        string="Scores Zero At",
        digits=(10, 2),
        help="The value that scores 0; the score runs straight from it to the target. Above "
        "the target when lower is better (open breaches).",
    )
    prorate = fields.Boolean(
        string="Per Year",
        help="The target and the value scoring zero are per year, scaled to the length of the "
        "period (a month: one twelfth).",
    )
    source = fields.Char(translate=True, help="The regulation or policy the target comes from.")
    description = fields.Text(translate=True, help="What is measured, and how.")
    missing_hint = fields.Char(
        string="Supplied By",
        translate=True,
        help="What would supply the fact when it is missing (shown on the index line).",
    )
    weight_total = fields.Float(
        compute="_compute_weight_total",
        digits=(5, 2),
        string="Dimension Total",
        help="The weights of the dimension's active indicators: 100 before the index is computed.",
    )

    _sql_constraints = [
        (
            "code_uniq",
            "unique nulls not distinct (code, company_id)",
            "An indicator has one default and one version per company.",
        ),
    ]

    @api.model
    def _selection_dimension(self):
        return [
            (dimension.code, dimension.name)
            for dimension in self.env["party.index"]._party_index_dimensions()
        ]

    @api.depends("dimension")
    def _compute_dimension_sequence(self):
        order = {d.code: d.sequence for d in self.env["party.index"]._party_index_dimensions()}
        for indicator in self:
            indicator.dimension_sequence = order.get(indicator.dimension, 0)

    def _compute_weight_total(self):
        companies = self.company_id | self.env.company
        resolved = self._party_index_resolve(companies, set(self.mapped("dimension")))
        for indicator in self:
            company = indicator.company_id or self.env.company
            indicator.weight_total = sum(
                other.weight
                for other in resolved[company.id]
                if other.dimension == indicator.dimension
            )

    def _dimension_label(self):
        self.ensure_one()
        return dict(self._fields["dimension"]._description_selection(self.env)).get(
            self.dimension, self.dimension
        )

    @api.constrains("weight")
    def _check_weight(self):
        for indicator in self:
            if not 0 <= indicator.weight <= WEIGHT_TOTAL:
                raise ValidationError(
                    self.env._(
                        "The weight of the indicator %(indicator)s is %(weight)s: a weight lies "
                        "between 0 and 100, and the weights of a dimension add up to 100 "
                        "(Five Modernizations index).",
                        indicator=indicator.name,
                        weight=indicator.weight,
                    )
                )

    @api.constrains("target", "zero_at", "unit")
    def _check_scale(self):
        for indicator in self:
            low, high = SCALES[indicator.unit]
            unit = dict(self._fields["unit"]._description_selection(self.env))[indicator.unit]
            for label, value in (
                (self.env._("target"), indicator.target),
                (self.env._("value scoring zero"), indicator.zero_at),
            ):
                if value < low or (high is not None and value > high):
                    raise ValidationError(
                        self.env._(
                            "The %(what)s of the indicator %(indicator)s is %(value)s, outside "
                            "its scale: %(unit)s.",
                            what=label,
                            indicator=indicator.name,
                            value=value,
                            unit=unit,
                        )
                    )
            if indicator.target == indicator.zero_at:
                raise ValidationError(
                    self.env._(
                        "The indicator %(indicator)s scores 100 at its target and 0 at another "
                        "value: the two cannot be the same (%(value)s).",
                        indicator=indicator.name,
                        value=indicator.target,
                    )
                )

    @api.model
    def _party_index_resolve(self, companies, dimensions):
        """{company_id: the indicators in force there}: the company's own version of
        an indicator where it has one (archived: left out), else the default; one
        query."""
        versions = self._party_versions(companies, [("dimension", "in", list(dimensions))])
        return {company_id: list(records.values()) for company_id, records in versions.items()}

    @api.model
    def _party_index_indicators(self, companies, dimensions):
        """The indicators in force per company (:meth:`_party_index_resolve`); refused
        when the weights of a dimension of one of the companies do not add up to 100
        (checked when computing: an administrator moves weight from one indicator to
        another in two saves)."""
        resolved = self._party_index_resolve(companies, dimensions)
        labels = dict(self._fields["dimension"]._description_selection(self.env))
        for company in companies:
            totals = defaultdict(float)
            for indicator in resolved[company.id]:
                totals[indicator.dimension] += indicator.weight
            for dimension, total in totals.items():
                if abs(total - WEIGHT_TOTAL) > 0.005:
                    raise ValidationError(
                        self.env._(
                            "The weights of the %(dimension)s indicators of %(company)s add up "
                            "to %(total)s, not 100: the index is not computed until they do "
                            "(Five Modernizations index: each dimension's weights add up to "
                            "100).",
                            dimension=labels.get(dimension, dimension),
                            company=company.name,
                            total=round(total, 2),
                        )
                    )
        return resolved

    def _bounds(self, fraction=1.0):
        """(target, zero_at) for a period covering ``fraction`` of a year."""
        self.ensure_one()
        if self.prorate:
            return self.target * fraction, self.zero_at * fraction
        return self.target, self.zero_at
