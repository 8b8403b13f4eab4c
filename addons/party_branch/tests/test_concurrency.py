"""Two officers, two crons, at the same moment (docs/security.md, rule 5).

Real transactions in threads (see concurrency.py): exactly one wins, the other
gets a clear error, and nothing of the loser is written.
"""

import itertools
from datetime import date

from psycopg2 import errors

from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from .common import make_id
from .concurrency import CommittedCase, build_tree, committed, race, remove_organizations

_n = itertools.count(1)


@tagged("post_install", "-at_install")
class TestConcurrency(CommittedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee_id, cls.branch_id, cls.member_ids = committed(
            cls.db, lambda env: build_tree(env, cls.tag, 2)
        )
        cls.org_ids = [cls.branch_id, cls.committee_id]

    @classmethod
    def tearDownClass(cls):
        remove_organizations(cls.db, cls.org_ids)
        super().tearDownClass()

    def test_two_compliance_runs_one_waits(self):
        """The second run is told a check is under way; the findings exist once."""

        def check(env):
            env["party.organization"].browse(self.org_ids).action_check_compliance()
            return True

        outcome = race(self.db, check, check)
        self.assertIs(outcome["first"], True)
        self.assertIsInstance(outcome["second"], UserError)
        self.assertIn("already under way", str(outcome["second"]))
        # what is committed (the test's own snapshot predates the race)
        count = committed(self.db, lambda env: env["party.finding"].search_count(
            [("organization_id", "=", self.branch_id), ("code", "=", "too_few_members"),
             ("state", "=", "open")]
        ))  # fmt: skip
        self.assertEqual(count, 1)

    def test_overlapping_secretaries_saved_together(self):
        """Two officers appoint a secretary at once: the database keeps one."""
        ptype = self.env.ref("party_branch.position_type_secretary")

        def appoint(member_id):
            def run(env):
                return env["party.position"].create(
                    {"organization_id": self.branch_id, "member_id": member_id,
                     "position_type_id": ptype.id, "date_start": date(2024, 1, 1)}
                ).id  # fmt: skip

            return run

        outcome = race(self.db, appoint(self.member_ids[0]), appoint(self.member_ids[1]))
        self.assertIsInstance(outcome["first"], int)
        error = outcome["second"]
        self.assertIsInstance(error, errors.ExclusionViolation)
        message = str(_as_validation_error(self.env, error))
        self.assertIn("one holder at a time", message)
        holders = committed(self.db, lambda env: env["party.position"].search(
            [("organization_id", "=", self.branch_id), ("position_type_id", "=", ptype.id)]
        ).member_id.ids)  # fmt: skip
        self.assertEqual(holders, [self.member_ids[0]])

    def test_same_person_registered_twice_at_once(self):
        """Two officers enter the same ID number at the same moment: one membership."""
        number = make_id(date(1979, 9, 9))

        def enter(name):
            def run(env):
                return (
                    env["party.member"]
                    .create({"name": name, "organization_id": self.branch_id, "id_number": number})
                    .id
                )

            return run

        outcome = race(self.db, enter("Conc twin 1"), enter("Conc twin 2"))
        self.assertIsInstance(outcome["first"], int)
        self.assertIsInstance(outcome["second"], errors.ExclusionViolation)
        self.assertIsInstance(_as_validation_error(self.env, outcome["second"]), ValidationError)
        self.assertIn(
            "already has an active membership",
            str(_as_validation_error(self.env, outcome["second"])),
        )
        count = committed(
            self.db, lambda env: env["party.member"].search_count([("id_number", "=", number)])
        )
        self.assertEqual(count, 1)
