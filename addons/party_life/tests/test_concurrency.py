"""Dues and ballots at the same moment (docs/security.md, rule 5).

Real transactions in threads (party_branch/tests/concurrency.py): exactly one
wins, the other gets a clear error, and nothing of the loser is written.
"""

from psycopg2 import errors

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tests import tagged

from odoo.addons.party_branch.tests.concurrency import (
    CommittedCase,
    committed,
    crowd,
    race,
    remove_organizations,
)

from .common import committed_dues_tree, dues_cleanup


@tagged("post_install", "-at_install")
class TestDuesConcurrency(CommittedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.tag

        cls.committee_id, cls.branch_id, cls.member_ids = committed(
            cls.db, lambda env: committed_dues_tree(env, tag, 3)
        )
        cls.org_ids = [cls.branch_id, cls.committee_id]
        cls.month = fields.Date.context_today(cls.env["party.dues"]).replace(day=1)

    @classmethod
    def tearDownClass(cls):
        extra = [
            *dues_cleanup(cls.org_ids),
            ("DELETE FROM party_appraisal WHERE organization_id IN %s", [tuple(cls.org_ids)]),
        ]
        remove_organizations(cls.db, cls.org_ids, extra)
        super().tearDownClass()

    def _voting_appraisal(self, year):
        """A committed appraisal of the branch, open for voting; its id."""

        def build(env):
            appraisal = env["party.appraisal"].create(
                {"organization_id": self.branch_id, "year": year}
            )
            appraisal.action_start_self_assessment()
            appraisal.action_start_voting()
            return appraisal.id

        return committed(self.db, build)

    def _count(self, model, domain):
        return committed(self.db, lambda env: env[model].search_count(domain))

    def test_two_monthly_runs_one_waits(self):
        def run(env):
            orgs = env["party.organization"].browse(self.branch_id)
            return len(env["party.dues"].generate(self.month, organizations=orgs))

        outcome = race(self.db, run, run)
        self.assertEqual(outcome["first"], 3)
        self.assertIsInstance(outcome["second"], UserError)
        self.assertIn("already under way", str(outcome["second"]))
        rows = [("organization_id", "=", self.branch_id), ("period", "=", self.month)]
        self.assertEqual(self._count("party.dues", rows), 3)

    def test_same_payment_reference_registered_twice_at_once(self):
        committed(self.db, lambda env: env["party.dues"].generate(
            self.month, organizations=env["party.organization"].browse(self.branch_id)))  # fmt: skip
        reference = f"BANK-{self.tag}"

        def pay(member_id):
            def run(env):
                return env["party.dues.payment"].register_payments(
                    [{"member_id": member_id, "amount": 90.0, "date": fields.Date.today(),
                      "method": "bank", "reference": reference}]
                ).ids  # fmt: skip

            return run

        outcome = race(self.db, pay(self.member_ids[0]), pay(self.member_ids[1]))
        self.assertEqual(len(outcome["first"]), 1)
        # The loser waits on the dues journal's entry sequence (the entries are posted
        # before the payments are inserted) and fails with a concurrency error, which
        # Odoo's request layer runs again; the retry is refused by name.
        error = outcome["second"]
        self.assertIsInstance(error, errors.OperationalError)
        self.assertIn(error.pgcode, PG_CONCURRENCY_ERRORS_TO_RETRY)
        with self.assertRaisesRegex(ValidationError, "cannot be registered twice"):
            committed(self.db, pay(self.member_ids[1]))
        # nothing of the loser: no payment, no entry, the second member still owes
        self.assertEqual(self._count("party.dues.payment", [("reference", "=", reference)]), 1)
        self.assertEqual(
            self._count("party.dues", [("member_id", "=", self.member_ids[1]),
                                       ("period", "=", self.month), ("state", "=", "due")]),
            1,
        )  # fmt: skip

    def test_double_ballot_at_once(self):
        """The same member votes from two phones at once: one ballot counts."""

        appraisal_id = self._voting_appraisal(2035)
        voter, *others = self.member_ids

        def vote(env):
            appraisal = env["party.appraisal"].browse(appraisal_id)
            member = env["party.member"].browse(voter)
            return appraisal._cast_ballot_for(member, dict.fromkeys(others, "excellent"))

        outcome = race(self.db, vote, vote)
        self.assertIs(outcome["first"], True)
        self.assertIsInstance(outcome["second"], Exception)
        voted = [("appraisal_id", "=", appraisal_id), ("voted", "=", True)]
        self.assertEqual(self._count("party.appraisal.ballot", voted), 1)
        # the box holds one ballot's ratings: one per other member
        box = [("appraisal_id", "=", appraisal_id)]
        self.assertEqual(self._count("party.appraisal.vote", box), len(others))

    def test_whole_branch_votes_at_once(self):
        """Every member votes at the same moment: every ballot counts, none waits on another."""

        appraisal_id = self._voting_appraisal(2036)

        def vote(voter):
            def run(env):
                appraisal = env["party.appraisal"].browse(appraisal_id)
                ratings = {m: "qualified" for m in self.member_ids if m != voter}
                return appraisal._cast_ballot_for(env["party.member"].browse(voter), ratings)

            return run

        outcome = crowd(self.db, [vote(voter) for voter in self.member_ids])
        self.assertEqual(outcome, [True] * len(self.member_ids))
        voted = [("appraisal_id", "=", appraisal_id), ("voted", "=", True)]
        self.assertEqual(self._count("party.appraisal.ballot", voted), len(self.member_ids))
