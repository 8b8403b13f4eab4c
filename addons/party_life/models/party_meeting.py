"""三会一课 and other organisational-life meetings (组织生活正常化).

Rules (《中国共产党支部工作条例（试行）》2018, 三会一课): branch member assembly once per
quarter, branch committee meeting and Party group meeting once per month,
Party lecture at least once per quarter and the secretary lectures at least
once a year, theme Party day monthly, organisational life meeting and
democratic appraisal of members once per year. A meeting is recorded when it
is held; entering it long after the fact needs an explicit, audited reason.
"""

import base64
import hashlib
import hmac
import secrets
from calendar import timegm
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

MEETING_TYPES = [
    ("branch_assembly", "Branch Member Assembly"),
    ("committee_meeting", "Branch Committee Meeting"),
    ("group_meeting", "Party Group Meeting"),
    ("party_lecture", "Party Lecture"),
    ("theme_day", "Theme Party Day"),
    ("life_meeting", "Organisational Life Meeting"),
    ("appraisal_meeting", "Democratic Appraisal of Members"),
]
ATTENDANCE_STATES = [
    ("expected", "Expected"),
    ("present", "Present"),
    # by the meeting's video call, where the meeting allows it: attended (attendance
    # rate), but not present in the room (no quorum, no vote: see action_attend_remote)
    ("remote", "Attended Remotely"),
    ("excused", "Excused"),
    ("absent", "Absent"),
]
IN_ORG_STATUSES = ("active", "lost_contact")
# Recording a meeting more than this long after it ended needs a late-entry reason.
# a meeting entered more than 7 days (超过7天) after it ended needs a late-entry reason:
# exactly 7 days after the end is still in time
LATE_ENTRY_DAYS = 7
# Members sign in from this long before the start until this long after the end.
SIGN_IN_MARGIN = timedelta(minutes=30)
# The room screen's QR code and 6-digit code change every ROOM_SLOT_SECONDS; a code is
# accepted in its own slot and the next one only (never older than 60 seconds).
ROOM_SLOT_SECONDS = 30
ROOM_CODE_DIGITS = 6
# Wrong codes a member may send for a meeting before the room's codes refuse them (a
# 6-digit code is guessed otherwise: two valid codes in a million, every 30 seconds).
ROOM_MAX_FAILURES = 10


class PartyMeeting(models.Model):
    _name = "party.meeting"
    _description = "Party Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "start desc, id desc"
    _check_company_auto = True

    _party_location_fields = ("lecturer_id",)
    # the calendar event is the meeting's own, created by _sync_calendar_event: a
    # pointer to someone else's event would be rewritten as superuser
    _party_workflow_fields = (
        "state", "held_on", "calendar_event_id", "invitation_pending_ids", "room_secret",
    )  # fmt: skip
    _party_rpc_methods = {
        "create": "ACL, record rules and party.access.mixin (organisation managed, state planned)",
        "write": "ACL, record rules and party.access.mixin (no move, no state)",
        "action_fill_attendees": "_party_check_manage: officer of the meeting's organisation",
        "action_held": "_party_check_manage: officer of the meeting's organisation",
        "action_cancel": "_party_check_manage: officer of the meeting's organisation",
        "action_reset_planned": "_party_check_manage: officer of the meeting's organisation",
        "action_sign_in": "the caller's own attendance only (AccessError otherwise), and "
        "only where the organisation allows remote sign-in",
        "action_sign_in_room": "the caller's own attendance only, found by their user "
        "(AccessError otherwise), with the room screen's current token or 6-digit code",
        "action_request_leave": "the caller's own attendance only, found by their user "
        "(AccessError otherwise), before the meeting starts",
        "action_open_room_screen": "_party_check_manage: officer of the meeting's organisation "
        "(the route checks again)",
        "action_attend_remote": "the caller's own attendance only, found by their user "
        "(AccessError otherwise), where the meeting allows remote attendance, in its window, once",
        "action_join_videocall": "_party_check_manage: officer of the meeting's organisation; "
        "else the caller's own attendance, recorded remote, in the meeting's window",
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
        check_company=True,
        help="For a Party lecture: who lectures. The secretary lectures at least once a year.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        index=True,
        # the kanban's columns in this order, planned first (not alphabetical: a phone
        # opened the meetings on "Held")
        group_expand=True,
    )
    held_on = fields.Datetime(string="Recorded On", readonly=True, copy=False)
    late_entry_reason = fields.Text(
        tracking=True,
        copy=False,
        help="Required when the meeting is recorded more than 7 days after it ended.",
    )
    # members read the minutes on the portal only, once the meeting is held
    # (_portal_minutes_visible): never through the ORM, before it or elsewhere
    minutes = fields.Html(
        groups="party_branch.group_party_officer,party_branch.group_party_auditor"
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", readonly=True, copy=False, ondelete="set null"
    )
    # Odoo Calendar's invitations not sent yet: sent by the mail queue's cron right after
    # the save (_cron_send_invitations), not while the secretary waits for it
    invitation_pending_ids = fields.Many2many(
        "calendar.attendee",
        "party_meeting_invitation_pending_rel",
        "meeting_id",
        "attendee_id",
        string="Invitations to Send",
        readonly=True,
        copy=False,
        groups="base.group_system",
    )
    attendance_ids = fields.One2many("party.meeting.attendance", "meeting_id", copy=False)
    expected_count = fields.Integer(compute="_compute_attendance", store=True)
    present_count = fields.Integer(compute="_compute_attendance", store=True)
    remote_count = fields.Integer(
        compute="_compute_attendance", store=True, string="Attended Remotely"
    )
    attendance_rate = fields.Float(
        compute="_compute_attendance",
        store=True,
        aggregator="avg",
        help="Attended (present in the room or remotely) / expected (%).",
    )
    my_attendance_state = fields.Selection(ATTENDANCE_STATES, compute="_compute_my_attendance")
    my_leave_state = fields.Selection(
        [("requested", "Requested"), ("granted", "Granted"), ("refused", "Refused")],
        compute="_compute_my_attendance",
    )
    can_request_leave = fields.Boolean(compute="_compute_my_attendance")
    can_sign_in = fields.Boolean(compute="_compute_my_attendance")
    # the plain "Sign In" button: only where the organisation allows remote sign-in
    can_sign_in_remote = fields.Boolean(compute="_compute_my_attendance")
    # the key of the room screen's codes (HMAC): read by nobody but the server
    room_secret = fields.Char(readonly=True, copy=False, groups="base.group_system")
    # Sort key of the meetings views and /my/meetings (see _order_field_to_sql): the
    # planned meetings not over yet first, the next one on top, then the others, latest first.
    upcoming = fields.Boolean(
        compute="_compute_upcoming",
        help="Planned and not over yet: the meetings views list these first, the next one on top.",
    )

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
            remote = len(meeting.attendance_ids.filtered(lambda a: a.state == "remote"))
            meeting.expected_count = expected
            meeting.present_count = present
            meeting.remote_count = remote
            # remote attendance counts as attended (not in a vote's quorum, which reads
            # the members present: party_branch.tools.voting)
            meeting.attendance_rate = 100.0 * (present + remote) / expected if expected else 0.0

    def _my_attendances(self, fnames):
        """{meeting id: the caller's attendance} of these meetings (as superuser, in one
        query, ``fnames`` fetched): the caller's own lines, found by their user."""
        attendances = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search_fetch(
                [("meeting_id", "in", self.ids), ("member_id.user_id", "=", self.env.uid)],
                ["meeting_id", *fnames],
            )
        )
        return {a.meeting_id.id: a for a in attendances}

    @api.depends_context("uid")
    @api.depends("attendance_ids.state", "start", "stop", "state")
    def _compute_my_attendance(self):
        now = self._now()
        mine = self._my_attendances(["state", "leave_state"])
        for meeting in self:
            attendance = mine.get(meeting.id)
            meeting.my_attendance_state = attendance.state if attendance else False
            meeting.my_leave_state = attendance.leave_state if attendance else False
            meeting.can_request_leave = bool(
                attendance
                and attendance.state == "expected"
                and attendance.leave_state not in ("requested", "granted")
                and meeting.state == "planned"
                and now < meeting.start
            )
            meeting.can_sign_in = bool(
                attendance
                and attendance.state != "present"
                and meeting.state != "cancelled"
                and meeting._in_sign_in_window(now)
            )
            meeting.can_sign_in_remote = (
                meeting.can_sign_in and meeting.sudo().organization_id.party_remote_sign_in
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

    def _compute_upcoming(self):
        now = self._now()
        for meeting in self:
            meeting.upcoming = meeting.state == "planned" and bool(
                meeting.stop and meeting.stop >= now
            )

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        if field_name != "upcoming":
            return super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        # Whatever the direction asked: upcoming first by start ascending, then the
        # others by start descending (one ORDER BY, no query per record).
        upcoming = SQL(
            "(%s = 'planned' AND %s >= %s)",
            self._field_to_sql(alias, "state", query),
            self._field_to_sql(alias, "stop", query),
            self._now(),
        )
        start = self._field_to_sql(alias, "start", query)
        return SQL(
            "%s DESC, CASE WHEN %s THEN %s END ASC, %s DESC",
            upcoming,
            upcoming,
            start,
            start,
        )

    def _in_sign_in_window(self, now=None):
        self.ensure_one()
        now = now or self._now()
        return self.start - SIGN_IN_MARGIN <= now <= self.stop + SIGN_IN_MARGIN

    # -------------------------------------------------------------------- CRUD

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        for vals in vals_list:
            if not vals.get("name"):
                vals["name"] = self._default_name(vals)
        return vals_list

    def _party_after_create(self, vals_list):
        self.filtered(lambda m: not m.attendance_ids)._fill_expected_attendees()
        if not self._party_no_calendar():
            self._sync_calendar_event()
        return super()._party_after_create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_not_held(self):
        """A held meeting is on record, with its roll (the database would delete the
        attendance rows with it, past their own check)."""
        held = self.filtered(lambda m: m.state == "held")
        if held:
            raise UserError(
                self.env._(
                    "%(name)s was held: a held meeting stays on record with its attendance list.",
                    name=held[0].name,
                )
            )

    def _party_no_calendar(self):
        """Server code (benchmarks, demo) may skip the calendar; a client may not."""
        return self.env.su and self.env.context.get("party_meeting_no_calendar")

    def _party_after_write(self, vals, before):
        if not self._party_no_calendar() and (
            {"name", "start", "stop", "location", "state", "attendance_ids"} & set(vals)
        ):
            self._sync_calendar_event()
        return super()._party_after_write(vals, before)

    def _expected_members(self):
        """{meeting_id: members expected}, in one search for all meetings.

        A Party group meeting expects the members whose group is the group; a
        committee meeting (支委会) the members of the organisation's committee
        (current positions of committee members); other meetings the members of
        the organisation still in it (active or lost contact).
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
        committee_meetings = self.filtered(lambda m: m.meeting_type == "committee_meeting")
        committees = committee_meetings.organization_id.sudo()._position_state()
        committee_members = Member.browse(
            {mid for state in committees.values() for mid in state["committee"]}
        ).filtered(lambda m: m.status in IN_ORG_STATUSES)
        expected = {}
        for meeting in self:
            org_id = meeting.organization_id.id
            if meeting in committee_meetings:
                # the committee's members, wherever their own membership is kept
                expected[meeting.id] = committee_members.filtered(
                    lambda m, org_id=org_id: m.id in committees[org_id]["committee"]
                )
            else:
                expected[meeting.id] = by_org[org_id]
        return expected

    def _fill_expected_attendees(self):
        """Add the expected members missing from the attendance list."""
        expected = self._expected_members()
        values = []
        for meeting in self:
            present = meeting.sudo().attendance_ids.member_id
            values += [
                {
                    "meeting_id": meeting.id,
                    "member_id": member.id,
                    # a meeting recorded as held (import, demo): who is not marked was absent
                    "state": "absent" if meeting.state == "held" else "expected",
                }
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
        Event = self.env["calendar.event"].sudo().with_context(no_mail_to_attendees=True)
        pending = {}
        for meeting in self.sudo():
            before = meeting.calendar_event_id.attendee_ids
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
                # a Party meeting is its attendees' (and its organiser's): other employees
                # see a busy slot, never its attendees nor its video call's link
                "privacy": "private",
            }
            event = meeting.calendar_event_id.with_context(active_test=False)
            if event:
                # only what changed: Odoo Calendar mails every attendee "the date changed"
                # whenever ``start`` is written, and sends the invitation again when the
                # attendees are, so a save that changed the place wrote to everyone
                changed = {
                    name: value
                    for name, value in vals.items()
                    if name not in ("partner_ids", "res_model_id", "res_id")
                    and event._fields[name].convert_to_write(event[name], event) != value
                }
                if set(partners.ids) != set(event.partner_ids.ids):
                    changed["partner_ids"] = vals["partner_ids"]
                if "partner_ids" in changed:
                    # the invitations of the attendees added go with the others, below
                    event.with_context(no_mail_to_attendees=True).write(
                        {"partner_ids": changed.pop("partner_ids")}
                    )
                if changed:
                    # a new date is mailed by Calendar to the attendees, as it is
                    event.with_context(no_mail_to_attendees=False).write(changed)
            else:
                vals["user_id"] = self.env.user.id
                event = Event.create(vals)
                meeting.calendar_event_id = event
            if new := event.attendee_ids - before:
                pending[meeting] = new
        if pending:
            for meeting, attendees in pending.items():
                meeting.invitation_pending_ids = [fields.Command.link(a.id) for a in attendees]
            self.env.ref("party_life.ir_cron_party_meeting_invitations")._trigger()

    @api.model
    def _cron_send_invitations(self):
        """Send Odoo Calendar's invitations of the meetings saved since the last run, to
        the attendees added, for meetings still planned and to come (what Calendar
        itself does at the save: it mails only future events)."""
        meetings = self.sudo().search([("invitation_pending_ids", "!=", False)])
        attendees = meetings.invitation_pending_ids
        to_invite = attendees.filtered(
            lambda a: a.event_id.active and a.event_id.start > fields.Datetime.now()
        )
        to_invite = to_invite.filtered(
            lambda a: (
                a.event_id.res_model == self._name
                and self.browse(a.event_id.res_id).state == "planned"
            )
        )
        meetings.write({"invitation_pending_ids": [fields.Command.clear()]})
        to_invite._send_invitation_emails()

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
        # held: who neither signed in nor was excused was absent
        self.sudo().attendance_ids.filtered(lambda a: a.state == "expected").write(
            {"state": "absent"}
        )
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
        """The member signs in himself, from the meeting window only, with the plain
        button: only where the organisation allows remote sign-in (otherwise at the
        room, :meth:`action_sign_in_room`).

        The window is from 30 minutes before the start to 30 minutes after
        the end. The attendance is written with sudo once the checks passed:
        members cannot write attendance otherwise.
        """
        attendance = self._party_sign_in_attendance()
        if not self.sudo().organization_id.party_remote_sign_in:
            raise UserError(
                self.env._(
                    "%(org)s does not allow remote sign-in: sign in at the meeting's room, with "
                    "the QR code or the 6-digit code of the room screen.",
                    org=self.sudo().organization_id.complete_name,
                )
            )
        if attendance.state != "present":
            attendance.write({"state": "present", "signed_at": self._now(), "excuse": False})
        return True

    def action_sign_in_room(self, token=None, code=None):
        """The member signs in at the room: with the token of the room screen's QR code
        or its 6-digit code, of the current or the previous 30-second slot.

        The attendance is the caller's own, found by their user (never an id the
        caller sends); refused, with nothing written, outside the sign-in window, for
        a stale or another meeting's code, and for a second sign-in.
        """
        attendance = self._party_sign_in_attendance()
        meeting = self.sudo()
        now = self._now()
        if attendance.room_failures >= ROOM_MAX_FAILURES:
            raise UserError(
                self.env._(
                    "Too many wrong codes for %(name)s: ask the secretary to mark you present.",
                    name=meeting.name,
                )
            )
        if not meeting._room_check(now, token=token, code=code):
            self._room_count_failure(attendance)
            raise UserError(
                self.env._(
                    "This sign-in code is not valid for %(name)s or has expired (a code lasts "
                    "under a minute): scan the QR code or type the code the room screen shows "
                    "now.",
                    name=meeting.name,
                )
            )
        if attendance.state == "present":
            raise UserError(self.env._("You are already signed in to %(name)s.", name=meeting.name))
        attendance.write({"state": "present", "signed_at": now, "excuse": False})
        return True

    def action_request_leave(self, reason=None):
        """The member asks for leave (请假) from the meeting, with a reason, before it
        starts; the secretary grants (excused) or refuses it.

        The attendance is the caller's own, found by their user."""
        self.ensure_one()
        attendance = self._party_my_attendance()
        meeting = self.sudo()
        reason = reason.strip() if isinstance(reason, str) else ""
        if meeting.state != "planned" or self._now() >= meeting.start:
            raise UserError(
                self.env._(
                    "%(name)s has started or is no longer planned: leave is asked for before "
                    "the meeting starts.",
                    name=meeting.name,
                )
            )
        if not reason:
            raise UserError(self.env._("Give the reason of your leave request (请假)."))
        if attendance.state in ("present", "remote"):
            raise UserError(self.env._("You are already signed in to %(name)s.", name=meeting.name))
        if attendance.leave_state in ("requested", "granted") or attendance.state == "excused":
            raise UserError(
                self.env._("You have already asked for leave from %(name)s.", name=meeting.name)
            )
        attendance._party_action_write(
            {
                "leave_state": "requested",
                "leave_reason": reason[:500],
                "leave_requested_at": self._now(),
            }
        )
        return True

    @api.model
    def _room_count_failure(self, attendance):
        """Count a wrong code of the member in a transaction of its own: the refusal
        rolls the caller's back, the count stays (a limit on guessing)."""
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE party_meeting_attendance SET room_failures = "
                    "COALESCE(room_failures, 0) + 1 WHERE id = %s",
                    attendance.id,
                )
            )

    def _party_my_attendance(self):
        """The caller's own attendance of the meeting (sudo), found by their user."""
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
        return attendance

    def _party_sign_in_attendance(self):
        """The caller's own attendance of the meeting, once the meeting and its window
        allow signing in (sudo: members cannot write attendance otherwise)."""
        attendance = self._party_my_attendance()
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
        return attendance

    # ------------------------------------------------------------ room screen

    def _room_secret(self):
        """The meeting's HMAC key, made on first use (server side only)."""
        self.ensure_one()
        meeting = self.sudo()
        if not meeting.room_secret:
            meeting._party_action_write({"room_secret": secrets.token_hex(32)})
        return meeting.room_secret

    @api.model
    def _room_slot(self, now=None):
        now = now or self._now()
        return timegm(now.timetuple()) // ROOM_SLOT_SECONDS

    def _room_digest(self, slot):
        self.ensure_one()
        message = f"party.meeting:{self.id}:{slot}".encode()
        return hmac.new(self._room_secret().encode(), message, hashlib.sha256).hexdigest()

    def _room_token(self, slot):
        """The QR code's token of the slot (128 bits of the HMAC)."""
        return self._room_digest(slot)[:32]

    def _room_code(self, slot):
        """The 6-digit code of the slot, from the same HMAC."""
        number = int(self._room_digest(slot)[:8], 16) % 10**ROOM_CODE_DIGITS
        return f"{number:0{ROOM_CODE_DIGITS}d}"

    def _room_check(self, now, token=None, code=None):
        """True when the token or the code is the meeting's, of the current or the
        previous slot (compared in constant time)."""
        self.ensure_one()
        token = token.strip() if isinstance(token, str) else ""
        code = code.strip().replace(" ", "") if isinstance(code, str) else ""
        if not (token or code):
            return False
        current = self._room_slot(now)
        for slot in (current, current - 1):
            if token and hmac.compare_digest(token, self._room_token(slot)):
                return True
            if code and hmac.compare_digest(code, self._room_code(slot)):
                return True
        return False

    def _room_screen_values(self, now=None):
        """What the room screen shows: the QR code of the sign-in address and the
        6-digit code of the current slot, and the seconds until they change."""
        self.ensure_one()
        meeting = self.sudo()
        now = now or self._now()
        slot = self._room_slot(now)
        url = (
            f"{meeting.get_base_url()}/my/meetings/{meeting.id}/sign-in"
            f"?token={meeting._room_token(slot)}"
        )
        qr = self.env["ir.actions.report"].barcode("QR", url, width=480, height=480)
        seconds = timegm(now.timetuple())
        return {
            "meeting": meeting,
            "sign_in_url": url,
            "qr_data_uri": "data:image/png;base64," + base64.b64encode(qr).decode(),
            "code": meeting._room_code(slot),
            "refresh": ROOM_SLOT_SECONDS - seconds % ROOM_SLOT_SECONDS + 1,
            "window_open": meeting.state != "cancelled" and meeting._in_sign_in_window(now),
        }

    def action_open_room_screen(self):
        """The room screen, for the officer to show on a projector."""
        self.ensure_one()
        self._party_check_manage()
        return {
            "type": "ir.actions.act_url",
            "url": f"/party/meeting/{self.id}/room",
            "target": "new",
        }

    # ------------------------------------------------- remote attendance (video call)
    #
    # Members away attend by the meeting's video call where the meeting allows it
    # (remote_attendance, set by the officers): their attendance is "remote", counted
    # as attended in the attendance rates, but not as present at the meeting (到会) for
    # a vote: 《中国共产党支部工作条例（试行）》第十一条 counts the quorum and the votes of
    # the voting members 到会, which the suite reads as present in the room, where the
    # 6-digit code of the room screen proves it (docs/security.md, "Remote attendance").

    remote_attendance = fields.Boolean(
        tracking=True,
        help="Members away may attend by the meeting's video call, from 30 minutes before the "
        "start until 30 minutes after the end: they are recorded as attended remotely, counted "
        "in the attendance rate, but neither in the quorum of a vote nor among its voters "
        "(they are not present at the meeting).",
    )
    # the link members away open; empty: Odoo's own video call (the Discuss meeting room
    # of the meeting's calendar event), made when the first one joins. Officers read it
    # (and may give another service's link); members get it only through
    # action_attend_remote / action_join_videocall, in the meeting's window.
    videocall_url = fields.Char(
        string="Video Call Link",
        copy=False,
        groups="party_branch.group_party_officer,party_branch.group_party_auditor",
        help="The link of the meeting's video call. Leave it empty to use Odoo's own video call "
        "(a Discuss meeting room of the meeting's calendar event), made when the first member "
        "joins.",
    )
    minutes_confidential = fields.Boolean(
        string="Confidential Minutes",
        tracking=True,
        help="The minutes are not shown to the members on the portal (a personnel matter, "
        "anything not for every member to read).",
    )
    can_attend_remote = fields.Boolean(
        compute="_compute_remote_attendance", string="May Attend Remotely"
    )
    can_join_videocall = fields.Boolean(
        compute="_compute_remote_attendance", string="May Rejoin the Video Call"
    )

    @api.constrains("videocall_url")
    def _check_videocall_url(self):
        for meeting in self.sudo():
            url = (meeting.videocall_url or "").strip().lower()
            if url and not url.startswith(("https://", "http://")):
                raise ValidationError(
                    self.env._(
                        "The video call link of %(name)s must be a web address (https://…).",
                        name=meeting.name,
                    )
                )

    @api.depends_context("uid")
    @api.depends("remote_attendance", "attendance_ids.state", "start", "stop", "state")
    def _compute_remote_attendance(self):
        now = self._now()
        mine = self._my_attendances(["state"])
        for meeting in self:
            state = mine[meeting.id].state if meeting.id in mine else False
            open_now = bool(
                state
                and meeting.remote_attendance
                and meeting.state != "cancelled"
                and meeting._in_sign_in_window(now)
            )
            meeting.can_attend_remote = open_now and state not in ("present", "remote")
            meeting.can_join_videocall = open_now and state == "remote"

    def _party_check_remote_allowed(self):
        meeting = self.sudo()
        if not meeting.remote_attendance:
            raise UserError(
                self.env._(
                    "%(name)s cannot be attended remotely: sign in at the meeting's room.",
                    name=meeting.name,
                )
            )

    def _party_check_still_concerned(self, attendance):
        """Refuse a member whose membership no longer concerns the meeting (left the
        Party, or transferred elsewhere since the attendance list was made): the
        meeting's video call is for its members (the rule of the minutes,
        :meth:`_portal_minutes_visible`)."""
        org, member = self.sudo().organization_id, attendance.sudo().member_id
        path = org.parent_path or ""
        concerned = member.status in IN_ORG_STATUSES and (
            (path and (member.organization_id.parent_path or "").startswith(path))
            or member.group_id == org
            or org in member.current_position_ids.organization_id
        )
        if not concerned:
            raise UserError(
                self.env._(
                    "Your membership no longer concerns %(name)s: its video call is for the "
                    "members of its organisation.",
                    name=self.sudo().name,
                )
            )

    def action_attend_remote(self):
        """The member away attends by the meeting's video call: their attendance is
        recorded as remote, once, and they are sent to the video call.

        The attendance is the caller's own, found by their user (never an id the caller
        sends); refused, with nothing written, where the meeting does not allow remote
        attendance, outside the sign-in window (30 minutes before the start until 30
        minutes after the end), for a member already present or already attending."""
        attendance = self._party_sign_in_attendance()
        self._party_check_remote_allowed()
        self._party_check_still_concerned(attendance)
        meeting = self.sudo()
        if attendance.state == "present":
            raise UserError(self.env._("You are already signed in to %(name)s.", name=meeting.name))
        if attendance.state == "remote":
            raise UserError(
                self.env._(
                    "You already attend %(name)s remotely: rejoin its video call.",
                    name=meeting.name,
                )
            )
        url = meeting._party_videocall_url()
        attendance.write({"state": "remote", "signed_at": self._now(), "excuse": False})
        return {"type": "ir.actions.act_url", "url": url, "target": "new"}

    def action_join_videocall(self):
        """The meeting's video call: for the officers of the meeting's organisation (who
        hold it), and for a member recorded as attending remotely (to rejoin it), in the
        meeting's window."""
        self.ensure_one()
        try:
            self._party_check_manage()
        except AccessError:
            attendance = self._party_sign_in_attendance()
            self._party_check_remote_allowed()
            self._party_check_still_concerned(attendance)
            if attendance.state != "remote":
                raise UserError(
                    self.env._(
                        "Attend %(name)s remotely first: the video call is for the members "
                        "recorded as attending remotely.",
                        name=self.sudo().name,
                    )
                ) from None
        else:
            self._party_check_remote_allowed()
        return {
            "type": "ir.actions.act_url",
            "url": self.sudo()._party_videocall_url(),
            "target": "new",
        }

    def _party_videocall_url(self):
        """The meeting's video call link: the one the officers gave, else Odoo Calendar's
        own video call, the Discuss meeting room of the meeting's calendar event, made
        now and kept on the meeting (the calendar event is Odoo Calendar's, which every
        employee may edit: the meeting keeps the link it hands out)."""
        self.ensure_one()
        meeting = self.sudo()
        if meeting.videocall_url:
            return meeting.videocall_url
        if not meeting.calendar_event_id:
            # made as the meeting's author (a member's click must not organise the event)
            author = meeting.create_uid or self.env.ref("base.user_root")
            meeting.with_user(author).sudo()._sync_calendar_event()
        event = meeting.calendar_event_id.with_context(no_mail_to_attendees=True)
        if event.privacy != "private":
            event.privacy = "private"  # an event synced before meetings' events were private
        if not event.videocall_location:
            event._set_discuss_videocall_location()
        meeting.videocall_url = event.videocall_location
        return meeting.videocall_url

    # ------------------------------------------------------ minutes on the portal

    def _portal_minutes_visible(self):
        """The meetings of ``self`` whose minutes the caller reads on the portal: held,
        minutes not confidential, and the caller on the attendance list with a
        membership still concerned by the meeting (in its organisation or below, in its
        Party group, or holding one of its positions), in the organisation (active or
        lost contact). A member transferred elsewhere since reads them no more."""
        held = self.sudo().filtered(lambda m: m.state == "held" and not m.minutes_confidential)
        if not held:
            return self.browse()
        attendances = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search(
                [
                    ("meeting_id", "in", held.ids),
                    ("member_id.user_id", "=", self.env.uid),
                    ("member_id.status", "in", IN_ORG_STATUSES),
                ]
            )
        )
        visible = set()
        for attendance in attendances:
            org, member = attendance.meeting_id.organization_id, attendance.member_id
            path = org.parent_path or ""
            concerned = (
                (path and (member.organization_id.parent_path or "").startswith(path))
                or member.group_id == org
                or org in member.current_position_ids.organization_id
            )
            if concerned:
                visible.add(attendance.meeting_id.id)
        return self.filtered(lambda m: m.id in visible)
