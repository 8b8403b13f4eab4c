"""party_life's reminders (party.reminder, see party_branch/tests/test_reminders.py):
a meeting tomorrow with its place and sign-in page, an appraisal ballot open, the
month's dues unpaid on the month's last day (optional); and the member's meetings in
their private calendar feed."""

import datetime
import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import (
    ReminderMixin,
    activate_chinese,
    create_branch,
    member_branch,
)
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase, voting_appraisal
from .test_meeting import NO_CAL, PartyMeetingCase

DAY = datetime.date(2031, 5, 14)  # no demo record on that day or the next


@tagged("post_install", "-at_install")
class TestMeetingAndVoteReminders(ReminderMixin, PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_tz = "Asia/Shanghai"
        cls.portal.partner_id.tz = False  # the member reads times in the Party's time zone
        cls.Reminder = cls.env["party.reminder"]
        # tomorrow (DAY + 1) at 10:00 in Shanghai: 02:00 UTC
        cls.tomorrow = datetime.datetime(2031, 5, 15, 2, 0)

    def test_meeting_tomorrow_with_place_and_sign_in_page(self):
        self._meeting(self.branch_a, self.tomorrow, location="Room 301, Block B")
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(digest.kind_codes, "meeting_tomorrow")
        body = self._mail(digest).body_html
        self.assertIn("Meeting tomorrow", body)
        self.assertIn("Room 301, Block B", body)
        self.assertIn("10:00", body)  # the Party's time zone, not UTC
        self.assertIn("/my/meetings", body)
        self.assertIn("Sign in and details", body)

    def test_meeting_of_another_day_or_excused_member_not_reminded(self):
        self._meeting(self.branch_a, self.tomorrow + timedelta(days=1))
        meeting = self._meeting(self.branch_b, self.tomorrow)
        meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_b).write(
            {"state": "excused", "excuse": "Travelling"}
        )
        self.member_b.email = "member.b@example.com"
        self.Reminder._run(DAY)
        self.assertFalse(self._digest(self.member_a))
        self.assertFalse(self._digest(self.member_b))
        self.assertEqual(self._digest(self.secretary_b).kind_codes, "meeting_tomorrow")

    def test_cancelled_meeting_not_reminded(self):
        meeting = self._meeting(self.branch_a, self.tomorrow)
        meeting.action_cancel()
        self.Reminder._run(DAY)
        self.assertFalse(self._digest(self.member_a))

    def test_appraisal_ballot_open_until_cast(self):
        appraisal = voting_appraisal(self.env, self.branch_a, 2030)
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(digest.kind_codes, "vote_open")
        self.assertIn(f"/my/appraisals/{appraisal.id}", self._mail(digest).body_html)
        self.env["party.appraisal.ballot"].search(
            [("appraisal_id", "=", appraisal.id), ("member_id", "=", self.member_a.id)]
        ).write({"voted": True})
        self.Reminder._run(DAY + timedelta(days=1))
        self.assertFalse(self._digest(self.member_a, DAY + timedelta(days=1)))

    def test_meeting_reminder_in_chinese(self):
        activate_chinese(self.env, ["party_branch", "party_life"])
        self.portal.partner_id.lang = "zh_CN"
        self._meeting(self.branch_a, self.tomorrow, location="三楼会议室")
        self.Reminder._run(DAY)
        mail = self._mail(self._digest(self.member_a))
        self.assertIn("明天的会议", mail.body_html)
        self.assertIn("签到与详情", mail.body_html)
        self.assertIn("三楼会议室", mail.body_html)
        self.assertIn("2031年5月15日", mail.body_html)


@tagged("post_install", "-at_install")
class TestDuesReminder(ReminderMixin, PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Reminder = cls.env["party.reminder"]
        cls.month_end = cls.this_month + relativedelta(months=1, days=-1)
        cls.dues_kind = cls.env.ref("party_life.reminder_kind_dues_unpaid")
        cls.Dues.generate(cls.this_month, members=cls.member_a | cls.secretary_a)

    def test_dues_unpaid_reminded_on_the_month_end_only(self):
        self.Reminder._run(self.month_end - timedelta(days=1))
        self.assertFalse(self._digest(self.member_a, self.month_end - timedelta(days=1)))
        self.Reminder._run(self.month_end)
        digest = self._digest(self.member_a, self.month_end)
        self.assertEqual(digest.kind_codes, "dues_unpaid")
        body = self._mail(digest).body_html
        self.assertIn("Dues unpaid this month", body)
        self.assertIn("90.00", body)
        self.assertIn("/my/dues", body)

    def test_dues_paid_not_reminded(self):
        self._pay(self.member_a, 90.0)
        self.Reminder._run(self.month_end)
        self.assertFalse(self._digest(self.member_a, self.month_end))

    def test_optional_dues_turned_off_left_out_required_meeting_kept(self):
        rpc(self.env, self.portal, "party.member", "action_set_my_reminders", [self.dues_kind.id])
        start = datetime.datetime.combine(self.month_end + timedelta(days=1), datetime.time(2))
        self.env["party.meeting"].with_context(**NO_CAL).create(
            {"organization_id": self.branch_a.id, "meeting_type": "branch_assembly",
             "start": start, "stop": start + timedelta(hours=2)}
        )  # fmt: skip
        self.env.company.party_tz = "Asia/Shanghai"
        self.Reminder._run(self.month_end)
        self.assertEqual(self._digest(self.member_a, self.month_end).kind_codes,
                         "meeting_tomorrow")  # fmt: skip
        # the secretary keeps both, in one digest and one mail
        digest = self._digest(self.secretary_a, self.month_end)
        self.assertEqual(digest.kind_codes, "meeting_tomorrow,dues_unpaid")
        self.assertEqual(len(self._mail(digest)), 1)


@tagged("post_install", "-at_install")
class TestCalendarFeedMeetings(HttpCase):
    """The feed lists the member's meetings from a month ago to six months ahead, as
    VEVENTs in UTC, and nothing of anyone else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user, branch = member_branch(
            env, "Feed Life Branch", "FEEDL-B", "feed_life_member",
            ("Feed Life Member", datetime.date(1983, 3, 3), 51),
        )  # fmt: skip
        member = branch.member_ids
        other, __ = create_branch(
            env, "Feed Life Other", "FEEDL-O", [("Feed Other", datetime.date(1982, 2, 2), 53)]
        )
        now = fields.Datetime.now().replace(microsecond=0, second=0)
        Meeting = env["party.meeting"].with_context(**NO_CAL)

        def meeting(org, start, name, **vals):
            return Meeting.create(
                {"organization_id": org.id, "meeting_type": "branch_assembly", "name": name,
                 "start": start, "stop": start + timedelta(hours=2), **vals}
            )  # fmt: skip

        cls.next_one = meeting(branch, now + timedelta(days=10), "Assembly; spring, 2031",
                               location="Room 3, floor 2")  # fmt: skip
        cls.cancelled = meeting(branch, now + timedelta(days=5), "Cancelled lecture")
        cls.cancelled.action_cancel()
        meeting(branch, now - relativedelta(months=2), "Too old")
        meeting(branch, now + relativedelta(months=7), "Too far")
        meeting(other, now + timedelta(days=3), "Other branch meeting")
        rpc(env, cls.user, "party.member", "action_new_calendar_token")
        cls.token = member.sudo().calendar_token

    def _events(self, text):
        return re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", text, re.S)

    def test_feed_lists_the_members_meetings_in_utc(self):
        response = self.url_open(f"/my/party/calendar.ics?token={self.token}")
        self.assertEqual(response.status_code, 200)
        text = response.text
        events = self._events(text)
        self.assertEqual(len(events), 2)
        for name in ("Too old", "Too far", "Other branch meeting"):
            self.assertNotIn(name, text)
        event = next(e for e in events if f"party-meeting-{self.next_one.id}@" in e)
        start = self.next_one.start.strftime("%Y%m%dT%H%M%SZ")
        stop = self.next_one.stop.strftime("%Y%m%dT%H%M%SZ")
        self.assertIn(f"\r\nDTSTART:{start}\r\nDTEND:{stop}\r\n", event)
        self.assertIn("SUMMARY:Assembly\\; spring\\, 2031\r\n", event)
        self.assertIn("LOCATION:Room 3\\, floor 2\r\n", event)
        self.assertRegex(event, r"URL:https?://[^\r]+/my/meetings\r\n")
        self.assertIn("STATUS:CONFIRMED", event)
        cancelled = next(e for e in events if f"party-meeting-{self.cancelled.id}@" in e)
        self.assertIn("STATUS:CANCELLED", cancelled)

    def test_wrong_token_lists_nothing(self):
        response = self.url_open(f"/my/party/calendar.ics?token={self.token[::-1]}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Assembly", response.text)
