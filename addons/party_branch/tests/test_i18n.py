"""zh_CN is complete: every term Odoo would export for a Party addon is translated.

The terms come from Odoo's own exporter run on the installed addons (code strings,
views, fields, selections, data), not from the committed .pot, so a string added
without a translation fails here. Walks every installed party_* addon.
"""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestChineseComplete(TransactionCase):
    def _own_term(self, module, kind, name, res_id):
        """Field terms only of the fields the module itself defines: the exporter also
        lists, under a model's every module, the fields delegated from res.partner and
        those other addons add (they are translated by their own addons)."""
        if kind != "model" or not name.startswith("ir.model.fields,"):
            return True
        record = self.env.ref(res_id, raise_if_not_found=False)
        if not record or record.model not in self.env:
            return True
        field = self.env[record.model]._fields.get(record.name)
        return not field or (not field.inherited and module in field._modules)

    def test_every_exported_term_has_a_chinese_translation(self):
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "party\\_%"), ("state", "=", "installed")]
        )
        self.assertTrue(modules)
        for module in modules.mapped("name"):
            with self.subTest(module=module):
                po = Path(get_module_path(module)) / "i18n" / "zh_CN.po"
                translated = {entry.msgid for entry in polib.pofile(str(po)) if entry.msgstr}
                reader = TranslationModuleReader(self.env.cr, modules=[module])
                terms = {
                    source
                    for (mod, kind, name, res_id, source, *__) in reader
                    if mod == module and self._own_term(module, kind, name, res_id)
                }
                missing = sorted(term for term in terms if term.strip() and term not in translated)
                self.assertFalse(missing, f"{module}: {len(missing)} untranslated: {missing[:10]}")
                # Odoo imports a language file through the module's template: a term
                # missing from the .pot is never loaded, translated or not
                pot = Path(get_module_path(module)) / "i18n" / f"{module}.pot"
                templated = {entry.msgid for entry in polib.pofile(str(pot))}
                stale = sorted(term for term in terms if term.strip() and term not in templated)
                self.assertFalse(stale, f"{module}.pot lacks {len(stale)} terms: {stale[:10]}")
