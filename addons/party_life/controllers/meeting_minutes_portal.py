"""A meeting on the member's portal: its page with the minutes once it is held, and
remote attendance by the meeting's video call.

The page reads the meeting as the caller (record rules: the meetings on whose
attendance list they stand; any other id is the same 404) and its minutes with
``sudo()`` only where ``party.meeting._portal_minutes_visible`` allows them (held, not
confidential, the caller's membership still concerned by the meeting). The remote
attendance and the video call are the model's actions, as the caller, which hold
every check; the member is then sent to the video call's link (the only place it is
handed out to members)."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import is_html_empty

from odoo.addons.party_branch.controllers.portal_base import party_error_text

from .meeting_portal import PartyMeetingPortal


class PartyMeetingMinutesPortal(PartyMeetingPortal):
    def _party_meeting_or_404(self, meeting_id):
        meeting = request.env["party.meeting"].browse(meeting_id)
        if not meeting.exists():
            raise NotFound()
        try:
            meeting.check_access("read")
        except AccessError:
            raise NotFound() from None
        return meeting

    def _party_meeting_page_values(self, meeting):
        """What the meeting's page shows; party_systems adds the decisions taken."""
        visible = meeting._portal_minutes_visible()
        sudo = meeting.sudo()
        if visible:
            minutes_state = "empty" if is_html_empty(sudo.minutes) else "shown"
        elif sudo.state != "held":
            minutes_state = "not_held"
        else:
            minutes_state = "not_shown"
        return {
            "page_name": "party_meeting",
            "meeting": meeting,
            "minutes": sudo.minutes if visible else False,
            "minutes_state": minutes_state,
        }

    @http.route(
        ["/my/meetings/<int:meeting_id>"], type="http", auth="user", website=True, methods=["GET"]
    )
    def portal_my_meeting(self, meeting_id, **kw):
        meeting = self._party_meeting_or_404(meeting_id)
        values = self._prepare_portal_layout_values()
        values.update(self._party_meeting_page_values(meeting))
        return request.render("party_life.portal_my_meeting", values)

    # ------------------------------------------------------------ remote attendance

    @http.route(
        ["/my/meetings/<int:meeting_id>/remote"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_meeting_attend_remote(self, meeting_id, **kw):
        """The member away attends by the video call: recorded remote, then sent to it."""
        return self._party_videocall(meeting_id, "action_attend_remote")

    @http.route(
        ["/my/meetings/<int:meeting_id>/video"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_meeting_join_videocall(self, meeting_id, **kw):
        """A member recorded as attending remotely rejoins the video call."""
        return self._party_videocall(meeting_id, "action_join_videocall")

    def _party_videocall(self, meeting_id, method):
        meeting = request.env["party.meeting"].browse(meeting_id)
        try:
            with request.env.cr.savepoint():
                action = getattr(meeting, method)()
        except (AccessError, MissingError):
            self._party_flash(
                "danger", request.env._("You are not an expected attendee of this meeting.")
            )
            return request.redirect("/my/meetings")
        except UserError as error:
            self._party_flash("danger", party_error_text(error))
            return request.redirect("/my/meetings")
        # the video call's link: Odoo's own (this site) or the one the officers gave
        return request.redirect(action["url"], local=False)
