from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_organization import ORG_TYPES


class PartyTermRule(models.Model):
    """Length of a term of office per organisation type.

    中办《关于党的基层组织任期的意见》(2018): grassroots committees 5 years,
    general branches and branches 3 years, village and community
    organisations 5 years. Kept as data so that the Party committee can
    follow a change of the rules without a code change.
    """

    _name = "party.term.rule"
    _description = "Term of Office Rule"
    _inherit = ["party.shared.rule.mixin", "party.access.mixin"]
    _party_org_field = False  # rules of the Party administrators (ACL)
    _order = "org_type, village_community"

    org_type = fields.Selection(ORG_TYPES, string="Organisation Type", required=True)
    village_community = fields.Boolean(
        string="Village / Community",
        help="Applies to organisations of villages and urban communities.",
    )
    term_years = fields.Integer(string="Term (years)", required=True)
    rule = fields.Char(string="Source", translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "org_type_uniq",
            "unique(org_type, village_community)",
            "There is already a term rule for this organisation type.",
        ),
    ]

    @api.constrains("term_years")
    def _check_term_years(self):
        for rule in self:
            if not 1 <= rule.term_years <= 10:
                labels = dict(self._fields["org_type"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "A term of office must last between 1 and 10 years (%(type)s).",
                        type=labels[rule.org_type],
                    )
                )

    @api.model
    def _term_years_map(self):
        """{(org_type, village_community): years} of the active rules."""
        return {
            (rule.org_type, rule.village_community): rule.term_years
            for rule in self.sudo().search_fetch(
                [], ["org_type", "village_community", "term_years"]
            )
        }
