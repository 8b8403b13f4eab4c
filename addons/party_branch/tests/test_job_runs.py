"""Long runs as queue_job jobs in chunks (party.job.run, party.job.chunk).

The jobs run through queue_job's own code: ``Job.load(...).perform()`` in the test's
transaction (what the runner's ``/queue_job/runjob`` does, less the HTTP call), and
``RunJobController._acquire_job`` / ``_runjob`` on real, committed transactions where
two runners or the retries are at stake.
"""

from contextlib import closing
from unittest.mock import patch

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import db_connect
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.models import party_job_run
from odoo.addons.queue_job.controllers.main import RunJobController
from odoo.addons.queue_job.exception import FailedJobError
from odoo.addons.queue_job.job import Job

from .common import PartyBranchCase
from .concurrency import QUIET, CommittedCase, build_tree, committed, remove_organizations

# pylint: disable=invalid-commit

JOBS_ON = patch.object(party_job_run.PartyJobRun, "_party_jobs_enabled", lambda self: True)


def small_chunks(size=3):
    return patch.object(party_job_run, "CHUNK_SIZE", size)


def perform(env, chunks):
    """Run the queue_job jobs of ``chunks`` waiting to run, as a runner would."""
    jobs = env["queue.job"].search(
        [("uuid", "in", chunks.mapped("job_uuid")), ("state", "in", ("pending", "enqueued"))]
    )
    for uuid in jobs.mapped("uuid"):
        job = Job.load(env, uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
    env.invalidate_all()


class Rollback(Exception):
    """Leaves a savepoint rolled back."""


def rolled_back(env, func):
    """``func()``'s result, what it wrote rolled back (a run's rows, for comparison)."""
    result = None
    try:
        with env.cr.savepoint():
            result = func()
            raise Rollback
    except Rollback:
        env.invalidate_all()
    return result


def triggered_run(case, cron_xmlid, run_key):
    """Cron ``cron_xmlid`` triggered where a job runner serves: the run ``run_key`` it
    created (one, running), and the organisations its chunks cover."""
    with JOBS_ON:
        case.env.ref(cron_xmlid).method_direct_trigger()
    run = case.env["party.job.run"].search([("run_key", "=", run_key)])
    case.assertEqual(len(run), 1)
    case.assertEqual(run.state, "running")
    return run, {org_id for chunk in run.chunk_ids for org_id in chunk.org_ids}


def assert_resumed_once(case, start, written, expected, chunk_count):
    """A run in ``chunk_count`` chunks of one organisation (``start()``) whose process
    dies after two chunks, resumed by the cron: ``written()`` (what the run writes) is
    ``expected`` (an uninterrupted run's) once it is done, and a stale job of a done
    chunk and a second run of the same key write nothing more."""
    with JOBS_ON, small_chunks(1):
        run = start()
        chunks = run.chunk_ids.sorted("sequence")
        case.assertEqual(len(chunks), chunk_count)
        perform(case.env, chunks[:2])
        # the process dies: the other chunks' jobs are lost
        case.env["queue.job"].search(
            [("uuid", "in", chunks[2:].mapped("job_uuid"))]
        ).button_cancelled()
        case.assertTrue(0 < len(written()) < len(expected))
        case.env["party.job.run"]._cron_resume()
        perform(case.env, chunks)
        case.assertEqual(run.state, "done")
        case.assertEqual(written(), expected)
        case.assertEqual(chunks[0]._party_job_run(), "skipped: done already")
        again = start()
        case.assertNotEqual(again, run)
        perform(case.env, again.chunk_ids)
    case.assertEqual(written(), expected)


@tagged("post_install", "-at_install")
class TestJobRuns(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Run = cls.env["party.job.run"]
        # the day as the cron counts it: in its user's time zone, not the test context's (UTC:
        # an hour before midnight UTC is tomorrow in Brussels)
        cron_user = cls.env.ref("party_branch.ir_cron_party_compliance").user_id
        cls.today = fields.Date.context_today(cls.Run.with_user(cron_user).with_context(tz=False))
        cls.key = f"party.organization.compliance:{cls.today}"
        # every organisation's findings closed: the run opens them again, in every chunk
        cls.env["party.finding"].flush_model()
        cls.env.cr.execute("UPDATE party_finding SET state = 'closed' WHERE state = 'open'")
        cls.env.invalidate_all()

    def _open_findings(self):
        Finding = self.env["party.finding"]
        Finding.flush_model()
        self.env.cr.execute(
            "SELECT organization_id, code, member_id, key, count(*) FROM party_finding "
            "WHERE state = 'open' GROUP BY 1, 2, 3, 4"
        )
        return {row[:4]: row[4] for row in self.env.cr.fetchall()}

    def test_cron_creates_the_run_and_enqueues_one_job_per_chunk(self):
        cron = self.env.ref("party_branch.ir_cron_party_compliance")
        orgs = self.env["party.organization"].search([("active", "=", True)])
        # runs of the day other tests committed (done) are not this one
        before = self.Run.search([("run_key", "=", self.key)])
        with JOBS_ON, small_chunks():
            cron.method_direct_trigger()
        run = self.Run.search([("run_key", "=", self.key)]) - before
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "running")
        self.assertEqual(len(run.chunk_ids), -(-len(orgs) // 3))
        self.assertEqual(
            sorted(i for chunk in run.chunk_ids for i in chunk.org_ids), sorted(orgs.ids)
        )
        jobs = self.env["queue.job"].search([("uuid", "in", run.chunk_ids.mapped("job_uuid"))])
        self.assertEqual(len(jobs), len(run.chunk_ids))
        self.assertEqual(set(jobs.mapped("state")), {"pending"})
        self.assertEqual(set(jobs.mapped("channel")), {"root.party"})
        self.assertFalse(self._open_findings(), "nothing is checked before a runner takes a job")

    def test_cron_without_job_runner_runs_the_chunks_itself(self):
        with small_chunks():
            run = self.env["party.organization"]._cron_check_compliance()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.chunk_ids.filtered("job_uuid"), "no job enqueued")
        self.assertTrue(self._open_findings())

    def test_second_trigger_enqueues_no_chunk_twice(self):
        Org = self.env["party.organization"]
        with JOBS_ON, small_chunks():
            run = Org._cron_check_compliance()
            again = Org._cron_check_compliance()
        self.assertEqual(again, run, "the unfinished run of the day is resumed, not doubled")
        keys = [f"party.job.chunk,{chunk.id}" for chunk in run.chunk_ids]
        jobs = self.env["queue.job"].search([("identity_key", "in", keys)])
        self.assertEqual(len(jobs), len(run.chunk_ids))

    def test_interrupted_run_resumes_and_creates_each_finding_once(self):
        Org = self.env["party.organization"]
        with JOBS_ON, small_chunks():
            run = Org._cron_check_compliance()
            chunks = run.chunk_ids.sorted("sequence")
            half = chunks[: len(chunks) // 2]
            perform(self.env, half)
            # the process dies: the jobs of the other chunks are lost
            lost = self.env["queue.job"].search(
                [("uuid", "in", (chunks - half).mapped("job_uuid"))]
            )
            lost.button_cancelled()
            self.assertEqual(run.done_count, len(half))
            self.env["party.job.run"]._cron_resume()
            resumed = chunks.filtered(lambda c: c.state == "pending")
            self.assertEqual(resumed, chunks - half)
            self.assertNotIn(lost.mapped("uuid")[0], resumed.mapped("job_uuid"))
            perform(self.env, chunks)
            # a late duplicate of a done chunk's job does nothing
            self.assertEqual(half[0]._party_job_run(), "skipped: done already")
        self.assertEqual(run.state, "done")
        found = self._open_findings()
        self.assertTrue(found)
        self.assertEqual(set(found.values()), {1}, "each finding opened once")
        # an uninterrupted pass of the same day finds nothing left to open
        opened, closed = self.env["party.compliance"]._run(Org.search([]), self.today)
        self.assertFalse(opened)
        self.assertFalse(closed)
        # one digest activity per organisation and day
        self.env.cr.execute(
            "SELECT organization_id, count(DISTINCT digest_activity_id) FROM party_finding "
            "WHERE state = 'open' AND digest_activity_id IS NOT NULL GROUP BY 1"
        )
        self.assertEqual({count for __, count in self.env.cr.fetchall()}, {1})

    def test_party_administrator_reads_runs_nobody_writes(self):
        with small_chunks():
            run = self.env["party.organization"]._cron_check_compliance()
        self.assertEqual(run.with_user(self.admin).name, run.name)
        self.assertTrue(run.with_user(self.admin).chunk_ids)
        with self.assertRaises(odoo.exceptions.AccessError):
            run.with_user(self.admin).write({"name": "x"})
        with self.assertRaises(odoo.exceptions.AccessError):
            run.with_user(self.officer_a).read(["name"])


@tagged("post_install", "-at_install")
class TestJobRunners(CommittedCase):
    """Real transactions: two runners, and the retries of a failing chunk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee_id, cls.branch_id, __ = committed(
            cls.db, lambda env: build_tree(env, cls.tag, 2)
        )
        cls.admin_id = committed(
            cls.db,
            lambda env: (
                env["res.users"]
                .create(
                    {
                        "name": f"Jobs admin {cls.tag}",
                        "login": f"jobs_admin_{cls.tag}",
                        "groups_id": [(6, 0, env.ref("party_branch.group_party_admin").ids)],
                    }
                )
                .id
            ),
        )

    @classmethod
    def tearDownClass(cls):
        with closing(db_connect(cls.db).cursor()) as cr:
            cr.execute("SELECT id FROM party_job_run WHERE run_key LIKE %s", [f"test-{cls.tag}%"])
            run_ids = tuple(r[0] for r in cr.fetchall()) or (0,)
            cr.execute(
                "DELETE FROM mail_activity WHERE res_model = 'party.job.run' AND res_id IN %s",
                [run_ids],
            )
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'party.job.run' AND res_id IN %s",
                [run_ids],
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'party.job.run' AND res_id IN %s",
                [run_ids],
            )
            cr.execute(
                "DELETE FROM queue_job WHERE identity_key IN (SELECT 'party.job.chunk,' || id "
                "FROM party_job_chunk WHERE run_id IN %s)",
                [run_ids],
            )
            cr.execute("DELETE FROM party_job_run WHERE id IN %s", [run_ids])
            cr.execute("SELECT partner_id FROM res_users WHERE id = %s", [cls.admin_id])
            partner_id = cr.fetchone()[0]
            cr.execute("DELETE FROM mail_notification WHERE res_partner_id = %s", [partner_id])
            cr.execute("DELETE FROM res_users WHERE id = %s", [cls.admin_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [partner_id])
            cr.commit()
        remove_organizations(cls.db, [cls.committee_id, cls.branch_id])
        super().tearDownClass()

    def _start(self, name):
        """A committed run of one chunk (the test's branch), enqueued; its job's uuid."""

        def build(env):
            with JOBS_ON:
                run = env["party.job.run"]._party_start(
                    f"test-{self.tag}-{name}",
                    f"Test run {name}",
                    "party.organization",
                    "_party_job_check_compliance",
                    [self.branch_id],
                    {"on_date": str(fields.Date.today())},
                )
            return run.id, run.chunk_ids.id, run.chunk_ids.job_uuid

        return committed(self.db, build)

    def _enqueue(self, uuid):
        """What the job runner does before calling /queue_job/runjob."""
        with closing(db_connect(self.db).cursor()) as cr:
            cr.execute("UPDATE queue_job SET state = 'enqueued' WHERE uuid = %s", [uuid])
            cr.commit()

    def _read(self, sql, params):
        with closing(db_connect(self.db).cursor()) as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    def test_two_runners_never_take_the_same_job(self):
        __, __, uuid = self._start("two")
        self._enqueue(uuid)
        with (
            closing(db_connect(self.db).cursor()) as cr1,
            closing(db_connect(self.db).cursor()) as cr2,
        ):
            env1 = api.Environment(cr1, SUPERUSER_ID, dict(QUIET))
            env2 = api.Environment(cr2, SUPERUSER_ID, dict(QUIET))
            first = RunJobController._acquire_job(env1, uuid)
            second = RunJobController._acquire_job(env2, uuid)
            self.assertTrue(first)
            self.assertIsNone(second, "the second runner is refused the job the first holds")
            cr1.rollback()
            cr2.rollback()

    def test_two_jobs_of_one_chunk_never_both_work(self):
        __, chunk_id, __ = self._start("chunk")
        with (
            closing(db_connect(self.db).cursor()) as cr1,
            closing(db_connect(self.db).cursor()) as cr2,
        ):
            env1 = api.Environment(cr1, SUPERUSER_ID, dict(QUIET))
            env2 = api.Environment(cr2, SUPERUSER_ID, dict(QUIET))
            result1 = env1["party.job.chunk"].browse(chunk_id)._party_job_run()
            # the first has not committed: it holds the chunk
            result2 = env2["party.job.chunk"].browse(chunk_id)._party_job_run()
            self.assertEqual(result2, "skipped: another runner holds the chunk")
            cr2.rollback()
            cr1.commit()
            result3 = env2["party.job.chunk"].browse(chunk_id)._party_job_run()
            self.assertEqual(result3, "skipped: done already")
            cr2.rollback()
        self.assertTrue(result1.startswith("done"))

    def test_failed_chunk_is_retried_then_reported_to_the_party_administrator(self):
        run_id, chunk_id, uuid = self._start("fail")
        PartyOrganization = type(self.env["party.organization"])

        def boom(self, org_ids, on_date):
            raise ValueError("the disk is full")

        attempts = []
        with patch.object(PartyOrganization, "_party_job_check_compliance", boom):
            for __ in range(party_job_run.CHUNK_MAX_RETRIES):
                self._enqueue(uuid)
                with closing(db_connect(self.db).cursor()) as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    job = RunJobController._acquire_job(env, uuid)
                    try:
                        RunJobController._runjob(env, job)
                    except FailedJobError:
                        cr.rollback()
                attempts.append(
                    self._read(
                        "SELECT q.state, q.retry, c.state FROM queue_job q, party_job_chunk c "
                        "WHERE q.uuid = %s AND c.id = %s",
                        [uuid, chunk_id],
                    )[0]
                )
        # retried: postponed twice, then given up
        self.assertEqual(attempts[0], ("pending", 1, "pending"))
        self.assertEqual(attempts[1], ("pending", 2, "pending"))
        self.assertEqual(attempts[2], ("failed", 3, "failed"))
        error = self._read("SELECT error FROM party_job_chunk WHERE id = %s", [chunk_id])[0][0]
        self.assertIn("the disk is full", error)
        notes = self._read(
            "SELECT a.note FROM mail_activity a WHERE a.res_model = 'party.job.run' "
            "AND a.res_id = %s AND a.user_id = %s",
            [run_id, self.admin_id],
        )
        self.assertEqual(len(notes), 1)
        self.assertIn("Test run fail: chunk 1 of 1", notes[0][0])
        self.assertIn("the disk is full", notes[0][0])


@tagged("post_install", "-at_install")
class TestJobRoutes(HttpCase):
    """queue_job's routes: no portal user or stranger runs or creates a job."""

    def _pending_job(self):
        return self.env["queue.job"].with_delay(description="route test")._test_job()

    def test_stranger_cannot_create_a_test_job(self):
        before = self.env["queue.job"].search_count([])
        response = self.url_open("/queue_job/create_test_job", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertEqual(self.env["queue.job"].search_count([]), before)

    def test_portal_user_cannot_create_a_test_job(self):
        new_test_user(
            self.env, login="qj_portal", password="qj_portal_pw", groups="base.group_portal"
        )
        self.authenticate("qj_portal", "qj_portal_pw")
        before = self.env["queue.job"].search_count([])
        response = self.url_open("/queue_job/create_test_job")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.env["queue.job"].search_count([]), before)

    def test_stranger_cannot_run_a_job_not_handed_to_a_runner(self):
        job = self._pending_job()
        response = self.url_open(f"/queue_job/runjob?db={self.env.cr.dbname}&job_uuid={job.uuid}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(job.db_record().state, "pending", "only an enqueued job runs")
