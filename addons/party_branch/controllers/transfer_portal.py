"""The member asks for the transfer of their membership on the portal
(``/my/party/transfer``): to an organisation of their company or outside the system.
The request is ``party.member.transfer.request_transfer`` as the caller (their own
membership, found by their user); the officers of their organisation review the draft.
The member's transfers are read as the caller (record rules: their own)."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_base import PartyPortalBase

URL = "/my/party/transfer"


class PartyTransferPortal(PartyPortalBase, CustomerPortal):
    @http.route([URL], type="http", auth="user", website=True)
    def portal_my_transfer(self, **kw):
        member = (
            request.env["party.member"]
            .sudo()
            .search(
                [("user_id", "=", request.env.uid), ("status", "in", ("active", "lost_contact"))],
                limit=1,
            )
        )
        if not member:
            return request.redirect("/my/party")
        Transfer = request.env["party.member.transfer"]
        transfers = (
            Transfer.search([("member_id", "=", member.id)])
            if Transfer.has_access("read")
            else Transfer
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_transfer",
                "transfers": transfers,
                "open_transfer": transfers.filtered(lambda t: t.state in ("draft", "sent"))[:1],
                "organization_name": member.organization_id.complete_name,
                # names only, of the organisations of the member's company
                "destinations": [
                    (org.id, org.complete_name)
                    for org in Transfer._party_request_destinations(member)
                ],
            }
        )
        return request.render("party_branch.portal_my_transfer", values)

    @http.route([f"{URL}/request"], type="http", auth="user", website=True, methods=["POST"])
    def portal_transfer_request(self, **post):
        org = post.get("to_organization_id") or ""
        values = {
            "to_organization_id": int(org) if org.isdigit() else False,
            "to_external": post.get("to_external") or False,
            "reason": post.get("reason") or False,
        }
        return self._party_act(
            URL,
            lambda: request.env["party.member.transfer"].request_transfer(values),
            request.env._("Your request is sent: your organisation reviews it."),
            css="o_party_transfer_requested",
        )
