"""The monthly dues run as queue_job jobs in chunks of organisations (party.job.run).

The jobs run through queue_job's own code in the test's transaction (see
party_branch/tests/test_job_runs.py, which also covers two runners and the retries
on real transactions)."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.test_job_runs import JOBS_ON, perform, small_chunks
from odoo.addons.queue_job.exception import RetryableJobError

from .common import PartyDuesCase


class Rollback(Exception):
    """Leaves a savepoint rolled back."""


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
        cron = self.env.ref("party_life.ir_cron_party_dues_generate")
        with JOBS_ON:
            cron.method_direct_trigger()
        run = self.Run.search([("run_key", "=", f"party.dues.generate:{self.this_month}")])
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "running")
        covered = {org_id for chunk in run.chunk_ids for org_id in chunk.org_ids}
        self.assertTrue(set(self.tree.ids) <= covered)
        self.assertFalse(self._month_rows(), "no row before a runner takes a job")
        perform(self.env, run.chunk_ids)
        self.assertEqual(run.state, "done")
        self.assertEqual({row[0] for row in self._month_rows()}, set(self.members.ids))

    def test_interrupted_run_resumes_and_creates_each_row_once(self):
        # the uninterrupted run, for comparison
        try:
            with self.env.cr.savepoint():
                with small_chunks(1):
                    self._start(sync=True)
                expected = self._month_rows()
                raise Rollback
        except Rollback:
            self.env.invalidate_all()
        self.assertEqual(len(expected), len(self.members))
        self.assertFalse(self._month_rows())
        with JOBS_ON, small_chunks(1):
            run = self._start()
            chunks = run.chunk_ids.sorted("sequence")
            self.assertEqual(len(chunks), len(self.tree))
            perform(self.env, chunks[:2])
            # the process dies: the other chunks' jobs are lost
            self.env["queue.job"].search(
                [("uuid", "in", chunks[2:].mapped("job_uuid"))]
            ).button_cancelled()
            self.assertTrue(0 < len(self._month_rows()) < len(expected))
            self.Run._cron_resume()
            perform(self.env, chunks)
            self.assertEqual(run.state, "done")
            self.assertEqual(self._month_rows(), expected)
            # a stale job of a done chunk, and a second run of the month, add nothing
            self.assertEqual(chunks[0]._party_job_run(), "skipped: done already")
            again = self._start()
            self.assertNotEqual(again, run)
            perform(self.env, again.chunk_ids)
        self.assertEqual(self._month_rows(), expected)

    def test_chunk_in_a_closed_month_is_retried_with_the_rule(self):
        with JOBS_ON:
            run = self._start()
        self.company.party_dues_lock_date = self.this_month
        with self.assertRaisesRegex(RetryableJobError, "closed for dues"):
            run.chunk_ids[0]._party_job_run()
        self.assertEqual(run.chunk_ids[0].state, "pending")
        self.assertFalse(self._month_rows())
