from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_life.tests.common import fixed_asset_profile

from .common import PartyVenueCase


@tagged("post_install", "-at_install")
class TestFacilities(PartyVenueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = fixed_asset_profile(cls.env, "Venue furniture")

    def _asset(self, name, value):
        return self.env["account.asset"].create(
            {"name": name, "profile_id": self.profile.id, "purchase_value": value,
             "date_start": date(2026, 1, 1)}
        )  # fmt: skip

    def test_equipment_and_open_maintenance_on_the_venue(self):
        projector = self.env["maintenance.equipment"].create(
            {"name": "Projector", "party_venue_id": self.room.id}
        )
        self.env["maintenance.equipment"].create({"name": "Screen", "party_venue_id": self.room.id})
        self.env["maintenance.request"].create(
            {"name": "Lamp broken", "equipment_id": projector.id}
        )
        self.room.invalidate_recordset()
        self.assertEqual((self.room.equipment_count, self.room.maintenance_open_count), (2, 1))
        # an officer without maintenance rights reads the figures on the venue
        room = self.room.with_user(self.officer_a)
        self.assertEqual(room.maintenance_open_count, 1)

    def test_asset_value_on_the_venue(self):
        self._asset("Chairs", 1200.0).party_venue_id = self.room
        self._asset("Flag stand", 300.0).party_venue_id = self.room
        self.room.invalidate_recordset()
        self.assertEqual(self.room.asset_value, 1500.0)
        self.assertEqual(self.room.with_user(self.officer_a).asset_value, 1500.0)

    def test_asset_linked_to_two_venues_refused(self):
        chairs = self._asset("Chairs", 1200.0)
        chairs.party_venue_id = self.room
        with self.assertRaisesRegex(ValidationError, "already linked to the venue Room A"):
            chairs.party_venue_id = self.hall
        with self.assertRaisesRegex(ValidationError, "already linked"):
            self.hall.write({"asset_ids": [(4, chairs.id)]})
        chairs.party_venue_id = False
        chairs.party_venue_id = self.hall
        self.assertEqual(self.hall.asset_ids, chairs)


@tagged("post_install", "-at_install")
class TestInspection(PartyVenueCase):
    def _inspect(self, results, venue=None):
        inspection = (
            self.env["party.venue.inspection"]
            .with_user(self.officer_a)
            .create({"venue_id": (venue or self.room).id})
        )
        for line in inspection.line_ids:
            line.result = results.get(line.item_id.code, "pass")
        return inspection

    def test_new_inspection_lists_the_standard_checklist(self):
        inspection = self._inspect({})
        items = self.env["party.venue.checklist.item"].search([])
        self.assertEqual(inspection.line_ids.item_id, items)
        self.assertEqual(inspection.score, 100.0)

    def test_score_weighs_items_and_skips_not_applicable(self):
        """Weights 2+3+3+2+2+1+1+1 = 15. The flag (3) fails: 12/15 = 80 %; the
        audio-visual equipment (1) not applicable: 11/14 = 78.6 %."""
        inspection = self._inspect({"party_flag": "fail"})
        self.assertEqual((inspection.score, inspection.failed_count), (80.0, 1))
        inspection = self._inspect({"party_flag": "fail", "av_equipment": "na"})
        self.assertEqual(inspection.score, 78.6)

    def test_completed_inspection_is_a_record(self):
        inspection = self._inspect({"signage": "fail"})
        inspection.action_done()
        self.assertEqual(self.room.inspection_score, inspection.score)
        with self.assertRaisesRegex(UserError, "does not change"):
            inspection.line_ids[:1].result = "pass"
        with self.assertRaisesRegex(UserError, "not deleted"):
            inspection.unlink()

    def test_every_item_marked_before_completion(self):
        inspection = self.env["party.venue.inspection"].create({"venue_id": self.room.id})
        with self.assertRaisesRegex(UserError, "Mark every item"):
            inspection.action_done()


@tagged("post_install", "-at_install")
class TestInspectionDue(PartyVenueCase):
    def _done(self, on_date):
        inspection = self.env["party.venue.inspection"].create(
            {"venue_id": self.room.id, "date": on_date}
        )
        inspection.line_ids.result = "pass"
        inspection.action_done()

    def test_due_three_months_after_the_last_inspection(self):
        """Inspected exactly three months ago: due today; a day later: not yet."""
        self.env.company.party_venue_inspection_months = 3
        self.assertTrue(self.room.inspection_due)  # never inspected
        self._done(self.today - relativedelta(months=3) + relativedelta(days=1))
        self.env.invalidate_all()
        self.assertFalse(self.room.inspection_due)
        self.assertNotIn(self.room, self.Venue.search([("inspection_due", "=", True)]))
        self._done(self.today - relativedelta(months=3))
        self.env.invalidate_all()
        # the latest inspection by date counts, not the last one entered
        self.assertFalse(self.room.inspection_due)
        self._done_hall = self.env["party.venue.inspection"].create(
            {"venue_id": self.hall.id, "date": self.today - relativedelta(months=3)}
        )
        self._done_hall.line_ids.result = "pass"
        self._done_hall.action_done()
        self.env.invalidate_all()
        self.assertTrue(self.hall.inspection_due)
        self.assertIn(self.hall, self.Venue.search([("inspection_due", "=", True)]))
