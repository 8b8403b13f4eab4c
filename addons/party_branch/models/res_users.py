import contextvars

from odoo import api, fields, models

# The time zone a user had before Odoo's login sets the browser's on a first login
# (``res.users._login``): (user id, time zone), for this thread's login only.
_TZ_BEFORE_LOGIN = contextvars.ContextVar("party_tz_before_login", default=None)


class ResUsers(models.Model):
    _inherit = "res.users"

    _party_rpc_methods = {
        "context_get": "the caller's own context (Odoo's); adds only the company's Party "
        "time zone where the caller has none",
    }

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

    # ------------------------------------------------------------ time zone

    def _party_user(self):
        """Whether this user works in the Party suite (a member or any Party group)."""
        self.ensure_one()
        return any(
            self.has_group(xmlid)
            for xmlid in ("party_branch.group_party_member", "party_branch.group_party_auditor")
        )

    def _check_credentials(self, credential, env):
        result = super()._check_credentials(credential, env)
        _TZ_BEFORE_LOGIN.set((self.id, self.tz))
        return result

    def _update_last_login(self):
        """Odoo gives a user the browser's time zone at the first login (whatever was
        set before): a member whose first login came from a browser in UTC read every
        meeting eight hours early. A Party user keeps the time zone set before the first
        login, or takes the company's Party time zone; they change it in their
        preferences, and officers see on the member's form when it differs."""
        before = _TZ_BEFORE_LOGIN.get()
        _TZ_BEFORE_LOGIN.set(None)
        for user in self.sudo():
            if user.login_date or not user._party_user():
                continue
            kept = before[1] if before and before[0] == user.id else False
            wanted = kept or self.env["res.company"]._party_tz_of(user.company_id)
            if wanted and user.tz != wanted:
                user.tz = wanted
        return super()._update_last_login()

    @api.model
    def context_get(self):
        """A Party user without a time zone of their own reads times in the company's
        Party time zone (portal pages, messages, clash messages), not in UTC."""
        context = super().context_get()
        if not context.get("tz"):
            user = self.env.user
            tz = self.env["res.company"]._party_tz_of(user.company_id)
            if tz and user._party_user():
                context = type(context)({**context, "tz": tz})
        return context
