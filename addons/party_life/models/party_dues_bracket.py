from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

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
        """Set-based: [(amount, rate %)] for [(income_category, base), ...], one query."""
        company = company or self.env.company
        brackets = self.sudo().search_fetch(
            [
                ("company_id", "=", company.id),
                ("date_from", "<=", on_date),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", on_date),
            ],
            ["income_category", "base_min", "base_max", "rate", "fixed_amount"],
            order="base_min",
        )
        by_category = defaultdict(list)
        for bracket in brackets:
            by_category[bracket.income_category].append(
                (bracket.base_min, bracket.base_max, bracket.rate, bracket.fixed_amount)
            )
        digits = company.currency_id.decimal_places
        amounts = []
        for category, base in pairs:
            amount, applied_rate = 0.0, 0.0
            base = base or 0.0
            for base_min, base_max, rate, fixed in by_category.get(category, ()):
                if fixed:
                    amount = fixed
                    break
                if base > base_min and (not base_max or base <= base_max):
                    amount, applied_rate = base * rate / 100, rate
                    break
            amounts.append((float_round(amount, precision_digits=digits), applied_rate))
        return amounts
