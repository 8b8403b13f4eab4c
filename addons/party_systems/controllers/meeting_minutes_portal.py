"""A meeting's page on the portal (party_life) shows, once the meeting is held, the
decisions taken at it (passed or rejected) with their results: the decisions the
member sees on ``/my/party/decisions`` (``party.decision._portal_domain``: their own
places on the attendance lists, their membership still in the organisation)."""

from odoo.http import request

from odoo.addons.party_life.controllers.meeting_minutes_portal import PartyMeetingMinutesPortal

from ..models.party_decision import CLOSED_STATES


class MeetingMinutesDecisionPortal(PartyMeetingMinutesPortal):
    def _party_meeting_page_values(self, meeting):
        values = super()._party_meeting_page_values(meeting)
        Decision = request.env["party.decision"].sudo()
        taken = Decision
        if meeting.sudo().state == "held":
            taken = Decision.search(
                Decision._portal_domain()
                + [("meeting_id", "=", meeting.id), ("state", "in", CLOSED_STATES)],
                order="id",
            )
        values["party_decisions_taken"] = taken
        return values
