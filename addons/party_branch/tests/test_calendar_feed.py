"""The member's private calendar feed (/my/party/calendar.ics?token=…) and the page
where the member makes its link and chooses their reminders (/my/reminders).

The feed answers a phone's calendar, which does not log in: only the member's own
token opens it; a missing, wrong or replaced token, or a member who left, is the same
404 with nothing listed. The meetings it lists are party_life's (tested there)."""

import datetime
import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..tools import ical
from .common import PortalPages, create_full_members, member_user
from .rpc import rpc

FEED = "/my/party/calendar.ics"


@tagged("post_install", "-at_install")
class TestCalendarFeed(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.branch = env["party.organization"].create(
            {"name": "Feed Branch", "code": "FEED-B", "org_type": "branch"}
        )
        cls.user = member_user(env, "feed_member")
        cls.member = create_full_members(env, cls.branch,
                                         [("Feed Member", datetime.date(1984, 4, 4), 41)])  # fmt: skip
        cls.member.user_id = cls.user
        rpc(env, cls.user, "party.member", "action_new_calendar_token")
        cls.token = cls.member.sudo().calendar_token

    def test_right_token_serves_the_calendar_without_login(self):
        response = self.url_open(f"{FEED}?token={self.token}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        self.assertTrue(response.text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        self.assertTrue(response.text.endswith("END:VCALENDAR\r\n"))

    def test_wrong_absent_or_short_token_is_not_found(self):
        urls = (
            FEED,
            f"{FEED}?token=",
            f"{FEED}?token={self.token[:-1]}x",
            f"{FEED}?token={self.token[:10]}",
            f"{FEED}?token={self.token}{self.token}{self.token}{self.token}{self.token}",
        )
        self._assert_pages(urls, 404, "VCALENDAR")

    def test_old_token_stops_working_when_the_member_makes_a_new_one(self):
        old = self.token
        rpc(self.env, self.user, "party.member", "action_new_calendar_token")
        new = self.member.sudo().calendar_token
        self.assertNotEqual(new, old)
        self.assertEqual(self.url_open(f"{FEED}?token={old}").status_code, 404)
        self.assertEqual(self.url_open(f"{FEED}?token={new}").status_code, 200)

    def test_member_who_left_gets_nothing(self):
        self.member.status = "expelled"
        response = self.url_open(f"{FEED}?token={self.token}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("VCALENDAR", response.text)

    def test_token_is_read_by_no_one_but_the_server(self):
        """Officers and the member read the member's record, never the token (the member
        sees their own link on their page, through their own membership)."""
        officer = new_test_user(self.env, login="feed_officer",
                                groups="party_branch.group_party_admin")  # fmt: skip
        for user in (self.user, officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.member", "read", ["calendar_token"],
                    ids=self.member.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, officer, "party.member", "write", {"calendar_token": "x" * 40},
                ids=self.member.ids)  # fmt: skip

    def test_member_makes_the_link_and_saves_reminders_on_the_page(self):
        self.authenticate("feed_member", "feed_member")
        page = self.url_open("/my/reminders")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"{FEED}?token={self.token}", page.text)
        self.assertIn("Notice still unread", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open("/my/reminders/calendar-link", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_calendar_link_made", response.text)
        new = self.member.sudo().calendar_token
        self.assertNotEqual(new, self.token)
        self.assertIn(f"{FEED}?token={new}", response.text)
        response = self.url_open("/my/reminders/save", data={"csrf_token": csrf})
        self.assertIn("o_party_reminders_saved", response.text)

    def test_link_is_made_only_by_a_post_with_its_csrf_token(self):
        self.authenticate("feed_member", "feed_member")
        response = self.url_open("/my/reminders/calendar-link", data={"csrf_token": "forged"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.member.sudo().calendar_token, self.token)


@tagged("post_install", "-at_install")
class TestIcalText(TransactionCase):
    """RFC 5545 text: escaping, folding at 75 octets, UTC times, CRLF."""

    def test_text_escaped(self):
        self.assertEqual(ical.escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne")

    def test_long_lines_folded_at_75_octets_without_cutting_a_character(self):
        line = "SUMMARY:" + "党支部委员会会议" * 10
        folded = ical.fold(line)
        parts = folded.split("\r\n")
        self.assertGreater(len(parts), 1)
        self.assertTrue(all(len(part.encode()) <= 75 for part in parts))
        self.assertTrue(all(part.startswith(" ") for part in parts[1:]))
        self.assertEqual("".join(part[1:] if i else part for i, part in enumerate(parts)), line)

    def test_event_in_utc_with_crlf(self):
        text = ical.calendar(
            [
                {
                    "uid": "party-meeting-1@example.com",
                    "start": datetime.datetime(2031, 5, 15, 1, 30),
                    "stop": datetime.datetime(2031, 5, 15, 3, 30),
                    "summary": "Branch assembly",
                    "location": "Room 3, floor 2",
                }
            ],
            now=datetime.datetime(2031, 5, 1),
        )
        self.assertIn("\r\nDTSTART:20310515T013000Z\r\nDTEND:20310515T033000Z\r\n", text)
        self.assertIn("\r\nLOCATION:Room 3\\, floor 2\r\n", text)
        self.assertNotIn("\n", text.replace("\r\n", ""))
