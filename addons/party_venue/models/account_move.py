from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # set by the accountants who record the bill: the venue project commitment it
    # settles (its posted items on the project's analytic account count for it)
    party_venue_commitment_id = fields.Many2one(
        "party.venue.project.commitment",
        string="Venue Project Commitment",
        index="btree_not_null",
        check_company=True,
        copy=False,
        help="The contract or order of a venue project this bill settles. A commitment is "
        "marked billed only once bills linked to it are posted.",
    )
