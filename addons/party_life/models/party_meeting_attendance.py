from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_meeting import ATTENDANCE_STATES


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
    _party_workflow_fields = ("signed_at",)
    _party_rpc_methods = {
        "create": "ACL and record rules on the meeting's organisation",
        "write": "ACL, record rules; sign-in time only through action_sign_in",
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
