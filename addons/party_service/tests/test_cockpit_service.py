"""party_service's section of the cockpit: the requesters' ratings and the requests
resolved in time, of a branch of its own in the last complete year, through the RPC
dispatch."""

from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestCockpitService(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = cls.today.year - 1
        cls.branch = cls._org("Cockpit Service Branch", "branch", cls.committee)

    def _section(self):
        data = rpc(
            self.env,
            self.admin,
            "party.cockpit",
            "get_cockpit_data",
            self.branch.id,
            "year",
            str(date(self.year, 1, 1)),
        )
        return next(s for s in data["sections"] if s["code"] == "service")

    def test_ratings_and_requests_resolved_in_time(self):
        """Ratings 5 and 3: 4.00; resolved before and on the deadline minute in time, a
        minute after and never late: 2 of 4."""
        five = self._year_request(resolved=datetime(self.year, 3, 1, 18, 0), rating=5)
        self._year_request(resolved=datetime(self.year, 3, 2, 9, 0), rating=3)
        self._year_request(resolved=datetime(self.year, 3, 2, 9, 1))
        self._year_request()
        section = self._section()
        kpis = {k["label"]: (k["display"], k["detail"]) for k in section["kpis"]}
        self.assertEqual(kpis["Average Rating"], ("4.00 / 5", "2"))
        self.assertEqual(kpis["Resolved in Time"], ("50.0%", "2 / 4"))
        bars = {item["label"]: item["display"] for item in section["bars"]}
        self.assertEqual(bars, {"★★★★★": "1", "★★★★": "0", "★★★": "1", "★★": "0", "★": "0"})
        rated_five = section["bars"][0]["action"]["domain"]
        self.assertEqual(self.env["helpdesk.ticket"].with_user(self.admin).search(rated_five), five)

    def test_no_rating_is_shown_missing(self):
        kpis = {k["label"]: k for k in self._section()["kpis"]}
        self.assertEqual(kpis["Average Rating"]["display"], "—")
        self.assertEqual(kpis["Average Rating"]["tone"], "missing")
