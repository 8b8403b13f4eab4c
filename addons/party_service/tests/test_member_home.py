"""The member's home (/my/party): party_service's blocks, the member's tasks (requests
assigned and not resolved, active pairings, volunteer activities to come) and their
service score of the open assessment period, with data and empty; a member of another
branch sees none of it."""

from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.test_member_home import MemberHome

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestMemberHomeService(MemberHome, PartyServiceCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._home_on_party_tree("psvh_member_b")

    def _tasks(self):
        ticket = self._ticket(
            name="PSVH Medicine run",
            party_organization_id=self.branch_a.id,
            party_member_id=self.member_a.id,
        )
        pairing = self._pairing("PSVH Household Li", self.today)
        pairing.action_start()
        now = fields.Datetime.now()
        self._volunteer(
            "PSVH River cleanup", now + timedelta(days=3), now + timedelta(days=3, hours=4)
        )
        return ticket, pairing

    def test_tasks_listed_with_the_service_page(self):
        ticket, _pairing = self._tasks()
        block = self._block(self._home(self.portal.login), "tasks")
        self.assertFalse(self._empty(block))
        text = self._text(block)
        self.assertIn("PSVH Medicine run", text)
        self.assertIn(ticket.number, text)
        self.assertIn("PSVH Household Li", text)
        self.assertIn("PSVH River cleanup", text)
        self.assertIn("/my/service", self._links(block))
        self.assertEqual(block.xpath(".//span[contains(@class, 'o_party_home_badge')]/text()"),
                         ["1"])  # fmt: skip

    def test_resolved_request_leaves_the_tasks(self):
        ticket, pairing = self._tasks()
        ticket.sudo().write({"party_resolved_at": fields.Datetime.now()})
        pairing.outcome = "Moved in with her son"
        pairing.action_close()
        block = self._block(self._home(self.portal.login), "tasks")
        self.assertNotIn("PSVH Medicine run", self._text(block))
        self.assertNotIn("PSVH Household Li", self._text(block))
        self.assertIn("PSVH River cleanup", self._text(block))

    def test_no_task_says_what_will_appear(self):
        block = self._block(self._home(self.portal.login), "tasks")
        self.assertTrue(self._empty(block))
        self.assertIn("will appear here", self._text(block))

    def test_score_of_the_open_period(self):
        year = date.today().year
        assessment = self.env["party.assessment"].create(
            {"name": f"PSVH {year}", "organization_id": self.branch_a.id,
             "date_from": date(year, 1, 1), "date_to": date(year, 12, 31)}
        )  # fmt: skip
        assessment.action_score()
        line = assessment.line_ids.filtered(lambda line: line.member_id == self.member_a)
        block = self._block(self._home(self.portal.login), "score")
        self.assertFalse(self._empty(block))
        self.assertIn(f"PSVH {year}", self._text(block))
        value = block.xpath(".//*[contains(@class, 'o_party_home_score_value')]")[0]
        self.assertEqual(self._text(value), f"{line.score:.2f}")
        self.assertIn("/my/service", self._links(block))

    def test_no_open_period_says_what_will_appear(self):
        block = self._block(self._home(self.portal.login), "score")
        self.assertTrue(self._empty(block))
        self.assertIn("Your service score will appear here", self._text(block))

    def test_member_of_another_branch_sees_none_of_it(self):
        self._tasks()
        page = self._home("psvh_member_b")
        text = self._text(page)
        for name in ("PSVH Medicine run", "PSVH Household Li", "PSVH River cleanup"):
            self.assertNotIn(name, text)
        self.assertTrue(self._empty(self._block(page, "tasks")))
