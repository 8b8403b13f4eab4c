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

    @http.route(["/my/party"], type="http", auth="user", website=True)
    def portal_my_party(self, **kw):
        members = self._party_memberships()
        if not members:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "party_membership", "members": members})
        return request.render("party_branch.portal_my_party", values)
