"""The venue rules of a company: numbers, not code (docs/architecture.md)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Venues this close (metres, 以内: the distance itself included) serving different
# organisations are candidates for sharing (统筹共建共享, no building twice).
DEFAULT_SHARE_DISTANCE = 500.0
# Construction or renovation cost per square metre above this (超过: the standard itself
# passes) raises an extravagance finding (厉行节约, 不搞奢华).
DEFAULT_COST_STANDARD = 3000.0
# A venue booked for less than this share of its opening hours (不满: the share itself
# passes) is under-used (用足用好).
DEFAULT_MIN_UTILISATION = 10.0
# A venue without a booking for this many days (a quarter) is unused.
DEFAULT_UNUSED_DAYS = 90
# A venue is inspected against the checklist every quarter: due on the day three months
# after its last completed inspection (届满: that day included).
DEFAULT_INSPECTION_MONTHS = 3


class ResCompany(models.Model):
    _inherit = "res.company"

    party_venue_share_distance = fields.Float(
        string="Venue Sharing Distance (m)",
        default=DEFAULT_SHARE_DISTANCE,
        help="Venues at the same address or within this distance (included) that serve "
        "different organisations are candidates for sharing.",
    )
    party_venue_cost_standard = fields.Monetary(
        string="Venue Cost Standard per m²",
        default=DEFAULT_COST_STANDARD,
        help="A construction or renovation project costing more than this per square metre "
        "raises an extravagance finding.",
    )
    party_venue_min_utilisation = fields.Float(
        string="Minimum Venue Utilisation (%)",
        default=DEFAULT_MIN_UTILISATION,
        help="Venues booked for less than this share of their opening hours over the last "
        "quarter are shown as under-used.",
    )

    party_venue_inspection_months = fields.Integer(
        string="Venue Inspection Interval (months)",
        default=DEFAULT_INSPECTION_MONTHS,
        help="A venue is due for an inspection this many months after its last one.",
    )

    @api.constrains(
        "party_venue_share_distance",
        "party_venue_cost_standard",
        "party_venue_min_utilisation",
        "party_venue_inspection_months",
    )
    def _check_party_venue_settings(self):
        for company in self:
            if (
                company.party_venue_share_distance < 0
                or company.party_venue_cost_standard < 0
                or not 0 <= company.party_venue_min_utilisation <= 100
                or company.party_venue_inspection_months < 1
            ):
                raise ValidationError(
                    self.env._(
                        "The venue settings take no negative numbers, the minimum "
                        "utilisation is a percentage between 0 and 100 and venues are "
                        "inspected at least every month."
                    )
                )
