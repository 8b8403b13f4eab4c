from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.party_branch.models.party_member import INCOME_CATEGORIES, SENSITIVE_GROUPS

# A monthly base above this is refused as absurd (a typing error, not a salary).
MAX_BASE = 1_000_000


class PartyDuesBaseReview(models.Model):
    """The yearly review of a member's dues base, kept as history."""

    _name = "party.dues.base.review"
    _description = "Party Dues Base Review"
    _inherit = ["party.access.mixin", "party.personal.data.mixin"]
    # a review is history: it changes the member's base when created, and stays as it is
    _party_org_field = False  # the member's (related, stored)
    _party_parent_field = "member_id"
    _party_fixed_fields = ("member_id", "income_category", "new_base", "old_base", "date")
    _party_sensitive_fields = ("income_category", "old_base", "new_base")
    _party_owner_path = "member_id.user_id"
    _party_rpc_methods = {
        "create": "ACL and create rule on the member's organisation, checked before the "
        "member's base is written",
    }
    _order = "date desc, id desc"

    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="restrict")
    organization_id = fields.Many2one(related="member_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    income_category = fields.Selection(INCOME_CATEGORIES, required=True, groups=SENSITIVE_GROUPS)
    old_base = fields.Monetary(currency_field="currency_id", readonly=True, groups=SENSITIVE_GROUPS)
    new_base = fields.Monetary(currency_field="currency_id", required=True, groups=SENSITIVE_GROUPS)
    note = fields.Char()

    @api.constrains("new_base")
    def _check_base(self):
        for review in self.sudo():
            if review.new_base < 0 or review.new_base > MAX_BASE:
                raise ValidationError(
                    self.env._(
                        "The dues base of %(member)s must be between 0 and %(max)s a month.",
                        member=review.member_id.name,
                        max=MAX_BASE,
                    )
                )

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        members = self.env["party.member"].sudo().browse([v["member_id"] for v in vals_list])
        old = {m.id: m.dues_base for m in members}
        for vals in vals_list:
            # the base before the review is the member's, whatever the caller sends
            vals["old_base"] = old[vals["member_id"]]
        return vals_list

    def _party_after_create(self, vals_list):
        self.check_access("create")  # record rules on the new rows, before any sudo
        for review in self.sudo():
            review.member_id.write(
                {"dues_base": review.new_base, "income_category": review.income_category}
            )
        return super()._party_after_create(vals_list)
