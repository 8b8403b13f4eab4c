"""Party affairs disclosure on the website and the portal; required reading.

Every page shows only what the caller may see, found by the server from the
caller's own membership (``party.disclosure._visible_for``, the regulation's
readers): an id the caller guesses that is not theirs to see is a 404, the same
answer as an id that does not exist.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase


class PartySystemsController(PartyPortalBase, http.Controller):
    @http.route("/party/disclosures", type="http", auth="public", website=True, sitemap=True)
    def disclosures(self, **kwargs):
        disclosures = request.env["party.disclosure"]._visible_for(request.env.user)
        return request.render("party_systems.disclosure_list_page", {"disclosures": disclosures})

    @http.route(
        "/party/disclosures/<int:disclosure_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def disclosure(self, disclosure_id, **kwargs):
        disclosures = request.env["party.disclosure"]._visible_for(request.env.user)
        disclosure = disclosures.filtered(lambda d: d.id == disclosure_id)
        if not disclosure:
            raise NotFound()
        return request.render("party_systems.disclosure_page", {"disclosure": disclosure})

    def _my_regulations(self):
        Regulation = request.env["party.regulation"].sudo()
        members = (
            request.env["party.member"]
            .sudo()
            .search(
                [("user_id", "=", request.env.uid), ("status", "in", ("active", "lost_contact"))]
            )
        )
        if not members:
            return Regulation, set()
        ancestors = [
            int(i)
            for path in members.organization_id.mapped("parent_path")
            for i in path.split("/")
            if i
        ]
        regulations = Regulation.search(
            [
                ("in_force", "=", True),
                ("required_reading", "=", True),
                "|",
                ("applies_to_ids", "in", ancestors),
                "&",
                ("applies_to_ids", "=", False),
                ("organization_id", "in", ancestors),
            ]
        )
        read = set(
            request.env["party.regulation.ack"]
            .sudo()
            .search([("member_id", "in", members.ids), ("regulation_id", "in", regulations.ids)])
            .regulation_id.ids
        )
        return regulations, read

    @http.route("/my/party/regulations", type="http", auth="user", website=True)
    def my_regulations(self, **kwargs):
        regulations, read = self._my_regulations()
        return request.render(
            "party_systems.portal_my_regulations",
            {
                "regulations": regulations,
                "read": read,
                "page_name": "party_regulations",
                "party_flash": self._party_pop_flash(),
            },
        )

    @http.route(
        "/my/party/regulations/<int:regulation_id>/read",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def acknowledge(self, regulation_id, **kwargs):
        regulation = request.env["party.regulation"].browse(regulation_id)
        # a regulation that is not the caller's to read is the 404 of one that does not
        # exist; one they may not acknowledge now says why
        return self._party_act(
            "/my/party/regulations",
            regulation.action_acknowledge,
            request.env._("Your reading is recorded. Thank you."),
            css="o_party_regulation_read",
            not_found=True,
        )
