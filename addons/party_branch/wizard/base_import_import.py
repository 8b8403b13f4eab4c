from odoo import models


class BaseImportImport(models.TransientModel):
    """A member file is imported in one call, whatever the import screen's batch size
    (2,000 rows by default, each batch saved on its own): a file with a bad row saves
    nothing (tools/member_import.py)."""

    _inherit = "base_import.import"

    _party_rpc_methods = {
        "execute_import": "the platform's (ACL and record rules of the imported model, as "
        "the caller); a file of party.member is imported whole, in one call: the batch "
        "size is ignored, so that a bad row refuses the whole file",
    }

    def execute_import(self, fields, columns, options, dryrun=False):
        if self.res_model == "party.member" and options.get("limit"):
            options = {**options, "limit": None}
        return super().execute_import(fields, columns, options, dryrun=dryrun)
