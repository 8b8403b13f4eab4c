from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyDuesGenerate(models.TransientModel):
    """Run the monthly dues run by hand (for a month, optionally for some organisations)."""

    _name = "party.dues.generate"
    _description = "Generate Party Dues"
    _party_rpc_methods = {
        "create": "ACL (officers); the period is normalised to the month",
        "action_generate": "_organizations: managed organisations only, then party.dues.generate "
        "checks them again",
    }

    period = fields.Date(
        string="Month",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month; the first day of the month is kept.",
    )
    organization_ids = fields.Many2many(
        "party.organization",
        string="Organisations",
        help="Leave empty for every organisation you manage; sub-organisations are included.",
    )

    @api.onchange("period")
    def _onchange_period(self):
        if self.period:
            self.period = self.period.replace(day=1)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("period"):
                vals["period"] = fields.Date.to_date(vals["period"]).replace(day=1)
        return super().create(vals_list)

    def _organizations(self):
        """The organisations to run: the chosen ones, else all (admin) or the managed ones.

        The run itself writes as superuser, so an officer runs only the
        organisations they manage (and their sub-organisations).
        """
        self.ensure_one()
        user = self.env.user
        if self.env.su or user.has_group("party_branch.group_party_admin"):
            return self.organization_ids or None
        managed = user.party_managed_organization_ids
        if not self.organization_ids:
            if not managed:
                raise UserError(
                    self.env._("You manage no Party organisation: there are no dues to generate.")
                )
            return managed
        outside = self.organization_ids - self.env["party.dues"]._party_managed(
            self.organization_ids
        )
        if outside:
            raise UserError(
                self.env._(
                    "Only an officer of %(org)s generates its dues.", org=outside[0].display_name
                )
            )
        return self.organization_ids

    def action_generate(self):
        self.ensure_one()
        period = self.period.replace(day=1)
        organizations = self._organizations()
        self.env["party.dues"].generate(period, organizations)
        domain = [("period", "=", period)]
        if organizations is not None:
            domain.append(("organization_id", "child_of", organizations.ids))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dues of %(month)s", month=period.strftime("%Y-%m")),
            "res_model": "party.dues",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
            "target": "current",
        }
