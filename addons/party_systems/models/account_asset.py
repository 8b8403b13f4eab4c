"""The Party organisation that holds a fixed asset, and the asset's filings
(备案资产登记) with the superior organisation.

``account.asset`` belongs to the accountants (OCA account_asset_management): who
sets or changes the holding organisation is decided by Odoo's access rights on
assets, as for any other field of the asset. Party officers read the assets their
organisations hold (read only, ``security/``), to file them.
"""

from odoo import api, fields, models

from odoo.addons.party_branch.tools.actions import list_action

# the Party groups that read filings (and see them on the asset)
PARTY_READERS = "party_branch.group_party_officer,party_branch.group_party_auditor"


class AccountAsset(models.Model):
    _inherit = "account.asset"

    _party_rpc_methods = {
        "action_view_party_asset_filings": "check_access('read') on the asset; the filings "
        "listed are those the caller's record rules show",
    }

    party_organization_id = fields.Many2one(
        "party.organization",
        string="Party Organisation",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="The Party organisation that holds the asset and files it with its superior "
        "(备案资产登记).",
    )
    party_filing_ids = fields.One2many(
        "party.asset.filing", "asset_id", string="Asset Filings", groups=PARTY_READERS
    )
    party_filing_count = fields.Integer(
        compute="_compute_party_filing", string="Filings", groups=PARTY_READERS
    )
    party_filing_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("returned", "Returned"),
        ],
        compute="_compute_party_filing",
        string="Latest Filing",
        groups=PARTY_READERS,
        help="The state of the asset's latest filing with the superior organisation.",
    )

    @api.depends("party_filing_ids.state")
    @api.depends_context("uid")
    def _compute_party_filing(self):
        """One query for every asset: the filings the user may read, latest first."""
        filings = self.env["party.asset.filing"].search_fetch(
            [("asset_id", "in", self._origin.ids)], ["asset_id", "state"], order="id desc"
        )
        latest, counts = {}, {}
        for filing in filings:
            latest.setdefault(filing.asset_id.id, filing.state)
            counts[filing.asset_id.id] = counts.get(filing.asset_id.id, 0) + 1
        for asset in self:
            asset.party_filing_count = counts.get(asset._origin.id, 0)
            asset.party_filing_state = latest.get(asset._origin.id, False)

    def action_view_party_asset_filings(self):
        action = list_action(
            self, "party_systems.party_asset_filing_action", [("asset_id", "=", self.id)]
        )
        action["context"] = {
            "default_asset_id": self.id,
            "default_organization_id": self.party_organization_id.id,
        }
        return action
