from odoo import fields, models
from odoo.exceptions import ValidationError


class AccountAsset(models.Model):
    _name = "account.asset"
    # the guard's template first (party_branch: party.guard.mixin), then the platform's
    # create and write; account.asset declares no Party field the guard protects
    _inherit = ["party.guard.mixin", "account.asset"]

    _party_rpc_methods = {
        "write": "Odoo's ACL and record rules of account.asset (accountants) and the guard's "
        "value check; an asset linked to a venue is not linked to a second one",
    }

    party_venue_id = fields.Many2one("party.venue", index="btree_not_null", check_company=True)

    def _party_validate_write(self, vals):
        """An asset stands in one venue: linking it to another is refused (unlink it
        from the first venue, then link it)."""
        if vals.get("party_venue_id"):
            other = self.filtered(
                lambda a: a.party_venue_id and a.party_venue_id.id != vals["party_venue_id"]
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "The asset %(asset)s is already linked to the venue %(venue)s: an asset "
                        "stands in one venue. Unlink it there first.",
                        asset=other[0].name,
                        venue=other[0].party_venue_id.sudo().name,
                    )
                )
        return super()._party_validate_write(vals)
