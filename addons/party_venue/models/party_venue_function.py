from odoo import fields, models


class PartyVenueFunction(models.Model):
    """What a venue is used for (meetings, education, services …): data, editable."""

    _name = "party.venue.function"
    _description = "Venue Function"
    _inherit = ["party.access.mixin"]
    _order = "sequence, id"
    _party_org_field = None
    _party_rpc_methods = {
        "copy_data": "ACL and record rules: reads the record (Party administrators copy items)",
    }

    name = fields.Char(required=True, translate=True, copy=False)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for record, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%(name)s (copy)", name=record.name))
        return vals_list

    _sql_constraints = [("name_uniq", "unique(name)", "A venue function of this name exists.")]
