"""The monthly dues run as queue_job jobs in chunks of organisations (party.job.run).

The jobs run through queue_job's own code in the test's transaction (see
party_branch/tests/test_job_runs.py, which also covers two runners and the retries
on real transactions)."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.test_job_runs import (
    JOBS_ON,
    assert_resumed_once,
    perform,
    rolled_back,
    small_chunks,
    triggered_run,
)
from odoo.addons.queue_job.exception import RetryableJobError

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesJobs(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Run = cls.env["party.job.run"]
        cls.tree = cls.env["party.organization"].search([("id", "child_of", cls.committee.id)])
        cls.members = cls.env["party.member"].search([("organization_id", "in", cls.tree.ids)])

    def _start(self, sync=False):
        return self.Run._party_start(
            f"test-dues:{self.this_month}",
            "Test dues run",
            "party.dues",
            "_party_job_generate",
            self.tree.ids,
            {"period": str(self.this_month)},
            sync=sync,
        )

    def _month_rows(self):
        """(member, ledger, amount, state, count) of the month's rows of the tree's members."""
        self.Dues.flush_model()
        self.env.cr.execute(
            "SELECT member_id, organization_id, amount, state, count(*) OVER (PARTITION BY "
            "member_id) FROM party_dues WHERE member_id = ANY(%s) AND period = %s "
            "ORDER BY member_id",
            [self.members.ids, self.this_month],
        )
        return self.env.cr.fetchall()

    def test_cron_creates_the_run_of_the_month(self):
        run, covered = triggered_run(
            self, "party_life.ir_cron_party_dues_generate",
            f"party.dues.generate:{self.this_month}",
        )  # fmt: skip
        self.assertTrue(set(self.tree.ids) <= covered)
        self.assertFalse(self._month_rows(), "no row before a runner takes a job")
        perform(self.env, run.chunk_ids)
        self.assertEqual(run.state, "done")
        self.assertEqual({row[0] for row in self._month_rows()}, set(self.members.ids))

    def test_interrupted_run_resumes_and_creates_each_row_once(self):
        def uninterrupted():
            with small_chunks(1):
                self._start(sync=True)
            return self._month_rows()

        expected = rolled_back(self.env, uninterrupted)
        self.assertEqual(len(expected), len(self.members))
        self.assertFalse(self._month_rows())
        assert_resumed_once(self, self._start, self._month_rows, expected, len(self.tree))

    def test_chunk_in_a_closed_month_is_retried_with_the_rule(self):
        with JOBS_ON:
            run = self._start()
        self.company.party_dues_lock_date = self.this_month
        with self.assertRaisesRegex(RetryableJobError, "closed for dues"):
            run.chunk_ids[0]._party_job_run()
        self.assertEqual(run.chunk_ids[0].state, "pending")
        self.assertFalse(self._month_rows())
