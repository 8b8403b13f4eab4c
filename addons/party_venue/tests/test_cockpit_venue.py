"""party_venue's section of the cockpit: the venue use of the tree in the last complete
year (confirmed bookings, hours, bookings of another organisation's venue), through the
RPC dispatch."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyVenueCase, at


@tagged("post_install", "-at_install")
class TestCockpitVenue(PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hall.organization_ids = [(4, cls.branch_b.id)]  # the hall serves Branch B too

    def _section(self, user=None, org=None):
        data = rpc(
            self.env,
            user or self.admin,
            "party.cockpit",
            "get_cockpit_data",
            (org or self.committee).id,
            "year",
            str(date(self.today.year - 1, 1, 1)),
        )
        return next(s for s in data["sections"] if s["code"] == "venues")

    def test_venue_use_by_hours_and_venue(self):
        year = self.today.year - 1
        self._book(self.room, at(date(year, 6, 1), 9), at(date(year, 6, 1), 11))
        self._book(self.room, at(date(year, 6, 2), 9), at(date(year, 6, 2), 12))
        # Branch B in Branch A's hall: a shared venue
        self._book(
            self.hall, at(date(year, 6, 3), 9), at(date(year, 6, 3), 13),
            organization_id=self.branch_b.id,
        )  # fmt: skip
        section = self._section()
        kpis = {k["label"]: (k["display"], k.get("detail")) for k in section["kpis"]}
        self.assertEqual(kpis["Bookings"][0], "3")
        self.assertEqual(kpis["Hours"][0], "9.0")
        self.assertEqual(kpis["For Meetings"], ("0", "0 / 3"))
        self.assertEqual(kpis["Shared Venues"], ("1", "1 / 3"))
        self.assertEqual(
            [(b["label"], b["display"]) for b in section["bars"]],
            [("Room A", "5.0 h"), ("Hall A", "4.0 h")],
        )

    def test_an_officer_sees_the_bookings_of_their_branch_only(self):
        year = self.today.year - 1
        self._book(self.room, at(date(year, 6, 1), 9), at(date(year, 6, 1), 11))
        self._book(
            self.hall, at(date(year, 6, 3), 9), at(date(year, 6, 3), 13),
            organization_id=self.branch_b.id,
        )  # fmt: skip
        section = self._section(self.officer_b, self.branch_b)
        self.assertEqual(section["kpis"][0]["display"], "1")
        self.assertEqual([b["label"] for b in section["bars"]], ["Hall A"])
