"""The daily reminder digests as queue_job jobs in chunks of organisations
(party.job.run, party.reminder._party_job_send).

The jobs run through queue_job's own code in the test's transaction (see
test_job_runs.py, which covers two runners and the retries on real transactions);
the run's lock between chunks and a whole run on real, separate transactions."""

from contextlib import closing
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.exception import RetryableJobError

from .common import PartyBranchCase
from .concurrency import QUIET
from .test_job_runs import JOBS_ON, assert_resumed_once, perform, rolled_back, triggered_run

DAY = date(2031, 5, 14)  # a day of no demo record: the digests of the tests are theirs


@tagged("post_install", "-at_install")
class TestReminderJobs(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Run = cls.env["party.job.run"]
        cls.Reminder = cls.env["party.reminder"]
        cls.env.company.party_tz = "Asia/Shanghai"
        cls.tree = cls.env["party.organization"].search([("id", "child_of", cls.committee.id)])
        cls.notice = cls._notice("Study session", cls.committee, DAY)

    @classmethod
    def _notice(cls, title, orgs, day):
        """A notice to ``orgs`` (and those below them) published three days before
        ``day`` (10:00 in Shanghai): unread, it is reminded on ``day``."""
        notice = cls.env["party.notice"].create(
            {"title": title, "organization_ids": [(6, 0, orgs.ids)]}
        )
        notice.action_publish()
        published = datetime.combine(day - timedelta(days=3), datetime.min.time())
        notice.write({"publish_date": published.replace(hour=2)})
        return notice

    def _start(self, sync=False):
        return self.Run._party_start(
            f"test-reminders:{DAY}",
            "Test reminder digests",
            "party.reminder",
            "_party_job_send",
            self.tree.ids,
            {"on_date": str(DAY)},
            sync=sync,
        )

    def _sent(self, day=DAY):
        """{member: (kinds, reminders, digests, messages)} of the digests of ``day`` (the
        message: the e-mail's or the inbox's, one a digest)."""
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT d.member_id, d.kind_codes, d.item_count,
                      count(*) OVER (PARTITION BY d.member_id),
                      (SELECT count(*) FROM mail_message m
                        WHERE m.model = 'party.reminder.digest' AND m.res_id = d.id)
                 FROM party_reminder_digest d
                WHERE d.date = %s AND d.organization_id = ANY(%s)""",
            [day, self.tree.ids],
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def test_cron_creates_the_run_of_the_day_and_sends_nothing_before_a_runner(self):
        today = self.Reminder._today()
        self._notice("Today's notice", self.committee, today)
        run, covered = triggered_run(
            self, "party_branch.ir_cron_party_reminder_digest", f"party.reminder.digest:{today}"
        )
        self.assertTrue(set(self.member_a.organization_id.ids) <= covered)
        jobs = self.env["queue.job"].search([("uuid", "in", run.chunk_ids.mapped("job_uuid"))])
        self.assertEqual(len(jobs), len(run.chunk_ids))
        self.assertEqual(set(jobs.mapped("channel")), {"root.party"})
        self.assertFalse(self._sent(today), "no digest before a runner takes a job")
        perform(self.env, run.chunk_ids)
        self.assertEqual(run.state, "done")
        sent = self._sent(today)
        self.assertEqual(sent[self.member_a.id][2:], (1, 1), "one digest, one message")

    def test_cron_without_job_runner_sends_at_once(self):
        today = self.Reminder._today()
        self._notice("Today's notice", self.committee, today)
        run = self.Reminder._cron_send_digests()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.chunk_ids.filtered("job_uuid"), "no job enqueued")
        self.assertEqual(self._sent(today)[self.member_a.id][2:], (1, 1))

    def test_interrupted_run_resumes_and_sends_each_digest_once(self):
        def uninterrupted():
            self._start(sync=True)
            return self._sent()

        expected = rolled_back(self.env, uninterrupted)
        self.assertIn(self.member_a.id, expected)
        self.assertEqual({row[2:] for row in expected.values()}, {(1, 1)})
        self.assertFalse(self._sent())
        assert_resumed_once(self, self._start, self._sent, expected, len(self.tree))

    def test_failing_chunk_sends_nothing_and_its_retry_sends_each_digest_once(self):
        PartyReminder = type(self.Reminder)
        original = PartyReminder._send

        def send_then_fail(reminder, digest_ids, recipients):
            original(reminder, digest_ids, recipients)
            raise ValueError("the mail server is down")

        with JOBS_ON:
            run = self._start()
            chunk = run.chunk_ids
            self.assertEqual(len(chunk), 1)
            with (
                patch.object(PartyReminder, "_send", send_then_fail),
                self.assertRaisesRegex(RetryableJobError, "the mail server is down"),
            ):
                chunk._party_job_run()
            self.env.invalidate_all()
            self.assertEqual(chunk.state, "pending")
            self.assertFalse(self._sent(), "the failed attempt left no digest and no message")
            self.assertTrue(chunk._party_job_run().startswith("done"))
        sent = self._sent()
        self.assertIn(self.member_a.id, sent)
        self.assertEqual({row[2:] for row in sent.values()}, {(1, 1)})


@tagged("post_install", "-at_install")
class TestReminderRunLock(TransactionCase):
    """Real transactions: a whole run of the digests (a script, ``_run``) and the
    chunks of a run as jobs never send beside each other; chunks do, side by side.
    (A class of its own: the test's transaction takes no lock of the run.)"""

    def test_chunk_refused_beside_a_whole_run_and_chunks_side_by_side(self):
        db = self.env.cr.dbname
        org_ids = self.env["party.organization"].search([], limit=2).ids
        with (
            closing(db_connect(db).cursor()) as cr1,
            closing(db_connect(db).cursor()) as cr2,
            closing(db_connect(db).cursor()) as cr3,
        ):
            env1, env2, env3 = (
                api.Environment(cr, SUPERUSER_ID, dict(QUIET)) for cr in (cr1, cr2, cr3)
            )
            env1["party.reminder"]._run(DAY)  # a whole run, not committed yet
            with self.assertRaisesRegex(UserError, "being sent"):
                env2["party.reminder"]._party_job_send(org_ids[:1], str(DAY))
            cr1.rollback()
            cr2.rollback()
            # two chunks at once, on their own organisations
            env1["party.reminder"]._party_job_send(org_ids[:1], str(DAY))
            env2["party.reminder"]._party_job_send(org_ids[1:], str(DAY))
            self.assertFalse(env3["party.reminder"]._lock_run(), "no whole run beside them")
            for cr in (cr1, cr2, cr3):
                cr.rollback()
