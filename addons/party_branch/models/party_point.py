"""The points ledger (党员积分): one line per fact that gave a member points.

An extension point like the index dimensions (``party_index.py``): each addon that
owns facts contributes its sources, in its own ``models/party_point_source.py``:

* a :class:`PointSource` appended to :meth:`PartyPoint._party_point_sources`;
* one method ``_party_point_facts_<source code>(date_from, date_to)`` returning an
  :class:`~odoo.tools.SQL` query of the facts of the days ``date_from`` to
  ``date_to``, with the columns ``member_id, res_id, fact_date, quantity`` (one row per
  fact and member; ``quantity``: 1 for a fact, hours for volunteer service);
* its default rules as data (``party.point.rule``).

The nightly run (:meth:`PartyPoint._cron_points`) writes the ledger set-based: one
``INSERT … SELECT`` per rule, the caps per day and per period applied by window
functions over the new facts and the points already in the ledger; each fact gives
points once, keyed by (rule, source record, member), so running twice adds nothing.
Then the yearly summaries (points, rank within the organisation, grade) and the
branches' star levels, one statement each. Lines are never written by hand: a Party
administrator corrects a member's points with a new negative line and a reason.
"""

import logging
from collections import namedtuple
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

PointSource = namedtuple("PointSource", "code label model")
BRANCH_TYPES = ("branch", "joint_branch")
ANALYZE_AFTER = 10000  # lines written by one run


def level_sql(kind, points):
    """The highest threshold (``party.point.level`` of ``kind``) that ``points`` reach,
    for the company of the summary or star level ``s``: its company's own levels, or
    those of every company."""
    return SQL(
        """(SELECT l.id FROM party_point_level l
             WHERE l.kind = %s AND l.active AND l.min_points <= %s
               AND (l.company_id IS NULL OR l.company_id = s.company_id)
             ORDER BY l.min_points DESC, l.company_id NULLS LAST LIMIT 1)""",
        kind,
        points,
    )


class PartyPoint(models.Model):
    _name = "party.point"
    _description = "Points Ledger Line"
    _inherit = ["party.point.run.mixin", "party.access.mixin"]
    _order = "date desc, id desc"
    _rec_name = "member_id"
    # a line is written once, by the run (or a correction, whose author is
    # corrected_by_id): no author nor date of writing, four columns and two foreign keys
    # fewer to write for each of a million lines
    _log_access = False

    # written by the nightly points run only: every create is refused before the
    # organisation is looked at (_party_validate_create)
    _party_org_field = False
    _party_rpc_methods = {
        "action_correct": "group Party administrator, the member of one of the caller's "
        "companies; a negative number of points and a reason; writes a new line",
        "action_open_source": "navigation: read access on the line; the record opens with "
        "the caller's own rights",
    }
    _party_rpc_sample_args = {"action_correct": (0, -1.0, "test")}

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade", readonly=True
    )
    member_user_id = fields.Many2one(related="member_id.user_id", string="Member's Login")
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, readonly=True
    )
    # few indexes: a first run writes a line per fact of a year (a million for 50,000
    # members); the rule is the first column of the unique index of the facts
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    rule_id = fields.Many2one("party.point.rule", readonly=True)
    source = fields.Selection(selection="_selection_source", readonly=True)
    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Integer(string="Source Record", readonly=True)
    date = fields.Date(required=True, readonly=True, index=True)
    year = fields.Integer(required=True, readonly=True, aggregator=None)
    quantity = fields.Float(digits=(10, 2), readonly=True)
    points = fields.Float(digits=(10, 2), readonly=True)
    is_correction = fields.Boolean(string="Correction", readonly=True)
    reason = fields.Char(readonly=True, help="Why a Party administrator corrected the points.")
    corrected_by_id = fields.Many2one("res.users", readonly=True)

    def init(self):
        # no author nor date of writing (_log_access): a database installed with them
        # keeps the columns (Odoo leaves them), and their two foreign keys checked for
        # every line written
        magic = [
            column
            for column in ("create_uid", "create_date", "write_uid", "write_date")
            if sql.column_exists(self.env.cr, self._table, column)
        ]
        if magic:
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s %s",
                    SQL.identifier(self._table),
                    SQL(", ").join(SQL("DROP COLUMN %s", SQL.identifier(c)) for c in magic),
                )
            )
        # each fact gives points once: (rule, source record, member); corrections have
        # no rule and are never deduplicated
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS party_point_fact_uniq "
            "ON party_point (rule_id, res_id, member_id) WHERE rule_id IS NOT NULL"
        )

    @api.model
    def _selection_source(self):
        return [(s.code, s.label) for s in self._party_point_sources()] + [
            ("correction", self.env._("Correction"))
        ]

    @api.depends("member_id", "rule_id", "date")
    def _compute_display_name(self):
        for line in self:
            what = line.rule_id.name or line.reason or ""
            line.display_name = f"{line.member_id.name or ''} · {what} · {line.date or ''}"

    # ------------------------------------------------------------------ sources

    @api.model
    def _party_point_sources(self):
        """The table of sources: each addon appends the sources whose facts it owns."""
        return []

    # ------------------------------------------------------------------ hand-written

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "A points line is kept: it is not deleted. A Party administrator corrects a "
                "member's points with a new correction line and its reason."
            )
        )

    @api.model
    def action_correct(self, member_id, points, reason):
        """A Party administrator withdraws ``points`` (a negative number) from a member,
        with a reason: a new line, dated today, that stays in the ledger."""
        if not self.env.su and not self._party_is_admin():
            raise AccessError(self.env._("Only a Party administrator corrects a member's points."))
        if not isinstance(member_id, int) or isinstance(member_id, bool) or member_id <= 0:
            raise ValidationError(self.env._("Send the member as an id."))
        if (
            not isinstance(points, (int, float))
            or isinstance(points, bool)
            or not points < 0
            or points < -10000
        ):
            raise ValidationError(
                self.env._("A correction withdraws points: a negative number (at most 10,000).")
            )
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(self.env._("A correction of points gives its reason."))
        member = self.env["party.member"].browse(member_id).exists()
        if not member or (
            not self.env.su and member.sudo().company_id not in self.env.user.company_ids
        ):
            raise ValidationError(self.env._("This member does not exist."))
        member = member.sudo()
        today = fields.Date.context_today(self)
        line = self.sudo().create(
            {
                "member_id": member.id,
                "organization_id": member.organization_id.id,
                "company_id": member.company_id.id,
                "source": "correction",
                "date": today,
                "year": today.year,
                "points": round(float(points), 2),
                "is_correction": True,
                "reason": reason.strip()[:500],
                "corrected_by_id": self.env.uid,
            }
        )
        self._party_points_summarise([today.year], member)
        return line.id

    def action_open_source(self):
        """The record that gave the points, opened with the caller's own rights."""
        self.ensure_one()
        self.check_access("read")
        line = self.sudo()
        if not line.res_model or line.res_model not in self.env:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": line.res_model,
            "res_id": line.res_id,
            "views": [[False, "form"]],
            "target": "current",
        }

    # ------------------------------------------------------------------ nightly run

    @api.model
    def _cron_points(self):
        """Nightly: the facts of this year (and of last year during January, for the
        facts recorded late), then the summaries, ranks and star levels."""
        today = fields.Date.context_today(self)
        start = date(today.year - 1 if today.month == 1 else today.year, 1, 1)
        self.sudo()._party_points_run(start, today)

    @api.model
    def _demo_points(self, member_xmlid=None, reason=None):
        """Demo data: the points of last year and this year, and a correction."""
        today = fields.Date.context_today(self)
        self.sudo()._party_points_run(date(today.year - 1, 1, 1), today)
        member = member_xmlid and self.env.ref(member_xmlid, raise_if_not_found=False)
        if member:
            self.sudo().action_correct(member.id, -2.0, reason)

    @api.model
    def _party_points_run(self, date_from, date_to):
        """Write the points of the facts of the days ``date_from`` to ``date_to`` (as
        superuser), then the summaries of their years. Returns {rule code: lines
        added}."""
        assert self.env.su, "the points run writes as superuser"
        self._party_lock_run("party.point", self.env._("A points run"))
        self.env.flush_all()
        added = {}
        sources = {s.code: s for s in self._party_point_sources()}
        rules = (
            self.env["party.point.rule"]
            .sudo()
            .search([("active", "=", True), ("source", "in", list(sources))])
        )
        # a first run sorts the facts of a year (half a million for a source) for the
        # running sums of the caps: in memory rather than on disk
        self.env.cr.execute(SQL("SET LOCAL work_mem = '64MB'"))
        for rule in rules:
            count = self._party_points_rule(rule, sources[rule.source], date_from, date_to)
            added[rule.code] = added.get(rule.code, 0) + count
        self.env.cr.execute(SQL("SET LOCAL work_mem TO DEFAULT"))
        if sum(added.values()) >= ANALYZE_AFTER:
            # the planner's figures of the ledger, for the summaries and the next run's
            # anti-joins: a first run writes a million lines in one transaction, before
            # autovacuum sees them (a rule's statement reads its own lines only: none
            # before a first run; figures of an empty ledger make a nested loop of each
            # new fact against every line of the rule)
            self.env.cr.execute(SQL("ANALYZE party_point"))
        self._party_points_summarise(list(range(date_from.year, date_to.year + 1)))
        self.env.invalidate_all()
        return added

    def _party_points_rule(self, rule, source, date_from, date_to):
        """One statement: the new facts of ``rule``'s source, their points capped per day
        and per period (the points already in the ledger count), inserted. The facts
        already in the ledger are left out (``NOT EXISTS``; one run at a time, under the
        run's lock; the unique index ``party_point_fact_uniq`` stands behind it).

        The caps: each new fact takes, in the order of its day and record, what is left
        of the cap of its day and then of the cap of its period, after the points the
        ledger already holds for them (read for the members with new facts only) and
        those of the facts before it. Both running sums share one order (member, period,
        day, record): one sort of the new facts; a rule without a cap skips its sum."""
        facts = getattr(self, f"_party_point_facts_{source.code}")(date_from, date_to)
        period = rule.cap_period_type
        first = date(date_from.year, 1 if period == "year" else date_from.month, 1)
        if rule.company_id:
            companies = SQL("m.company_id = %s", rule.company_id.id)
        else:
            # the default: the companies without an active rule of their own
            companies = SQL(
                """m.company_id NOT IN (
                       SELECT r.company_id FROM party_point_rule r
                        WHERE r.source = %s AND r.active AND r.company_id IS NOT NULL)""",
                rule.source,
            )
        # the points the ledger holds for the day and the period of each new fact
        done, joins = [], []
        ledger = SQL(
            """FROM party_point p
                WHERE p.rule_id = %s AND p.date BETWEEN %s AND %s
                  AND p.member_id IN (SELECT member_id FROM new)""",
            rule.id,
            first,
            date_to,
        )
        after_day, awarded = SQL("raw"), SQL("after_day")
        if rule.cap_day:
            done.append(SQL("COALESCE(d.points, 0) AS day_done"))
            joins.append(
                SQL(
                    """LEFT JOIN (SELECT p.member_id, p.date, SUM(p.points) AS points %s
                                  GROUP BY 1, 2) d
                           ON d.member_id = n.member_id AND d.date = n.fact_date""",
                    ledger,
                )
            )
            after_day = SQL(
                """GREATEST(0, LEAST(raw, %s - day_done - COALESCE(SUM(raw) OVER (
                       PARTITION BY member_id, period_start, fact_date ORDER BY res_id
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)))""",
                rule.cap_day,
            )
        if rule.cap_period:
            done.append(SQL("COALESCE(pd.points, 0) AS period_done"))
            joins.append(
                SQL(
                    """LEFT JOIN (SELECT p.member_id,
                                         date_trunc(%s, p.date::timestamp)::date AS start,
                                         SUM(p.points) AS points %s
                                  GROUP BY 1, 2) pd
                           ON pd.member_id = n.member_id AND pd.start = n.period_start""",
                    period,
                    ledger,
                )
            )
            awarded = SQL(
                """GREATEST(0, LEAST(after_day, %s - period_done - COALESCE(SUM(after_day) OVER (
                       PARTITION BY member_id, period_start ORDER BY fact_date, res_id
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)))""",
                rule.cap_period,
            )
        self.env.cr.execute(
            SQL(
                """
            WITH facts AS (%(facts)s),
            new AS MATERIALIZED (
                SELECT f.member_id, f.res_id, f.fact_date, f.quantity,
                       f.quantity * %(points)s AS raw,
                       date_trunc(%(period)s, f.fact_date::timestamp)::date AS period_start,
                       m.organization_id, m.company_id
                  FROM facts f
                  JOIN party_member m ON m.id = f.member_id
                 WHERE %(companies)s
                   AND f.fact_date BETWEEN %(date_from)s AND %(date_to)s
                   AND NOT EXISTS (
                        SELECT 1 FROM party_point p
                         WHERE p.rule_id = %(rule)s AND p.res_id = f.res_id
                           AND p.member_id = f.member_id)
            ),
            known AS (
                SELECT n.* %(done)s FROM new n %(joins)s
            ),
            day_capped AS (
                SELECT k.*, %(after_day)s AS after_day FROM known k
            ),
            capped AS (
                SELECT c.*, %(awarded)s AS awarded FROM day_capped c
            )
            INSERT INTO party_point (member_id, organization_id, company_id, rule_id, source,
                                     res_model, res_id, date, year, quantity, points,
                                     is_correction)
            SELECT member_id, organization_id, company_id, %(rule)s, %(source)s, %(model)s,
                   res_id, fact_date, EXTRACT(YEAR FROM fact_date)::int, quantity,
                   ROUND(awarded::numeric, 2), false
              FROM capped
             WHERE awarded > 0
                """,
                facts=facts,
                points=rule.points,
                period=period,
                companies=companies,
                date_from=date_from,
                date_to=date_to,
                rule=rule.id,
                done=SQL("").join(SQL(", %s", column) for column in done),
                joins=SQL(" ").join(joins),
                after_day=after_day,
                awarded=awarded,
                source=source.code,
                model=source.model,
            )
        )
        return self.env.cr.rowcount

    @api.model
    def _party_points_summarise(self, years, members=None):
        """The summaries of ``years`` (every member in an organisation, or ``members``):
        points, lines, rank within the organisation and grade; then the branches' star
        levels. Two statements, whatever the number of members: each computes the rows
        with their rank and level and writes only those that change (a summary written
        and then updated in one transaction would have its foreign keys checked twice)."""
        self.env.flush_all()
        cr = self.env.cr
        now = fields.Datetime.now()
        years = list(years)
        member_filter, line_filter = SQL("TRUE"), SQL("TRUE")
        if members is not None:
            member_filter = SQL("m.id = ANY(%s)", members.ids)
            line_filter = SQL("member_id = ANY(%s)", members.ids)
        # the members' totals; the others' summaries of the years count in the ranks (a
        # member's change moves the others' ranks)
        cr.execute(
            SQL(
                """
            WITH totals AS (
                SELECT m.id AS member_id, m.organization_id, m.company_id, y.year,
                       COALESCE(p.points, 0) AS points, COALESCE(p.lines, 0) AS line_count
                  FROM party_member m
                 CROSS JOIN unnest(%(years)s::int4[]) AS y(year)
                  LEFT JOIN (SELECT member_id, year, SUM(points) AS points, COUNT(*) AS lines
                               FROM party_point
                              WHERE year = ANY(%(years)s::int4[]) AND %(line_filter)s
                              GROUP BY member_id, year) p
                         ON p.member_id = m.id AND p.year = y.year
                 WHERE %(filter)s AND (m.status IN ('active', 'lost_contact') OR p.lines > 0)
            ),
            every AS (
                SELECT * FROM totals
                 UNION ALL
                SELECT o.member_id, o.organization_id, o.company_id, o.year, o.points,
                       o.line_count
                  FROM party_point_summary o
                 WHERE o.year = ANY(%(years)s::int4[])
                   AND NOT EXISTS (SELECT 1 FROM totals t
                                    WHERE t.member_id = o.member_id AND t.year = o.year)
            )
            INSERT INTO party_point_summary AS old (
                member_id, organization_id, company_id, year, points, line_count, rank,
                level_id, create_uid, create_date, write_uid, write_date)
            SELECT s.member_id, s.organization_id, s.company_id, s.year, s.points,
                   s.line_count,
                   RANK() OVER (PARTITION BY s.organization_id, s.year ORDER BY s.points DESC),
                   %(level)s, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM every s
            ON CONFLICT (member_id, year) DO UPDATE
               SET organization_id = EXCLUDED.organization_id,
                   company_id = EXCLUDED.company_id, points = EXCLUDED.points,
                   line_count = EXCLUDED.line_count, rank = EXCLUDED.rank,
                   level_id = EXCLUDED.level_id, write_date = EXCLUDED.write_date
             WHERE (old.organization_id, old.company_id, old.points, old.line_count, old.rank,
                    old.level_id)
                   IS DISTINCT FROM (EXCLUDED.organization_id, EXCLUDED.company_id,
                                     EXCLUDED.points, EXCLUDED.line_count, EXCLUDED.rank,
                                     EXCLUDED.level_id)
                """,
                uid=self.env.uid,
                now=now,
                years=years,
                filter=member_filter,
                line_filter=line_filter,
                level=level_sql("member", SQL("s.points")),
            )
        )
        # the branches' star levels (星级党支部): the mean points of their members
        cr.execute(
            SQL(
                """
            WITH means AS (
                SELECT s.organization_id, o.company_id, s.year, COUNT(*) AS member_count,
                       SUM(s.points) AS points_total, ROUND(AVG(s.points), 2) AS points_avg
                  FROM party_point_summary s
                  JOIN party_organization o ON o.id = s.organization_id
                 WHERE s.year = ANY(%(years)s::int4[]) AND o.org_type IN %(types)s
                 GROUP BY s.organization_id, o.company_id, s.year
            ),
            graded AS (
                SELECT s.*, %(level)s AS level_id FROM means s
            )
            INSERT INTO party_point_star AS old (
                organization_id, company_id, year, member_count, points_total, points_avg,
                level_id, stars, create_uid, create_date, write_uid, write_date)
            SELECT g.organization_id, g.company_id, g.year, g.member_count, g.points_total,
                   g.points_avg, g.level_id, COALESCE(l.stars, 0), %(uid)s, %(now)s, %(uid)s,
                   %(now)s
              FROM graded g
              LEFT JOIN party_point_level l ON l.id = g.level_id
            ON CONFLICT (organization_id, year) DO UPDATE
               SET member_count = EXCLUDED.member_count,
                   points_total = EXCLUDED.points_total, points_avg = EXCLUDED.points_avg,
                   level_id = EXCLUDED.level_id, stars = EXCLUDED.stars,
                   write_date = EXCLUDED.write_date
             WHERE (old.member_count, old.points_total, old.points_avg, old.level_id,
                    old.stars)
                   IS DISTINCT FROM (EXCLUDED.member_count, EXCLUDED.points_total,
                                     EXCLUDED.points_avg, EXCLUDED.level_id, EXCLUDED.stars)
                """,
                uid=self.env.uid,
                now=now,
                years=years,
                types=BRANCH_TYPES,
                level=level_sql("branch", SQL("s.points_avg")),
            )
        )
        self.env.invalidate_all()
