"""The member's portal in Chinese: ballot labels, tab titles, the year, the /my home."""

import datetime
import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import (
    PortalPages,
    activate_chinese,
    create_branch,
    member_user,
)

from .common import voting_appraisal


@tagged("post_install", "-at_install")
class TestPortalLanguage(PortalPages, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        activate_chinese(env, ["party_branch", "party_life"])
        cls.voter = member_user(env, "ppl_voter", lang="zh_CN")
        cls.branch, cls.members = create_branch(
            env,
            "PPL Branch",
            "PPL-B",
            [
                ("PPL Voter", datetime.date(1980, 1, 1), 21),
                ("PPL Colleague", datetime.date(1981, 2, 2), 23),
            ],
            user=cls.voter,
        )

    def _appraisal(self):
        return voting_appraisal(self.env, self.branch, 2026)

    def test_ballot_offers_the_ratings_in_the_visitors_language(self):
        appraisal = self._appraisal()
        self.authenticate("ppl_voter", "ppl_voter")
        page = self._page(f"/my/appraisals/{appraisal.id}")
        options = re.findall(r'<option value="(\w+)">([^<]*)</option>', page)
        self.assertEqual(
            options,
            [
                ("excellent", "优秀"),
                ("qualified", "合格"),
                ("basically_qualified", "基本合格"),
                ("unqualified", "不合格"),
            ],
        )

    def test_tab_titles_in_chinese_and_the_year_as_digits(self):
        appraisal = self._appraisal()
        self.authenticate("ppl_voter", "ppl_voter")
        expected = {
            "/my/dues": "我的党费",
            "/my/meetings": "我的党内会议",
            "/my/appraisals": "民主评议",
            f"/my/appraisals/{appraisal.id}": "2026 民主评议",
        }
        for url, title in expected.items():
            with self.subTest(url=url):
                page = self._page(url)
                self.assertTrue(self._title(page).startswith(f"{title} | "), self._title(page))
                self.assertNotIn("2,026", page)
        page = self._page(f"/my/appraisals/{appraisal.id}")
        self.assertIn('<li class="breadcrumb-item active">2026</li>', page)
        self.assertIn("2026 民主评议</h4>", page)

    def test_my_home_party_section_first_with_empty_states(self):
        page = self._my_home_party_first("ppl_voter")
        section = page.index('id="portal_party_category"')
        party = page[section : page.index('id="portal_', section + 30)]
        for icon in ("portal_membership", "portal_dues", "portal_meetings", "portal_appraisal"):
            self.assertIn(f"/static/src/img/{icon}.svg", party)
        self.assertNotIn("static/description/icon.png", page)
        # Nothing yet: each tile says so, and is shown (not d-none).
        for text in ("暂无党费记录。", "暂无会议。", "暂无民主评议。"):
            self.assertIn(text, party)
        self.assertNotIn("o_portal_index_card d-none", party)
        # account's invoices tile: not for a member without invoices.
        self.assertNotIn("/my/invoices?filterby=invoices", page)

    def test_my_home_counts_when_there_is_something(self):
        self._appraisal()
        self.authenticate("ppl_voter", "ppl_voter")
        page = self._page("/my")
        self.assertNotIn("暂无民主评议。", page)
        self.assertIn("自我评价和无记名党员互评", page)

    def test_invoices_tile_stays_for_a_member_with_invoices(self):
        partner = self.voter.partner_id
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [(0, 0, {"name": "Book", "quantity": 1, "price_unit": 10})],
            }
        )
        move.action_post()
        self.authenticate("ppl_voter", "ppl_voter")
        self.assertIn("/my/invoices?filterby=invoices", self._page("/my"))

    def test_no_party_section_for_a_portal_user_outside_the_party(self):
        new_test_user(self.env, login="ppl_customer", groups="base.group_portal")
        self.authenticate("ppl_customer", "ppl_customer")
        page = self._page("/my")
        self.assertNotIn("portal_party_category", page)
        self.assertIn("/my/invoices?filterby=invoices", page)


@tagged("post_install", "-at_install")
class TestHonestDemo(PortalPages, HttpCase):
    """The demo is a Chinese enterprise's: no Odoo placeholders on the portal and reports.

    Runs on a database with the demo data (``bin/party test``, ``bin/party run``)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("party_branch.user_demo_member", raise_if_not_found=False):
            self.skipTest("no demo data")
        self.company = self.env.ref("base.main_company")

    def test_demo_company_is_the_fictional_enterprise(self):
        company = self.company
        self.assertEqual(company.name, "楚澜水务工程有限公司")
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.city, "武汉市")
        self.assertTrue(company.phone.startswith("+86 "))
        self.assertEqual(company.paperformat_id.format, "A4")
        self.assertTrue(company.logo)
        self.assertEqual(
            company.external_report_layout_id, self.env.ref("web.external_layout_standard")
        )
        for xmlid in (
            "base.user_admin",
            "party_branch.user_demo_member",
            "party_branch.user_demo_secretary",
        ):
            self.assertEqual(self.env.ref(xmlid).tz, "Asia/Shanghai", xmlid)

    def test_held_demo_meetings_have_believable_attendance(self):
        """Most members present, a few absent, some excused: not 0 % (issue of the demo)."""
        attendance = self.env["party.meeting.attendance"].search(
            [("meeting_id.state", "=", "held"), ("meeting_id.company_id", "=", self.company.id)]
        )
        self.assertTrue(attendance)
        states = [a.state for a in attendance]
        present = states.count("present") / len(states)
        self.assertGreater(present, 0.6, "share present")
        self.assertLess(present, 1.0, "share present")
        self.assertIn("absent", states)
        self.assertIn("excused", states)

    def test_printing_does_not_stop_at_the_document_layout_dialog(self):
        payment = self.env["party.dues.payment"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        self.assertTrue(payment)
        for xmlid, records in (
            ("party_life.action_report_dues_receipt", payment),
            ("party_life.action_report_dues_ledger_xlsx", payment),
        ):
            action = (
                self.env.ref(xmlid)
                .with_context(discard_logo_check=False)
                .report_action(records, config=True)
            )
            self.assertEqual(action["type"], "ir.actions.report", xmlid)

    def test_member_portal_shows_no_placeholder(self):
        self.authenticate("member", "member")
        for url in ("/my", "/my/dues"):
            page = self.url_open(url).text
            for placeholder in (
                "YourCompany",
                "yourcompany",
                "San Francisco",
                "555-555",
                "My Website",
            ):
                self.assertNotIn(placeholder, page, url)
            self.assertIn("楚澜水务工程有限公司", page)
            self.assertIn("+86 27 8576 3200", page)
        # The website's logo is the company's, not Odoo's "YourLogo".
        self.assertEqual(self.env.ref("website.default_website").logo, self.company.logo)

    def test_website_shows_the_enterprise_not_placeholders(self):
        for url in ("/", "/contactus", "/contactus-thank-you"):
            page = self.url_open(url).text
            for placeholder in (
                "YourCompany", "yourcompany", "San Francisco", "+1 555", "555-555", "Fake Buena",
            ):  # fmt: skip
                self.assertNotIn(placeholder, page, url)
            self.assertIn("楚澜水务工程有限公司", page, url)
        og_title = re.search(
            r'<meta property="og:title" content="([^"]*)"', self.url_open("/").text
        )
        self.assertTrue(og_title and "楚澜水务工程有限公司" in og_title.group(1), og_title)
