"""三会一课 and other organisational-life meetings (组织生活正常化).

Rules (design.md, "Organisational life"): branch member assembly once per
quarter, branch committee meeting and Party group meeting once per month,
Party lecture at least once per quarter and the secretary lectures at least
once a year, theme Party day monthly, organisational life meeting and
democratic appraisal of members once per year. A meeting is recorded when it
is held; entering it long after the fact needs an explicit, audited reason.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MEETING_TYPES = [
    ("branch_assembly", "Branch Member Assembly"),
    ("committee_meeting", "Branch Committee Meeting"),
    ("group_meeting", "Party Group Meeting"),
    ("party_lecture", "Party Lecture"),
    ("theme_day", "Theme Party Day"),
    ("life_meeting", "Organisational Life Meeting"),
    ("appraisal_meeting", "Democratic Appraisal of Members"),
]
IN_ORG_STATUSES = ("active", "lost_contact")
# Recording a meeting more than this long after it ended needs a late-entry reason.
# a meeting entered more than 7 days (超过7天) after it ended needs a late-entry reason:
# exactly 7 days after the end is still in time
LATE_ENTRY_DAYS = 7
# Members sign in from this long before the start until this long after the end.
SIGN_IN_MARGIN = timedelta(minutes=30)


def _rule_citation(env):
    return env._(
        "三会一课 (《中国共产党支部工作条例（试行）》2018): branch member assembly once per "
        "quarter; branch committee and Party group meetings once per month; a Party lecture "
        "at least once per quarter, the secretary lecturing at least once a year; theme Party "
        "day monthly; organisational life meeting and democratic appraisal once per year."
    )


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


class PartyMeeting(models.Model):
    _name = "party.meeting"
    _description = "Party Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "start desc, id desc"

    _party_location_fields = ("lecturer_id",)
    # the calendar event is the meeting's own, created by _sync_calendar_event: a
    # pointer to someone else's event would be rewritten as superuser
    _party_workflow_fields = ("state", "held_on", "calendar_event_id")
    _party_rpc_methods = {
        "create": "ACL, record rules and party.access.mixin (organisation managed, state planned)",
        "write": "ACL, record rules and party.access.mixin (no move, no state)",
        "action_fill_attendees": "_party_check_manage: officer of the meeting's organisation",
        "action_held": "_party_check_manage: officer of the meeting's organisation",
        "action_cancel": "_party_check_manage: officer of the meeting's organisation",
        "action_reset_planned": "_party_check_manage: officer of the meeting's organisation",
        "action_sign_in": "the caller's own attendance only (AccessError otherwise)",
    }

    name = fields.Char(required=True, tracking=True)
    meeting_type = fields.Selection(
        MEETING_TYPES, string="Type", required=True, default="branch_assembly", tracking=True
    )
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    start = fields.Datetime(required=True, tracking=True, index=True)
    stop = fields.Datetime(
        compute="_compute_stop",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    location = fields.Char(tracking=True)
    lecturer_id = fields.Many2one(
        "party.member",
        tracking=True,
        help="For a Party lecture: who lectures. The secretary lectures at least once a year.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    held_on = fields.Datetime(string="Recorded On", readonly=True, copy=False)
    late_entry_reason = fields.Text(
        tracking=True,
        copy=False,
        help="Required when the meeting is recorded more than 7 days after it ended.",
    )
    minutes = fields.Html()
    calendar_event_id = fields.Many2one(
        "calendar.event", readonly=True, copy=False, ondelete="set null"
    )
    attendance_ids = fields.One2many("party.meeting.attendance", "meeting_id", copy=False)
    expected_count = fields.Integer(compute="_compute_attendance", store=True)
    present_count = fields.Integer(compute="_compute_attendance", store=True)
    attendance_rate = fields.Float(
        compute="_compute_attendance", store=True, aggregator="avg", help="Present / expected (%)."
    )
    my_attendance_state = fields.Selection(
        [("present", "Present"), ("excused", "Excused"), ("absent", "Absent")],
        compute="_compute_my_attendance",
    )
    can_sign_in = fields.Boolean(compute="_compute_my_attendance")

    def _default_name(self, vals):
        labels = dict(self._fields["meeting_type"]._description_selection(self.env))
        org = self.env["party.organization"].browse(vals.get("organization_id")).sudo()
        start = fields.Datetime.to_datetime(vals.get("start"))
        parts = [labels.get(vals.get("meeting_type") or "", ""), org.name]
        if start:
            parts.append(fields.Date.to_string(start.date()))
        return " · ".join(p for p in parts if p) or self.env._("Meeting")

    @api.onchange("meeting_type", "organization_id", "start")
    def _onchange_name(self):
        if not self.name:
            self.name = self._default_name(
                {
                    "meeting_type": self.meeting_type,
                    "organization_id": self.organization_id.id,
                    "start": self.start,
                }
            )

    @api.depends("start")
    def _compute_stop(self):
        for meeting in self:
            if meeting.start and (not meeting.stop or meeting.stop <= meeting.start):
                meeting.stop = meeting.start + timedelta(hours=2)

    @api.depends("attendance_ids.state")
    def _compute_attendance(self):
        for meeting in self:
            expected = len(meeting.attendance_ids)
            present = len(meeting.attendance_ids.filtered(lambda a: a.state == "present"))
            meeting.expected_count = expected
            meeting.present_count = present
            meeting.attendance_rate = 100.0 * present / expected if expected else 0.0

    @api.depends_context("uid")
    @api.depends("attendance_ids.state", "start", "stop", "state")
    def _compute_my_attendance(self):
        now = self._now()
        attendances = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search_fetch(
                [("meeting_id", "in", self.ids), ("member_id.user_id", "=", self.env.uid)],
                ["meeting_id", "state"],
            )
        )
        mine = {a.meeting_id.id: a for a in attendances}
        for meeting in self:
            attendance = mine.get(meeting.id)
            meeting.my_attendance_state = attendance.state if attendance else False
            meeting.can_sign_in = bool(
                attendance
                and attendance.state != "present"
                and meeting.state != "cancelled"
                and meeting._in_sign_in_window(now)
            )

    # ---------------------------------------------------------------- constraints

    @api.constrains("start", "stop")
    def _check_dates(self):
        for meeting in self:
            if meeting.stop < meeting.start:
                raise ValidationError(
                    self.env._("The meeting %(name)s ends before it starts.", name=meeting.name)
                )

    @api.constrains("meeting_type", "organization_id")
    def _check_group_meeting(self):
        for meeting in self:
            is_group = meeting.organization_id.org_type == "group"
            if (meeting.meeting_type == "group_meeting") != is_group:
                raise ValidationError(
                    self.env._(
                        "A Party group meeting (党小组会) is held by a Party group, and a Party "
                        "group holds only group meetings (%(name)s).",
                        name=meeting.name,
                    )
                )

    @api.model
    def _now(self):
        return fields.Datetime.now()

    def _in_sign_in_window(self, now=None):
        self.ensure_one()
        now = now or self._now()
        return self.start - SIGN_IN_MARGIN <= now <= self.stop + SIGN_IN_MARGIN

    # -------------------------------------------------------------------- CRUD

    @api.model_create_multi
    def create(self, vals_list):
        self._party_precheck(vals_list)
        for vals in vals_list:
            if not vals.get("name"):
                vals["name"] = self._default_name(vals)
        meetings = super().create(vals_list)
        meetings.filtered(lambda m: not m.attendance_ids)._fill_expected_attendees()
        if not self._party_no_calendar():
            meetings._sync_calendar_event()
        return meetings

    def _party_no_calendar(self):
        """Server code (benchmarks, demo) may skip the calendar; a client may not."""
        return self.env.su and self.env.context.get("party_meeting_no_calendar")

    def write(self, vals):
        self._party_precheck([vals])
        res = super().write(vals)
        if not self._party_no_calendar() and (
            {"name", "start", "stop", "location", "state", "attendance_ids"} & set(vals)
        ):
            self._sync_calendar_event()
        return res

    def _expected_members(self):
        """{meeting_id: members expected}, in one search for all meetings.

        A Party group meeting expects the members whose group is the group;
        other meetings the members of the organisation still in it (active or
        lost contact).
        """
        groups = self.organization_id.filtered(lambda o: o.org_type == "group")
        others = self.organization_id - groups
        Member = self.env["party.member"].sudo()
        members = Member.search_fetch(
            [
                ("status", "in", IN_ORG_STATUSES),
                "|",
                ("group_id", "in", groups.ids),
                ("organization_id", "in", others.ids),
            ],
            ["organization_id", "group_id", "partner_id"],
        )
        by_org = defaultdict(lambda: Member)
        for member in members:
            if member.group_id in groups:
                by_org[member.group_id.id] |= member
            if member.organization_id in others:
                by_org[member.organization_id.id] |= member
        return {meeting.id: by_org[meeting.organization_id.id] for meeting in self}

    def _fill_expected_attendees(self):
        """Add the expected members missing from the attendance list."""
        expected = self._expected_members()
        values = []
        for meeting in self:
            present = meeting.sudo().attendance_ids.member_id
            values += [
                {"meeting_id": meeting.id, "member_id": member.id, "state": "absent"}
                for member in expected[meeting.id] - present
            ]
        if values:
            self.env["party.meeting.attendance"].sudo().create(values)

    def _sync_calendar_event(self):
        """Create or update the calendar.event of each meeting.

        Odoo Calendar sends the invitations and reminders and shows the
        meeting in everyone's calendar; the attendees are the partners of the
        expected members.
        """
        Event = self.env["calendar.event"].sudo().with_context(no_mail_to_attendees=False)
        for meeting in self.sudo():
            partners = meeting.attendance_ids.member_id.partner_id
            vals = {
                "name": meeting.name,
                "start": meeting.start,
                "stop": meeting.stop,
                "location": meeting.location or False,
                "partner_ids": [fields.Command.set(partners.ids)],
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": meeting.id,
                "active": meeting.state != "cancelled",
            }
            event = meeting.calendar_event_id.with_context(active_test=False)
            if event:
                event.write(vals)
            else:
                vals["user_id"] = self.env.user.id
                meeting.calendar_event_id = Event.create(vals)

    # ----------------------------------------------------------------- actions

    def action_fill_attendees(self):
        self._party_check_manage()
        self._check_not_closed()
        self._fill_expected_attendees()
        self._sync_calendar_event()
        return True

    def _check_not_closed(self):
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(
                    self.env._("The meeting %(name)s is no longer planned.", name=meeting.name)
                )

    def action_held(self):
        """Record the meeting as held.

        Rule (组织生活 recording): a meeting is recorded when it is held;
        recording it more than 7 days after it ended needs an explicit,
        audited late-entry reason (the field is tracked in the chatter).
        """
        self._party_check_manage()
        now = self._now()
        for meeting in self:
            meeting._check_not_closed()
            if meeting.start > now:
                raise ValidationError(
                    self.env._(
                        "%(name)s has not started yet: a meeting is recorded when it is held.",
                        name=meeting.name,
                    )
                )
            late = now - meeting.stop > timedelta(days=LATE_ENTRY_DAYS)
            if late and not (meeting.late_entry_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(name)s ended on %(stop)s, more than %(days)s days ago. Rule: a meeting "
                        "is recorded when it is held; a late entry is allowed only with an "
                        "explicit, audited late-entry reason. Enter the reason and record again.",
                        name=meeting.name,
                        stop=fields.Datetime.to_string(meeting.stop),
                        days=LATE_ENTRY_DAYS,
                    )
                )
        self._party_action_write({"state": "held", "held_on": now})
        return True

    def action_cancel(self):
        self._party_check_manage()
        self._check_not_closed()
        self._party_action_write({"state": "cancelled"})
        return True

    def action_reset_planned(self):
        self._party_check_manage()
        self.filtered(lambda m: m.state == "cancelled")._party_action_write({"state": "planned"})
        return True

    def action_sign_in(self):
        """The member signs in himself, from the meeting window only.

        The window is from 30 minutes before the start to 30 minutes after
        the end. The attendance is written with sudo once the checks passed:
        members cannot write attendance otherwise.
        """
        self.ensure_one()
        attendance = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search(
                [("meeting_id", "=", self.id), ("member_id.user_id", "=", self.env.uid)], limit=1
            )
        )
        if not attendance:
            # says nothing about a meeting the caller may not read
            raise AccessError(self.env._("You are not an expected attendee of this meeting."))
        meeting = self.sudo()
        if meeting.state == "cancelled":
            raise UserError(self.env._("%(name)s is cancelled.", name=meeting.name))
        now = self._now()
        if not meeting._in_sign_in_window(now):
            raise UserError(
                self.env._(
                    "Sign-in for %(name)s is open from 30 minutes before the start until 30 "
                    "minutes after the end (%(start)s – %(stop)s UTC).",
                    name=meeting.name,
                    start=fields.Datetime.to_string(meeting.start - SIGN_IN_MARGIN),
                    stop=fields.Datetime.to_string(meeting.stop + SIGN_IN_MARGIN),
                )
            )
        if attendance.state != "present":
            attendance.write({"state": "present", "signed_at": now, "excuse": False})
        return True


class PartyMeetingAttendance(models.Model):
    _name = "party.meeting.attendance"
    _description = "Meeting Attendance"
    _inherit = ["party.access.mixin"]
    _order = "meeting_id, id"
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
    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="cascade")
    state = fields.Selection(
        [("present", "Present"), ("excused", "Excused"), ("absent", "Absent")],
        default="absent",
        required=True,
    )
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


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    _party_rpc_methods = {"action_view_meetings": "navigation: read access on the organisation"}

    meeting_ids = fields.One2many("party.meeting", "organization_id", string="Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_count")

    def _compute_meeting_count(self):
        groups = self.env["party.meeting"]._read_group(
            [("organization_id", "in", self.ids)], ["organization_id"], ["__count"]
        )
        counts = {org.id: count for org, count in groups}
        for org in self:
            org.meeting_count = counts.get(org.id, 0)

    def action_view_meetings(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("party_life.party_meeting_action")
        action["domain"] = [("organization_id", "child_of", self.id)]
        action["context"] = {"default_organization_id": self.id}
        return action

    @staticmethod
    def _periods(frequency, date_from, date_to):
        """The complete periods of ``frequency`` inside [date_from, date_to]: [(start, end)]."""
        months = frequency.period_months
        start = date(date_from.year, 1, 1)
        periods = []
        while start <= date_to:
            end = start + relativedelta(months=months, days=-1)
            if start >= date_from and end <= date_to:
                periods.append((start, end))
            start += relativedelta(months=months)
        return periods

    @staticmethod
    def _months(start, end):
        month = start.replace(day=1)
        while month <= end:
            yield month
            month += relativedelta(months=1)

    def _meeting_gaps(self, date_from, date_to):
        """Missing meetings per organisation: {org_id: {key: [(period start, end), ...]}}.

        ``key`` is the meeting type, or ``party_lecture_secretary`` for the
        secretary's yearly lecture. Only the complete periods inside
        [date_from, date_to] count; periods are aligned on the calendar year.
        Set-based: one grouped query over the held meetings by type with the
        organisations and months aggregated (and one for the secretaries'
        lectures), whatever the number of meetings or organisations.
        Months are UTC months.
        """
        orgs = self.sudo()
        frequencies = self.env["party.meeting.frequency"].sudo().search([("active", "=", True)])
        gaps = defaultdict(dict)
        if not orgs or not frequencies:
            return gaps
        Meeting = self.env["party.meeting"].sudo().with_context(tz="UTC")
        dt_from = datetime.combine(date_from, time.min)
        dt_to = datetime.combine(date_to + timedelta(days=1), time.min)
        base_domain = [
            ("organization_id", "in", orgs.ids),
            ("state", "=", "held"),
            ("start", ">=", dt_from),
            ("start", "<", dt_to),
        ]
        # One row per meeting type, the organisations and starts aggregated in
        # arrays (same order): a handful of rows whatever the number of meetings.
        held = defaultdict(set)  # (org_id, type) -> {(year, month)}
        for meeting_type, org_ids, starts in Meeting._read_group(
            base_domain, ["meeting_type"], ["organization_id:array_agg", "start:array_agg"]
        ):
            for org_id, start in zip(org_ids, starts, strict=True):
                held[org_id, meeting_type].add((start.year, start.month))

        lectured = defaultdict(set)  # org_id -> {(year, month)} lectured by the secretary
        if any(frequencies.mapped("by_secretary")):
            Position = self.env["party.position"].sudo()
            secretaries = {
                pos.organization_id.id: pos.member_id.id
                for pos in Position.search_fetch(
                    [
                        ("organization_id", "in", orgs.ids),
                        ("position_type_id.code", "=", "secretary"),
                    ]
                    + Position._current_domain(date_to),
                    ["organization_id", "member_id"],
                )
            }
            for __, org_ids, lecturers, starts in Meeting._read_group(
                base_domain
                + [("meeting_type", "=", "party_lecture"), ("lecturer_id", "!=", False)],
                ["meeting_type"],
                ["organization_id:array_agg", "lecturer_id:array_agg", "start:array_agg"],
            ):
                for org_id, lecturer, start in zip(org_ids, lecturers, starts, strict=True):
                    if secretaries.get(org_id) == lecturer:
                        lectured[org_id].add((start.year, start.month))

        rules = []
        for freq in frequencies:
            periods = self._periods(freq, date_from, date_to)
            if periods:
                rules.append(
                    (
                        freq.meeting_type,
                        frozenset(t.strip() for t in (freq.org_types or "").split(",")),
                        freq.requires_committee,
                        freq.by_secretary,
                        freq._gap_key(),
                        [
                            (start, end, {(d.year, d.month) for d in self._months(start, end)})
                            for start, end in periods
                        ],
                    )
                )
        for org in orgs:
            org_type, has_committee = org.org_type, org.has_committee
            for meeting_type, types, needs_committee, by_secretary, key, periods in rules:
                if org_type not in types or (needs_committee and not has_committee):
                    continue
                months = lectured[org.id] if by_secretary else held[org.id, meeting_type]
                missing = [(start, end) for start, end, span in periods if not span & months]
                if missing:
                    gaps[org.id][key] = missing
        return gaps

    @api.model
    def _compliance_checks(self):
        checks = super()._compliance_checks()
        checks["meeting_missing"] = ("_check_rule_meeting_missing", _rule_citation(self.env))
        return checks

    @staticmethod
    def _period_label(start, end):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 12:
            return str(start.year)
        if months == 3:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if months == 1:
            return f"{start.year}-{start.month:02d}"
        return f"{start.year}-{start.month:02d}…{end.year}-{end.month:02d}"

    def _check_rule_meeting_missing(self, on_date, counts, positions):
        """One finding per organisation and meeting type with the missing periods.

        The complete periods of the current year up to ``on_date`` count.
        """
        date_from = date(on_date.year, 1, 1)
        gaps = self._meeting_gaps(date_from, on_date)
        labels = dict(
            self.env["party.meeting"]._fields["meeting_type"]._description_selection(self.env)
        )
        names = {
            freq._gap_key(): freq.name
            for freq in self.env["party.meeting.frequency"].sudo().search([("active", "=", True)])
        }
        breaches = []
        for org in self:
            for key, missing in gaps.get(org.id, {}).items():
                breaches.append(
                    {
                        "organization_id": org.id,
                        "key": key,
                        "message": self.env._(
                            "%(org)s: no %(type)s held in %(periods)s.",
                            org=org.name,
                            type=names.get(key) or labels.get(key, key),
                            periods=", ".join(self._period_label(s, e) for s, e in missing),
                        ),
                    }
                )
        return breaches


class PartyMember(models.Model):
    _inherit = "party.member"

    _party_rpc_methods = {"action_view_meetings": "navigation: read access on the member"}

    meeting_attendance_ids = fields.One2many("party.meeting.attendance", "member_id")
    meeting_count = fields.Integer(compute="_compute_meeting_stats", string="Party Meetings")
    meeting_attendance_rate = fields.Float(
        compute="_compute_meeting_stats",
        string="Attendance Rate (year)",
        help="Meetings attended / meetings expected among the meetings held this year (%).",
    )

    def _compute_meeting_stats(self):
        today = fields.Date.context_today(self)
        year_start = datetime.combine(date(today.year, 1, 1), time.min)
        year_end = datetime.combine(date(today.year + 1, 1, 1), time.min)
        Attendance = self.env["party.meeting.attendance"].sudo()
        stats = defaultdict(lambda: defaultdict(int))
        for member, state, count in Attendance._read_group(
            [
                ("member_id", "in", self.ids),
                ("meeting_state", "=", "held"),
                ("meeting_start", ">=", year_start),
                ("meeting_start", "<", year_end),
            ],
            ["member_id", "state"],
            ["__count"],
        ):
            stats[member.id][state] += count
            stats[member.id]["all"] += count
        totals = {
            member.id: count
            for member, count in Attendance._read_group(
                [("member_id", "in", self.ids)], ["member_id"], ["__count"]
            )
        }
        for member in self:
            expected = stats[member.id]["all"]
            member.meeting_attendance_rate = (
                100.0 * stats[member.id]["present"] / expected if expected else 0.0
            )
            member.meeting_count = totals.get(member.id, 0)

    def action_view_meetings(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("party_life.party_meeting_action")
        action["domain"] = [("attendance_ids.member_id", "=", self.id)]
        return action
