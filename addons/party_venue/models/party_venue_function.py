from odoo import fields, models


class PartyVenueFunction(models.Model):
    """What a venue is used for (meetings, education, services …): data, editable."""

    _name = "party.venue.function"
    _description = "Venue Function"
    _inherit = ["party.access.mixin"]
    _order = "sequence, id"
    _party_org_field = None

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("name_uniq", "unique(name)", "A venue function of this name exists.")]
