from odoo import api, models

from ..tools import member_import


class PartyMemberImportMixin(models.AbstractModel):
    """Odoo's import of members (base_import, CSV/XLSX): the rows that create members
    go through ``tools/member_import.py`` (every bad row reported with its rule, a
    set-based insert, a file with a bad row saves nothing). ``party.member`` only."""

    _name = "party.member.import.mixin"
    _description = "Party Member Import"

    _party_rpc_methods = {
        "get_import_templates": "ACL create on the model (the import's template)",
        "load": "ACL create on the model first; an import's new members through "
        "tools/member_import (guard, organisations managed, every rule per row, record "
        "rules), other rows through create and write",
    }
    _party_rpc_sample_args = {"load": (["name"], [["Nobody"]])}

    @api.model
    def get_import_templates(self):
        """The template of the member import (base_import's "Import Template" link): the
        columns of the national Party member information system's export (readme/USAGE.md
        gives the mapping)."""
        self.check_access("create")
        return [
            {
                "label": self.env._("Import Template for Party Members"),
                "template": "/party_branch/static/xls/party_member_import.xlsx",
            }
        ]

    def load(self, fields, data):  # pylint: disable=redefined-outer-name
        """Odoo's import (base_import's execute_import calls this with ``import_file``):
        a file whose rows create members goes through ``tools/member_import`` (every bad
        row reported with its rule, set-based insert); a file with a bad row saves
        nothing."""
        self.check_access("create")
        if not self.env.context.get("import_file"):
            return super().load(fields, data)
        self.env.flush_all()
        savepoint = self.env.cr.savepoint(flush=False)
        with member_import.logged_messages() as logged:
            try:
                result = super().load(fields, data)
            except member_import.RowsRefused as refused:
                savepoint.close(rollback=True)
                self.env.invalidate_all()
                self.pool.reset_changes()
                return {"ids": False, "messages": logged + refused.messages, "nextrow": 0}
        savepoint.close(rollback=False)
        return result

    def _convert_records(self, records, log=lambda a: None):
        logged = member_import.log_into()
        if logged is None:
            return super()._convert_records(records, log)

        def keep(message):
            logged.append(message)
            return log(message)

        return super()._convert_records(records, keep)

    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        """The rows of an import that create members (no external id, no database id)
        go through ``tools/member_import``; the other rows as Odoo loads them."""
        if (
            update
            or not self.env.context.get("import_file")
            or any(data.get("xml_id") or data["values"].get("id") for data in data_list)
            or not member_import.fast_path(self, [data["values"] for data in data_list])
        ):
            return super()._load_records(data_list, update, ignore_duplicates)
        try:
            return member_import.import_members(self, [data["values"] for data in data_list])
        except member_import.RowsRefused as refused:
            refused.messages = [
                dict(data_list[index]["info"], type="error", message=message)
                for index in sorted(refused.errors)
                for message in refused.errors[index]
            ]
            raise

    def _validate_fields(self, field_names, excluded_names=()):
        # an import's rows are checked by tools/member_import.check_rows, every rule on
        # every row, after the insert
        if member_import.checks_deferred():
            return
        super()._validate_fields(field_names, excluded_names)
