from datetime import date, timedelta

from odoo.tests import tagged

from .common import PartySystemsCase

CODES = (
    "decision_unexecuted",
    "disclosure_unpublished",
    "secretary_report_late",
    "talk_coverage",
    "fund_report_missing",
    "asset_not_filed",
)


@tagged("post_install", "-at_install")
class TestSystemsCompliance(PartySystemsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orgs = cls.committee | cls.branch_a | cls.group_a | cls.branch_b
        cls.last_year = cls.today.year - 1

    def _findings(self, on_date=None, code=None):
        self.env["party.compliance"]._run(self.orgs, on_date or self.today, CODES)
        domain = [("organization_id", "in", self.orgs.ids), ("state", "=", "open")]
        if code:
            domain.append(("code", "=", code))
        return self.env["party.finding"].search(domain)

    def _rules_from(self, day):
        self.env.company.party_systems_rules_from = day

    def test_nothing_fires_without_own_records_or_the_company_date(self):
        self._rules_from(False)
        self.branch_a._party_analytic_accounts()
        self.assertFalse(self._findings(on_date=date(self.today.year, 12, 31)))

    def test_resolution_not_executed_from_the_day_after_its_deadline(self):
        decision = self.Decision.create(
            {"name": "Repair", "organization_id": self.branch_a.id, "matter_type": "ordinary"}
        )
        decision.action_decide_directly()
        decision.write({"execution_owner_id": self.officer_a.id, "execution_deadline": self.today})
        decision.action_assign_execution()
        self.assertFalse(self._findings(code="decision_unexecuted"))
        finding = self._findings(self.today + timedelta(days=1), "decision_unexecuted")
        self.assertEqual(finding.organization_id, self.branch_a)
        decision.execution_result = "Done"
        decision.action_execution_done()
        self.assertFalse(self._findings(self.today + timedelta(days=1), "decision_unexecuted"))

    def test_disclosure_not_published_from_the_day_after_its_date(self):
        disclosure = self.env["party.disclosure"].create(
            {"name": "Dues", "organization_id": self.branch_a.id, "publish_date": self.today}
        )
        self.assertFalse(self._findings(code="disclosure_unpublished"))
        self.assertTrue(self._findings(self.today + timedelta(days=1), "disclosure_unpublished"))
        disclosure._party_action_write({"state": "approved"})
        self.assertFalse(self._findings(self.today + timedelta(days=1), "disclosure_unpublished"))

    def test_secretary_report_late_from_the_day_after_its_deadline(self):
        report = self.env["party.secretary.report"].create(
            {
                "organization_id": self.branch_a.id,
                "member_id": self.secretary_a.id,
                "year": self.last_year,
                "deadline": self.today,
                "duty_report": "<p>D</p>",
                "integrity_report": "<p>I</p>",
            }
        )
        self.assertFalse(self._findings(code="secretary_report_late"))
        finding = self._findings(self.today + timedelta(days=1), "secretary_report_late")
        self.assertEqual(finding.member_id, self.secretary_a)
        report.with_user(self.officer_a).action_file()
        self.assertFalse(self._findings(self.today + timedelta(days=1), "secretary_report_late"))

    def test_talk_coverage_of_the_previous_year(self):
        self._rules_from(date(self.last_year, 1, 2))  # the year is not wholly under the rules
        self.assertFalse(self._findings(code="talk_coverage"))
        self._rules_from(date(self.last_year, 1, 1))
        finding = self._findings(code="talk_coverage").filtered(
            lambda f: f.organization_id == self.branch_a
        )
        self.assertIn("0 of the 6", finding.message)
        others = self.member_a | self.voters | self.probationer
        talk = self.env["party.talk"].create(
            {
                "name": "Yearly talks",
                "organization_id": self.branch_a.id,
                "date": date(self.last_year, 6, 1),
                "participant_ids": [(6, 0, (self.secretary_a | others[:-1]).ids)],
            }
        )
        finding = self._findings(code="talk_coverage").filtered(
            lambda f: f.organization_id == self.branch_a
        )
        self.assertIn("5 of the 6", finding.message)
        talk.participant_ids |= self.probationer
        self.assertNotIn(self.branch_a, self._findings(code="talk_coverage").organization_id)

    def test_fund_report_due_by_the_end_of_march(self):
        self._rules_from(date(self.last_year, 1, 1))
        self.branch_a._party_analytic_accounts()
        year = self.today.year
        self.assertFalse(self._findings(date(year, 3, 31), "fund_report_missing"))
        missing = self._findings(date(year, 4, 1), "fund_report_missing")
        self.assertIn(self.branch_a, missing.organization_id)
        report = self.env["party.fund.report"].create(
            {
                "organization_id": self.branch_a.id,
                "date_from": date(self.last_year, 1, 1),
                "date_to": date(self.last_year, 12, 31),
            }
        )
        report._party_action_write({"state": "approved"})
        missing = self._findings(date(year, 4, 1), "fund_report_missing")
        self.assertNotIn(self.branch_a, missing.organization_id)
