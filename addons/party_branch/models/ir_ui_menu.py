from collections import defaultdict

from odoo import models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    _party_rpc_methods = {
        "load_web_menus": "Odoo's own (the caller's visible menus); only reads the paths of "
        "their actions at once first",
    }

    def load_web_menus(self, debug):
        """The web client's menus, with the paths of their actions read in one query per
        action model: Odoo reads them one menu at a time (61 queries of the 113 of the
        secretary's first screen in the demo, tests/benchmarks/bench_first_screen.py)."""
        by_model = defaultdict(set)
        for menu in self.load_menus(debug).values():
            if menu.get("action"):
                model, action_id = menu["action"].split(",")
                by_model[model].add(int(action_id))
        for model, ids in by_model.items():
            if model in self.env:
                self.env[model].sudo().browse(ids).exists().fetch(["path"])
        return super().load_web_menus(debug)
