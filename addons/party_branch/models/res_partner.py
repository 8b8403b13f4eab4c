from odoo import fields, models
from odoo.exceptions import AccessError

# the statuses of a membership still kept by an organisation (party_organization.py)
_KEPT = ("active", "lost_contact")


class ResPartner(models.Model):
    _inherit = "res.partner"

    _party_rpc_methods = {
        "write": "Odoo's own rights on contacts; a member does not rename their own entry in "
        "the Party register (portal /my/account, res.users preferences: both sudo)",
    }

    # the record rule of officers on contacts follows the memberships (security/party_security.xml)
    party_member_ids = fields.One2many("party.member", "partner_id", string="Party Memberships")

    def write(self, vals):
        if "name" in vals:
            self._party_check_own_name(vals["name"])
        return super().write(vals)

    def _party_check_own_name(self, name):
        """A member's contact is their entry in the Party register (``party.member``
        delegates to it): portal's /my/account and the user's own preferences write it
        with ``sudo()``, so a member could rename themself in the register. The name
        there is kept by the organisation (an officer, or the server's own code)."""
        user = self.env.user
        if user._is_superuser() or user.has_group("party_branch.group_party_officer"):
            return
        own = self.sudo().filtered(
            lambda p: (
                p.name != name
                and any(m.status in _KEPT and m.user_id == user for m in p.party_member_ids)
            )
        )
        if own:
            raise AccessError(
                self.env._(
                    "Your name in the Party register is kept by your organisation: ask your "
                    "branch's secretary to correct it."
                )
            )
