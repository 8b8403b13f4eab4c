import math

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.party_venue import EARTH_RADIUS_M, distance_m
from .common import PartyVenueCase

LAT, LON = 30.0, 114.0


def north_of(metres):
    """The latitude ``metres`` north of LAT, on LON's meridian."""
    return LAT + math.degrees(metres / EARTH_RADIUS_M)


@tagged("post_install", "-at_install")
class TestVenueRegistry(PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_venue_share_distance = 500.0
        cls.origin = cls._venue("Origin Room", latitude=LAT, longitude=LON)

    def test_negative_area_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._venue("Bad", area=-1.0)

    def test_negative_capacity_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._venue("Bad", capacity=-1)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.room.capacity = -5

    def test_sharing_at_the_distance_boundary(self):
        """Exactly the sharing distance away, serving another branch: a candidate (以内
        includes the distance), and a reason is needed; a millimetre beyond: none.

        Positions are stored to 7 decimals of a degree: the distance is measured between
        the stored positions."""
        lat = round(north_of(500.0), 7)
        exact = round(distance_m(LAT, LON, lat, LON), 3)
        self.assertAlmostEqual(exact, 500.0, delta=0.02)
        self.env.company.party_venue_share_distance = exact
        with self.assertRaisesRegex(ValidationError, "within 500"):
            self._venue("B at 500", self.branch_b, latitude=lat, longitude=LON)
        near = self._venue(
            "B at 500", self.branch_b, latitude=lat, longitude=LON,
            sharing_reason="Other side of the river",
        )  # fmt: skip
        self.assertIn(self.origin, near.sharing_candidate_ids)
        self.assertIn(near, self.origin.sharing_candidate_ids)
        self.assertTrue(self.origin.is_sharing_candidate)
        self.assertIn(near, self.Venue.search([("is_sharing_candidate", "=", True)]))
        self.env.company.party_venue_share_distance = exact - 0.001
        self.env.invalidate_all()
        self.assertFalse(near.sharing_candidate_ids)
        self.assertNotIn(near, self.Venue.search([("is_sharing_candidate", "=", True)]))
        far = self._venue("B at 501", self.branch_b, latitude=north_of(501.0), longitude=LON)
        self.assertFalse(far.sharing_candidate_ids)

    def test_same_address_is_a_candidate(self):
        with self.assertRaisesRegex(ValidationError, "same address"):
            self._venue("Hall B", self.branch_b, street="1  river road", city="Chulan")

    def test_same_organisations_are_no_candidate(self):
        """Two rooms of the same branch next to each other: nothing to share."""
        twin = self._venue("Origin Room 2", latitude=north_of(10.0), longitude=LON)
        self.assertFalse(twin.sharing_candidate_ids)

    def test_organisation_sees_the_venues_it_can_use(self):
        """Branch A's Party group uses Branch A's venues; Branch B has none."""
        domain = self.group_a.action_view_venues()["domain"]
        self.assertIn(self.room, self.Venue.search(domain))
        self.assertNotIn(self.room, self.Venue.search(self.branch_b.action_view_venues()["domain"]))

    def test_distance_is_configurable(self):
        self.env.company.party_venue_share_distance = 1000.0
        with self.assertRaisesRegex(ValidationError, "within 1000 m"):
            self._venue("B at 900", self.branch_b, latitude=north_of(900.0), longitude=LON)
