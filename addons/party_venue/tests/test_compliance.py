from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import activate_chinese
from odoo.addons.party_branch.tools.demo import after_translations

from ..models.party_compliance import UNUSED_DAYS
from .common import PartyVenueCase, at


@tagged("post_install", "-at_install")
class TestVenueCompliance(PartyVenueCase):
    def _check(self, on_date=None, orgs=None):
        orgs = orgs or (self.committee | self.branch_a | self.branch_b | self.group_a)
        orgs.action_check_compliance(on_date=on_date or self.today)

    def _codes(self, org, code):
        return self._findings(org, code)

    def test_branch_without_a_venue(self):
        """Branch B uses no venue (Room A and Hall A serve Branch A): a finding; once
        the committee's venue serves the committee, every branch below can use it."""
        self._check()
        self.assertTrue(self._codes(self.branch_b, "venue_missing"))
        self.assertFalse(self._codes(self.branch_a, "venue_missing"))
        self._venue("Committee Hall", self.committee, sharing_reason="Committee")
        self._check()
        self.assertFalse(self._codes(self.branch_b, "venue_missing"))

    def test_tree_without_venues_gets_no_venue_finding(self):
        """A committee that registers no venue at all gets no finding per branch."""
        committee = self._org("Committee Z", "committee")
        branch = self._org("Branch Z", "branch", committee)
        self._check(orgs=committee | branch)
        self.assertFalse(self._codes(branch, "venue_missing"))

    def test_failed_checklist_item_raises_a_finding(self):
        inspection = self.env["party.venue.inspection"].create({"venue_id": self.room.id})
        inspection.line_ids.result = "pass"
        inspection.line_ids.filtered(lambda line: line.item_id.code == "oath_wall").result = "fail"
        inspection.action_done()
        self._check()
        finding = self._codes(self.branch_a, "venue_checklist")
        self.assertEqual(len(finding), 1)
        self.assertIn("Oath wall", finding.message)
        passed = self.env["party.venue.inspection"].create({"venue_id": self.room.id})
        passed.line_ids.result = "pass"
        passed.action_done()
        self._check()
        self.assertFalse(self._codes(self.branch_a, "venue_checklist"))

    def test_failed_item_named_in_the_readers_language(self):
        activate_chinese(self.env, ["party_branch", "party_venue"])
        item = self.env.ref("party_venue.checklist_oath")
        chinese = item.with_context(lang="zh_CN").name
        self.assertNotEqual(chinese, "Oath wall")
        inspection = self.env["party.venue.inspection"].create({"venue_id": self.room.id})
        inspection.line_ids.result = "pass"
        inspection.line_ids.filtered(lambda line: line.item_id == item).result = "fail"
        inspection.action_done()
        self.env["party.organization"].with_context(lang="en_US").browse(
            self.branch_a.id
        ).action_check_compliance(on_date=self.today)
        finding = self._codes(self.branch_a, "venue_checklist")
        self.assertIn(chinese, finding.with_context(lang="zh_CN").message)
        self.assertNotIn("Oath wall", finding.with_context(lang="zh_CN").message)
        self.assertIn("Oath wall", finding.with_context(lang="en_US").message)

    def test_demo_finding_rerendered_once_translations_are_loaded(self):
        """Odoo loads an addon's demo data before its translations: a finding the demo
        opened named the item in English in its Chinese text ("…不合格：Oath wall").
        The addon's post_init_hook (party_branch/tools/demo.py) renders it again."""
        activate_chinese(self.env, ["party_branch", "party_venue"])
        item = self.env.ref("party_venue.checklist_oath")
        inspection = self.env["party.venue.inspection"].create({"venue_id": self.room.id})
        inspection.line_ids.result = "pass"
        inspection.line_ids.filtered(lambda line: line.item_id == item).result = "fail"
        inspection.action_done()
        self._check()
        finding = self._codes(self.branch_a, "venue_checklist")
        stale = dict(
            self.env["party.finding"]._stored_texts(finding)[finding.id],
            message={"en_US": "Oath wall", "zh_CN": "检查不合格：Oath wall"},
        )
        self.env["party.finding"]._write_texts([(finding.id, stale)])
        self.assertIn("Oath wall", finding.with_context(lang="zh_CN").message)
        after_translations(self.env, "party_venue")
        message = finding.with_context(lang="zh_CN").message
        self.assertIn(item.with_context(lang="zh_CN").name, message)
        self.assertNotIn("Oath wall", message)

    def test_venue_unused_for_a_quarter(self):
        """In use since 90 days before the check and never booked: unused; since 89
        days: not yet; a booking inside the quarter clears it."""
        self.room.date_open = self.today - timedelta(days=UNUSED_DAYS - 1)
        self.hall.date_open = self.today - timedelta(days=UNUSED_DAYS - 2)
        self._check()
        unused = self._codes(self.branch_a, "venue_unused")
        self.assertEqual(len(unused), 1)
        self.assertIn("Room A", unused.message)
        self._book(self.room, at(self.day, 9), at(self.day, 10))
        self._check(on_date=self.day + timedelta(days=UNUSED_DAYS - 1))
        self.assertNotIn(
            "Room A", " ".join(self._codes(self.branch_a, "venue_unused").mapped("message"))
        )

    def test_project_over_budget_and_above_standard(self):
        project = self.Project.create(
            {"name": "Roof", "venue_id": self.room.id, "organization_id": self.branch_a.id,
             "budget": 100.0, "area": 1.0}
        )  # fmt: skip
        project.action_approve()
        self.env.company.party_venue_cost_standard = 100.0
        self.env["party.venue.project.commitment"].create(
            {"project_id": project.id, "name": "Tiles", "amount": 100.0}
        )
        self._check()
        self.assertFalse(self._codes(self.branch_a, "venue_extravagant"))
        self.assertFalse(self._codes(self.branch_a, "venue_over_budget"))
        self.env.company.party_venue_cost_standard = 99.99
        self._check()
        self.assertTrue(self._codes(self.branch_a, "venue_extravagant"))
