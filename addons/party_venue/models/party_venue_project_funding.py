from odoo import fields, models
from odoo.exceptions import ValidationError

# borrowing is listed so that it can be refused by name: 不得举债建设
FUNDING_SOURCES = [
    ("party_dues", "Party Dues Retained"),
    ("administrative", "Administrative Funds of the Unit"),
    ("fiscal", "Public Funds"),
    ("higher_party", "Allocation of the Higher Party Organisation"),
    ("borrowing", "Borrowing"),
]


class PartyVenueProjectFunding(models.Model):
    _name = "party.venue.project.funding"
    _description = "Venue Project Funding Source"
    _inherit = ["party.access.mixin"]
    _order = "project_id, id"
    _party_org_field = None
    _party_parent_field = "project_id"
    _party_fixed_fields = ("project_id",)

    project_id = fields.Many2one(
        "party.venue.project", required=True, index=True, ondelete="cascade"
    )
    organization_id = fields.Many2one(related="project_id.organization_id", store=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    source = fields.Selection(FUNDING_SOURCES, required=True)
    amount = fields.Monetary(required=True)
    reference = fields.Char(help="The decision or document that grants the funds.")

    _sql_constraints = [
        ("no_borrowing", "CHECK (source != 'borrowing')", "Venues are not built on debt."),
        ("amount_positive", "CHECK (amount > 0)", "A funding amount is positive."),
    ]

    def _check_vals(self, vals_list):
        for vals in vals_list:
            if vals.get("source") == "borrowing":
                raise ValidationError(
                    self.env._(
                        "Borrowing is no funding source for a Party venue: venues are built "
                        "within the funds available, never on debt (不得举债建设)."
                    )
                )
            if "amount" in vals and not (vals["amount"] or 0) > 0:
                raise ValidationError(self.env._("A funding amount is positive."))

    def _party_validate_create(self, vals_list):
        self._check_vals(vals_list)
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        self._check_vals([vals])
        return super()._party_validate_write(vals)
