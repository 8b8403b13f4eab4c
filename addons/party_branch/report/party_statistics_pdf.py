from odoo import api, models


class PartyStatisticsPdf(models.AbstractModel):
    """The annual statistics as a PDF (QWeb): the numbers come only from the wizard's
    ``_party_statistics_data``, which checks the caller, whatever ids the route sent."""

    _name = "report.party_branch.report_party_statistics"
    _description = "Party Statistics (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["party.statistics.wizard"].browse(docids or [])
        wizards = self.env["report.party_branch.statistics_xlsx"]._party_wizards(wizards)
        return {
            "doc_ids": wizards.ids,
            "doc_model": "party.statistics.wizard",
            "docs": wizards,
            "stats": {wizard.id: wizard._party_statistics_data() for wizard in wizards},
        }
