"""The company's Party office: who receives what no secretary takes, and the time
zone the Party's times are read in."""

from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get


class ResCompany(models.Model):
    _inherit = "res.company"

    _party_rpc_methods = {
        "write": "ACL and record rules of res.company (administration: settings); a change "
        "of the Party time zone clears the cached user contexts",
    }

    party_office_user_ids = fields.Many2many(
        "res.users",
        "res_company_party_office_user_rel",
        "company_id",
        "user_id",
        string="Party Office",
        domain=[("share", "=", False)],
        help="Who receives the findings no secretary takes (an organisation without a "
        "secretary up its tree) and the submissions addressed to the Party committee. "
        "Empty: the Party administrators of the company who are not system administrators.",
    )
    party_tz = fields.Selection(
        _tz_get,
        string="Party Time Zone",
        help="The time zone of the Party's meetings, bookings and deadlines: given to the "
        "member logins the suite creates, kept at their first login whatever the browser "
        "says, and used for every Party user without a time zone of their own.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "party_tz" in vals:
            # res.users.context_get is cached per user: the fallback time zone changed
            self.env.registry.clear_cache()
        return res

    def _party_office_users(self):
        """{company id: users}: the Party office of each company, in a stable order.

        The users named in the company's setting, else its Party administrators who
        are not system administrators (the technical administrator is not the Party
        office), else, as a last resort so that nothing is addressed to nobody, any
        Party administrator of the company."""
        admin_group = self.env.ref("party_branch.group_party_admin").sudo()
        system = self.env.ref("base.group_system").sudo()
        admins = admin_group.users.filtered(lambda u: u.active and not u.share).sorted("id")
        result = {}
        for company in self.sudo():
            named = company.party_office_user_ids.filtered("active").sorted("id")
            mine = admins.filtered(lambda u, c=company: c in u.company_ids)
            result[company.id] = named or mine.filtered(lambda u: system not in u.groups_id) or mine
        return result

    @api.model
    def _party_tz_of(self, company):
        """The company's Party time zone, else the time zone of its address."""
        return company.sudo().party_tz or company.sudo().partner_id.tz or False
