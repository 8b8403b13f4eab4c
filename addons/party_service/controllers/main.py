"""The public service request form (no account), the requester's private follow-up
link, and the member's service page on the portal.

The form needs no outside service against spam: a honeypot field people do not
see (a robot fills it and gets the thank-you page, nothing is created) and a rate
limit per source address and hour. The follow-up link carries the request's id and
token; a wrong id or token shows "not found", the same for both.
"""

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase
from odoo.addons.party_branch.tools.uploads import read_uploads
from odoo.addons.portal.controllers.portal import CustomerPortal

HONEYPOT = "website_url"
MAX_TEXT = 5000


def photos_message(env):
    return env._("Photos are PNG, JPEG, GIF or WebP images of at most 5 MB each (up to 5 photos).")


def read_photos(env, files):
    """[{name, data, mimetype}] of the uploaded photos; ValidationError, before anything
    is written, for a file that is not a PNG, JPEG, GIF or WebP image of at most 5 MB,
    or for more than 5 photos (read from their bytes: party_branch.tools.uploads)."""
    return read_uploads(files, photos_message(env))


class PartyServiceWebsite(PartyPortalBase, http.Controller):
    def _categories(self):
        # the Party's categories shown in the portal (the public reads them through
        # helpdesk_mgmt's public ACL), not helpdesk's others (IT support...)
        return request.env["helpdesk.ticket.category"].search(
            [("show_in_portal", "=", True), ("party_category", "=", True)]
        )

    @http.route(["/service/request"], type="http", auth="public", website=True, sitemap=True)
    def service_request_form(self, **kw):
        return request.render(
            "party_service.service_request_form",
            {
                "categories": self._categories(),
                "party_flash": self._party_pop_flash(),
                "values": {},
            },
        )

    @http.route(
        ["/service/request/submit"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def service_request_submit(self, **post):
        env = request.env
        if post.get(HONEYPOT):
            # a robot filled the field people do not see: thank it, create nothing
            return request.render("party_service.service_request_thanks", {"ticket": None})
        values = {
            key: (post.get(key) or "").strip()[:MAX_TEXT]
            for key in ("name", "description", "partner_name", "partner_email", "party_phone",
                        "party_address", "party_community")
        }  # fmt: skip
        category = post.get("category_id") or ""
        categories = self._categories()
        category_id = int(category) if category.isdigit() else 0
        values["category_id"] = category_id if category_id in categories.ids else False
        error = None
        if not values["name"] or not values["description"]:
            error = env._("Give your request a title and describe it.")
        elif not values["partner_email"] and not values["party_phone"]:
            error = env._("Leave an e-mail address or a phone number so that we can reach you.")
        address = request.httprequest.remote_addr or ""
        Ticket = env["helpdesk.ticket"]
        if not error and Ticket._party_rate_limited(address):
            error = env._(
                "Too many requests from your connection in the last hour: please try again later."
            )
        if not error:
            try:
                values["photos"] = read_photos(env, request.httprequest.files.getlist("photos"))
            except ValidationError as exc:
                error = exc.args[0]
        if error:
            # the form again, with what was typed and the refusal in the one alert
            flash = {"kind": "danger", "text": str(error), "css": "o_party_service_error"}
            return request.render(
                "party_service.service_request_form",
                {"categories": categories, "party_flash": flash, "values": values},
            )
        values["description"] = "<p>%s</p>" % (
            values["description"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )
        ticket = Ticket._party_public_create(values, address)
        self._party_flash(
            "success",
            env._(
                "Your request has been received. Keep this page's address: it is your private link."
            ),
            css="o_party_service_submitted",
        )
        return request.redirect(ticket._party_follow_url())

    def _ticket_by_token(self, ticket_id, token):
        """The request of the link, or None: the id and the token must both match."""
        ticket = request.env["helpdesk.ticket"].sudo().browse(ticket_id).exists()
        # the follow-up token, readable by no user (not the portal access token, which
        # the assigned member, officers and helpdesk users may read)
        follow = ticket.party_follow_token if ticket else None
        if not follow or not consteq(follow, token or ""):
            return None
        return ticket

    @http.route(
        ["/service/request/<int:ticket_id>/<string:token>"],
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def service_request_follow(self, ticket_id, token, **kw):
        ticket = self._ticket_by_token(ticket_id, token)
        if not ticket:
            raise request.not_found()
        return request.render(
            "party_service.service_request_follow",
            {
                "ticket": ticket,
                "token": token,
                "party_flash": self._party_pop_flash(),
                "can_rate": bool(ticket.party_resolved_at and not ticket.party_rated_at),
            },
        )

    @http.route(
        ["/service/request/<int:ticket_id>/<string:token>/rate"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def service_request_rate(self, ticket_id, token, **post):
        ticket = self._ticket_by_token(ticket_id, token)
        if not ticket:
            raise request.not_found()
        # the ticket is sudo() (the link's token matched); its rating checks the rest,
        # the assigned member included (the caller's user)
        return self._party_act(
            f"/service/request/{ticket.id}/{token}",
            lambda: ticket._party_rate(post.get("score") or "", post.get("comment")),
            request.env._("Thank you for your rating."),
            css="o_party_service_rated",
        )


class PartyServicePortal(PartyPortalBase, CustomerPortal):
    """The member's own service page: requests assigned to them, pairings and next
    visits, volunteer activities and hours, and their score this period."""

    def _party_member(self):
        """The caller's own membership, found by the caller's user."""
        return (
            request.env["party.member"]
            .sudo()
            .search([("user_id", "=", request.env.uid), ("status", "=", "active")], limit=1)
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_service_count" in counters or (
            not counters and request.env.user.has_group("party_branch.group_party_member")
        ):
            Ticket = request.env["helpdesk.ticket"]
            values["party_service_count"] = (
                Ticket.search_count(
                    [
                        ("party_member_id.user_id", "=", request.env.uid),
                        ("party_resolved_at", "=", False),
                    ]
                )  # fmt: skip
                if Ticket.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/service"], type="http", auth="user", website=True)
    def portal_my_service(self, **kw):
        member = self._party_member()
        if not member:
            return request.redirect("/my")
        env = request.env
        uid = env.uid
        # searched as the user: the record rules show the member's own records only
        tickets = env["helpdesk.ticket"].search(
            [("party_member_id.user_id", "=", uid)], order="party_deadline", limit=50
        )
        pairings = env["party.pairing"].search(
            [("member_id.user_id", "=", uid), ("state", "=", "active")]
        )
        visits = env["party.pairing.visit"].search(
            [("member_id.user_id", "=", uid), ("state", "=", "planned")], order="date", limit=20
        )
        registrations = env["event.registration"].search(
            [("party_member_id.user_id", "=", uid)], order="event_begin_date desc", limit=50
        )
        lines = env["party.assessment.line"].search(
            [("member_id.user_id", "=", uid)], order="date_to desc", limit=6
        )
        events = (
            env["event.event"]._party_volunteer_offers(member)
            - registrations.mapped("event_id").sudo()
        )
        current = lines.filtered(lambda line: line.state == "open")[:1]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_service",
                "member": member,
                "tickets": tickets,
                "pairings": pairings,
                "visits": visits,
                "registrations": registrations,
                "volunteer_hours": sum(registrations.mapped("party_hours")),
                "events": events,
                "lines": lines,
                "current": current,
                # the model's rules and its map of the sources' points
                "missing": current._points_to_earn(),
            }
        )
        return request.render("party_service.portal_my_service", values)

    @http.route(
        ["/my/service/request/<int:ticket_id>/resolve"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_resolve(self, ticket_id, **kw):
        ticket = request.env["helpdesk.ticket"].browse(ticket_id)

        def resolve():
            ticket.check_access("read")
            ticket.action_party_resolve()

        return self._party_act(
            "/my/service",
            resolve,
            request.env._("The request is marked resolved."),
            css="o_party_service_message o_party_service_resolved",
            denied=request.env._("This request is not assigned to you."),
        )

    @http.route(
        ["/my/service/visit/<int:visit_id>/log"], type="http", auth="user", website=True,
        methods=["POST"],
    )  # fmt: skip
    def portal_service_log_visit(self, visit_id, **kw):
        visit = request.env["party.pairing.visit"].browse(visit_id)

        def log():
            visit.check_access("read")
            # the photos are checked before the visit is logged: nothing half-written
            photos = read_photos(request.env, request.httprequest.files.getlist("photos"))
            visit._party_log_visit(note=kw.get("note"), photos=photos)

        return self._party_act(
            "/my/service",
            log,
            request.env._("The visit is logged."),
            css="o_party_service_message o_party_service_visit_logged",
            denied=request.env._("This visit is not yours."),
        )

    @http.route(
        ["/my/service/volunteer/<int:event_id>/sign_up"], type="http", auth="user",
        website=True, methods=["POST"],
    )  # fmt: skip
    def portal_service_sign_up(self, event_id, **kw):
        # the model finds the caller's membership and the activities offered to it
        event = request.env["event.event"].browse(event_id)
        return self._party_act(
            "/my/service",
            event._party_volunteer_sign_up,
            request.env._("You are signed up."),
            css="o_party_service_message o_party_service_signed_up",
        )


class PartyHelpdeskTicketController(PartyPortalBase, HelpdeskTicketController):
    """helpdesk_mgmt's own routes, reviewed (docs/security.md, rule 3).

    ``/ticket/close`` found the ticket with ``sudo()`` by the id sent, checked no
    ownership and closed on a GET (no CSRF token): anyone logged in closed anyone's
    request, and a Party request counted as resolved. Here it is a POST with the CSRF
    token, by the ticket's requester (their contact or company) or a helpdesk
    manager, to a stage the ticket's team offers for closing from the portal; a
    Party service request is never closed here (the assigned member or an officer
    resolves it through its action, the requester rates it through their link).
    """

    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, **kw):
        ticket_id, stage_id = kw.get("ticket_id") or "", kw.get("stage_id") or ""
        ticket = request.env["helpdesk.ticket"].browse(int(ticket_id) if ticket_id.isdigit() else 0)
        # the ticket's model decides who closes it, to which stage
        return self._party_act(
            f"/my/ticket/{ticket.id}" if ticket else "/my",
            lambda: ticket._party_close_from_portal(int(stage_id) if stage_id.isdigit() else 0),
            request.env._("The ticket is closed."),
            css="o_party_ticket_closed",
            denied=request.env._("This ticket is not yours to close."),
        )

    @http.route(
        "/submitted/ticket", type="http", auth="user", website=True, csrf=True, methods=["POST"]
    )
    def submit_ticket(self, **kw):
        """helpdesk_mgmt's portal form, as a POST only: on a GET, which another site can
        make a logged-in browser send, no CSRF token is checked."""
        return super().submit_ticket(**kw)


class PartyCustomerPortalHelpdesk(CustomerPortalHelpdesk):
    """helpdesk_mgmt's portal pages in the reader's language: helpdesk_mgmt's Python
    strings (the search bar of /my/tickets) are translated by Odoo only from
    helpdesk_mgmt's own folder, which has no Chinese; the same choices here are
    party_service's strings, translated by its .po."""

    @http.route()
    def portal_my_tickets(self, *args, **kw):
        response = super().portal_my_tickets(*args, **kw)
        filters = (getattr(response, "qcontext", None) or {}).get("searchbar_filters")
        if filters and "all" in filters:
            # the "All" filter is built inside helpdesk_mgmt's route, not a method
            filters["all"]["label"] = request.env._("All")
        return response

    def _ticket_get_searchbar_sortings(self):
        labels = {
            "date": request.env._("Newest"),
            "name": request.env._("Title"),
            "stage": request.env._("Stage"),
            "update": request.env._("Last Stage Update"),
        }
        return self._party_labelled(super()._ticket_get_searchbar_sortings(), labels)

    def _ticket_get_searchbar_groupby(self):
        labels = {
            "none": request.env._("None"),
            "category": request.env._("Category"),
            "stage": request.env._("Stage"),
        }
        return self._party_labelled(super()._ticket_get_searchbar_groupby(), labels)

    def _ticket_get_searchbar_inputs(self):
        labels = {
            "all": request.env._("Search in All"),
            "number": request.env._("Search in Number"),
            "name": request.env._("Search in Title"),
        }
        return self._party_labelled(super()._ticket_get_searchbar_inputs(), labels)

    @staticmethod
    def _party_labelled(choices, labels):
        """helpdesk_mgmt's choices (same keys, order and values), with the labels
        translated here; a choice another addon adds keeps its own label."""
        return {
            key: {**choice, "label": labels[key]} if key in labels else choice
            for key, choice in choices.items()
        }

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        if ticket.sudo().party_organization_id:
            # a Party service request is not closed from helpdesk's portal page
            values["closed_stages"] = request.env["helpdesk.ticket.stage"]
        return values
