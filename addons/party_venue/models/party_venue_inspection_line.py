from odoo import api, fields, models
from odoo.exceptions import UserError

RESULTS = [("pass", "Meets the Standard"), ("fail", "Fails"), ("na", "Not Applicable")]


class PartyVenueInspectionLine(models.Model):
    _name = "party.venue.inspection.line"
    _description = "Venue Inspection Item"
    _inherit = ["party.access.mixin"]
    _order = "inspection_id, sequence, id"
    _party_org_field = None
    _party_parent_field = "inspection_id"
    _party_fixed_fields = ("inspection_id", "item_id")

    inspection_id = fields.Many2one(
        "party.venue.inspection", required=True, index=True, ondelete="cascade"
    )
    organization_id = fields.Many2one(related="inspection_id.organization_id", store=True)
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    item_id = fields.Many2one("party.venue.checklist.item", required=True, ondelete="restrict")
    sequence = fields.Integer(related="item_id.sequence", store=True)
    result = fields.Selection(RESULTS)
    photo = fields.Image(max_width=1920, max_height=1920, help="Evidence.")
    note = fields.Char()

    _sql_constraints = [
        ("item_uniq", "unique(inspection_id, item_id)", "An item is inspected once."),
    ]

    def _party_validate_write(self, vals):
        if not self._party_trusted():
            self.check_access("write")
            if any(line.inspection_id.state == "done" for line in self):
                raise UserError(
                    self.env._("A completed inspection is a record: it does not change.")
                )
        return super()._party_validate_write(vals)

    def _party_validate_create(self, vals_list):
        inspections = self.env["party.venue.inspection"].browse(
            {v["inspection_id"] for v in vals_list if v.get("inspection_id")}
        )
        if not self._party_trusted() and any(i.state == "done" for i in inspections):
            raise UserError(self.env._("A completed inspection is a record: it does not change."))
        return super()._party_validate_create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if any(line.inspection_id.state == "done" for line in self):
            raise UserError(self.env._("A completed inspection is a record: it does not change."))
