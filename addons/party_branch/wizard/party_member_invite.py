"""Members in, in bulk: a portal login in the Party Member group for each member.

Odoo's own invitation (auth_signup): the login is created on the member's contact
(the login's partner IS the member's), its sign-up is prepared on that contact, and
a member with an e-mail address receives auth_signup's "set your password" mail.
A member without e-mail gets a login on their mobile number and appears on a printed
invitation sheet with a QR code of their personal sign-up link. The link's token is
never stored: Odoo 18 signs it (``res.partner._generate_signup_token``) from the
contact, its logins, their last login and the sign-up type, so it dies at the
member's first login; the sheet is rendered on demand for the officer who ran the
invitation, for the members they manage.
"""

import base64
import re
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import clean_context, email_normalize

from ..models.party_organization import IN_ORG_STATUSES


def normalize_mobile(number):
    """The digits of a mobile number, without the country code of China (+86, 0086)."""
    digits = re.sub(r"\D", "", number or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            digits = digits[len(prefix) :]
            break
    return digits if len(digits) >= 6 else ""


class PartyMemberInvite(models.TransientModel):
    _name = "party.member.invite"
    _description = "Invite Party Members"
    _party_rpc_methods = {
        "action_invite": "_party_check_caller: a Party officer, creator of the wizard, who "
        "manages every selected member's organisation (or a Party administrator)",
        "action_print_sheet": "_party_check_caller, then the sheet re-checks it when rendered",
        "create": "ACL (officers); the results and the state are the server's, refused from a "
        "client (a forged result line would print a sign-up link)",
        "write": "ACL and the creator only (transient records); results and state refused",
    }

    member_ids = fields.Many2many(
        "party.member",
        "party_member_invite_member_rel",
        "invite_id",
        "member_id",
        string="Members",
        default=lambda self: self._default_member_ids(),
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    line_ids = fields.One2many("party.member.invite.line", "invite_id", string="Results")
    email_count = fields.Integer(string="Invited by E-mail", compute="_compute_counts")
    sheet_count = fields.Integer(string="Invited on the Sheet", compute="_compute_counts")
    linked_count = fields.Integer(string="Linked", compute="_compute_counts")
    skipped_count = fields.Integer(string="Skipped", compute="_compute_counts")

    @api.model
    def _default_member_ids(self):
        """The selected members, or every member of the selected organisations (their
        sub-organisations included) who is still in the organisation."""
        ctx = self.env.context
        ids = ctx.get("active_ids") or ([ctx["active_id"]] if ctx.get("active_id") else [])
        ids = [i for i in ids if isinstance(i, int)]
        Member = self.env["party.member"]
        if not ids:
            return Member
        if ctx.get("active_model") == "party.member":
            return Member.search([("id", "in", ids)])
        if ctx.get("active_model") == "party.organization":
            return Member.search(
                [("organization_id", "child_of", ids), ("status", "in", IN_ORG_STATUSES)]
            )
        return Member

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        # the client's default_state / default_line_ids are refused like the values
        wizards = self.with_context(clean_context(self.env.context))
        wizards._party_refuse_results([key for vals in vals_list for key in vals])
        return super(PartyMemberInvite, wizards).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._party_refuse_results(vals)
        return super().write(vals)

    def _party_refuse_results(self, names):
        if {"state", "line_ids"}.intersection(names):
            raise AccessError(
                self.env._(
                    "The results of an invitation are written by the invitation itself, not "
                    "by hand."
                )
            )

    @api.depends("line_ids.outcome")
    def _compute_counts(self):
        for wizard in self:
            outcomes = wizard.line_ids.mapped("outcome")
            wizard.email_count = outcomes.count("email")
            wizard.sheet_count = outcomes.count("sheet")
            wizard.linked_count = outcomes.count("linked")
            wizard.skipped_count = outcomes.count("skipped")

    # ------------------------------------------------------------------ checks

    def _party_check_caller(self):
        """A Party officer (or administrator) who created this wizard and manages the
        organisation of every selected member; nothing else reaches the sudo code."""
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group("party_branch.group_party_officer"):
            raise AccessError(
                self.env._("Only a Party officer or administrator invites members to the portal.")
            )
        wizards = self.sudo()
        if any(wizard.create_uid != user for wizard in wizards):
            raise AccessError(
                self.env._("This invitation was prepared by another user: start your own.")
            )
        self.env["party.member"]._party_check_organizations(
            wizards.member_ids.organization_id | wizards.line_ids.member_id.organization_id
        )

    # ------------------------------------------------------------------ actions

    def action_invite(self):
        self.ensure_one()
        self._party_check_caller()
        if self.state != "draft":
            raise UserError(self.env._("These members were already invited: see the results."))
        members = self.sudo().member_ids
        if not members:
            raise UserError(self.env._("Select the members to invite."))
        is_admin = self.env["party.member"]._party_is_admin()
        results = self.sudo()._party_invite(members, link_internal=is_admin)
        self.sudo().write(
            {
                "state": "done",
                "line_ids": [
                    Command.create(
                        {"member_id": member.id, "outcome": outcome, "login": login,
                         "reason": reason}
                    )
                    for member, outcome, login, reason in results
                ],
            }
        )  # fmt: skip
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invitation Results"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_print_sheet(self):
        self.ensure_one()
        self._party_check_caller()
        if "sheet" not in self.sudo().line_ids.mapped("outcome"):
            raise UserError(self.env._("No member of this invitation is on the sheet."))
        return self.env.ref("party_branch.action_report_member_invite_sheet").report_action(self)

    # ------------------------------------------------------------------ the work

    def _party_invite(self, members, link_internal=False):
        """Create, link or skip a login for each member (superuser, after the checks).

        Returns ``[(member, outcome, login, reason)]``. Set-based: the existing
        logins are read in three queries; Odoo creates the new logins in one
        ``create``; the invitation mails are queued in one batch per language.
        """
        env = self.env(context=clean_context(self.env.context), su=True)
        Users = env["res.users"].with_context(active_test=False)
        Member = env["party.member"]
        members = members.with_env(env)
        group_member = env.ref("party_branch.group_party_member")
        group_portal = env.ref("base.group_portal")

        wanted = {}  # member -> (e-mail login, mobile login)
        for member in members:
            email = email_normalize(member.email) if member.email else False
            wanted[member] = (email or False, normalize_mobile(member.mobile) or False)
        logins = {login for pair in wanted.values() for login in pair if login}
        by_login = {
            user.login: user
            for user in Users.search_fetch(
                [("login", "in", list(logins))], ["login", "active", "share", "partner_id"]
            )
        }
        emails = [email for email, _mobile in wanted.values() if email]
        by_email = {}  # a login whose contact has the member's e-mail (an internal user's)
        for user in Users.search_fetch(
            [("partner_id.email_normalized", "in", emails)],
            ["login", "active", "share", "partner_id"],
            order="id",
        ):
            by_email.setdefault(user.partner_id.email_normalized, user)
        by_partner = {}
        for user in Users.search_fetch(
            [("partner_id", "in", members.partner_id.ids)],
            ["login", "active", "share", "partner_id"],
            order="share desc, id",
        ):
            by_partner.setdefault(user.partner_id, user)
        candidates = Users.browse(
            {u.id for u in (*by_login.values(), *by_email.values(), *by_partner.values())}
        )
        # the member who holds a login, by the login or by its contact (a member adopts
        # the contact of the login linked to it: one active membership per contact)
        holders = {}
        for holder in Member.search_fetch(
            [("status", "in", IN_ORG_STATUSES), "|",
             ("user_id", "in", candidates.ids), ("partner_id", "in", candidates.partner_id.ids)],
            ["user_id", "partner_id"],
        ):  # fmt: skip
            holders.setdefault(("user", holder.user_id.id), set()).add(holder)
            holders.setdefault(("partner", holder.partner_id.id), set()).add(holder)

        results = []
        to_group = Users.browse()
        to_link = []  # (member, user)
        to_create = []  # (member, vals, by e-mail)
        taken = set()
        tz_by_company = {}
        for member in members:
            if member.status not in IN_ORG_STATUSES:
                status = dict(member._fields["status"]._description_selection(env))
                results.append((member, "skipped", False, self.env._(
                    "Has left the organisation (%(status)s).", status=status[member.status]
                )))  # fmt: skip
                continue
            user = member.user_id
            if user:
                if not user.active:
                    results.append((member, "skipped", user.login, self.env._(
                        "Their login is archived: a Party administrator reactivates it."
                    )))  # fmt: skip
                    continue
                to_group |= user
                results.append((member, "linked", user.login, self.env._(
                    "Already linked to this login; the Party Member group is ensured."
                )))  # fmt: skip
                continue
            email, mobile = wanted[member]
            if not email and not mobile:
                results.append((member, "skipped", False, self.env._(
                    "Neither a valid e-mail address nor a mobile number: record one first."
                )))  # fmt: skip
                continue
            user = (
                by_partner.get(member.partner_id)
                or (email and (by_login.get(email) or by_email.get(email)))
                or (mobile and by_login.get(mobile))
            )
            if user:
                reason = False
                if not user.active:
                    reason = self.env._(
                        "A login %(login)s exists but is archived: a Party administrator "
                        "reactivates it.",
                        login=user.login,
                    )
                elif (
                    holders.get(("user", user.id), set())
                    | holders.get(("partner", user.partner_id.id), set())
                ) - {member} or user in taken:
                    reason = self.env._(
                        "The login %(login)s belongs to another member.", login=user.login
                    )
                elif not user.share and not link_internal:
                    reason = self.env._(
                        "The login %(login)s is an internal user's: a Party administrator "
                        "links it.",
                        login=user.login,
                    )
                if reason:
                    results.append((member, "skipped", user.login, reason))
                    continue
                taken.add(user)
                to_link.append((member, user))
                to_group |= user
                results.append((member, "linked", user.login, self.env._(
                    "Linked to the existing login; the Party Member group is ensured."
                )))  # fmt: skip
                continue
            login = email or mobile
            if login in taken:
                results.append((member, "skipped", login, self.env._(
                    "Same e-mail address or mobile number as another member of this "
                    "invitation: correct one of them."
                )))  # fmt: skip
                continue
            taken.add(login)
            company = member.company_id
            if company not in tz_by_company:
                tz_by_company[company] = env["res.company"]._party_tz_of(company)
            vals = {
                "login": login,
                "partner_id": member.partner_id.id,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set([group_portal.id, group_member.id])],
                "lang": member.partner_id.lang or company.partner_id.lang or env.lang,
            }
            if tz_by_company[company]:
                vals["tz"] = tz_by_company[company]
            to_create.append((member, vals, bool(email)))
            results.append((member, "email" if email else "sheet", login, False))

        created = Users.with_context(no_reset_password=True).create(
            [vals for _m, vals, _e in to_create]
        )
        to_link += [
            (member, user) for (member, _v, _e), user in zip(to_create, created, strict=True)
        ]
        if to_group:
            to_group.write({"groups_id": [Command.link(group_member.id)]})
        for member, user in to_link:
            member.write({"user_id": user.id})
        if created:
            created.partner_id.signup_prepare(signup_type="signup")
            by_email = Users.browse(
                user.id for (_m, _v, email), user in zip(to_create, created, strict=True) if email
            )
            self._party_send_invitations(by_email)
        return results

    def _party_send_invitations(self, users):
        """auth_signup's invitation ("set your password"), queued in one batch per
        language (the mail queue sends them: 3,000 members are not sent in the request)."""
        template = self.env.ref("auth_signup.set_password_email", raise_if_not_found=False)
        if not users or not template:
            return
        email_values = {
            "email_cc": False,
            "auto_delete": True,
            "message_type": "user_notification",
            "recipient_ids": [],
            "partner_ids": [],
            "scheduled_date": False,
        }
        for lang in set(users.mapped("lang")):
            batch = users.filtered(lambda u, lang=lang: u.lang == lang)
            template.sudo().with_context(lang=lang).send_mail_batch(
                batch.ids, force_send=False, email_values=email_values
            )

    # ------------------------------------------------------------------ the sheet

    def _party_sheet_entries(self):
        """One entry per member on the sheet: name, organisation, login, the QR code of
        their personal sign-up link and its expiry. Rendered on demand only for the
        officer who ran the invitation; a member who has signed in since is listed
        without a link (Odoo's token dies at the first login)."""
        self.ensure_one()
        self._party_check_caller()
        lines = self.sudo().line_ids.filtered(lambda line: line.outcome == "sheet")
        hours = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("auth_signup.signup.validity.hours", 144)
        )
        Report = self.env["ir.actions.report"]
        entries = []
        for line in lines:
            member = line.member_id
            partner = member.partner_id
            user = member.user_id
            tz = self.env["res.company"]._party_tz_of(member.company_id) or "UTC"
            expiry = fields.Datetime.context_timestamp(
                self.with_context(tz=tz), fields.Datetime.now() + timedelta(hours=hours)
            )
            entry = {
                "name": member.name,
                "organization": member.organization_id.display_name,
                "login": user.login or line.login,
                "qr": False,
                "expiry": expiry.strftime("%Y-%m-%d %H:%M"),
                "tz": tz,
            }
            if (
                user.share
                and user.active
                and not user.login_date
                and partner.signup_type == "signup"
            ):
                url = partner._get_signup_url_for_action()[partner.id]
                png = Report.barcode("QR", url, width=180, height=180)
                entry["qr"] = "data:image/png;base64," + base64.b64encode(png).decode()
                entry["url"] = url  # for the QR code only: the page does not print it
            entries.append(entry)
        return entries
