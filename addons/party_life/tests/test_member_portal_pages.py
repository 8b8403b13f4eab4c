"""The member's pages of organisational life, through HTTP as a phone's browser would:
a meeting's page with its minutes once held (never before, never to another
organisation's member, never a confidential meeting's), remote attendance by the
video call, the consultation (Odoo's portal chatter), the key work points and the
member's own records."""

from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.party_branch.tests.common import PortalPages, member_user

from .test_meeting import PartyMeetingCase


@tagged("post_install", "-at_install")
class TestMemberPortalPages(PortalPages, HttpCase, PartyMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.portal_b = member_user(cls.env, "plp_member_b")
        cls.member_b.user_id = cls.portal_b
        now = fields.Datetime.now().replace(microsecond=0)
        cls.held = cls._held(
            cls.branch_a, cls.today - timedelta(days=2), name="PLP Assembly",
            minutes="<p>PLP minutes: the work plan is adopted.</p>",
        )  # fmt: skip
        cls.planned = cls._meeting(
            cls.branch_a, now + timedelta(days=3), name="PLP Next Assembly",
            minutes="<p>PLP draft minutes</p>",
        )  # fmt: skip
        cls.now_meeting = cls._meeting(
            cls.branch_a, now - timedelta(minutes=10), meeting_type="theme_day",
            name="PLP Theme Day", remote_attendance=True,
        )  # fmt: skip

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, **data):
        return self.url_open(
            url, data={"csrf_token": http.Request.csrf_token(self), **data}, allow_redirects=False
        )

    # ------------------------------------------------------------ minutes

    def test_member_reads_the_minutes_of_a_held_meeting(self):
        self._login(self.portal)
        page = self._page(f"/my/meetings/{self.held.id}")
        self.assertIn("PLP minutes: the work plan is adopted.", page)
        self.assertIn(f'href="/my/meetings/{self.held.id}"', self._page("/my/meetings"))

    def test_minutes_hidden_before_the_meeting_is_held(self):
        self._login(self.portal)
        page = self._page(f"/my/meetings/{self.planned.id}")
        self.assertNotIn("PLP draft minutes", page)
        self.assertIn("once the meeting is held", page)

    def test_minutes_of_a_confidential_meeting_hidden(self):
        self.held.minutes_confidential = True
        self._login(self.portal)
        page = self._page(f"/my/meetings/{self.held.id}")
        self.assertNotIn("the work plan is adopted", page)
        self.assertIn("not published on the portal", page)

    def test_minutes_hidden_from_another_organisations_member(self):
        self._login(self.portal_b)
        response = self.url_open(f"/my/meetings/{self.held.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("the work plan is adopted", response.text)
        self.assertEqual(self.url_open("/my/meetings/999999999").status_code, 404)

    def test_minutes_hidden_from_a_member_transferred_away(self):
        self.member_a.write({"organization_id": self.branch_b.id, "group_id": False})
        self._login(self.portal)
        page = self._page(f"/my/meetings/{self.held.id}")
        self.assertNotIn("the work plan is adopted", page)

    # ------------------------------------------------------------ remote attendance

    def test_member_attends_remotely_and_is_sent_to_the_video_call(self):
        self._login(self.portal)
        self.assertIn("o_party_meeting_attend_remote", self._page("/my/meetings"))
        response = self._post(f"/my/meetings/{self.now_meeting.id}/remote")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/calendar/join_videocall/", response.headers["Location"])
        self.assertEqual(self._attendance(meeting=self.now_meeting).state, "remote")
        page = self._page("/my/meetings")
        self.assertNotIn("o_party_meeting_attend_remote", page)
        self.assertIn("o_party_meeting_rejoin_video", page)
        again = self._post(f"/my/meetings/{self.now_meeting.id}/video")
        self.assertEqual(again.headers["Location"], response.headers["Location"])

    def test_second_remote_attendance_refused_with_the_rule(self):
        self._login(self.portal)
        self._post(f"/my/meetings/{self.now_meeting.id}/remote")
        signed_at = self._attendance(meeting=self.now_meeting).signed_at
        response = self._post(f"/my/meetings/{self.now_meeting.id}/remote")
        self.assertTrue(response.headers["Location"].endswith("/my/meetings"))
        self.assertIn("already attend", self._page("/my/meetings"))
        self.assertEqual(self._attendance(meeting=self.now_meeting).signed_at, signed_at)

    def test_remote_attendance_refused_where_not_allowed(self):
        self.now_meeting.remote_attendance = False
        self._login(self.portal)
        self.assertNotIn("o_party_meeting_attend_remote", self._page("/my/meetings"))
        self._post(f"/my/meetings/{self.now_meeting.id}/remote")
        self.assertIn("cannot be attended remotely", self._page("/my/meetings"))
        self.assertEqual(self._attendance(meeting=self.now_meeting).state, "expected")

    def test_remote_attendance_refused_to_another_organisations_member(self):
        self._login(self.portal_b)
        self._post(f"/my/meetings/{self.now_meeting.id}/remote")
        self.assertIn("not an expected attendee", self._page("/my/meetings"))
        self.assertNotIn(self.member_b, self.now_meeting.attendance_ids.member_id)
        self.assertFalse(self.now_meeting.videocall_url)

    def test_remote_attendance_is_a_post(self):
        self._login(self.portal)
        response = self.url_open(f"/my/meetings/{self.now_meeting.id}/remote")
        self.assertIn(response.status_code, (404, 405))
        self.assertEqual(self._attendance(meeting=self.now_meeting).state, "expected")

    # ------------------------------------------------------------ consultation

    def test_member_asks_then_follows_the_thread_on_the_portal_chatter(self):
        self._login(self.portal)
        page = self._page("/my/party/consultation")
        self.assertIn("o_party_consultation_ask", page)
        self._post("/my/party/consultation/ask", question="May I pay my dues online?")
        consultation = self.env["party.consultation"].search([("member_id", "=", self.member_a.id)])
        self.assertEqual(consultation.state, "waiting")
        page = self._page("/my/party/consultation")
        self.assertIn("o_party_consultation_sent", page)
        self.assertIn('data-res_model="party.consultation"', page)
        # a follow-up through Odoo's portal chatter, as its composer sends it
        self.make_jsonrpc_request(
            "/mail/message/post",
            {"thread_model": "party.consultation", "thread_id": consultation.id,
             "post_data": {"body": "And by bank transfer?", "message_type": "comment",
                           "subtype_xmlid": "mail.mt_comment"}},
        )  # fmt: skip
        fetched = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "party.consultation", "thread_id": consultation.id},
        )
        bodies = " ".join(m["body"] for m in fetched["data"]["mail.message"])
        self.assertIn("bank transfer", bodies)
        self.assertIn("pay my dues online", bodies)

    def test_member_of_another_organisation_cannot_post_or_read(self):
        consultation_id = (
            self.env["party.consultation"].with_user(self.portal).ask("A private question")
        )
        self._login(self.portal_b)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {"thread_model": "party.consultation", "thread_id": consultation_id,
                 "post_data": {"body": "Spam", "message_type": "comment",
                               "subtype_xmlid": "mail.mt_comment"}},
            )  # fmt: skip
        fetched = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "party.consultation", "thread_id": consultation_id},
        )
        self.assertFalse(fetched["data"]["mail.message"])
        consultation = self.env["party.consultation"].browse(consultation_id)
        self.assertNotIn("Spam", " ".join(consultation.message_ids.mapped("body")))
        # their own page is theirs: their organisation, no thread of someone else
        page = self._page("/my/party/consultation")
        self.assertIn("Branch B", page)
        self.assertNotIn("A private question", page)

    def test_member_transferred_away_cannot_post_on_the_old_thread(self):
        consultation_id = self.env["party.consultation"].with_user(self.portal).ask("Q1")
        self.member_a.write({"organization_id": self.branch_b.id, "group_id": False})
        self._login(self.portal)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {"thread_model": "party.consultation", "thread_id": consultation_id,
                 "post_data": {"body": "Q2", "message_type": "comment",
                               "subtype_xmlid": "mail.mt_comment"}},
            )  # fmt: skip
        consultation = self.env["party.consultation"].browse(consultation_id)
        self.assertNotIn("Q2", " ".join(consultation.message_ids.mapped("body")))

    # ------------------------------------------------------------ work points, records

    def test_my_account_links_the_members_pages(self):
        self._login(self.portal)
        page = self._page("/my")
        for url in ("/my/party/consultation", "/my/party/work-points", "/my/party/records"):
            with self.subTest(url=url):
                self.assertIn(f'href="{url}"', page)

    def test_member_reads_the_published_work_points_of_their_organisation_only(self):
        Point = self.env["party.work.point"]
        Point.create(
            [
                {"organization_id": self.branch_a.id, "name": "PLP Flood season",
                 "state": "published"},
                {"organization_id": self.branch_a.id, "name": "PLP Draft point"},
                {"organization_id": self.committee.id, "name": "PLP Committee plan",
                 "state": "published"},
                {"organization_id": self.branch_b.id, "name": "PLP Branch B point",
                 "state": "published"},
            ]
        )  # fmt: skip
        self._login(self.portal)
        page = self._page("/my/party/work-points")
        self.assertIn("PLP Flood season", page)
        self.assertIn("PLP Committee plan", page)  # the organisation above hers
        self.assertNotIn("PLP Draft point", page)
        self.assertNotIn("PLP Branch B point", page)

    def test_member_reads_only_their_own_records(self):
        Record = self.env["party.member.record"]
        file = self.env["ir.attachment"].create({"name": "plp_report.txt", "raw": b"report"})
        other_file = self.env["ir.attachment"].create({"name": "plp_other.txt", "raw": b"other"})
        mine = Record.create(
            {"member_id": self.member_a.id, "name": "PLP Thought report",
             "attachment_ids": [(6, 0, file.ids)]}
        )  # fmt: skip
        theirs = Record.create(
            {"member_id": self.member_b.id, "name": "PLP Someone else's record",
             "attachment_ids": [(6, 0, other_file.ids)]}
        )  # fmt: skip
        self._login(self.portal)
        page = self._page("/my/party/records")
        self.assertIn("PLP Thought report", page)
        self.assertNotIn("PLP Someone else", page)
        response = self.url_open(f"/my/party/records/{mine.id}/attachments/{file.id}")
        self.assertEqual(response.content, b"report")
        self._assert_pages(
            (
                f"/my/party/records/{theirs.id}/attachments/{other_file.id}",
                f"/my/party/records/{mine.id}/attachments/{other_file.id}",
            ),
            404,
        )

    def test_officer_reads_only_their_own_records_on_the_portal(self):
        self.env["party.member.record"].create(
            {"member_id": self.member_a.id, "name": "PLP Member A's record"}
        )
        self._login(self.officer_a)
        self.assertNotIn("PLP Member A", self._page("/my/party/records"))
