from odoo import models

from ..tools import member_import


class IrFieldsConverter(models.AbstractModel):
    """Odoo's import looks a linked record up by name once per row and column (a
    ``name_search``); a member file of 50,000 rows names the same thousand
    organisations again and again. Within an import of members
    (``tools/member_import.py``), the answer for a name is kept for the rest of the
    file: the same caller, the same rights, the same answer."""

    _inherit = "ir.fields.converter"

    _party_rpc_methods = {
        "db_id_for": "the platform's: external id or name_search as the caller (their own "
        "rights); within a member import the answers for a name are kept for the rest of "
        "the file (tools/member_import.name_cache)",
    }

    def db_id_for(self, model, field, subfield, value):
        cache = member_import.name_cache()
        if cache is None or subfield is not None or not isinstance(value, str):
            return super().db_id_for(model, field, subfield, value)
        key = (field.comodel_name, field.name, value)
        if key not in cache:
            found = None
            if field.comodel_name == "party.organization" and value.strip():
                found = self._party_organization_for(value)
            cache[key] = found or super().db_id_for(model, field, subfield, value)
        record_id, field_type, warnings = cache[key]
        return record_id, field_type, list(warnings)

    def _party_organization_for(self, value):
        """The organisation a member file names, as the caller reads them in their
        current company: by its code, its full path ("Committee / Branch") or its plain
        name when that name is unique in the company. A name that several organisations
        bear is refused on its row, with their codes (never a guess). None when no
        organisation is found that way: Odoo's own lookup answers."""
        text = value.strip()
        field_type = self.env._("name")
        Org = self.env["party.organization"].with_context(active_test=True)
        company = [("company_id", "=", self.env.company.id)]
        by_code = Org.search([("code", "=", text), *company])
        if len(by_code) == 1:
            return by_code.id, field_type, []
        by_path = Org.search([("complete_name", "=", text), *company]) if "/" in text else Org
        if len(by_path) == 1:
            return by_path.id, field_type, []
        by_name = Org.search([("name", "=", text), *company], order="code")
        if len(by_name) == 1:
            return by_name.id, field_type, []
        if len(by_name) > 1:
            raise self._format_import_error(
                ValueError,
                self.env._(
                    "Several organisations are named '%(value)s' (codes %(codes)s): write "
                    "the code or the full path of the one meant in the column '%%(field)s'."
                ),
                {"value": text, "codes": ", ".join(by_name.mapped("code"))},
            )
        return None

    def _party_kept(self, kind, convert, model, field, value):
        """``convert(model, field, value)``, kept for the rest of a member import."""
        cache = member_import.name_cache()
        if cache is None or not isinstance(value, str):
            return convert(model, field, value)
        key = (kind, field.model_name, field.name, value)
        if key not in cache:
            cache[key] = convert(model, field, value)
        result, warnings = cache[key]
        return result, list(warnings)

    def _str_to_selection(self, model, field, value):
        return self._party_kept("selection", super()._str_to_selection, model, field, value)

    def _str_to_date(self, model, field, value):
        return self._party_kept("date", super()._str_to_date, model, field, value)
