"""The member's private calendar feed (iCalendar): /my/party/calendar.ics?token=…

A phone's calendar subscribes without logging in, so the address carries the member's
own token (``party.member.calendar_token``, readable by system administrators only;
the member makes and remakes it on /my/reminders). A token that is missing, wrong,
replaced, or of a member no longer in an organisation gets the same 404, with
nothing listed."""

from odoo import http
from odoo.http import request
from odoo.tools import consteq

from ..models.party_organization import IN_ORG_STATUSES

TOKEN_MIN, TOKEN_MAX = 32, 128


class PartyCalendarFeed(http.Controller):
    @http.route(
        ["/my/party/calendar.ics"], type="http", auth="public", methods=["GET"], sitemap=False
    )
    def party_calendar_feed(self, token=None, **kw):
        if not isinstance(token, str) or not TOKEN_MIN <= len(token) <= TOKEN_MAX:
            raise request.not_found()
        member = (
            request.env["party.member"]
            .sudo()
            .search([("calendar_token", "=", token), ("status", "in", IN_ORG_STATUSES)], limit=1)
        )
        if not member or not consteq(member.calendar_token, token):
            raise request.not_found()
        body = request.env["party.reminder"].sudo()._calendar_feed(member)
        return request.make_response(
            body.encode(),
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", 'inline; filename="party-meetings.ics"'),
                ("Cache-Control", "private, max-age=0, no-store"),
                ("Referrer-Policy", "no-referrer"),
                ("X-Robots-Tag", "noindex"),
            ],
        )
