"""Bookings and commitments at the same moment (docs/security.md, rule 5).

Real transactions in threads (party_branch/tests/concurrency.py): the database decides
between two officers saving at once; the loser writes nothing.
"""

from datetime import datetime

from psycopg2 import errors

from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from odoo.addons.party_branch.tests.concurrency import (
    CommittedCase,
    build_tree,
    committed,
    race,
    remove_organizations,
)

START = datetime(2031, 3, 3, 9, 0)
STOP = datetime(2031, 3, 3, 10, 0)


@tagged("post_install", "-at_install")
class TestVenueConcurrency(CommittedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.tag

        def build(env):
            committee_id, branch_id, __ = build_tree(env, f"V{tag}", 0)
            calendar = env["resource.calendar"].create(
                {"name": f"Conc {tag}", "tz": "UTC",
                 "attendance_ids": [(0, 0, {"name": str(d), "dayofweek": str(d), "hour_from": 0,
                                            "hour_to": 24, "day_period": "morning"})
                                    for d in range(7)]}
            )  # fmt: skip
            venue = env["party.venue"].create(
                {"name": f"Conc Room {tag}", "venue_type": "activity_room",
                 "organization_id": branch_id, "resource_calendar_id": calendar.id,
                 "capacity": 20}
            )  # fmt: skip
            project = env["party.venue.project"].create(
                {"name": f"Conc Project {tag}", "venue_id": venue.id,
                 "organization_id": branch_id, "budget": 100.0}
            )  # fmt: skip
            project.action_approve()
            return committee_id, branch_id, calendar.id, venue.id, project.id

        built = committed(cls.db, build)
        cls.committee_id, cls.branch_id, cls.calendar_id, cls.venue_id, cls.project_id = built

    @classmethod
    def tearDownClass(cls):
        orgs = (cls.branch_id, cls.committee_id)
        account_id = committed(
            cls.db,
            lambda env: env["party.venue.project"].browse(cls.project_id).analytic_account_id.id,
        )
        extra = [
            ("DELETE FROM party_venue_project_commitment WHERE project_id = %s", [cls.project_id]),
            ("DELETE FROM party_venue_project WHERE id = %s", [cls.project_id]),
            ("DELETE FROM account_analytic_account WHERE id = %s", [account_id]),
            ("DELETE FROM party_venue_booking WHERE venue_id = %s", [cls.venue_id]),
            ("DELETE FROM mail_message WHERE model LIKE 'party.venue%%' AND res_id IN %s",
             [(cls.venue_id, cls.project_id)]),
            ("DELETE FROM mail_followers WHERE res_model LIKE 'party.venue%%' AND res_id IN %s",
             [(cls.venue_id, cls.project_id)]),
            ("DELETE FROM party_venue WHERE id = %s", [cls.venue_id]),
            ("DELETE FROM resource_calendar WHERE id = %s", [cls.calendar_id]),
            ("DELETE FROM party_finding WHERE organization_id IN %s", [orgs]),
        ]  # fmt: skip
        remove_organizations(cls.db, list(orgs), extra)
        super().tearDownClass()

    def _count(self, model, domain):
        return committed(self.db, lambda env: env[model].search_count(domain))

    def test_same_slot_booked_twice_at_once(self):
        def book(env):
            return env["party.venue.booking"].create(
                {"venue_id": self.venue_id, "organization_id": self.branch_id,
                 "start": START, "stop": STOP}
            ).id  # fmt: skip

        outcome = race(self.db, book, book)
        self.assertIsInstance(outcome["first"], int)
        error = outcome["second"]
        self.assertIsInstance(error, errors.ExclusionViolation)
        self.assertIn("already booked", str(_as_validation_error(self.env, error)))
        self.assertEqual(self._count("party.venue.booking", [("venue_id", "=", self.venue_id)]), 1)

    def test_last_of_the_budget_committed_twice_at_once(self):
        def commit(env):
            return (
                env["party.venue.project.commitment"]
                .create({"project_id": self.project_id, "name": "Works", "amount": 60.0})
                .id
            )

        outcome = race(self.db, commit, commit)
        self.assertIsInstance(outcome["first"], int)
        # the second could not serialise (Odoo's dispatch retries it) ...
        self.assertIsInstance(outcome["second"], errors.SerializationFailure)
        # ... and the retry sees the first commitment
        with self.assertRaisesRegex(ValidationError, "40.00 of its budget left"):
            committed(self.db, commit)
        domain = [("project_id", "=", self.project_id)]
        self.assertEqual(self._count("party.venue.project.commitment", domain), 1)
