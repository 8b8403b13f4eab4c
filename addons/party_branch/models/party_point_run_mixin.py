from odoo import models
from odoo.exceptions import AccessError


class PartyPointRunMixin(models.AbstractModel):
    """The records the nightly points run writes (``party.point``, its yearly summaries
    and the branches' star levels): never created nor changed by hand over RPC, and
    their evidence (the ledger lines behind them) opened with the caller's own rights.
    Inherit it before ``party.access.mixin``."""

    _name = "party.point.run.mixin"
    _description = "Written by the Points Run Only"

    def _party_validate_create(self, vals_list):
        if not self._party_trusted():
            raise AccessError(
                self.env._(
                    "Points are written by the nightly points run only, from the facts "
                    "recorded: a points line is not written by hand. A Party administrator "
                    "corrects a member's points with a correction and its reason."
                )
            )
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A points line is never changed: a Party administrator corrects a "
                    "member's points with a new correction line and its reason."
                )
            )
        return super()._party_validate_write(vals)

    def _party_lines_action(self, domain):
        """The ledger lines of ``domain`` (the evidence of this record), after a read
        check on this record; the lines open with the caller's own rights."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("party_branch.party_point_action")
        action["domain"] = domain
        action["context"] = {}
        return action
