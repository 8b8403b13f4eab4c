from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

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
