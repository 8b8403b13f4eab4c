"""The refinement dimension of the Five Modernizations index (party_service).

Builds on the party_service test tree (see common.py); the periods are the last
complete year, so that every fact is dated.
"""

from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import IndexTestMixin
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestRefinement(IndexTestMixin, PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls._org("Index Service Branch", "branch", cls.committee)
        cls.members = cls._members(cls.branch, 4)

    def _pairing(self, visited):
        pairing = self.env["party.pairing"].create(
            {
                "name": f"Household {visited}",
                "organization_id": self.branch.id,
                "member_id": self.members[0].id,
                "date_start": date(self.year, 1, 1),
                "visit_interval_days": 30,
                "state": "active",
            }
        )
        self.env["party.pairing.visit"].create(
            {"pairing_id": pairing.id, "date": visited, "state": "done"}
        )
        return pairing

    def test_refinement_scores_what_the_table_says(self):
        """Requests 2 of 4 in time = 50 (weight 35: resolved before and on the deadline
        minute in time, a minute after and never late); ratings 5 and 3 = 4.0 against
        4.5 from 1 = 85.71 (25); 3 of 4 members assessed = 75 (20); 1 of 2 pairings
        visited within 30 days of 31 December = 50 (20):
        (1750 + 2142.75 + 1500 + 1000) / 100 = 63.93."""
        self._year_request(resolved=datetime(self.year, 3, 1, 18, 0), rating=5)
        self._year_request(resolved=datetime(self.year, 3, 2, 9, 0), rating=3)
        self._year_request(resolved=datetime(self.year, 3, 2, 9, 1))
        self._year_request()
        assessment = self.env["party.assessment"].create(
            {
                "name": "First half",
                "organization_id": self.committee.id,
                "date_from": date(self.year, 1, 1),
                "date_to": date(self.year, 6, 30),
            }
        )
        self.env["party.assessment.line"].create(
            [
                {
                    "assessment_id": assessment.id,
                    "member_id": member.id,
                    "organization_id": self.branch.id,
                }
                for member in self.members[:3]
            ]
        )
        self._pairing(date(self.year, 12, 15))
        self._pairing(date(self.year, 10, 1))
        index = self._compute(self.branch)
        figures = self._figures(index, "refinement")
        self.assertEqual(
            figures,
            {
                "ref_requests_in_time": (50.0, 50.0, "2 / 4"),
                "ref_rating": (4.0, 85.71, "4.00 / 2"),
                "ref_assessment": (75.0, 75.0, "3 / 4"),
                "ref_pairing_visits": (50.0, 50.0, "1 / 2"),
            },
        )
        self.assertEqual(index.score_refinement, 63.93)
        self.assertEqual(index.coverage_refinement, 100.0)

    def test_without_requests_the_facts_are_missing(self):
        """No request, no rating, no assessment: missing, with what would supply them;
        no pairing: the indicator does not apply (no line)."""
        index = self._compute(self.branch)
        lines = index.line_ids.filtered(lambda line: line.dimension == "refinement")
        self.assertEqual(
            {line.indicator_id.code for line in lines.filtered("is_missing")},
            {"ref_requests_in_time", "ref_rating", "ref_assessment"},
        )
        self.assertFalse(self._line(index, "ref_pairing_visits"))
        self.assertIn("Service › Requests", self._line(index, "ref_requests_in_time").missing_hint)
        self.assertFalse(index.coverage_refinement)

    def test_records_behind_the_requests_and_another_branch_refused(self):
        ticket = self._year_request(resolved=datetime(self.year, 3, 1, 18, 0))
        line = self._line(self._compute(self.branch), "ref_requests_in_time")
        action = line.action_open_records()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(self.Ticket.search(action["domain"]), ticket)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index.line", "action_open_records",
                ids=line.ids)  # fmt: skip

    def test_the_dimension_is_shown(self):
        codes = [d.code for d in self.env["party.index"]._party_index_dimensions()]
        self.assertIn("refinement", codes)
