from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_member import INCOME_CATEGORIES

DUES_RULE = "中组部《关于中国共产党党费收缴、使用和管理的规定》(2008)"


class PartyDuesBracket(models.Model):
    """A dues rate or fixed amount, in force between two dates.

    The rate applies to the whole monthly base, not by slices (中组部
    《关于中国共产党党费收缴、使用和管理的规定》2008). A bracket matches a base
    when ``base_min < base <= base_max`` (no upper bound when ``base_max`` is 0).
    Changing the rules means closing the old brackets (``date_to``) and adding
    new ones, so the history stays.
    """

    _name = "party.dues.bracket"
    _description = "Party Dues Bracket"
    _inherit = ["party.access.mixin"]
    _party_org_field = False  # data of the Party administrators (ACL)
    _party_rpc_methods = {
        "compute_amount": "read access on the brackets (Party groups); reads no member data",
    }
    _party_rpc_sample_args = {"compute_amount": ("salaried", 4000.0, "2026-01-01")}
    _order = "income_category, date_from desc, base_min"

    name = fields.Char(compute="_compute_name", store=True)
    income_category = fields.Selection(INCOME_CATEGORIES, required=True, index=True)
    base_min = fields.Monetary(
        string="Base Above", currency_field="currency_id", help="Exclusive lower bound."
    )
    base_max = fields.Monetary(
        string="Base Up To",
        currency_field="currency_id",
        help="Inclusive upper bound; 0 means no upper bound.",
    )
    rate = fields.Float(string="Rate (%)", digits=(5, 2), help="Percentage of the whole base.")
    fixed_amount = fields.Monetary(
        currency_field="currency_id", help="Fixed monthly amount, used instead of a rate."
    )
    date_from = fields.Date(string="Valid From", required=True, default="2008-04-01")
    date_to = fields.Date(string="Valid Until")
    rule = fields.Char(default=DUES_RULE, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("income_category", "base_min", "base_max", "rate", "fixed_amount")
    def _compute_name(self):
        labels = dict(self._fields["income_category"]._description_selection(self.env))
        for bracket in self:
            label = labels.get(bracket.income_category, "")
            if bracket.fixed_amount:
                bracket.name = f"{label}: {bracket.fixed_amount:.2f}"
            else:
                upper = f"{bracket.base_max:.0f}" if bracket.base_max else "∞"
                bracket.name = f"{label}: ({bracket.base_min:.0f}, {upper}] {bracket.rate:g}%"

    @api.constrains("rate", "fixed_amount", "base_min", "base_max", "date_from", "date_to")
    def _check_values(self):
        for bracket in self:
            if bracket.rate < 0 or bracket.rate > 100 or bracket.fixed_amount < 0:
                raise ValidationError(
                    self.env._("A dues rate lies between 0 and 100% and an amount is not negative.")
                )
            if bracket.base_max and bracket.base_max <= bracket.base_min:
                raise ValidationError(
                    self.env._(
                        "The upper bound of a bracket must be above its lower bound (%(b)s).",
                        b=bracket.name,
                    )
                )
            if bracket.date_to and bracket.date_to < bracket.date_from:
                raise ValidationError(
                    self.env._("A bracket cannot end before it starts (%(b)s).", b=bracket.name)
                )
            if bracket.income_category == "farmer" and not 0.2 <= bracket.fixed_amount <= 1:
                raise ValidationError(
                    self.env._(
                        "Farmers pay 0.2 to 1 yuan per month, as set by the province (%(rule)s).",
                        rule=DUES_RULE,
                    )
                )

    @api.constrains("income_category", "base_min", "base_max", "date_from", "date_to", "company_id")
    def _check_overlap(self):
        for bracket in self:
            others = self.search(
                [
                    ("id", "!=", bracket.id),
                    ("company_id", "=", bracket.company_id.id),
                    ("income_category", "=", bracket.income_category),
                ]
            )
            for other in others:
                dates_overlap = (not other.date_to or other.date_to >= bracket.date_from) and (
                    not bracket.date_to or bracket.date_to >= other.date_from
                )
                bases_overlap = (not other.base_max or other.base_max > bracket.base_min) and (
                    not bracket.base_max or bracket.base_max > other.base_min
                )
                if dates_overlap and bases_overlap:
                    raise ValidationError(
                        self.env._(
                            "Brackets %(a)s and %(b)s overlap: a base falls in one bracket only on "
                            "any date. Close the old bracket (Valid Until) before the new one starts.",
                            a=bracket.name,
                            b=other.name,
                        )
                    )

    # ------------------------------------------------------------------ public API

    @api.model
    def compute_amount(self, income_category, base, on_date):
        """Monthly dues under the brackets in force on ``on_date``."""
        self.check_access("read")
        return self._amounts([(income_category, base)], on_date)[0][0]

    @api.model
    def _amounts(self, pairs, on_date, company=None):
        """Set-based: [(amount, rate %)] for [(income_category, base), ...], one query.

        The brackets' rule is :meth:`_bracket_join_sql` and :meth:`_bracket_amount_sql`,
        the SQL the monthly run (``party.dues.generate``) evaluates for every member: one
        rule, whether one amount is asked for or fifty thousand."""
        company = company or self.env.company
        if not pairs:
            return []
        on_date = fields.Date.to_date(on_date)
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT %(amount)s, %(rate)s
                  FROM unnest(%(categories)s::varchar[], %(bases)s::numeric[])
                       WITH ORDINALITY AS p(category, base, n)
                  JOIN res_company co ON co.id = %(company)s
                  JOIN res_currency cur ON cur.id = co.currency_id
                  LEFT JOIN %(bracket)s ON TRUE
                 ORDER BY p.n
                """,
                amount=self._bracket_amount_sql("bk", SQL("p.base"), SQL("cur.decimal_places")),
                rate=self._bracket_rate_sql("bk"),
                categories=[category or None for category, _base in pairs],
                bases=[base or 0.0 for _category, base in pairs],
                company=company.id,
                bracket=self._bracket_join_sql(
                    "bk", SQL("co.id"), SQL("p.category"), SQL("p.base"), on_date
                ),
            )
        )
        return [(float(amount), float(rate)) for amount, rate in self.env.cr.fetchall()]

    @api.model
    def _bracket_join_sql(self, alias, company, category, base, on_date):
        """SQL: the LATERAL subquery ``alias`` of the bracket that applies to ``base`` (SQL)
        of ``category`` (SQL) in ``company`` (SQL) on ``on_date``: of the brackets in
        force, in the order of their lower bound, the first with a fixed amount or whose
        bounds hold the base (``base_min < base <= base_max``, no upper bound when
        ``base_max`` is 0). No row when none applies (nothing is owed). Join it with
        ``LEFT JOIN ... ON TRUE``."""
        return SQL(
            """LATERAL (
                SELECT b.rate, b.fixed_amount
                  FROM party_dues_bracket b
                 WHERE b.company_id = %(company)s
                   AND b.income_category = %(category)s
                   AND b.date_from <= %(on_date)s
                   AND (b.date_to IS NULL OR b.date_to >= %(on_date)s)
                   AND (COALESCE(b.fixed_amount, 0) <> 0
                        OR (COALESCE(%(base)s, 0) > COALESCE(b.base_min, 0)
                            AND (COALESCE(b.base_max, 0) = 0
                                 OR COALESCE(%(base)s, 0) <= b.base_max)))
                 ORDER BY b.base_min, b.id
                 LIMIT 1
            ) AS %(alias)s""",
            company=company,
            category=category,
            base=base,
            on_date=on_date,
            alias=SQL.identifier(alias),
        )

    @api.model
    def _bracket_amount_sql(self, alias, base, digits):
        """SQL: the monthly amount under the bracket ``alias`` (:meth:`_bracket_join_sql`):
        its fixed amount, else the rate of the whole base, rounded half-up to ``digits``
        (SQL: the currency's decimal places); 0 when no bracket applies."""
        return SQL(
            """COALESCE(ROUND(CASE WHEN COALESCE(%(b)s.fixed_amount, 0) <> 0
                                   THEN %(b)s.fixed_amount
                                   ELSE COALESCE(%(base)s, 0) * %(b)s.rate / 100 END,
                              %(digits)s), 0)""",
            b=SQL.identifier(alias),
            base=base,
            digits=digits,
        )

    @api.model
    def _bracket_rate_sql(self, alias):
        """SQL: the rate (%) applied under the bracket ``alias``: 0 for a fixed amount or
        when no bracket applies."""
        return SQL(
            "CASE WHEN COALESCE(%(b)s.fixed_amount, 0) <> 0 THEN 0 ELSE COALESCE(%(b)s.rate, 0) END",
            b=SQL.identifier(alias),
        )
