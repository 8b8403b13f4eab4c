"""The member's home (/my/party): party_life's blocks (the next meeting with the room's
sign-in code while sign-in is open, the dues owed and the last receipt, the appraisal
ballot while it is open, the study of the year against the hours required), with data
and empty; a member of another organisation sees none of it; the home's query count
does not grow with the member's meetings, dues and notices."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.test_member_home import MemberHome

from ..models.party_member import STUDY_HOURS_REQUIRED
from .common import PartyDuesCase, completed_lesson, voting_appraisal


class LifeHomeCase(MemberHome, PartyDuesCase, HttpCase):
    """The party_branch test tree (Member A of Branch A with the portal login
    ``pbt_portal``; Member B of Branch B), Member B with a login of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._home_on_party_tree("plh_member_b")
        cls.now = fields.Datetime.now().replace(microsecond=0)

    @classmethod
    def _meeting(cls, org, name, start, **vals):
        return (
            cls.env["party.meeting"]
            .with_context(party_meeting_no_calendar=True)
            .create(
                {
                    "name": name,
                    "organization_id": org.id,
                    "meeting_type": "theme_day",
                    "location": f"{name} room",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    **vals,
                }
            )
        )

    def _home_a(self):
        return self._home(self.portal.login)


@tagged("post_install", "-at_install")
class TestMemberHomeMeeting(LifeHomeCase):
    def test_next_meeting_shown_with_its_place_and_a_link_to_the_meetings(self):
        self._meeting(self.branch_a, "PLH Later day", self.now + timedelta(days=9))
        self._meeting(self.branch_a, "PLH Next day", self.now + timedelta(days=2))
        self._meeting(self.branch_a, "PLH Past day", self.now - timedelta(days=3))
        block = self._block(self._home_a(), "meeting")
        text = self._text(block)
        self.assertIn("PLH Next day", text)
        self.assertIn("PLH Next day room", text)
        self.assertNotIn("PLH Later day", text)
        self.assertNotIn("PLH Past day", text)
        self.assertIn("/my/meetings", self._links(block))
        self.assertFalse(block.xpath(".//form[contains(@class, 'o_party_home_sign_in')]"))
        self.assertTrue(block.xpath(".//a[contains(@class, 'o_party_home_leave')]"))

    def test_cancelled_meeting_not_the_next_one(self):
        meeting = self._meeting(self.branch_a, "PLH Cancelled day", self.now + timedelta(days=1))
        meeting.action_cancel()
        block = self._block(self._home_a(), "meeting")
        self.assertTrue(self._empty(block))
        self.assertNotIn("PLH Cancelled day", self._text(block))

    def test_no_meeting_says_what_will_appear(self):
        block = self._block(self._home_a(), "meeting")
        self.assertTrue(self._empty(block))
        self.assertIn("Your next meeting will appear here", self._text(block))

    def test_sign_in_with_the_room_code_from_the_home(self):
        meeting = self._meeting(
            self.branch_a, "PLH Day under way", self.now - timedelta(minutes=10)
        )
        block = self._block(self._home_a(), "meeting")
        action = block.xpath(".//form[contains(@class, 'o_party_home_sign_in')]/@action")
        self.assertEqual(action, [f"/my/meetings/{meeting.id}/sign-in/confirm"])
        token = block.xpath(".//input[@name='csrf_token']/@value")[0]
        code = meeting._room_code(meeting._room_slot())
        self.url_open(action[0], data={"csrf_token": token, "code": code})
        attendance = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_a)
        self.assertEqual(attendance.state, "present")
        block = self._block(self._home_a(), "meeting")
        self.assertIn("You are signed in.", self._text(block))
        self.assertFalse(block.xpath(".//form[contains(@class, 'o_party_home_sign_in')]"))


@tagged("post_install", "-at_install")
class TestMemberHomeDues(LifeHomeCase):
    def test_dues_owed_and_the_last_receipt(self):
        self._generate([self.month(-2), self.month(-1)], members=self.member_a)
        self._pay(self.member_a, 90.0, pay_date=self.today - timedelta(days=3))
        last = self._pay(self.member_a, 90.0, pay_date=self.today)
        block = self._block(self._home_a(), "dues")
        self.assertFalse(self._empty(block))
        text = self._text(block)
        self.assertIn(last.name, text)
        self.assertIn(f"/my/dues/receipt/{last.id}", self._links(block))
        self.assertIn("/my/dues", self._links(block))
        owed = block.xpath(".//*[contains(@class, 'o_party_home_dues_owed')]")[0]
        self.member_a.invalidate_recordset(["dues_balance"])
        self.assertIn(f"{self.member_a.dues_balance:.2f}", self._text(owed))

    def test_months_unpaid_shown_in_arrears(self):
        self._generate([self.month(-2), self.month(-1)], members=self.member_a)
        block = self._block(self._home_a(), "dues")
        arrears = block.xpath(".//*[contains(@class, 'o_party_home_dues_arrears')]")[0]
        self.assertEqual(self._text(arrears), "2")
        self.assertIn("180.00", self._text(block))

    def test_no_dues_says_what_will_appear(self):
        block = self._block(self._home_a(), "dues")
        self.assertTrue(self._empty(block))
        self.assertIn("your receipts will appear here", self._text(block))


@tagged("post_install", "-at_install")
class TestMemberHomeAppraisalAndStudy(LifeHomeCase):
    def test_open_ballot_links_to_the_appraisal(self):
        appraisal = self.env["party.appraisal"].create(
            {"organization_id": self.branch_a.id, "year": 2031}
        )
        appraisal.action_start_self_assessment()
        block = self._block(self._home_a(), "appraisal")
        self.assertIn("Write your self-assessment.", self._text(block))
        appraisal.action_start_voting()
        block = self._block(self._home_a(), "appraisal")
        self.assertIn("Your ballot is open", self._text(block))
        self.assertIn(f"/my/appraisals/{appraisal.id}", self._links(block))

    def test_no_open_appraisal_says_what_will_appear(self):
        appraisal = voting_appraisal(self.env, self.branch_a, 2030)
        appraisal.action_close()
        block = self._block(self._home_a(), "appraisal")
        self.assertTrue(self._empty(block))
        self.assertIn("your self-assessment and ballot will appear here", self._text(block))

    def _study(self, hours):
        completed_lesson(self.env, "PLH course", hours, self.member_a, self.today)

    def test_study_against_the_hours_required(self):
        self._study(STUDY_HOURS_REQUIRED - 0.25)
        block = self._block(self._home_a(), "study")
        hours = block.xpath(".//*[contains(@class, 'o_party_home_study_hours')]")[0]
        self.assertEqual(self._text(hours), "31.75")
        self.assertIn("/ 32 hours", self._text(block))
        self.assertIn("99%", self._text(block))
        self.assertNotIn("You have studied the hours required", self._text(block))
        self.assertIn("0.25 hours still to study this year.", self._text(block))
        self.assertIn("/my/party/study", self._links(block))

    def test_study_of_the_hours_required_is_met(self):
        self._study(STUDY_HOURS_REQUIRED)
        block = self._block(self._home_a(), "study")
        self.assertIn("You have studied the hours required this year.", self._text(block))
        self.assertIn("100%", self._text(block))

    def test_no_study_says_what_will_count(self):
        block = self._block(self._home_a(), "study")
        self.assertIn("0 / 32 hours", self._text(block))
        self.assertIn("the courses you complete will count here", self._text(block))


@tagged("post_install", "-at_install")
class TestMemberHomeIsOwnLife(LifeHomeCase):
    def test_member_of_another_branch_sees_none_of_it(self):
        self._meeting(self.branch_a, "PLH A's day", self.now + timedelta(days=1))
        self._generate(self.month(-1), members=self.member_a)
        payment = self._pay(self.member_a, 90.0, pay_date=self.today)
        page = self._home("plh_member_b")
        text = self._text(page)
        self.assertNotIn("PLH A's day", text)
        self.assertNotIn(payment.name, text)
        self.assertNotIn(f"/my/dues/receipt/{payment.id}", page.xpath("//a/@href"))
        self.assertTrue(self._empty(self._block(page, "meeting")))
        self.assertTrue(self._empty(self._block(page, "dues")))


@tagged("post_install", "-at_install")
class TestMemberHomeQueryCount(LifeHomeCase):
    """The home runs as many queries with 20 meetings, months of dues, receipts and
    notices as with one of each."""

    def _queries(self):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        response = self.url_open("/my/party")
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def _add(self, count, first):
        for i in range(first, first + count):
            # the first to come, then as many past meetings as future ones; one month of
            # dues and a receipt each
            offset = timedelta(days=i + 1) if i % 2 == 0 else -timedelta(days=i + 1)
            self._meeting(self.branch_a, f"PLH count {i}", self.now + offset)
            self._generate(self.month(-i - 1), members=self.member_a)
            self._pay(self.member_a, 90.0, pay_date=self.today - timedelta(days=i))
            notice = self.env["party.notice"].create(
                {"title": f"PLH notice {i}", "organization_ids": [(6, 0, self.branch_a.ids)]}
            )
            notice.action_publish()

    def test_query_count_same_with_1_and_20_meetings_dues_and_notices(self):
        self._add(1, 0)
        self.authenticate(self.portal.login, self.portal.login)
        self._queries()  # templates compiled, caches of the registry filled
        with_one = self._queries()
        self._add(19, 1)
        self.assertEqual(
            self.env["party.meeting"].search_count(
                [("attendance_ids.member_id", "=", self.member_a.id)]
            ),
            20,
        )
        self.assertEqual(self.Dues.search_count([("member_id", "=", self.member_a.id)]), 20)
        self._queries()
        with_twenty = self._queries()
        self.assertEqual(with_twenty, with_one)
        self.assertLess(with_one, 150)
        # the blocks show the latest of each, not all of them
        block = self._block(self._home_a(), "notices")
        self.assertEqual(len(block.xpath(".//a[contains(@class, 'o_party_home_notice')]")), 3)
        self.assertIn("PLH notice 19", self._text(block))
