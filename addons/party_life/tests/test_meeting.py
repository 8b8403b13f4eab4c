"""Meetings (三会一课): attendees, sign-in, late entry, frequency compliance, calendar, access.

Builds on the party_branch test tree (see party_branch/tests/common.py); no demo data.
"""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc

NO_CAL = {"party_meeting_no_calendar": True}


class PartyMeetingCase(PartyBranchCase):
    compliance_codes = None  # every check, party_life's included

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.Meeting = cls.env["party.meeting"]
        cls.Attendance = cls.env["party.meeting.attendance"]

    @classmethod
    def _branch_a_meeting(cls, **vals):
        """A planned branch assembly (or ``vals``) of Branch A at ``cls.start``, set to
        10 June 2025 14:00 UTC, the meeting most tests sign in to."""
        cls.start = datetime(2025, 6, 10, 14, 0)
        return cls._meeting(cls.branch_a, cls.start, **vals)

    def _member_rpc(self, method, user=None, meeting=None, **kwargs):
        """``method`` of ``meeting`` (``self.meeting``) called through the RPC dispatch by
        ``user`` (Member A's portal user), with ``kwargs``."""
        return rpc(
            self.env,
            user or self.portal,
            "party.meeting",
            method,
            ids=(meeting or self.meeting).ids,
            **kwargs,
        )

    def _attendance(self, member=None, meeting=None):
        """The attendance of ``member`` (Member A) at ``meeting`` (``self.meeting``)."""
        meeting = meeting or self.meeting
        member = member or self.member_a
        return meeting.attendance_ids.filtered(lambda a: a.member_id == member)

    @classmethod
    def _meeting(cls, org, start, meeting_type="branch_assembly", state="planned", **vals):
        return cls.Meeting.with_context(**NO_CAL).create(
            {
                "organization_id": org.id,
                "meeting_type": meeting_type,
                "start": start,
                "stop": start + timedelta(hours=2),
                "state": state,
                **vals,
            }
        )

    @classmethod
    def _held(cls, org, day, meeting_type="branch_assembly", **vals):
        start = datetime(day.year, day.month, day.day, 9, 0)
        return cls._meeting(org, start, meeting_type, state="held", **vals)


@tagged("post_install", "-at_install")
class TestMeetingAttendees(PartyMeetingCase):
    def test_expected_attendees_of_a_branch(self):
        meeting = self._meeting(self.branch_a, datetime(2025, 3, 3, 9))
        self.assertEqual(meeting.attendance_ids.member_id, self.secretary_a | self.member_a)
        self.assertTrue(all(a.state == "expected" for a in meeting.attendance_ids))
        self.assertEqual(meeting.expected_count, 2)
        self.assertEqual(meeting.attendance_rate, 0.0)

    def test_attendance_unknown_until_held_then_absent(self):
        meeting = self._meeting(self.branch_a, datetime(2025, 3, 3, 9))
        self.assertEqual(set(meeting.attendance_ids.mapped("state")), {"expected"})
        signed = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_a)
        signed.state = "present"
        with freeze_time(datetime(2025, 3, 3, 12)):
            meeting.with_context(**NO_CAL).action_held()
        absent = meeting.attendance_ids - signed
        self.assertEqual(absent.member_id, self.secretary_a)
        self.assertEqual(absent.state, "absent")
        self.assertEqual(signed.state, "present")
        self.assertEqual(meeting.attendance_rate, 50.0)

    def test_committee_meeting_expects_the_committee_members(self):
        meeting = self._meeting(self.branch_a, datetime(2025, 3, 3, 9), "committee_meeting")
        committee = self.env["party.position"].search(
            [
                ("organization_id", "=", self.branch_a.id),
                ("position_type_id.is_committee_member", "=", True),
            ]
        )
        self.assertTrue(committee)
        self.assertEqual(meeting.attendance_ids.member_id, committee.member_id)
        self.assertNotIn(self.member_a, meeting.attendance_ids.member_id)

    def test_lost_contact_members_are_expected_others_not(self):
        lost = self._member(self.branch_a, "Lost A")
        lost.status = "lost_contact"
        meeting = self._meeting(self.branch_a, datetime(2025, 3, 3, 9))
        self.assertIn(lost, meeting.attendance_ids.member_id)
        self.assertNotIn(self.member_b, meeting.attendance_ids.member_id)

    def test_group_meeting_expects_group_members(self):
        meeting = self._meeting(self.group_a, datetime(2025, 3, 3, 9), "group_meeting")
        self.assertEqual(meeting.attendance_ids.member_id, self.member_a)

    def test_group_meeting_only_in_a_group(self):
        with self.assertRaisesRegex(ValidationError, "党小组会"):
            self._meeting(self.branch_a, datetime(2025, 3, 3, 9), "group_meeting")

    def test_refresh_adds_new_members_once(self):
        meeting = self._meeting(self.branch_a, datetime(2025, 3, 3, 9))
        newcomer = self._member(self.branch_a, "Newcomer A")
        meeting.with_context(**NO_CAL).action_fill_attendees()
        meeting.with_context(**NO_CAL).action_fill_attendees()
        self.assertEqual(
            meeting.attendance_ids.member_id, self.secretary_a | self.member_a | newcomer
        )

    def test_excused_requires_reason(self):
        meeting = self._meeting(self.branch_a, datetime(2025, 3, 3, 9))
        attendance = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_a)
        with self.assertRaisesRegex(ValidationError, "reason"):
            attendance.write({"state": "excused"})
        attendance.write({"state": "excused", "excuse": "On a business trip"})
        self.assertEqual(attendance.state, "excused")

    def test_attendance_rates(self):
        year = self.today.year
        first = self._held(self.branch_a, date(year, 1, 5))
        self._held(self.branch_a, date(year, 1, 6), "party_lecture")
        first.attendance_ids.filtered(lambda a: a.member_id == self.member_a).state = "present"
        self.assertEqual(first.attendance_rate, 50.0)
        self.assertEqual(first.present_count, 1)
        self.member_a.invalidate_recordset(["meeting_attendance_rate"])
        self.assertEqual(self.member_a.meeting_attendance_rate, 50.0)
        self.assertEqual(self.secretary_a.meeting_attendance_rate, 0.0)
        self.assertEqual(self.member_a.meeting_count, 2)


@tagged("post_install", "-at_install")
class TestMeetingSignIn(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the plain sign-in button: the branch allows remote sign-in (the room's codes:
        # test_meeting_room_sign_in.py)
        cls.branch_a.party_remote_sign_in = True
        cls.meeting = cls._branch_a_meeting()
        cls.stop = cls.meeting.stop

    def test_window_opens_30_minutes_before(self):
        with freeze_time(self.start - timedelta(minutes=31)):
            with self.assertRaisesRegex(UserError, "30 minutes"):
                self.meeting.with_user(self.portal).action_sign_in()
        with freeze_time(self.start - timedelta(minutes=30)):
            self.meeting.with_user(self.portal).action_sign_in()
        attendance = self._attendance(self.member_a)
        self.assertEqual(attendance.state, "present")
        self.assertEqual(attendance.signed_at, self.start - timedelta(minutes=30))

    def test_window_closes_30_minutes_after(self):
        with freeze_time(self.stop + timedelta(minutes=31)):
            with self.assertRaisesRegex(UserError, "30 minutes"):
                self.meeting.with_user(self.portal).action_sign_in()
        with freeze_time(self.stop + timedelta(minutes=30)):
            self.meeting.with_user(self.portal).action_sign_in()
        self.assertEqual(self._attendance(self.member_a).state, "present")

    def test_sign_in_flag_and_only_expected_members(self):
        with freeze_time(self.start):
            meeting = self.meeting.with_user(self.portal)
            self.assertTrue(meeting.can_sign_in)
            self.assertEqual(meeting.my_attendance_state, "expected")
            with self.assertRaisesRegex(UserError, "not an expected attendee"):
                self.meeting.with_user(self.officer_b).action_sign_in()

    def test_member_cannot_write_attendance(self):
        attendance = self._attendance(self.member_a).with_user(self.portal)
        with self.assertRaises(AccessError):
            attendance.write({"state": "present"})

    def test_cancelled_meeting_refuses_sign_in(self):
        self.meeting.with_context(**NO_CAL).action_cancel()
        with freeze_time(self.start):
            with self.assertRaisesRegex(UserError, "cancelled"):
                self.meeting.with_user(self.portal).action_sign_in()


@tagged("post_install", "-at_install")
class TestMeetingLateEntry(PartyMeetingCase):
    def setUp(self):  # pylint: disable=invalid-name
        super().setUp()
        self.now = datetime(2025, 9, 1, 12, 0)

    def _ended(self, delta):
        stop = self.now - delta
        return self._meeting(self.branch_a, stop - timedelta(hours=2))

    def test_recorded_within_7_days(self):
        meeting = self._ended(timedelta(days=7))
        with freeze_time(self.now):
            meeting.with_context(**NO_CAL).action_held()
        self.assertEqual(meeting.state, "held")
        self.assertEqual(meeting.held_on, self.now)

    def test_recorded_after_7_days_and_a_minute_needs_reason(self):
        meeting = self._ended(timedelta(days=7, minutes=1))
        with freeze_time(self.now):
            with self.assertRaisesRegex(ValidationError, "late-entry reason"):
                meeting.with_context(**NO_CAL).action_held()
            self.assertEqual(meeting.state, "planned")
            meeting.late_entry_reason = "Minutes found in the secretary's notebook"
            meeting.with_context(**NO_CAL).action_held()
        self.assertEqual(meeting.state, "held")

    def test_late_entry_reason_is_tracked(self):
        """The reason is audited: the chatter keeps who gave which reason."""
        meeting = self._ended(timedelta(days=8))
        self.env.flush_all()
        self.env.cr.precommit.run()  # the creation's own tracking, discarded, ends here
        reason = "Minutes found in the secretary's notebook"
        # without the quiet context of the test tree: tracking as in production
        meeting.with_env(self.env(context={**NO_CAL, "tz": "UTC"})).write(
            {"late_entry_reason": reason}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written before the commit
        meeting.invalidate_recordset(["message_ids"])
        tracked = meeting.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "late_entry_reason"
        )
        self.assertEqual(tracked.new_value_char or tracked.new_value_text, reason)
        self.assertEqual(tracked.mail_message_id.author_id, self.env.user.partner_id)

    def test_not_held_before_it_starts(self):
        meeting = self._meeting(self.branch_a, self.now + timedelta(hours=1))
        with freeze_time(self.now):
            with self.assertRaisesRegex(ValidationError, "not started"):
                meeting.action_held()


@tagged("post_install", "-at_install")
class TestMeetingFrequency(PartyMeetingCase):
    def test_quarter_without_assembly(self):
        self._held(self.branch_b, date(2025, 2, 10))
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.branch_b, date(2025, 1, 1), date(2025, 6, 30)
        )
        self.assertEqual(
            gaps[self.branch_b.id]["branch_assembly"], [(date(2025, 4, 1), date(2025, 6, 30))]
        )
        findings = self._check(self.branch_b, date(2025, 7, 1), "meeting_missing")
        assembly = findings.filtered(lambda f: f.key == "branch_assembly")
        self.assertEqual(len(assembly), 1)
        self.assertIn("2025-Q2", assembly.message)
        self.assertNotIn("2025-Q1", assembly.message)
        self.assertIn("三会一课", assembly.rule)
        # held in the quarter: the finding closes
        self._held(self.branch_b, date(2025, 5, 20))
        findings = self._check(self.branch_b, date(2025, 7, 1), "meeting_missing")
        self.assertFalse(findings.filtered(lambda f: f.key == "branch_assembly"))

    def test_planned_or_cancelled_meetings_do_not_count(self):
        self._meeting(self.branch_b, datetime(2025, 2, 10, 9))
        self._meeting(self.branch_b, datetime(2025, 2, 11, 9), state="cancelled")
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.branch_b, date(2025, 1, 1), date(2025, 3, 31)
        )
        self.assertIn("branch_assembly", gaps[self.branch_b.id])

    def test_incomplete_periods_are_not_due(self):
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.branch_b, date(2025, 1, 1), date(2025, 3, 30)
        )
        self.assertNotIn("branch_assembly", gaps[self.branch_b.id])
        self.assertEqual(
            gaps[self.branch_b.id]["theme_day"],
            [(date(2025, 1, 1), date(2025, 1, 31)), (date(2025, 2, 1), date(2025, 2, 28))],
        )

    def test_committee_meeting_only_with_committee(self):
        self.branch_b.has_committee = False
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.branch_b, date(2025, 1, 1), date(2025, 1, 31)
        )
        self.assertNotIn("committee_meeting", gaps[self.branch_b.id])
        self.branch_b.has_committee = True
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.branch_b, date(2025, 1, 1), date(2025, 1, 31)
        )
        self.assertIn("committee_meeting", gaps[self.branch_b.id])
        self._held(self.branch_b, date(2025, 1, 15), "committee_meeting")
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.branch_b, date(2025, 1, 1), date(2025, 1, 31)
        )
        self.assertNotIn("committee_meeting", gaps[self.branch_b.id])

    def test_group_meeting_monthly_in_groups(self):
        gaps = self.env["party.compliance"]._meeting_gaps(
            (self.group_a | self.branch_a), date(2025, 1, 1), date(2025, 1, 31)
        )
        self.assertIn("group_meeting", gaps[self.group_a.id])
        self.assertNotIn("group_meeting", gaps[self.branch_a.id])
        self.assertNotIn("theme_day", gaps[self.group_a.id])
        self._held(self.group_a, date(2025, 1, 9), "group_meeting")
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.group_a, date(2025, 1, 1), date(2025, 1, 31)
        )
        self.assertFalse(gaps.get(self.group_a.id))

    def test_secretary_lectures_once_a_year(self):
        year = (date(2025, 1, 1), date(2025, 12, 31))
        for quarter in (1, 4, 7, 10):
            self._held(
                self.branch_b, date(2025, quarter, 3), "party_lecture", lecturer_id=self.member_b.id
            )
        gaps = self.env["party.compliance"]._meeting_gaps(self.branch_b, *year)
        self.assertNotIn("party_lecture", gaps[self.branch_b.id])
        self.assertEqual(
            gaps[self.branch_b.id]["party_lecture_secretary"],
            [(date(2025, 1, 1), date(2025, 12, 31))],
        )
        self._held(
            self.branch_b, date(2025, 11, 3), "party_lecture", lecturer_id=self.secretary_b.id
        )
        gaps = self.env["party.compliance"]._meeting_gaps(self.branch_b, *year)
        self.assertNotIn("party_lecture_secretary", gaps[self.branch_b.id])

    def test_full_year_without_gaps(self):
        for month in range(1, 13):
            self._held(self.branch_b, date(2025, month, 2), "theme_day")
            if month % 3 == 1:
                self._held(self.branch_b, date(2025, month, 3), "branch_assembly")
                self._held(
                    self.branch_b,
                    date(2025, month, 4),
                    "party_lecture",
                    lecturer_id=self.secretary_b.id,
                )
        self._held(self.branch_b, date(2025, 12, 10), "life_meeting")
        self._held(self.branch_b, date(2025, 12, 11), "appraisal_meeting")
        gaps = self.env["party.compliance"]._meeting_gaps(
            self.branch_b, date(2025, 1, 1), date(2025, 12, 31)
        )
        self.assertFalse(gaps.get(self.branch_b.id))

    def _gap_queries(self, orgs):
        self.env["party.compliance"]._meeting_gaps(
            orgs, date(2025, 1, 1), date(2025, 6, 30)
        )  # warm the caches
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.env["party.compliance"]._meeting_gaps(orgs, date(2025, 1, 1), date(2025, 6, 30))
        return self.env.cr.sql_log_count - before

    def test_gaps_are_set_based(self):
        """The number of queries grows neither with meetings nor with organisations."""
        orgs = self.branch_a | self.branch_b
        self._held(self.branch_a, date(2025, 1, 5), "theme_day")
        small = self._gap_queries(orgs)
        more = (
            orgs | self.group_a | self.committee | self._org("Branch X", "branch", self.committee)
        )
        for org in (self.branch_a, self.branch_b):
            for month in range(1, 7):
                self._held(org, date(2025, month, 5), "theme_day")
                self._held(org, date(2025, month, 6), "party_lecture", lecturer_id=self.member_b.id)
        self.assertLessEqual(self._gap_queries(more), small)
        self.assertLessEqual(small, 10)


@tagged("post_install", "-at_install")
class TestMeetingCalendar(PartyMeetingCase):
    def test_calendar_event_with_attendees(self):
        meeting = self.Meeting.create(
            {
                "organization_id": self.branch_a.id,
                "meeting_type": "party_lecture",
                "start": datetime(2025, 6, 10, 14, 0),
                "stop": datetime(2025, 6, 10, 16, 0),
                "location": "Activity room",
            }
        )
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.partner_ids, (self.secretary_a | self.member_a).partner_id)
        self.assertEqual(event.start, meeting.start)
        self.assertEqual(event.res_model, "party.meeting")
        self.assertEqual(event.res_id, meeting.id)
        meeting.start = datetime(2025, 6, 11, 14, 0)
        meeting.stop = datetime(2025, 6, 11, 16, 0)
        self.assertEqual(event.start, datetime(2025, 6, 11, 14, 0))
        meeting.action_cancel()
        self.assertFalse(event.active)


@tagged("post_install", "-at_install")
class TestMeetingAccess(PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting_a = cls._meeting(cls.branch_a, datetime(2025, 6, 10, 14))
        cls.meeting_b = cls._meeting(cls.branch_b, datetime(2025, 6, 10, 14))

    def test_member_sees_only_meetings_attended(self):
        meetings = self.Meeting.with_user(self.portal).search(
            [("id", "in", (self.meeting_a | self.meeting_b).ids)]
        )
        self.assertEqual(meetings, self.meeting_a)
        attendances = self.Attendance.with_user(self.portal).search(
            [("meeting_id", "in", (self.meeting_a | self.meeting_b).ids)]
        )
        self.assertEqual(attendances.member_id, self.member_a)
        with self.assertRaises(AccessError):
            self.meeting_b.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.meeting_a.with_user(self.portal).write({"minutes": "<p>x</p>"})

    def test_officer_manages_own_organisations(self):
        meeting = self.meeting_a.with_user(self.officer_a)
        meeting.write({"minutes": "<p>Minutes</p>"})
        with self.assertRaises(AccessError):
            self.meeting_b.with_user(self.officer_a).write({"minutes": "<p>x</p>"})
        # the committee's officer manages the branches below
        self.meeting_b.with_user(self.officer_c).write({"minutes": "<p>ok</p>"})
        with self.assertRaises(AccessError):
            self.Meeting.with_user(self.officer_b).with_context(**NO_CAL).create(
                {
                    "organization_id": self.branch_a.id,
                    "meeting_type": "branch_assembly",
                    "start": datetime(2025, 7, 1, 9),
                }
            )

    def test_auditor_reads_only(self):
        meetings = self.Meeting.with_user(self.auditor).search(
            [("id", "in", (self.meeting_a | self.meeting_b).ids)]
        )
        self.assertEqual(len(meetings), 2)
        with self.assertRaises(AccessError):
            self.meeting_a.with_user(self.auditor).write({"minutes": "<p>x</p>"})

    def test_admin_all(self):
        meetings = self.Meeting.with_user(self.admin).search(
            [("id", "in", (self.meeting_a | self.meeting_b).ids)]
        )
        self.assertEqual(meetings, self.meeting_a | self.meeting_b)
        self.meeting_b.with_user(self.admin).write({"minutes": "<p>ok</p>"})
        self.assertEqual(str(self.meeting_b.minutes), "<p>ok</p>")
