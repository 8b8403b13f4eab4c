"""The nightly scoring of the open service assessments as queue_job jobs in chunks of
organisations (party.job.run).

The jobs run through queue_job's own code in the test's transaction (see
party_branch/tests/test_job_runs.py, which also covers two runners and the retries
on real transactions)."""

from collections import Counter
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.party_branch.tests.test_job_runs import JOBS_ON, perform, small_chunks
from odoo.addons.queue_job.exception import RetryableJobError

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestAssessmentJobs(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Run = cls.env["party.job.run"]
        cls.Assessment = cls.env["party.assessment"]
        # the day as the cron counts it: in its user's time zone, not the test context's (UTC:
        # an hour before midnight UTC is tomorrow in Brussels)
        cron_user = cls.env.ref("party_service.ir_cron_party_assessment_score").user_id
        cls.today = fields.Date.context_today(
            cls.Assessment.with_user(cron_user).with_context(tz=False)
        )
        start = cls.today.replace(month=1, day=1)
        end = cls.today.replace(month=12, day=31)
        # one open assessment of the year for each organisation of the test tree
        cls.assessments = cls.Assessment.create(
            [
                {
                    "name": f"Year of {org.name}",
                    "organization_id": org.id,
                    "date_from": start,
                    "date_to": end,
                }
                for org in (cls.committee, cls.branch_a, cls.group_a, cls.branch_b)
            ]
        )
        cls.key = f"party.assessment.score:{cls.today}"

    def _lines(self):
        """{(assessment, member): count} of the lines of the test's assessments."""
        self.env["party.assessment.line"].flush_model()
        self.env.cr.execute(
            "SELECT assessment_id, member_id, count(*) FROM party_assessment_line "
            "WHERE assessment_id = ANY(%s) GROUP BY 1, 2",
            [self.assessments.ids],
        )
        return {row[:2]: row[2] for row in self.env.cr.fetchall()}

    def _chunks_of(self, run, assessments):
        orgs = set(assessments.organization_id.ids)
        return run.chunk_ids.filtered(lambda c: orgs & set(c.org_ids))

    def test_cron_creates_the_run_and_scores_nothing_before_a_runner(self):
        cron = self.env.ref("party_service.ir_cron_party_assessment_score")
        with JOBS_ON:
            cron.method_direct_trigger()
        run = self.Run.search([("run_key", "=", self.key)])
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "running")
        covered = {org_id for chunk in run.chunk_ids for org_id in chunk.org_ids}
        self.assertTrue(set(self.assessments.organization_id.ids) <= covered)
        jobs = self.env["queue.job"].search([("uuid", "in", run.chunk_ids.mapped("job_uuid"))])
        self.assertEqual(len(jobs), len(run.chunk_ids))
        self.assertEqual(set(jobs.mapped("channel")), {"root.party"})
        self.assertFalse(self._lines(), "nothing is scored before a runner takes a job")
        self.assertFalse(any(self.assessments.mapped("scored_at")))
        perform(self.env, run.chunk_ids)
        self.assertEqual(run.state, "done")
        self.assertTrue(all(self.assessments.mapped("scored_at")))
        self.assertEqual(
            self.assessments.mapped("line_count"),
            [len(a._members()) for a in self.assessments],
        )

    def test_cron_without_job_runner_scores_at_once(self):
        run = self.Assessment._cron_score()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.chunk_ids.filtered("job_uuid"), "no job enqueued")
        self.assertTrue(all(self.assessments.mapped("scored_at")))

    def test_closed_assessment_and_period_not_begun_are_not_scored(self):
        closed = self.assessments[3]
        closed.action_close()
        later = self.Assessment.create(
            {
                "name": "Next year",
                "organization_id": self.branch_a.id,
                "date_from": self.today.replace(year=self.today.year + 1, month=1, day=1),
                "date_to": self.today.replace(year=self.today.year + 1, month=12, day=31),
            }
        )
        PartyAssessment = type(self.Assessment)
        with patch.object(
            PartyAssessment, "_score", autospec=True, side_effect=PartyAssessment._score
        ) as score:
            self.Assessment._cron_score()
        scored = {call.args[0].id for call in score.call_args_list}
        self.assertIn(self.assessments[0].id, scored)
        self.assertNotIn(closed.id, scored)
        self.assertNotIn(later.id, scored)
        self.assertFalse(later.scored_at)

    def test_interrupted_run_resumes_and_scores_each_assessment_once(self):
        PartyAssessment = type(self.Assessment)
        with (
            JOBS_ON,
            small_chunks(1),
            patch.object(
                PartyAssessment, "_score", autospec=True, side_effect=PartyAssessment._score
            ) as score,
        ):
            run = self.Assessment._cron_score()
            first = self._chunks_of(run, self.assessments[:2])
            perform(self.env, first)
            scored = {a.id: a.scored_at for a in self.assessments[:2]}
            self.assertTrue(all(scored.values()))
            self.assertFalse(any(self.assessments[2:].mapped("scored_at")))
            # the process dies: the other chunks' jobs are lost
            rest = run.chunk_ids - first
            self.env["queue.job"].search(
                [("uuid", "in", rest.mapped("job_uuid"))]
            ).button_cancelled()
            self.Run._cron_resume()
            perform(self.env, run.chunk_ids)
            self.assertEqual(run.state, "done")
            # a stale job of a done chunk does nothing
            self.assertEqual(first[0]._party_job_run(), "skipped: done already")
        self.assertEqual(
            {a.id: a.scored_at for a in self.assessments[:2]},
            scored,
            "the chunks done before the interruption are not scored again",
        )
        self.assertTrue(all(self.assessments.mapped("scored_at")))
        calls = Counter(call.args[0].id for call in score.call_args_list)
        self.assertEqual(
            [calls[a.id] for a in self.assessments], [1] * 4, "each assessment scored once"
        )
        lines = self._lines()
        self.assertEqual(set(lines.values()), {1}, "one line per member and assessment")
        self.assertEqual(len(lines), sum(len(a._members()) for a in self.assessments))

    def test_assessment_scored_since_the_run_began_is_not_scored_again(self):
        with JOBS_ON, small_chunks(1):
            run = self.Assessment._cron_score()
            # an officer scores Branch A while the run waits for a runner
            self.assessments[1].with_user(self.officer_a).action_score()
            officer_scored_at = self.assessments[1].scored_at
            self.assertTrue(officer_scored_at)
            with patch.object(type(self.Assessment), "_score", autospec=True) as score:
                perform(self.env, run.chunk_ids)
        scored = {call.args[0].id for call in score.call_args_list}
        self.assertIn(self.assessments[0].id, scored)
        self.assertNotIn(self.assessments[1].id, scored, "scored once, by the officer")
        self.assertEqual(run.state, "done")
        self.assertEqual(self.assessments[1].scored_at, officer_scored_at)

    def test_failing_chunk_leaves_nothing_and_its_retry_scores_once(self):
        PartyAssessment = type(self.Assessment)
        original = PartyAssessment._score
        calls = []

        def score_then_fail(assessment):
            calls.append(assessment.id)
            result = original(assessment)
            if len(calls) == 2:
                raise ValueError("the disk is full")
            return result

        with JOBS_ON:
            run = self.Assessment._cron_score()
            chunk = self._chunks_of(run, self.assessments)
            self.assertEqual(len(chunk), 1, "the test tree's organisations in one chunk")
            with (
                patch.object(PartyAssessment, "_score", score_then_fail),
                self.assertRaisesRegex(RetryableJobError, "the disk is full"),
            ):
                chunk._party_job_run()
            self.env.invalidate_all()
            self.assertEqual(chunk.state, "pending")
            self.assertFalse(self._lines(), "the failed attempt left no line")
            self.assertFalse(any(self.assessments.mapped("scored_at")))
            self.assertTrue(chunk._party_job_run().startswith("done"))
        self.assertTrue(all(self.assessments.mapped("scored_at")))
        self.assertEqual(set(self._lines().values()), {1})
