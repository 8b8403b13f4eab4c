"""party_service's compliance checks, at both sides of their boundaries, and silent on
organisations without service records."""

from datetime import date, datetime

from odoo.tests import tagged

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestServiceCompliance(PartyServiceCase):
    def _check(self, on_date, orgs=None):
        orgs = orgs or (self.committee | self.branch_a | self.group_a | self.branch_b)
        orgs.action_check_compliance(on_date)

    def test_overdue_request_flagged_the_day_after_its_deadline_day(self):
        ticket = self._received(
            self._ticket(category_id=self.cat_living.id), datetime(2026, 3, 1, 8, 0)
        )  # deadline 2026-03-03 08:00
        self._check(date(2026, 3, 2))
        self.assertFalse(self._findings(self.branch_a, "service_request_overdue"))
        self._check(date(2026, 3, 3))
        finding = self._findings(self.branch_a, "service_request_overdue")
        self.assertEqual(len(finding), 1)
        self.assertIn(ticket.number, finding.message)

    def test_resolved_request_closes_the_finding(self):
        ticket = self._received(
            self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id),
            datetime(2026, 3, 1, 8, 0),
        )
        self._check(date(2026, 3, 10))
        self.assertTrue(self._findings(self.branch_a, "service_request_overdue"))
        ticket.action_party_resolve()
        self._check(date(2026, 3, 10))
        self.assertFalse(self._findings(self.branch_a, "service_request_overdue"))

    def test_pairing_visit_due_within_its_interval(self):
        pairing = self._pairing("Household", visit_interval_days=30)
        pairing.action_start()
        self._check(date(2026, 1, 31))  # the 30th day after the start: in time
        self.assertFalse(self._findings(self.branch_a, "pairing_visit_missing"))
        self._check(date(2026, 2, 1))
        self.assertTrue(self._findings(self.branch_a, "pairing_visit_missing"))
        visit = self.env["party.pairing.visit"].create({"pairing_id": pairing.id,
                                                        "date": "2026-02-01"})  # fmt: skip
        visit.action_log()
        self._check(date(2026, 2, 1))
        self.assertFalse(self._findings(self.branch_a, "pairing_visit_missing"))

    def test_member_without_service_reminded_in_the_open_period(self):
        self.env["party.assessment"].create(
            {"name": "H1", "organization_id": self.branch_a.id,
             "date_from": "2026-01-01", "date_to": "2026-06-30"}
        )  # fmt: skip
        self._volunteer("Volunteer day", datetime(2026, 5, 1, 1), datetime(2026, 5, 1, 5), 1)
        self._check(date(2026, 6, 1))
        findings = self._findings(self.branch_a, "member_no_service")
        self.assertEqual(findings.member_id, self.secretary_a)
        self.assertIn("2026-01-01…2026-06-30", findings.message)

    def test_closed_period_of_the_past_not_reminded(self):
        assessment = self.env["party.assessment"].create(
            {"name": "2025", "organization_id": self.branch_a.id,
             "date_from": "2025-01-01", "date_to": "2025-12-31"}
        )  # fmt: skip
        assessment.action_close()
        self._check(date(2026, 3, 1))
        self.assertFalse(self._findings(self.branch_a, "member_no_service"))

    def test_silent_without_service_records(self):
        self._check(date(2026, 7, 1), self.branch_b)
        self.assertFalse(
            self.Finding.search(
                [("organization_id", "=", self.branch_b.id), ("code", "in", self.compliance_codes)]
            )  # fmt: skip
        )
