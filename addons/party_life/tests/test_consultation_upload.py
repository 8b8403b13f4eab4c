"""Mail's upload route on a consultation: its member adds a file while their
organisation keeps their membership; transferred away, they still read it and add
nothing to it, not even a file (HTTP, as the web client sends it)."""

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import portal_member

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestConsultationUpload(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Org = cls.env["party.organization"]
        cls.branch = Org.create({"name": "Upload Branch", "code": "PCU-1", "org_type": "branch"})
        cls.other = Org.create({"name": "Upload Other", "code": "PCU-2", "org_type": "branch"})
        cls.user, cls.member = portal_member(
            cls.env, "pcu_member", "Upload Member", cls.branch, password="pcu_member_pw1",
            join_date="2010-03-01", full_date="2011-03-01",
        )  # fmt: skip
        Consultation = cls.env["party.consultation"]
        cls.consultation = Consultation.browse(
            Consultation.with_user(cls.user).ask("May I pay my dues online?")
        )

    def _upload(self):
        self.authenticate("pcu_member", "pcu_member_pw1")
        return self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "thread_model": "party.consultation",
                "thread_id": str(self.consultation.id),
            },
            files={"ufile": ("question.pdf", PDF, "application/pdf")},
        )

    def _files(self):
        return self.env["ir.attachment"].search_count(
            [("res_model", "=", "party.consultation"), ("res_id", "=", self.consultation.id)]
        )

    def test_member_adds_a_file_to_their_consultation(self):
        response = self._upload()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._files(), 1)

    def test_member_transferred_away_adds_no_file_to_the_old_consultation(self):
        self.member.sudo().write({"organization_id": self.other.id})
        response = self._upload()
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._files(), 0)
