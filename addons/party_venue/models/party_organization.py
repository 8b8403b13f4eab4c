from odoo import models


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    _party_rpc_methods = {
        "action_view_venues": "navigation: read access on the organisation",
    }

    def action_view_venues(self):
        """The venues the organisation runs or is served by, and those of the
        organisations above it (which serve it too)."""
        self.ensure_one()
        self.check_access("read")
        ancestors = [int(i) for i in (self.sudo().parent_path or "").split("/") if i]
        action = self.env["ir.actions.act_window"]._for_xml_id("party_venue.party_venue_action")
        action["domain"] = [
            "|",
            ("organization_id", "in", ancestors),
            ("organization_ids", "in", ancestors),
        ]
        action["context"] = {"default_organization_id": self.id}
        return action
