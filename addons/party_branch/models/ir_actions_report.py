from odoo import models

from ..tools import wkhtmltopdf


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """``party_letterhead_in_body``: a PDF printed by a wkhtmltopdf that drops the
        header (no patched Qt) shows the company in the page body
        (``party_branch.report_letterhead``)."""
        data = super()._get_rendering_context(report, docids, data)
        data["party_letterhead_in_body"] = (
            data.get("report_type") == "pdf" and not wkhtmltopdf.header_supported()
        )
        return data
