from odoo import api, fields, models


class BaseModuleUninstall(models.TransientModel):
    """Odoo's uninstall wizard says, before the button is pressed, which held records
    of the Party addons being removed stand in the way (ir.module.module.button_uninstall
    refuses the uninstall while they do)."""

    _inherit = "base.module.uninstall"

    party_held_summary = fields.Text(
        string="Records that must be kept", compute="_compute_party_held_summary"
    )

    def _get_models(self):
        """The models whose records the uninstall deletes, listed with their counts: mail
        keeps only the models with a chatter, which left out Party models without one
        (dues, payments, remittances...), deleted all the same."""
        party = self.env["ir.model"].search(
            [("transient", "=", False), ("model", "=like", "party.%")]
        )
        return super()._get_models() | party

    @api.depends("module_id")
    def _compute_party_held_summary(self):
        Module = self.env["ir.module.module"]
        discarded = Module._party_discarded_modules()
        for wizard in self:
            held = [
                line
                for line in Module._party_held_records(wizard._get_modules().mapped("name"))
                if line[0] not in discarded
            ]
            wizard.party_held_summary = Module._party_held_message(held) if held else False
