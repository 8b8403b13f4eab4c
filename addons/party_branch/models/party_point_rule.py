from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PERIOD_TYPES = [("month", "Month"), ("year", "Year")]


class PartyPointRule(models.Model):
    """How many points a kind of fact gives, and how many at most (积分规则).

    Data, not code: a Party administrator edits their companies' rules (points per fact
    or per hour, a cap per day and a cap per month or year). The defaults ship with the
    addons that own the facts; a rule without company applies to every company that
    has no rule of its own for the same source. Points-based management (积分制管理) is a
    practice of Party organisations, not a regulation: the defaults are a starting
    point, each company sets its own."""

    _name = "party.point.rule"
    _description = "Points Rule"
    _inherit = ["party.access.mixin"]
    _order = "sequence, id"

    _party_org_field = False

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    source = fields.Selection(
        selection="_selection_source",
        required=True,
        help="The facts that give the points (meetings attended, dues paid on time …), "
        "contributed by the addon that owns them.",
    )
    points = fields.Float(
        string="Points per Fact",
        digits=(10, 2),
        required=True,
        default=1.0,
        help="Points per fact, or per hour for the sources counted in hours (volunteer "
        "service). 0: the facts are recorded in the ledger without points (what the service "
        "assessment counts, such as unexcused absences).",
    )
    cap_day = fields.Float(
        string="Cap per Day",
        digits=(10, 2),
        help="The most points this rule gives a member on one day (0: no cap).",
    )
    cap_period = fields.Float(
        string="Cap per Period",
        digits=(10, 2),
        help="The most points this rule gives a member in one month or year (0: no cap).",
    )
    cap_period_type = fields.Selection(
        PERIOD_TYPES, string="Period", required=True, default="month"
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the default of every company that has no rule of its own for the source.",
    )
    note = fields.Text(
        help="Where the rule comes from (the organisation's own measures: points-based "
        "management is a practice, not a regulation)."
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A points rule's code is unique within its company.",
        ),
    ]

    @api.model
    def _selection_source(self):
        return [(s.code, s.label) for s in self.env["party.point"]._party_point_sources()]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        """The ledger's lines name their rule by id (``party.point.rule_ref``, no foreign
        key: see party_point.py): a rule that gave points is archived, never deleted."""
        if not self.ids:
            return
        self.env.cr.execute(
            "SELECT DISTINCT rule_ref FROM party_point WHERE rule_ref = ANY(%s)", [self.ids]
        )
        used = self.browse([row[0] for row in self.env.cr.fetchall()])
        if used:
            raise UserError(
                self.env._(
                    "%(rules)s: a points rule that gave points stays with the ledger's lines "
                    "that name it; archive it instead.",
                    rules=", ".join(used.mapped("name")),
                )
            )

    @api.constrains("points", "cap_day", "cap_period")
    def _check_numbers(self):
        for rule in self:
            if rule.points < 0 or rule.cap_day < 0 or rule.cap_period < 0:
                raise ValidationError(
                    self.env._(
                        "%(rule)s: a rule gives 0 points per fact (the facts recorded without "
                        "points) or more, and its caps are 0 (no cap) or more.",
                        rule=rule.name,
                    )
                )

    @api.constrains("source", "company_id", "active")
    def _check_one_per_source(self):
        """One active rule per source and company (and one default per source): a fact
        is written once under its source, so a second rule would never apply."""
        rules = self.filtered("active")
        if not rules:
            return
        groups = self.with_context(active_test=True)._read_group(
            [("source", "in", list(set(rules.mapped("source")))),
             ("company_id", "in", [*rules.company_id.ids, False])],
            ["source", "company_id"],
            ["__count"],
        )  # fmt: skip
        for source, company, count in groups:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(facts)s: one active points rule per source and company (%(company)s): "
                        "each fact is written once, under its source.",
                        facts=dict(self._selection_source()).get(source, source),
                        company=company.name or self.env._("the default of every company"),
                    )
                )
