"""Thought reports on the portal, as a browser: the author's page lists only their own
reports, a forged file is refused with nothing written, a file is served only to who
reads the report (the portal route, ``/web/content``), and an activist hands in a report
on a phone (390x844)."""

import base64
import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields, http
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.common import PartyPhoneTourCase, member_user

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@tagged("post_install", "-at_install")
class TestThoughtReportPortal(PartyPhoneTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.users"])
        org = cls.env["party.organization"].create(
            {"name": "Report Phone Branch", "code": "PTR-PH", "org_type": "branch"}
        )
        cls.users = {}
        for login in ("ptr_author", "ptr_other"):
            user = member_user(cls.env, login, password=login + "_pw1", tz="UTC", lang="en_US")
            cls.env["party.member"].create(
                {
                    "name": f"Report {login}",
                    "user_id": user.id,
                    "organization_id": org.id,
                    "member_category": "full",
                    "join_date": "2010-03-01",
                    "full_date": "2011-03-01",
                }
            )
            cls.users[login] = user
        cls.activist = new_test_user(
            cls.env,
            login="ptr_phone_activist",
            password="ptr_phone_activist_pw1",
            groups="base.group_portal",
            tz="UTC",
            lang="en_US",
        )
        cls.env["party.development"].sudo().create(
            {
                "partner_id": cls.activist.partner_id.id,
                "organization_id": org.id,
                "birthdate": today - relativedelta(years=24),
                "application_date": today - timedelta(days=300),
                "talk_date": today - timedelta(days=290),
                "activist_date": today - timedelta(days=100),
                "stage": "activist",
            }
        )
        Report = cls.env["party.thought.report"]
        cls.report = Report.browse(
            Report.with_user(cls.users["ptr_author"]).submit(
                {"body": "The author's own thinking."},
                [{"name": "mine.pdf", "data": base64.b64encode(PDF).decode()}],
            )
        )
        cls.attachment = cls.report.attachment_ids

    def _login(self, login):
        self.authenticate(login, login + "_pw1")

    def _csrf(self):
        page = self.url_open("/my/party/thought-reports").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _messages(self):
        response = self.url_open(
            "/mail/thread/messages",
            data='{"jsonrpc": "2.0", "method": "call", "params": {"thread_model": '
            f'"party.thought.report", "thread_id": {self.report.id}}}}}',
            headers={"Content-Type": "application/json"},
        )
        return response.json()["result"]["messages"]

    def test_page_lists_only_the_callers_reports(self):
        self._login("ptr_other")
        page = self.url_open("/my/party/thought-reports")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_party_thought_report_form", page.text)
        self.assertNotIn("own thinking", page.text)
        self._login("ptr_author")
        self.assertIn("own thinking", self.url_open("/my/party/thought-reports").text)

    def test_forged_file_refused_on_the_form(self):
        self._login("ptr_other")
        response = self.url_open(
            "/my/party/thought-reports/submit",
            data={"csrf_token": self._csrf(), "body": "Forged"},
            files={"attachments": ("report.pdf", SVG, "application/pdf")},
        )
        self.assertIn("PDF documents or PNG", response.text)
        self.assertFalse(
            self.env["party.thought.report"].search(
                [("partner_id", "=", self.users["ptr_other"].partner_id.id)]
            )
        )

    def test_form_hands_in_a_report_with_a_pdf(self):
        self._login("ptr_other")
        response = self.url_open(
            "/my/party/thought-reports/submit",
            data={"csrf_token": self._csrf(), "body": "Through the form"},
            files={"attachments": ("report.pdf", PDF, "application/pdf")},
        )
        self.assertIn("o_party_thought_report_sent", response.text)
        report = self.env["party.thought.report"].search(
            [("partner_id", "=", self.users["ptr_other"].partner_id.id)]
        )
        self.assertEqual(report.attachment_ids.mimetype, "application/pdf")

    def test_file_served_to_the_author_only(self):
        url = f"/my/party/thought-reports/{self.report.id}/attachments/{self.attachment.id}"
        self._login("ptr_other")
        self.assertEqual(self.url_open(url).status_code, 404)
        self._login("ptr_author")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)

    def test_web_content_refuses_another_member(self):
        self._login("ptr_other")
        response = self.url_open(f"/web/content/{self.attachment.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotEqual(response.content, PDF)
        response = self.url_open(f"/web/content/party.thought.report/{self.report.id}/body")
        self.assertIn(response.status_code, (403, 404))

    def test_mail_thread_shows_the_comment_to_the_author_only(self):
        secretary = new_test_user(self.env, login="ptr_secretary", groups="base.group_system")
        self.report.with_user(secretary).sudo().action_acknowledge("Read with care.")
        self._login("ptr_other")
        self.assertEqual(self._messages(), [])
        self._login("ptr_author")
        comment = self.report.message_ids.filtered(lambda m: "Read with care." in m.body)
        self.assertEqual(self._messages(), comment.ids)

    def _zip(self):
        return self.url_open(
            "/mail/attachment/zip",
            data={"csrf_token": http.Request.csrf_token(self), "file_ids": str(self.attachment.id),
                  "zip_name": "reports.zip"},
        ).content  # fmt: skip

    def test_mail_attachment_zip_refuses_an_employee(self):
        new_test_user(self.env, login="ptr_employee", password="ptr_employee_pw1",
                      groups="base.group_user")  # fmt: skip
        self._login("ptr_employee")
        self.assertFalse(self._zip().startswith(b"PK"))
        self.authenticate("admin", "admin")
        self.assertTrue(self._zip().startswith(b"PK"))  # who reads the report gets the zip

    def test_mail_attachment_upload_adds_no_unchecked_file(self):
        """The report's files are only those handed in, checked by their bytes: not even
        its author adds one through mail's upload route."""
        for login in ("ptr_author", "ptr_other"):
            self._login(login)
            response = self.url_open(
                "/mail/attachment/upload",
                data={"csrf_token": self._csrf(), "thread_model": "party.thought.report",
                      "thread_id": str(self.report.id)},
                files={"ufile": ("page.html", SVG, "image/png")},
            )  # fmt: skip
            self.assertEqual(response.status_code, 404, login)
        self.assertEqual(
            self.env["ir.attachment"].search(
                [("res_model", "=", "party.thought.report"), ("res_id", "=", self.report.id)]
            ),
            self.attachment,
        )

    def test_activist_hands_in_a_report_on_a_phone(self):
        self.start_tour(
            "/my/party/thought-reports",
            "party_life_phone_thought_report_tour",
            login="ptr_phone_activist",
        )
        report = self.env["party.thought.report"].search(
            [("partner_id", "=", self.activist.partner_id.id)]
        )
        self.assertIn("every Party lecture", report.body)
