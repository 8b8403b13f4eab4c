from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase
from odoo.addons.portal.controllers.portal import CustomerPortal


class PartyMeetingPortal(PartyPortalBase, CustomerPortal):
    """The member's meetings on the portal, with sign-in during the meeting (phone first)."""

    def _party_meeting_domain(self):
        return [("attendance_ids.member_id.user_id", "=", request.env.uid)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_meeting_count" in counters or (
            not counters and request.env.user.has_group("party_branch.group_party_member")
        ):
            Meeting = request.env["party.meeting"]
            values["party_meeting_count"] = (
                Meeting.search_count(self._party_meeting_domain())
                if Meeting.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/meetings"], type="http", auth="user", website=True)
    def portal_my_meetings(self, **kw):
        Meeting = request.env["party.meeting"]
        if not Meeting.has_access("read"):
            return request.redirect("/my")
        # Searched as the user: record rules show only the meetings they attend.
        meetings = Meeting.search(
            self._party_meeting_domain() + [("state", "!=", "cancelled")],
            order="upcoming, id desc",
            limit=100,
        )
        values = self._prepare_portal_layout_values()
        # the message of the member's last action is the layout's (party_flash)
        values.update({"page_name": "party_meetings", "meetings": meetings})
        return request.render("party_life.portal_my_meetings", values)

    @http.route(
        ["/my/meetings/<int:meeting_id>/sign_in"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_meeting_sign_in(self, meeting_id, **kw):
        return self._party_member_act(
            meeting_id,
            "action_sign_in",
            request.env._("You are signed in."),
            "o_party_meeting_signed_in",
        )

    @http.route(
        ["/my/meetings/<int:meeting_id>/leave"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_meeting_request_leave(self, meeting_id, reason=None, **kw):
        """The member asks for leave (请假) before the meeting, with a reason."""
        return self._party_member_act(
            meeting_id,
            "action_request_leave",
            request.env._("Your leave request is sent to the secretary."),
            "o_party_meeting_leave_requested",
            reason=reason,
        )

    def _party_member_act(self, meeting_id, method, success, css, savepoint=True, **kwargs):
        """Run the member's own action ``method`` on the meeting (the model finds the
        caller's attendance and holds every check) and go back to /my/meetings with the
        flash of its success, or of its refusal (nothing written): never in the address.
        A meeting that is not the caller's and one that does not exist get one answer."""
        meeting = request.env["party.meeting"].browse(meeting_id)
        return self._party_act(
            "/my/meetings",
            lambda: getattr(meeting, method)(**kwargs),
            success,
            css=css,
            denied=request.env._("You are not an expected attendee of this meeting."),
            savepoint=savepoint,
        )

    # ------------------------------------------------------------ sign-in at the room

    @http.route(
        ["/my/meetings/<int:meeting_id>/sign-in"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_meeting_room_sign_in_page(self, meeting_id, token=None, **kw):
        """What the room screen's QR code opens: a page to confirm, writing nothing (the
        sign-in itself is the POST of its form, with the CSRF token)."""
        meeting = request.env["party.meeting"].browse(meeting_id)
        try:
            meeting.check_access("read")
            name = meeting.name
        except (AccessError, MissingError):
            meeting, name = request.env["party.meeting"], False
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_meetings",
                "meeting_id": meeting_id,
                "meeting_name": name,
                "token": token if isinstance(token, str) else "",
            }
        )
        return request.render("party_life.portal_meeting_room_sign_in", values)

    @http.route(
        ["/my/meetings/<int:meeting_id>/sign-in/confirm"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_meeting_room_sign_in(self, meeting_id, token=None, code=None, **kw):
        """Sign in with the room screen's token (QR code) or its 6-digit code."""
        return self._party_member_act(
            meeting_id,
            "action_sign_in_room",
            request.env._("You are signed in."),
            "o_party_meeting_signed_in",
            # a wrong code is counted in a transaction of its own, kept by the refusal
            savepoint=False,
            token=token,
            code=code,
        )

    @http.route(
        ["/party/meeting/<int:meeting_id>/room"],
        type="http",
        auth="user",
        methods=["GET"],
    )
    def party_meeting_room_screen(self, meeting_id, **kw):
        """The room screen: the QR code and the 6-digit code of the current 30-second
        slot, for the officers of the meeting's organisation only."""
        meeting = request.env["party.meeting"].browse(meeting_id)
        try:
            meeting.check_access("read")
            meeting._party_check_manage()
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return request.render("party_life.meeting_room_screen", meeting._room_screen_values())
