from odoo import api, fields, models

from .party_index import IndexRun


class PartyIndexLine(models.Model):
    """One indicator's figure in one organisation's index of one period.

    Written with its index by ``party.index._party_index_compute`` only. A missing fact
    has no value and no score, and says what would supply it (the indicator's hint);
    its weight is left out of the dimension's score."""

    _name = "party.index.line"
    _description = "Five Modernizations Index Line"
    _inherit = ["party.access.mixin"]
    _order = "index_id, sequence, id"
    _rec_name = "indicator_id"
    _party_rpc_methods = {
        "action_open_records": "navigation: read access on the line; the records open with "
        "the caller's own rights",
    }

    index_id = fields.Many2one(
        "party.index", required=True, index=True, ondelete="cascade", readonly=True
    )
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    period_label = fields.Char(related="index_id.period_label", string="Period")
    indicator_id = fields.Many2one(
        "party.index.indicator", required=True, index=True, ondelete="cascade", readonly=True
    )
    dimension = fields.Selection(
        selection="_selection_dimension",
        required=True,
        readonly=True,
    )
    sequence = fields.Integer(readonly=True)
    unit = fields.Selection(related="indicator_id.unit")
    value = fields.Float(digits=(10, 2), readonly=True, aggregator="avg")
    target = fields.Float(digits=(10, 2), readonly=True, aggregator=None)
    zero_at = fields.Float(string="Scores Zero At", digits=(10, 2), readonly=True, aggregator=None)
    weight = fields.Float(digits=(5, 2), readonly=True, aggregator=None)
    score = fields.Float(digits=(5, 2), readonly=True, aggregator="avg")
    is_missing = fields.Boolean(string="Missing", readonly=True)
    detail = fields.Char(string="Figures", readonly=True)
    missing_hint = fields.Char(related="indicator_id.missing_hint", string="Supplied By")
    source = fields.Char(related="indicator_id.source")

    def action_open_records(self):
        """The records behind the figure (meetings, dues, members …), opened with the
        caller's own rights."""
        self.ensure_one()
        self.check_access("read")
        line = self.sudo()
        index = line.index_id
        org = line.organization_id
        run = IndexRun(org, index.period_type, index.date_from, index.date_to, index.as_of)
        Index = self.env["party.index"].sudo()
        method = getattr(Index, f"_party_index_records_{line.indicator_id.code}", None)
        model, domain = (
            method(org, run) if method else ("party.organization", [("id", "=", org.id)])
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(indicator)s · %(org)s %(period)s",
                indicator=line.indicator_id.name,
                org=org.name,
                period=index.period_label,
            ),
            "res_model": model,
            "domain": domain,
            "views": [[False, "list"], [False, "form"]],
            "context": {"create": False},
            "target": "current",
        }

    @api.model
    def _selection_dimension(self):
        return self.env["party.index.indicator"]._selection_dimension()
