from odoo import api, fields, models


class PartyServiceRoute(models.Model):
    """A routing rule of service requests: a request of the category, from the unit,
    or naming the community or address, goes to the organisation. Empty conditions
    match any request; the first rule by sequence whose conditions all match wins.

    The rules are the Party administrator's, per company (officers read them): a
    rule sends requests only to an organisation its author manages (the access
    mixin's organisation check, on create and on write), and a request is routed by
    the rules of its own company only (:meth:`_party_routes`)."""

    _name = "party.service.route"
    _description = "Service Request Routing Rule"
    _inherit = ["party.access.mixin"]
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    category_id = fields.Many2one("helpdesk.ticket.category")
    unit_partner_id = fields.Many2one(
        "res.partner",
        string="Unit",
        domain="[('is_company', '=', True)]",
        help="Requests of the people of this company (unit) go to the organisation.",
    )
    community = fields.Char(
        help="Requests whose community or address contains this text go to the organisation."
    )
    name = fields.Char(compute="_compute_name", store=True)

    @api.depends("organization_id", "category_id", "unit_partner_id", "community")
    def _compute_name(self):
        for route in self:
            parts = [route.category_id.name, route.unit_partner_id.name, route.community]
            conditions = " / ".join(p for p in parts if p) or "*"
            route.name = f"{conditions} → {route.organization_id.name or ''}"

    @api.model
    def _party_routes(self, companies):
        """The active rules of ``companies`` (as superuser, in order): a request is
        routed by the rules of its own company, never by another company's."""
        return self.sudo().search([("active", "=", True), ("company_id", "in", companies.ids)])

    def _match(self, category_id, unit, text):
        """The first rule of ``self`` (ordered) that matches, or an empty recordset."""
        text = (text or "").casefold()
        for route in self:
            if route.category_id and route.category_id.id != category_id:
                continue
            if route.unit_partner_id and route.unit_partner_id != unit:
                continue
            if route.community and route.community.casefold() not in text:
                continue
            return route
        return self.browse()
