from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_meeting import ATTENDANCE_STATES

LEAVE_STATES = [
    ("requested", "Requested"),
    ("granted", "Granted"),
    ("refused", "Refused"),
]


class PartyMeetingAttendance(models.Model):
    _name = "party.meeting.attendance"
    _description = "Meeting Attendance"
    _inherit = ["party.access.mixin"]
    _order = "meeting_id, id"
    _check_company_auto = True
    _rec_name = "member_id"

    _party_org_field = False  # the meeting's (related, stored)
    _party_parent_field = "meeting_id"
    _party_fixed_fields = ("meeting_id", "member_id")
    # the leave request (请假): asked by the member through party.meeting's
    # action_request_leave, answered by the secretary's action_grant/refuse_leave
    _party_workflow_fields = (
        "signed_at", "leave_state", "leave_reason", "leave_requested_at", "room_failures",
    )  # fmt: skip
    _party_rpc_methods = {
        "create": "ACL and record rules on the meeting's organisation",
        "write": "ACL, record rules; sign-in time only through action_sign_in",
        "action_grant_leave": "_party_check_manage: officer of the meeting's organisation",
        "action_refuse_leave": "_party_check_manage: officer of the meeting's organisation",
    }

    meeting_id = fields.Many2one("party.meeting", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(related="meeting_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    meeting_start = fields.Datetime(related="meeting_id.start", store=True)
    meeting_state = fields.Selection(related="meeting_id.state", store=True, string="Meeting State")
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade", check_company=True
    )
    # until the meeting is held, nobody is absent: the attendance is "expected"
    state = fields.Selection(ATTENDANCE_STATES, default="expected", required=True)
    excuse = fields.Char(help="Reason of the excused absence (请假), required.")
    signed_at = fields.Datetime(readonly=True)
    leave_state = fields.Selection(LEAVE_STATES, string="Leave Request", readonly=True, copy=False)
    leave_reason = fields.Char(readonly=True, copy=False, help="The member's reason (请假).")
    leave_requested_at = fields.Datetime(readonly=True, copy=False)
    # wrong room codes or tokens the member sent (counted in their own transaction,
    # party.meeting._room_count_failure): past ROOM_MAX_FAILURES, no more guesses
    room_failures = fields.Integer(readonly=True, copy=False, groups="base.group_system")

    _sql_constraints = [
        (
            "meeting_member_uniq",
            "unique(meeting_id, member_id)",
            "A member is listed once per meeting.",
        ),
    ]

    @api.constrains("state", "excuse")
    def _check_excuse(self):
        for attendance in self:
            if attendance.state == "excused" and not (attendance.excuse or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(member)s is excused from %(meeting)s: enter the reason of the leave "
                        "(请假).",
                        member=attendance.member_id.name,
                        meeting=attendance.meeting_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_not_held(self):
        """The roll of a held meeting is its record: nobody takes a name off it (the
        voters due of its votes never read it anyway, party_branch.tools.voting)."""
        held = self.sudo().filtered(lambda a: a.meeting_id.state == "held")
        if held:
            raise UserError(
                self.env._(
                    "%(meeting)s was held: its attendance list stays as recorded; correct a "
                    "member's attendance instead of removing them.",
                    meeting=held[0].meeting_id.name,
                )
            )

    # ------------------------------------------------------------ leave requests

    def _check_leave_requested(self):
        for attendance in self:
            if attendance.leave_state != "requested":
                raise UserError(
                    self.env._(
                        "%(member)s has no leave request waiting for an answer for %(meeting)s.",
                        member=attendance.member_id.name,
                        meeting=attendance.meeting_id.name,
                    )
                )
            if attendance.meeting_id.state == "cancelled":
                raise UserError(
                    self.env._("%(name)s is cancelled.", name=attendance.meeting_id.name)
                )

    def action_grant_leave(self):
        """The secretary grants the leave (请假): the member is excused, for the reason
        they gave."""
        self._party_check_manage()
        self._check_leave_requested()
        # one write per reason given (the excuse is the member's own reason)
        attendances = self.sudo()
        for reason in set(attendances.mapped("leave_reason")):
            attendances.filtered(lambda a, r=reason: a.leave_reason == r)._party_action_write(
                {"leave_state": "granted", "state": "excused", "excuse": reason}
            )
        return True

    def action_refuse_leave(self):
        """The secretary refuses the leave: the member is still expected."""
        self._party_check_manage()
        self._check_leave_requested()
        self.sudo()._party_action_write({"leave_state": "refused"})
        return True
