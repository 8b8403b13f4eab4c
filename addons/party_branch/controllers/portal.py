from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class PartyPortal(CustomerPortal):
    """The member's own Party membership on the portal (phone first)."""

    def _party_memberships(self):
        # Record rules limit a Party member to their own membership.
        if not request.env.user.has_group("party_branch.group_party_member"):
            return request.env["party.member"]
        return request.env["party.member"].search([("user_id", "=", request.env.uid)])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            # /my itself (its counters route always asks for some): the Party section is
            # rendered for Party members, with each tile's count or its empty state.
            values["party_portal_member"] = bool(self._party_memberships())
        if "party_member_count" in counters:
            values["party_member_count"] = len(self._party_memberships())
        return values

    def details_form_validate(self, data, partner_creation=False):
        """/my/account: a member's name is their entry in the Party register, kept by
        the organisation (res.partner._party_check_own_name refuses the write; this
        says so on the form instead of an error page)."""
        error, error_message = super().details_form_validate(data, partner_creation)
        partner = request.env.user.partner_id
        if (
            not partner_creation
            and data.get("name")
            and data["name"] != partner.name
            and not request.env.user.has_group("party_branch.group_party_officer")
            and self._party_memberships().filtered(lambda m: m.status in ("active", "lost_contact"))
        ):
            error["name"] = "error"
            error_message.append(
                request.env._(
                    "Your name in the Party register is kept by your organisation: ask your "
                    "branch's secretary to correct it."
                )
            )
        return error, error_message

    @http.route(["/my/party"], type="http", auth="user", website=True)
    def portal_my_party(self, **kw):
        members = self._party_memberships()
        if not members:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "party_membership", "members": members})
        return request.render("party_branch.portal_my_party", values)
