from odoo import api, models
from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationImporter

# helpdesk_mgmt ships no Chinese: party_service carries it, loaded as helpdesk_mgmt's terms
# (every entry of the file names helpdesk_mgmt's records) whenever Odoo loads the terms
# of either addon: install, upgrade, language activation, _load_module_terms. Where a record
# also belongs to another addon (res.partner's model, the mail fields of the tickets), the
# file words it as that addon's own .po does.
EXTRA_TERMS = {"zh_CN": "i18n_helpdesk_mgmt/zh_CN.po"}
EXTRA_FOR = ("helpdesk_mgmt", "party_service")


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        modules = list(modules or ())
        files = [
            (lang, EXTRA_TERMS[lang])
            for lang in langs or ()
            if lang in EXTRA_TERMS and set(modules) & set(EXTRA_FOR)
        ]
        if files:
            # before Odoo's own files, so that what website copies from a generic view
            # to its website-specific ones includes these terms; an existing translation
            # (edited by the administrator, or loaded before) is overwritten only when the
            # caller asks for it, as Odoo does
            importer = TranslationImporter(self.env.cr, verbose=False)
            path = get_module_path("party_service")
            for lang, name in files:
                importer.load_file(f"{path}/{name}", lang)
            importer.save(overwrite=overwrite)
        return super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
