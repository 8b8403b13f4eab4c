from odoo import fields, models


class PartyVenueChecklistItem(models.Model):
    """One item of the standard venue checklist (data, editable by the Party
    administrator): signage, Party flag and oath wall, regulations on the wall …"""

    _name = "party.venue.checklist.item"
    _description = "Venue Checklist Item"
    _inherit = ["party.access.mixin"]
    _order = "sequence, id"
    _party_org_field = None
    _party_rpc_methods = {
        "copy_data": "ACL and record rules: reads the record (Party administrators copy items)",
    }

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, copy=False)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    weight = fields.Integer(default=1, help="Points of the item in the inspection score.")
    active = fields.Boolean(default=True)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for record, vals in zip(self, vals_list, strict=True):
            vals.setdefault("code", f"{record.code}_copy")
        return vals_list

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A checklist item of this code exists."),
        ("weight_positive", "CHECK (weight > 0)", "An item weighs at least one point."),
    ]
