"""A long run (the monthly dues, the compliance pass) as queue_job jobs, in chunks.

The cron stays the trigger: it calls :meth:`PartyJobRun._party_start`, which
writes the run and its chunks (``party.job.chunk``: a list of organisation ids
each) and enqueues one OCA ``queue_job`` job per chunk. The job runners of every
Odoo process started with ``--load=base,web,queue_job`` (on one machine or on
several sharing one PostgreSQL) take the chunks; queue_job hands a job to one
runner only (its row lock), and a chunk locks its own row too, so a chunk enqueued
twice still runs once. A chunk's work and its ``done`` mark are one transaction:
a run interrupted halfway (a process killed, a job lost) is resumed by
:meth:`_party_resume`, which enqueues the chunks not done, and creates nothing
twice. A chunk that fails is retried by queue_job; when the retries are exhausted
the Party administrators get an activity on the run naming the chunk and the error.

The synchronous path (:meth:`_party_run_now`) runs the chunks in the caller's
transaction: the tests, and the ``Run now`` buttons, which call the model's own
method (``party.dues.generate``, ``action_check_compliance``) as before.
"""

import odoo
from odoo import api, fields, models
from odoo.tools import SQL

CHUNK_SIZE = 100  # organisations a chunk
CHUNK_MAX_RETRIES = 3  # attempts of a chunk before it is reported as failed
CHANNEL = "root.party"


class PartyJobRun(models.Model):
    _name = "party.job.run"
    _description = "Party Job Run"
    _inherit = ["party.access.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    _party_org_field = False
    _party_fixed_fields = ("run_key", "model_name", "method", "params", "company_id")
    _party_rpc_methods = {
        "create": "ACL: nobody (the crons write runs)",
        "write": "ACL: nobody",
    }

    name = fields.Char(required=True, readonly=True)
    run_key = fields.Char(
        required=True,
        readonly=True,
        index=True,
        help="What the run does and for when (the dues of a month, the checks of a day): a "
        "second trigger of the same key resumes an unfinished run instead of starting another.",
    )
    model_name = fields.Char(required=True, readonly=True)
    method = fields.Char(required=True, readonly=True)
    params = fields.Json(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    chunk_ids = fields.One2many("party.job.chunk", "run_id", string="Chunks", readonly=True)
    chunk_count = fields.Integer(compute="_compute_progress")
    done_count = fields.Integer(string="Chunks Done", compute="_compute_progress")
    failed_count = fields.Integer(string="Chunks Failed", compute="_compute_progress")
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        compute="_compute_progress",
        help="Read from the chunks (no row every chunk writes: runners never wait on it).",
    )

    def _compute_progress(self):
        counts = {
            (run.id, state): count
            for run, state, count in self.env["party.job.chunk"]
            .sudo()
            ._read_group([("run_id", "in", self.ids)], ["run_id", "state"], ["__count"])
        }
        for run in self:
            pending = counts.get((run.id, "pending"), 0)
            done = counts.get((run.id, "done"), 0)
            failed = counts.get((run.id, "failed"), 0)
            run.chunk_count = pending + done + failed
            run.done_count = done
            run.failed_count = failed
            run.state = "failed" if failed else "running" if pending else "done"

    # ------------------------------------------------------------------ starting

    @api.model
    def _party_jobs_enabled(self):
        """Whether this run goes to the job runners: called by a cron (Odoo puts its
        ``ir_cron_progress_id`` in the context) of a server that loads queue_job
        server-wide (``server_wide_modules`` / ``--load``: without it an enqueued job
        would never run). Any other caller — a script, the demo data while a module
        installs, a test — runs the chunks at once, in its own transaction, and gets
        the results as before; a test of the jobs says it wants them."""
        return bool(
            "queue_job" in odoo.conf.server_wide_modules
            and self.env.context.get("ir_cron_progress_id")
            and self.pool.ready
            and not odoo.modules.module.current_test
        )

    @api.model
    def _party_start(self, run_key, name, model_name, method, org_ids, params=None, sync=None):
        """Start the run ``run_key`` for the organisations ``org_ids``, or resume it.

        An unfinished run of the same key and company (chunks waiting or failed) is
        resumed: its chunks not done are enqueued again. Otherwise a new run is
        written with its chunks and enqueued. ``model_name``'s
        ``method(org_ids, **params)`` does one chunk's work in superuser mode,
        idempotently. ``sync`` (default: when no job runner is configured, see
        :meth:`_party_jobs_enabled`): a new run whose chunks all run now, in this
        transaction (tests, ``Run now``, a database without runner). Returns the run."""
        if sync is None:
            sync = not self._party_jobs_enabled()
        Run = self.sudo()
        company = self.env.company
        run = Run.browse()
        if not sync:
            run = (
                self.env["party.job.chunk"]
                .sudo()
                .search(
                    [
                        ("run_id.run_key", "=", run_key),
                        ("company_id", "=", company.id),
                        ("state", "in", ("pending", "failed")),
                    ],
                    limit=1,
                )
                .run_id
            )
        if not run:
            run = Run.create(
                {
                    "name": name,
                    "run_key": run_key,
                    "model_name": model_name,
                    "method": method,
                    "params": params or {},
                    "company_id": company.id,
                }
            )
            org_ids = sorted(set(org_ids))
            self.env["party.job.chunk"].sudo().create(
                [
                    {
                        "run_id": run.id,
                        "sequence": index + 1,
                        "org_ids": org_ids[start : start + CHUNK_SIZE],
                    }
                    for index, start in enumerate(range(0, len(org_ids), CHUNK_SIZE))
                ]
            )
        if sync:
            run._party_run_now()
        else:
            run._party_resume(retry_failed=True)
        return run

    def _party_run_now(self):
        """Every chunk not done, now, in this transaction (errors raised as they are)."""
        for chunk in self.sudo().chunk_ids.filtered(lambda c: c.state != "done"):
            chunk._party_work()

    def _party_resume(self, retry_failed=False):
        """Enqueue the chunks not done whose job is gone (never enqueued, its process
        died, cancelled) or, with ``retry_failed``, failed. A chunk whose job is still
        waiting or running is left to it (and identity keys stop a second job)."""
        chunks = self.sudo().chunk_ids.filtered(
            lambda c: c.state == "pending" or (retry_failed and c.state == "failed")
        )
        if not chunks:
            return chunks
        alive = set()
        self.env.flush_all()
        uuids = [uuid for uuid in chunks.mapped("job_uuid") if uuid]
        if uuids:
            self.env.cr.execute(
                SQL(
                    "SELECT uuid FROM queue_job WHERE uuid = ANY(%s) AND state IN "
                    "('wait_dependencies', 'pending', 'enqueued', 'started')",
                    uuids,
                )
            )
            alive = {row[0] for row in self.env.cr.fetchall()}
        to_enqueue = chunks.filtered(lambda c: c.job_uuid not in alive)
        to_enqueue._party_enqueue()
        return to_enqueue

    @api.model
    def _cron_resume(self):
        """Hourly: the runs with chunks not done and no job left for them."""
        self.env["party.job.chunk"].flush_model()
        self.env.cr.execute("SELECT DISTINCT run_id FROM party_job_chunk WHERE state = 'pending'")
        runs = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for run in runs:
            run.with_company(run.company_id)._party_resume()

    # ------------------------------------------------------------------ failures

    def _party_report_failure(self, chunk, error):
        """An activity on the run for each Party administrator of its company, naming
        the run, the chunk and the error (queue_job has given up retrying it)."""
        self.ensure_one()
        admins = (
            self.env.ref("party_branch.group_party_admin")
            .sudo()
            .users.filtered(lambda u: self.company_id in u.company_ids and not u.share)
        )
        note = self.env._(
            "%(run)s: chunk %(chunk)s of %(count)s (%(orgs)s organisations) failed after "
            "%(tries)s attempts: %(error)s",
            run=self.name,
            chunk=chunk.sequence,
            count=len(self.chunk_ids),
            orgs=len(chunk.org_ids or []),
            tries=CHUNK_MAX_RETRIES,
            error=error,
        )
        run = self.sudo()
        run.message_post(body=note, partner_ids=admins.partner_id.ids)
        for admin in admins:
            run.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("A run failed: %(run)s", run=self.name),
                note=note,
                user_id=admin.id,
            )
