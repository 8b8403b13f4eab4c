import contextvars

from odoo import Command, api, fields, models

# The time zone a user had before Odoo's login sets the browser's on a first login
# (``res.users._login``): (user id, time zone), for this thread's login only.
_TZ_BEFORE_LOGIN = contextvars.ContextVar("party_tz_before_login", default=None)


class ResUsers(models.Model):
    _inherit = "res.users"

    _party_rpc_methods = {
        "context_get": "the caller's own context (Odoo's); adds only the company's Party "
        "time zone where the caller has none",
        "write": "Odoo's own rights on users; takes back, as superuser, only the groups "
        "Odoo's default user template spreads to Party users",
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

    # ------------------------------------------------------------ rights

    def write(self, vals):
        """Odoo gives every internal user the groups an app adds to the default user
        template when the app installs (website: Editor and Designer; eLearning:
        Manager, who creates and deletes every course). A Party user's rights come
        from their Party groups and from an administrator, not from that: the groups
        the template spreads are taken back from the Party users who are not system
        administrators, unless their own groups imply them."""
        spreading = "groups_id" in vals and self._apply_groups_to_existing_employees()
        party_users = self.browse()
        before = {}
        if spreading:
            party_users = self._party_rights_users() - self
            before = {user.id: user.groups_id for user in party_users}
        res = super().write(vals)
        if spreading and party_users:
            self._party_take_back_spread_groups(party_users, before)
        return res

    @api.model
    def _party_rights_users(self):
        """Internal users in a Party group who are not system administrators."""
        groups = self.env.ref("party_branch.group_party_member") | self.env.ref(
            "party_branch.group_party_auditor"
        )
        system = self.env.ref("base.group_system")
        return groups.sudo().users.filtered(lambda u: not u.share and system not in u.groups_id)

    @api.model
    def _party_take_back_spread_groups(self, users, before):
        by_groups = {}
        for user in users.sudo():
            kept = before[user.id]
            added = user.groups_id - kept
            own = kept | kept.trans_implied_ids
            if wrong := added - own:
                by_groups.setdefault(wrong, self.browse())
                by_groups[wrong] |= user
        for wrong, group_users in by_groups.items():
            group_users.sudo().write({"groups_id": [Command.unlink(gid) for gid in wrong.ids]})

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
