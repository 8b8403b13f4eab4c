"""The venue dimension of the Five Modernizations index (party_venue).

Builds on the party_venue test tree (see common.py): the periods are months of the last
year, so that every fact is dated.
"""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import IndexTestMixin
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyVenueCase, at


@tagged("post_install", "-at_install")
class TestVenueDimension(IndexTestMixin, PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls._org("Index Venue Branch", "branch", cls.committee)
        cls._members(cls.branch, 2)
        # round the clock: June has 30 * 24 = 720 opening hours
        cls.venue = cls._venue(
            "Index Hall",
            org=cls.branch,
            resource_calendar_id=cls.all_hours.id,
            date_open=date(cls.year, 1, 1),
        )

    index_period_type = "month"

    def _index_day(self):
        return date(self.year, 6, 1)

    def _inspection(self, day, failing=("party_flag",)):
        inspection = self.env["party.venue.inspection"].create(
            {"venue_id": self.venue.id, "date": day}
        )
        for line in inspection.line_ids:
            line.result = "fail" if line.item_id.code in failing else "pass"
        inspection.state = "done"
        return inspection

    def test_venue_scores_what_the_table_says(self):
        """Checklist: the latest inspection on or before 30 June, 80.0 (weight 40; a
        later one does not count); bookings 36 h of 720 = 5 % against a target of 10 %
        = 50 (30); one project within its budget 100 (30):
        (3200 + 1500 + 3000) / 100 = 77.00."""
        self._inspection(date(self.year, 3, 1), failing=())
        self._inspection(date(self.year, 6, 10))
        self._inspection(date(self.year, 7, 10), failing=())
        for day in (3, 10, 17):
            self._book(self.venue, at(date(self.year, 6, day), 0), at(date(self.year, 6, day), 12),
                       organization_id=self.branch.id)  # fmt: skip
        self.Project.create(
            {
                "name": "Index renovation",
                "venue_id": self.venue.id,
                "organization_id": self.branch.id,
                "budget": 10000,
                "state": "approved",
            }
        )
        index = self._compute(self.branch)
        figures = self._figures(index, "venue")
        self.assertEqual(
            figures,
            {
                "ven_checklist": (80.0, 80.0, "1 / 1"),
                "ven_utilisation": (5.0, 50.0, "36.0 h / 720.0 h"),
                "ven_budget": (100.0, 100.0, "1 / 1"),
            },
        )
        self.assertEqual(index.score_venue, 77.0)

    def test_a_venue_never_inspected_misses_its_checklist(self):
        line = self._line(self._compute(self.branch), "ven_checklist")
        self.assertTrue(line.is_missing)
        self.assertIn("inspection", line.missing_hint)

    def test_an_organisation_without_a_venue_has_no_venue_line(self):
        index = self._compute(self.branch_b)
        self.assertFalse(index.line_ids.filtered(lambda line: line.dimension == "venue"))
        self.assertFalse(index.coverage_venue)

    def test_records_behind_the_bookings_and_another_branch_refused(self):
        booking = self._book(self.venue, at(date(self.year, 6, 3), 8), at(date(self.year, 6, 3), 10),
                             organization_id=self.branch.id)  # fmt: skip
        line = self._line(self._compute(self.branch), "ven_utilisation")
        action = line.action_open_records()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), booking)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.index.line", "action_open_records",
                ids=line.ids)  # fmt: skip

    def test_the_dimension_is_shown(self):
        codes = [d.code for d in self.env["party.index"]._party_index_dimensions()]
        self.assertIn("venue", codes)
