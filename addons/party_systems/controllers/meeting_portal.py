"""The member's meetings on the portal (party_life) list the decisions put to the vote
at each meeting, with a link to vote: found from the member's own places on the
attendance lists, as on ``/my/party/decisions``."""

from odoo import http
from odoo.http import request

from odoo.addons.party_life.controllers.meeting_portal import PartyMeetingPortal


class MeetingDecisionPortal(PartyMeetingPortal):
    @http.route()
    def portal_my_meetings(self, **kw):
        response = super().portal_my_meetings(**kw)
        meetings = getattr(response, "qcontext", {}).get("meetings")
        if meetings:
            Decision = request.env["party.decision"]
            decisions = Decision.sudo().search(
                Decision._portal_domain() + [("meeting_id", "in", meetings.ids)],
                order="id",
            )
            response.qcontext["party_decisions"] = {
                meeting.id: decisions.filtered(lambda d, m=meeting: d.meeting_id == m)
                for meeting in meetings
            }
            response.qcontext["party_voting"] = decisions.with_env(request.env)._portal_voting()
        return response
