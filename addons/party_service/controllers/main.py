"""The public service request form (no account), the requester's private follow-up
link, and the member's service page on the portal.

The form needs no outside service against spam: a honeypot field people do not
see (a robot fills it and gets the thank-you page, nothing is created) and a rate
limit per source address and hour. The follow-up link carries the request's id and
token; a wrong id or token shows "not found", the same for both.
"""

from urllib.parse import urlencode

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal import CustomerPortal

HONEYPOT = "website_url"
MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# what a photo may be, read from its bytes (never the type the browser claims): no
# SVG, whose scripts would run on this site's address when an officer opens it
PHOTO_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
MAX_TEXT = 5000


def read_photos(env, files):
    """[{name, data, mimetype}] of the uploaded photos; ValidationError, before anything
    is written, for a file that is not a PNG, JPEG, GIF or WebP image of at most 5 MB,
    or for more than 5 photos."""
    photos = []
    uploads = [upload for upload in files if upload and upload.filename]
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError(env._("Photos are images of at most 5 MB each (up to 5 photos)."))
    for upload in uploads:
        data = upload.read(MAX_PHOTO_BYTES + 1)
        if not data:
            continue
        mimetype = guess_mimetype(data)
        if len(data) > MAX_PHOTO_BYTES or mimetype not in PHOTO_TYPES:
            raise ValidationError(env._("Photos are images of at most 5 MB each (up to 5 photos)."))
        photos.append({"name": upload.filename or "photo", "data": data, "mimetype": mimetype})
    return photos


def error_message(env, code):
    """The message of a known error code of a redirect's ``?error=``, or None: a
    page never shows a text its address carries."""
    messages = {
        "rating_range": lambda: env._("A rating is a whole number from 1 to 5."),
        "rated_already": lambda: env._(
            "This request has been rated already: a rating is given once."
        ),
        "not_resolved": lambda: env._("A request is rated after it has been resolved."),
        "own_request": lambda: env._("The member assigned to a request does not rate it."),
        "visit_early": lambda: env._("A visit is logged on or after its day."),
        "photos": lambda: env._(
            "Photos are PNG, JPEG, GIF or WebP images of at most 5 MB each (up to 5 photos)."
        ),
        "refused": lambda: env._("This could not be done."),
    }
    return messages[code]() if isinstance(code, str) and code in messages else None


class PartyServiceWebsite(http.Controller):
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
                "error": error_message(request.env, kw.get("error")),
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
            return request.render(
                "party_service.service_request_form",
                {"categories": categories, "error": error, "values": values},
            )
        values["description"] = "<p>%s</p>" % (
            values["description"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )
        ticket = Ticket._party_public_create(values, address)
        return request.redirect(ticket._party_follow_url() + "?submitted=1")

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
                "submitted": kw.get("submitted"),
                "rated": kw.get("rated"),
                "error": error_message(request.env, kw.get("error")),
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
        url = f"/service/request/{ticket.id}/{token}"
        member_user = ticket.party_member_id.user_id
        if member_user and member_user == request.env.user:
            # the assigned member does not rate their own work, even holding the link
            return request.redirect(url + "?" + urlencode({"error": "own_request"}))
        try:
            ticket._party_rate(post.get("score") or "", post.get("comment"))
        except ValidationError:
            return request.redirect(url + "?" + urlencode({"error": "rating_range"}))
        except UserError:
            code = "rated_already" if ticket.party_rated_at else "not_resolved"
            return request.redirect(url + "?" + urlencode({"error": code}))
        return request.redirect(url + "?rated=1")


class PartyServicePortal(CustomerPortal):
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

    def _volunteer_events(self, member):
        if not member:
            return request.env["event.event"]
        org_ids = [int(i) for i in member.organization_id.parent_path.split("/") if i]
        return (
            request.env["event.event"]
            .sudo()
            .search(
                [
                    ("party_organization_id", "in", org_ids),
                    ("date_end", ">=", fields.Datetime.now()),
                ],
                order="date_begin",
                limit=20,
            )
        )

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
        weights = env["party.assessment.rule"]._weights()
        events = self._volunteer_events(member) - registrations.mapped("event_id").sudo()
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
                "current": lines.filtered(lambda line: line.state == "open")[:1],
                "missing": self._missing(
                    lines.filtered(lambda line: line.state == "open")[:1], weights
                ),  # fmt: skip
                "message": kw.get("message"),
                "error": error_message(env, kw.get("error")),
            }
        )
        return request.render("party_service.portal_my_service", values)

    @staticmethod
    def _missing(line, weights):
        """[(label, points still open)] of the rewarded sources below their cap."""
        if not line:
            return []
        missing = []
        rules = request.env["party.assessment.rule"].sudo().search([("is_penalty", "=", False)])
        fields_by_source = {
            "meeting": "meeting_points", "study": "study_points", "dues": "dues_points",
            "request": "request_points", "rating": "rating_points", "visit": "visit_points",
            "volunteer": "volunteer_points",
        }  # fmt: skip
        for rule in rules:
            _points, cap, _penalty = weights.get(rule.source, (0, 0, False))
            got = line[fields_by_source[rule.source]]
            if cap and got < cap:
                missing.append((rule.name, round(cap - got, 2)))
        return missing

    def _redirect(self, error=None, message=None):
        params = {"error": error} if error else {"message": message}
        return request.redirect("/my/service?" + urlencode(params))

    @http.route(
        ["/my/service/request/<int:ticket_id>/resolve"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_resolve(self, ticket_id, **kw):
        ticket = request.env["helpdesk.ticket"].browse(ticket_id)
        try:
            ticket.check_access("read")
            ticket.action_party_resolve()
        except (AccessError, MissingError):
            return request.redirect("/my/service")
        except UserError:
            return self._redirect(error="refused")
        return self._redirect(message="resolved")

    @http.route(
        ["/my/service/visit/<int:visit_id>/log"], type="http", auth="user", website=True,
        methods=["POST"],
    )  # fmt: skip
    def portal_service_log_visit(self, visit_id, **kw):
        visit = request.env["party.pairing.visit"].browse(visit_id)
        try:
            visit.check_access("read")
            # the photos are checked before the visit is logged: nothing half-written
            photos = read_photos(request.env, request.httprequest.files.getlist("photos"))
        except (AccessError, MissingError):
            return request.redirect("/my/service")
        except ValidationError:
            return self._redirect(error="photos")
        try:
            visit.action_log()
            note = (kw.get("note") or "").strip()[:MAX_TEXT]
            if note:
                visit.sudo().note = note  # the caller's own visit, checked above
            if photos:
                visit.sudo()._party_attach_photos(photos)  # the same visit, checked above
        except (AccessError, MissingError):
            return request.redirect("/my/service")
        except UserError:
            early = visit.sudo().date > fields.Date.context_today(visit)
            return self._redirect(error="visit_early" if early else "refused")
        return self._redirect(message="visit_logged")

    @http.route(
        ["/my/service/volunteer/<int:event_id>/sign_up"], type="http", auth="user",
        website=True, methods=["POST"],
    )  # fmt: skip
    def portal_service_sign_up(self, event_id, **kw):
        member = self._party_member()
        # only the volunteer activities offered to the member's organisation tree
        event = self._volunteer_events(member).filtered(lambda e: e.id == event_id)
        if not member or not event:
            return request.redirect("/my/service")
        Registration = request.env["event.registration"].sudo()
        if not Registration.search_count(
            [("event_id", "=", event.id), ("party_member_id", "=", member.id)]
        ):
            Registration.create(
                {
                    "event_id": event.id,
                    "partner_id": member.partner_id.id,
                    "party_member_id": member.id,
                    "name": member.name,
                    "email": member.email,
                }
            )
        return self._redirect(message="signed_up")


class PartyHelpdeskTicketController(HelpdeskTicketController):
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
        env = request.env
        ticket_id, stage_id = kw.get("ticket_id") or "", kw.get("stage_id") or ""
        if not (ticket_id.isdigit() and stage_id.isdigit()):
            return request.redirect("/my")
        ticket = env["helpdesk.ticket"].browse(int(ticket_id))
        try:
            ticket.check_access("read")
        except (AccessError, MissingError):
            return request.redirect("/my")
        ticket_sudo = ticket.sudo()
        url = f"/my/ticket/{ticket.id}"
        if ticket_sudo.party_organization_id or ticket_sudo.closed_date:
            return request.redirect(url)
        user = env.user
        requester = ticket_sudo.partner_id.commercial_partner_id
        if not (
            (requester and requester == user.partner_id.commercial_partner_id)
            or user.has_group("helpdesk_mgmt.group_helpdesk_manager")
        ):
            return request.redirect(url)
        stage = env["helpdesk.ticket.stage"].sudo().browse(int(stage_id)).exists()
        applicable = ticket_sudo.team_id._get_applicable_stages()
        if not stage or not stage.close_from_portal or stage not in applicable:
            return request.redirect(url)
        ticket_sudo.stage_id = stage
        return request.redirect(url)

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
