from odoo import fields, models
from odoo.exceptions import AccessError

# the statuses of a membership still kept by an organisation (party_organization.py)
_KEPT = ("active", "lost_contact")


class ResPartner(models.Model):
    _inherit = "res.partner"

    _party_rpc_methods = {
        "write": "Odoo's own rights on contacts; a member's entry in the Party register (its "
        "name, and whether it is archived) is changed only by the officers who manage the "
        "member (_party_check_register): not by the member (portal /my/account and "
        "/my/deactivate_account, res.users preferences: all sudo), nor by a contact manager",
    }

    # the record rule of officers on contacts follows the memberships (security/party_security.xml)
    party_member_ids = fields.One2many("party.member", "partner_id", string="Party Memberships")

    def write(self, vals):
        if "name" in vals or "active" in vals:
            self._party_check_register(vals)
        if "tz" in vals and not self.env.su:
            self._party_check_company_tz(vals["tz"])
        return super().write(vals)

    def _party_check_company_tz(self, tz):
        """The time zone of a company's own contact is the Party time zone of the company
        when none is set (``res.company._party_tz_of``): every Party user without a time
        zone of their own reads meetings and deadlines in it. Changed by who may write
        the company, not by any contact manager."""
        # the companies' own contacts, found without account's ``ref_company_ids``
        # (party_branch does not depend on account)
        company_partners = (
            self.env["res.company"].sudo().search([("partner_id", "in", self.ids)]).partner_id
        )
        if company_partners.filtered(lambda p: p.tz != tz):
            try:
                self.env["res.company"].check_access("write")
            except AccessError as exc:
                raise AccessError(
                    self.env._(
                        "The time zone of a company's address is the time zone of its Party "
                        "users: only who administers the company changes it."
                    )
                ) from exc

    def _party_check_register(self, vals):
        """A member's contact is their entry in the Party register (``party.member``
        delegates to it, ``active`` included: an archived contact takes the member out of
        every list, count and check). Its name and whether it is archived are kept by the
        organisation: the officers who manage the member, system administrators, or the
        server's own code. Not
        the member: portal's /my/account, /my/deactivate_account and the user's own
        preferences write the contact with ``sudo()``; nor an employee outside the Party
        who manages contacts (Odoo's default user template gives "Contact Creation")."""
        user = self.env.user
        if user._is_superuser() or user._is_system():
            return
        changed = (
            self.sudo()
            .with_context(active_test=False)
            .filtered(lambda p: any(f in vals and p[f] != vals[f] for f in ("name", "active")))
        )
        members = changed.party_member_ids.filtered(lambda m: m.status in _KEPT)
        if not members:
            return
        if any(m.user_id == user for m in members) and not user.has_group(
            "party_branch.group_party_officer"
        ):
            raise AccessError(
                self.env._(
                    "Your name in the Party register is kept by your organisation: ask your "
                    "branch's secretary to correct it."
                )
            )
        try:
            members.with_env(self.env(su=False))._party_check_manage()
        except AccessError as exc:
            raise AccessError(
                self.env._(
                    "%(member)s is in the Party register: only the officers who manage the "
                    "member rename or archive their contact.",
                    member=members[0].name,
                )
            ) from exc
