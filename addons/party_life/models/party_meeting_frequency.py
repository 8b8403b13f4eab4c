from odoo import fields, models

from .party_meeting import MEETING_TYPES


class PartyMeetingFrequency(models.Model):
    """How often a type of meeting is due, per organisation type (data, editable)."""

    _name = "party.meeting.frequency"
    _description = "Meeting Frequency Rule"
    _inherit = ["party.access.mixin"]
    _order = "sequence, id"
    _party_org_field = False  # data of the Party administrators (ACL)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    meeting_type = fields.Selection(MEETING_TYPES, required=True)
    org_types = fields.Char(
        string="Organisation Types",
        required=True,
        help="Comma-separated organisation types the rule applies to "
        "(committee, general_branch, branch, joint_branch, group).",
    )
    requires_committee = fields.Boolean(
        help="Applies only to organisations that have set up a committee."
    )
    by_secretary = fields.Boolean(
        string="Lectured by the Secretary",
        help="Counts only Party lectures given by the organisation's secretary.",
    )
    period_months = fields.Integer(
        string="Period (months)",
        required=True,
        default=1,
        help="1 monthly, 3 quarterly, 12 yearly. Periods are aligned on the calendar year.",
    )
    rule = fields.Char(help="Citation of the regulation.")

    _sql_constraints = [
        (
            "period_check",
            "CHECK(period_months IN (1, 2, 3, 4, 6, 12))",
            "The period must divide the year (1, 2, 3, 4, 6 or 12 months).",
        ),
    ]

    def _gap_key(self):
        self.ensure_one()
        return f"{self.meeting_type}_secretary" if self.by_secretary else self.meeting_type

    def _applies_to(self, org):
        types = {t.strip() for t in (self.org_types or "").split(",")}
        return org.org_type in types and (not self.requires_committee or org.has_committee)
