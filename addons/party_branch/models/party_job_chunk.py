from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

from .party_job_run import CHANNEL, CHUNK_MAX_RETRIES

RETRY_SECONDS = 60  # a failed chunk waits this long before its next attempt


class PartyJobChunk(models.Model):
    """One part of a ``party.job.run``: a list of organisation ids, one queue_job job.

    The job runs :meth:`_party_job_run`; the work and the ``done`` mark are one
    transaction (``party.job.run`` explains the whole)."""

    _name = "party.job.chunk"
    _description = "Party Job Chunk"
    _inherit = ["party.access.mixin"]
    _order = "run_id desc, sequence"
    _rec_name = "sequence"

    _party_org_field = False
    _party_fixed_fields = ("run_id", "sequence", "org_ids")
    _party_workflow_fields = ("state",)
    _party_rpc_methods = {
        "create": "ACL: nobody (a run writes its chunks)",
        "write": "ACL: nobody",
    }

    run_id = fields.Many2one(
        "party.job.run", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    sequence = fields.Integer(required=True, readonly=True)
    org_ids = fields.Json(string="Organisations", readonly=True)
    org_count = fields.Integer(string="Organisations Count", compute="_compute_org_count")
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done"), ("failed", "Failed")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    job_uuid = fields.Char(string="Job", readonly=True, copy=False)
    date_done = fields.Datetime(readonly=True)
    error = fields.Text(readonly=True)

    def _compute_org_count(self):
        for chunk in self:
            chunk.org_count = len(chunk.org_ids or [])

    # ------------------------------------------------------------------ enqueueing

    def _party_enqueue(self):
        """One queue_job job per chunk. The identity key keeps a chunk from being
        enqueued twice while its job waits; the chunk's row lock keeps two jobs of one
        chunk from both working (:meth:`_party_job_run`)."""
        for chunk in self:
            run = chunk.run_id
            job = (
                chunk.with_company(run.company_id)
                .with_delay(
                    channel=CHANNEL,
                    max_retries=CHUNK_MAX_RETRIES,
                    identity_key=f"party.job.chunk,{chunk.id}",
                    description=f"{run.name} ({chunk.sequence}/{len(run.chunk_ids)})",
                )
                ._party_job_run()
            )
            # the job, or the waiting one of the same identity key
            chunk._party_action_write({"job_uuid": job.uuid, "state": "pending", "error": False})

    # ------------------------------------------------------------------ running

    def _party_job_run(self):
        """The queue_job entry point: the chunk's work, an error turned into a retry
        (queue_job gives up after ``CHUNK_MAX_RETRIES`` attempts and calls
        :meth:`_party_job_failed`)."""
        self.ensure_one()
        try:
            # the savepoint's rollback releases the chunk's row lock too: queue_job writes
            # the failure (and calls _party_job_failed) from another transaction while
            # this one is still open
            with self.env.cr.savepoint():
                return self._party_work()
        except RetryableJobError:
            raise
        except Exception as error:
            raise RetryableJobError(str(error), seconds=RETRY_SECONDS) from error

    def _party_work(self):
        """Lock the chunk, do its work, mark it done: one transaction. A chunk another
        transaction holds (a second job of it) or already done is skipped."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT state FROM party_job_chunk WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED",
                self.id,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return "skipped: another runner holds the chunk"
        if row[0] == "done":
            return "skipped: done already"
        chunk = self.sudo()
        run = chunk.run_id
        target = self.env[run.model_name].sudo().with_company(run.company_id)
        with self.env.cr.savepoint():
            getattr(target, run.method)(list(chunk.org_ids or []), **(run.params or {}))
        chunk._party_action_write(
            {"state": "done", "date_done": fields.Datetime.now(), "error": False}
        )
        self.env.flush_all()
        return f"done: {len(chunk.org_ids or [])} organisations"

    def _party_job_failed(self, exc_info=None, exc_name=None, exc_message=None):
        """queue_job's ``on_fail`` (its own transaction, committed): the chunk marked
        failed and the Party administrators told."""
        chunk = self.sudo()
        error = exc_message or exc_name or ""
        chunk._party_action_write({"state": "failed", "error": exc_info or error})
        chunk.run_id._party_report_failure(chunk, error)
