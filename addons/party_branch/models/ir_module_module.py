from odoo import api, models
from odoo.exceptions import UserError
from odoo.modules.module import get_manifest

# Manifest key of a Party addon: {model: domain} of the records it holds, which
# uninstalling the addon would delete with the model's table (posted entries, decisions
# taken, filed reports...). See button_uninstall.
HELD_KEY = "party_uninstall_held"
# System parameter: comma-separated addons whose held records the administrator has
# exported and agreed to lose; their uninstall is then let through.
DISCARD_PARAM = "party_branch.uninstall_discard_held"


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    _party_rpc_methods = {
        "button_uninstall": "Odoo's own (system administrators only: access rights on "
        "ir.module.module); refused with the list when an addon being removed holds "
        "records its manifest declares held (party_uninstall_held), nothing changed",
    }

    def button_uninstall(self):
        """Refuse, before any module changes state, an uninstall that would delete held
        records: the addons removed (``self`` and what depends on them) each declare in
        their manifest the records of their own models that must not go with them."""
        removed = self | self.downstream_dependencies()
        held = self._party_held_records(removed.mapped("name"))
        discarded = self._party_discarded_modules()
        refused = [line for line in held if line[0] not in discarded]
        if refused:
            raise UserError(self._party_held_message(refused))
        return super().button_uninstall()

    @api.model
    def _party_discarded_modules(self):
        value = self.env["ir.config_parameter"].sudo().get_param(DISCARD_PARAM) or ""
        return {name.strip() for name in value.split(",") if name.strip()}

    @api.model
    def _party_held_records(self, module_names):
        """[(module, model description, model, count)] of the held records (count > 0)
        that uninstalling ``module_names`` would delete."""
        held = []
        for module in sorted(module_names):
            declared = get_manifest(module).get(HELD_KEY) or {}
            for model_name, domain in declared.items():
                if model_name not in self.env:
                    continue
                Model = self.env[model_name].sudo().with_context(active_test=False)
                count = Model.search_count(domain)
                if count:
                    held.append((module, Model._description, model_name, count))
        return held

    @api.model
    def _party_held_message(self, held):
        lines = "\n".join(
            self.env._(
                "- %(module)s: %(count)s %(model)s (%(technical)s)",
                module=module,
                count=count,
                model=description,
                technical=model_name,
            )
            for module, description, model_name, count in held
        )
        return self.env._(
            "This uninstall would delete records that must be kept (posted, held or "
            "decided), so nothing was uninstalled:\n%(lines)s\nExport them first; to remove "
            "the addon all the same, a system administrator lists it in the system "
            "parameter %(param)s.",
            lines=lines,
            param=DISCARD_PARAM,
        )

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        self._party_translate_website_menu_copies(modules, langs)
        return res

    @api.model
    def _party_translate_website_menu_copies(self, modules, langs):
        """A website menu a Party addon adds (the service request, the disclosures) is
        created once per website, and its XML id names only the last copy: Odoo's
        translation files reach that copy alone, and the other websites showed the
        menu in English. The copies with the same URL take its translations where
        they have none."""
        if "website.menu" not in self.env or not langs:
            return
        party = [m for m in modules or () if m.startswith("party_")]
        if not party:
            return
        Menu = self.env["website.menu"].sudo().with_context(active_test=False)
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch([("model", "=", "website.menu"), ("module", "in", party)], ["res_id"])
        )
        for menu in Menu.browse(data.mapped("res_id")).exists():
            siblings = Menu.search([("url", "=", menu.url), ("id", "!=", menu.id)])
            if not siblings:
                continue
            for lang in langs:
                name = menu.with_context(lang=lang).name
                if name == menu.with_context(lang="en_US").name:
                    continue
                untranslated = siblings.filtered(
                    lambda s, lang=lang: (
                        s.with_context(lang=lang).name == s.with_context(lang="en_US").name
                    )
                )
                # update_field_translations writes one record at a time
                for sibling in untranslated:
                    sibling.update_field_translations("name", {lang: name})
