from odoo import models

from odoo.addons.party_branch.tools.actions import list_action


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    _party_rpc_methods = {
        "action_view_venues": "navigation: read access on the organisation",
    }

    def action_view_venues(self):
        """The venues the organisation runs or is served by, and those of the
        organisations above it (which serve it too)."""
        action = list_action(
            self, "party_venue.party_venue_action", [], {"default_organization_id": self.id}
        )
        ancestors = [int(i) for i in (self.sudo().parent_path or "").split("/") if i]
        action["domain"] = [
            "|",
            ("organization_id", "in", ancestors),
            ("organization_ids", "in", ancestors),
        ]
        return action
