from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    party_member_ids = fields.One2many("party.member", "user_id", string="Party Memberships")
    party_managed_organization_ids = fields.Many2many(
        "party.organization",
        string="Managed Party Organisations",
        compute="_compute_party_managed_organization_ids",
        compute_sudo=True,
        help="Organisations where the user currently holds a position; the user manages "
        "them and their sub-organisations. Record rules use this field.",
    )

    @api.depends_context("uid")
    def _compute_party_managed_organization_ids(self):
        positions = (
            self.env["party.position"]
            .sudo()
            .search_fetch(
                [("member_id.user_id", "in", self.ids)]
                + self.env["party.position"]._current_domain(),
                ["organization_id", "member_id"],
            )
        )
        for user in self:
            user.party_managed_organization_ids = positions.filtered(
                lambda p, user=user: p.member_id.user_id == user
            ).organization_id
