"""The service assessment (服务考核) of an organisation's members over a period.

Each member of the organisation and of those below it gets a line with the
quantities of every source (meetings attended and study hours from party_life,
dues paid on time, requests resolved and their ratings, pairing visits,
volunteer hours, minus overdue requests and unexcused absences) and the points
the rules (``party.assessment.rule``, data) give them. The quantities are the facts of
the points ledger (``party.point``): each source of ``ASSESSMENT_SOURCES`` is a source
of the ledger, whose facts its model defines once (``_party_point_facts_<code>``); the
scoring brings the ledger up to date for the members and the period (a scoped run),
then sums the facts in one grouped query. Closing a period freezes
its lines; a closed period is not scored again. The open periods are scored again
every night, as a run of jobs in chunks of organisations (``party.job.run``,
:meth:`PartyAssessment._cron_score`).
"""

from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.party_life.tools.sql import insert_rows, update_rows

# The sources of the score: (source code, the model of its facts, the quantity field of
# the line). Each code is a source of the points ledger (``party.point``) of the same
# code, whose facts the addon owning them defines once, in SQL
# (``_party_point_facts_<code>`` in its models/party_point_source.py: dues paid on time
# by party.dues' rule); the scoring reads the ledger's quantities
# (``party.assessment.line._facts``) and refuses a source without an active points
# rule. A source whose model is not installed is skipped (nothing counted).
AssessmentSource = namedtuple("AssessmentSource", "code model quantity_field")
ASSESSMENT_SOURCES = (
    AssessmentSource("meeting", "party.meeting.attendance", "meeting_count"),
    AssessmentSource("study", "slide.slide.partner", "study_hours"),
    AssessmentSource("dues", "party.dues", "dues_months"),
    AssessmentSource("request", "helpdesk.ticket", "request_count"),
    AssessmentSource("rating", "helpdesk.ticket", "rating_avg"),
    AssessmentSource("visit", "party.pairing.visit", "visit_count"),
    AssessmentSource("volunteer", "event.registration", "volunteer_hours"),
    AssessmentSource("overdue", "helpdesk.ticket", "overdue_count"),
    AssessmentSource("absence", "party.meeting.attendance", "absence_count"),
)
# quantity field of the line per source
QUANTITY_FIELDS = {source.code: source.quantity_field for source in ASSESSMENT_SOURCES}
# points field of the line per source: the one map the scoring, the bulk write and the
# member's portal page read
POINTS_FIELDS = {source: f"{source}_points" for source in QUANTITY_FIELDS}
FLOAT_QUANTITIES = ("study_hours", "rating_avg", "volunteer_hours")
BATCH = 10000
# how long a chunk of the daily scoring waits for the points ledger's lock (another
# chunk, the nightly points run) before it fails, to be retried by its job
POINTS_LOCK_WAIT = "300s"


class PartyAssessment(models.Model):
    _name = "party.assessment"
    _description = "Service Assessment"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date_from desc, id desc"

    _party_workflow_fields = ("state", "scored_at")
    _party_fixed_fields = ("organization_id",)
    _party_rpc_methods = {
        "action_score": "_party_check_manage: officer of the assessment's organisation; "
        "refused on a closed period",
        "action_close": "_party_check_manage: officer of the assessment's organisation",
        "action_view_lines": "navigation: read access on the assessment",
    }

    name = fields.Char(required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    scored_at = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many("party.assessment.line", "assessment_id", string="Scores")
    line_count = fields.Integer(compute="_compute_line_count", string="Members Scored")
    average_score = fields.Float(compute="_compute_line_count", digits=(10, 2))

    _sql_constraints = [
        (
            "organization_period_uniq",
            "unique(organization_id, date_from, date_to)",
            "An organisation has one assessment per period.",
        ),
        ("period_order", "CHECK(date_from <= date_to)", "A period ends on or after its start."),
    ]

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for assessment in self:
            if assessment.date_from > assessment.date_to:
                raise ValidationError(
                    self.env._(
                        "%(name)s: a period ends on or after its start.", name=assessment.name
                    )  # fmt: skip
                )

    def _compute_line_count(self):
        stats = {
            assessment.id: (count, avg)
            for assessment, count, avg in self.env["party.assessment.line"]._read_group(
                [("assessment_id", "in", self.ids)], ["assessment_id"], ["__count", "score:avg"]
            )
        }
        for assessment in self:
            assessment.line_count, assessment.average_score = stats.get(assessment.id, (0, 0.0))

    def _party_validate_write(self, vals):
        if not self._party_trusted() and self.sudo().filtered(lambda a: a.state == "closed"):
            # a closed period is final: moving its dates or its organisation would free
            # the period to be scored again (one assessment per organisation and period)
            raise AccessError(
                self.env._(
                    "A closed assessment period is final: its period, organisation, state "
                    "and scores do not change."
                )
            )
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(a.state == "closed" for a in self):
            raise UserError(self.env._("A closed assessment is kept: it is not deleted."))

    # ------------------------------------------------------------------ actions

    def action_score(self):
        """Score every member of the organisation and those below it (replaces the lines
        of an open period)."""
        self._party_check_manage()
        closed = self.filtered(lambda a: a.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "%(names)s: the period is closed and its scores are frozen; a closed "
                    "period is not scored again.",
                    names=", ".join(closed.mapped("name")),
                )
            )
        for assessment in self.sudo():
            assessment._score()
        return True

    def action_close(self):
        """Score once more and freeze the period."""
        self._party_check_manage()
        self.filtered(lambda a: a.state == "open").action_score()
        self._party_action_write({"state": "closed"})
        return True

    def action_view_lines(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_service.party_assessment_line_action"
        )
        action["domain"] = [("assessment_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ the daily run

    @api.model
    def _cron_score(self, sync=None):
        """Daily: the open assessments whose period has begun scored again, as a run of
        jobs in chunks of their organisations (``party.job.run``) that the job runners
        of every Odoo process share; in this transaction when no job runner is
        configured, or with ``sync``. Returns the run."""
        today = fields.Date.context_today(self)
        assessments = self.sudo().search([("state", "=", "open"), ("date_from", "<=", today)])
        return self.env["party.job.run"]._party_start(
            f"party.assessment.score:{today}",
            self.env._("Assessment scoring of %(date)s", date=today),
            "party.assessment",
            "_party_job_score",
            assessments.organization_id.ids,
            {"on_date": str(today), "since": fields.Datetime.to_string(self.env.cr.now())},
            sync=sync,
        )

    @api.model
    def _party_job_score(self, org_ids, on_date, since):
        """One chunk of the daily scoring (a job of ``party.job.run``): the open
        assessments of ``org_ids`` whose period has begun by ``on_date``, except those
        scored since ``since`` (the run's start: an officer's ``Score`` in between, or a
        run of the same day). A chunk's scores are one transaction: a chunk that failed
        halfway left nothing, and a chunk done is not run again (a resumed run scores
        each assessment once). The points ledger is brought up to date by one
        transaction at a time (its lock): a chunk waits for it, up to
        ``POINTS_LOCK_WAIT``, rather than fail beside another chunk."""
        assessments = self.sudo().search(
            [
                ("organization_id", "in", list(org_ids)),
                ("state", "=", "open"),
                ("date_from", "<=", on_date),
                "|",
                ("scored_at", "=", False),
                ("scored_at", "<", since),
            ],
            order="id",
        )
        if not assessments:
            return
        self.env.cr.execute(SQL("SET LOCAL lock_timeout = %s", POINTS_LOCK_WAIT))
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", "party.point"))
        self.env.cr.execute(SQL("SET LOCAL lock_timeout TO DEFAULT"))
        for assessment in assessments:
            assessment._score()

    # ------------------------------------------------------------------ scoring

    def _members(self):
        """[(member id, organisation id)] of the members scored: in the organisation or
        below it, active or out of contact. One query, read as rows (no records: tens
        of thousands of them, and the points run empties the cache)."""
        self.ensure_one()
        query = (
            self.env["party.member"]
            .sudo()
            ._search(
                [
                    ("organization_id", "child_of", self.organization_id.id),
                    ("status", "in", ("active", "lost_contact")),
                ],
                order="id",
            )
        )
        self.env.cr.execute(query.select('"party_member"."id"', '"party_member"."organization_id"'))
        return self.env.cr.fetchall()

    def _score(self):
        """Bring the lines to the scores of the period (as superuser, after the caller's
        check); returns what changed (see ``_replace_lines``)."""
        self.ensure_one()
        rows = self._members()
        members = self.env["party.member"].browse(member_id for member_id, __ in rows)
        facts = self.env["party.assessment.line"]._facts(
            members, self.date_from, self.date_to, strict=True
        )
        weights = self.env["party.assessment.rule"]._weights(self.company_id)
        Line = self.env["party.assessment.line"]
        # the values of a line depend on its quantities only: computed once for each
        # set of quantities (many members share theirs)
        computed = {}
        vals_list = []
        for member_id, organization_id in rows:
            quantities = facts.get(member_id) or {}
            key = tuple(sorted(quantities.items()))
            if key not in computed:
                computed[key] = Line._score_values(quantities, weights)
            vals = {"assessment_id": self.id, "member_id": member_id,
                    "organization_id": organization_id}  # fmt: skip
            vals.update(computed[key])
            vals_list.append(vals)
        ranked = sorted(vals_list, key=lambda v: -v["score"])
        rank, previous = 0, None
        for position, vals in enumerate(ranked, 1):
            if vals["score"] != previous:
                rank, previous = position, vals["score"]
            vals["rank"] = rank
        changes = self._replace_lines(vals_list)
        self._party_action_write({"scored_at": fields.Datetime.now()})
        return changes

    def _replace_lines(self, vals_list):
        """Bring the period's lines to ``vals_list`` in place: the lines whose values
        changed are updated, the members new to the period inserted and those gone
        deleted, each in one statement per batch (plain rows, tens of thousands of
        them; the stored related fields are written here, from the assessment). A line
        keeps its id while its member stays; scoring an unchanged period writes nothing.
        Returns {"inserted", "updated", "deleted", "unchanged"} counts."""
        self.ensure_one()
        self.env.flush_all()
        common = {
            "state": self.state,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "company_id": self.company_id.id,
        }
        columns = {
            "assessment_id": "int4", "member_id": "int4", "organization_id": "int4",
            "state": "varchar", "date_from": "date", "date_to": "date", "company_id": "int4",
            "rank": "int4", "score": "numeric",
        }  # fmt: skip
        for source, qty_field in QUANTITY_FIELDS.items():
            kind = "numeric" if qty_field in FLOAT_QUANTITIES else "int4"
            columns[qty_field] = kind
            columns[POINTS_FIELDS[source]] = "numeric"
        names = list(columns)
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM party_assessment_line WHERE assessment_id = %s",
                SQL(", ").join(SQL.identifier(name) for name in names),
                self.id,
            )
        )
        numeric = [columns[name] == "numeric" for name in names]

        def key(values):
            # what a line holds, as compared: numbers to the cent
            return tuple(
                round(float(value or 0.0), 2) if is_numeric else value
                for value, is_numeric in zip(values, numeric, strict=True)
            )

        member_at = names.index("member_id") + 1
        existing = {row[member_at]: row for row in self.env.cr.fetchall()}
        to_insert, to_update, unchanged = [], [], 0
        for vals in vals_list:
            vals = dict(vals, **common)
            row = existing.pop(vals["member_id"], None)
            if row is None:
                to_insert.append(vals)
            else:
                values = [vals[name] for name in names]
                # the same values (most lines, on a day nothing changed), else the same
                # to the cent
                if list(row[1:]) == values or key(row[1:]) == key(values):
                    unchanged += 1
                    continue
                to_update.append(dict(vals, id=row[0]))
        gone = [row[0] for row in existing.values()]
        if gone:
            self.env.cr.execute(SQL("DELETE FROM party_assessment_line WHERE id = ANY(%s)", gone))
        for start in range(0, len(to_update), BATCH):
            update_rows(
                self.env, "party_assessment_line", columns, to_update[start : start + BATCH]
            )
        for start in range(0, len(to_insert), BATCH):
            insert_rows(
                self.env, "party_assessment_line", columns, to_insert[start : start + BATCH]
            )
        self.env.invalidate_all()
        return {
            "inserted": len(to_insert),
            "updated": len(to_update),
            "deleted": len(gone),
            "unchanged": unchanged,
        }
