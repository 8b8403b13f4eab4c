"""The points ledger (党员积分): one line per fact that gave a member points.

An extension point like the index dimensions (``party_index.py``): each addon that
owns facts contributes its sources, in its own ``models/party_point_source.py``:

* a :class:`PointSource` appended to :meth:`PartyPoint._party_point_sources` (``monthly``:
  its facts are dated the first day of their month, as a month of dues, so a period
  counts the months it touches);
* one method ``_party_point_facts_<source code>(date_from, date_to)`` returning an
  :class:`~odoo.tools.SQL` query of the facts of the days ``date_from`` to
  ``date_to``, with the columns ``member_id, res_id, fact_date, quantity`` (one row per
  fact and member; ``quantity``: 1 for a fact, hours for volunteer service);
* its default rules as data (``party.point.rule``).

The nightly run (:meth:`PartyPoint._cron_points`) writes the ledger set-based: one
``INSERT … SELECT`` per rule, the caps per day and per period applied by window
functions over the new facts and the points already in the ledger; each fact is written
once, keyed by (source, source record, member), whichever rule applied, so running
twice adds nothing and a company's rule added later never credits a fact again. A
fact beyond a cap is written too, with 0 points and ``capped`` set: the ledger holds
every fact of a source (its quantity), which the service assessment counts
(:meth:`PartyPoint._party_ledger_quantities`), while the points stay capped.
Then the yearly summaries (points, rank within the organisation, grade) and the
branches' star levels, one statement each. Lines are never written by hand: a Party
administrator corrects a member's points with a new negative line and a reason.

A fact taken back (an attendance corrected to absent, an absence excused, a rating
changed, a payment reversed) is taken back by the run too, before it credits the new
facts (:meth:`PartyPoint._party_points_reverse`): a live line whose fact the source no
longer returns as written (the same member, record, day and quantity) gets a reversal
line (the opposite quantity and points, ``reverses_line`` pointing at it, dated the day
of the run, in the year of the line) and is flagged ``reversed``; nothing is deleted nor
edited otherwise. The fact, if it holds again or with another quantity, is then
credited anew by the rule's statement: one LIVE line per fact (neither reversed nor a
reversal), which the unique index of the facts enforces. The room a reversal frees under
a cap goes to the facts the cap had cut: before each capped rule's statement, its capped
lines whose day and period now have room are taken back the same way
(:meth:`PartyPoint._party_points_release`), and the statement credits them again in
their order, never above the caps.

The first run of a year (no line yet from its first day) skips what reads the ledger:
the reversal pass, the release of capped lines and the points already in the caps.
"""

import logging
from collections import namedtuple
from datetime import date, timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, sql

from ..tools.sql import ids_array
from ..tools.upgrade import drop_columns

_logger = logging.getLogger(__name__)

PointSource = namedtuple("PointSource", "code label model monthly", defaults=(False,))
BRANCH_TYPES = ("branch", "joint_branch")
# the key of a line among the lines of its fact: 0 for the live line (one per fact, the
# unique index of the facts), the reversed line's id for a reversal, minus its own id for
# a reversed line
LIVE_KEY = "COALESCE(reverses_line, CASE WHEN reversed THEN -id ELSE 0 END)"
ANALYZE_AFTER = 10000  # lines written by one run
RETRY_MINUTES = 5  # the nightly run, when a scoped run holds the ledger


def live_sql(alias):
    """The condition of a live line (neither reversed nor a reversal) of the ledger
    aliased ``alias``: the last column of the unique index of the facts, so that the
    run's anti-joins read it from the index."""
    return SQL(
        "COALESCE(%(a)s.reverses_line, CASE WHEN %(a)s.reversed THEN -%(a)s.id ELSE 0 END) = 0",
        a=SQL.identifier(alias),
    )


def facts_sql(rows, day, date_from, date_to, where=None, member=None, quantity=None):
    """The query of a source's facts (``member_id, res_id, fact_date, quantity``) over
    ``rows`` (an SQL ``FROM`` list whose rows are aliased ``x``: ``res_id`` is
    ``x.id``), dated by ``day`` (a date or a timestamp: its UTC day), of the days
    ``date_from`` to ``date_to``, where ``where`` holds (SQL). ``member``: the member's
    column (``x.member_id``); ``quantity``: the fact's quantity (1.0). The one shape of
    the sources' facts methods (``_party_point_facts_<code>``)."""
    return SQL(
        """SELECT %(member)s AS member_id, x.id AS res_id, (%(day)s)::date AS fact_date,
                  %(quantity)s AS quantity
             FROM %(rows)s
            WHERE %(member)s IS NOT NULL AND %(where)s
              AND %(day)s >= %(start)s AND %(day)s < (%(stop)s::date + 1)""",
        member=member or SQL("x.member_id"),
        day=day,
        quantity=quantity or SQL("1.0"),
        rows=rows,
        where=where or SQL("TRUE"),
        start=date_from,
        stop=date_to,
    )


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

    # no index of its own: the unique index of the facts (member, source, record) leads
    # with the member and serves every search by member (one index fewer to write for
    # each of a million lines)
    member_id = fields.Many2one("party.member", required=True, ondelete="cascade", readonly=True)
    member_user_id = fields.Many2one(related="member_id.user_id", string="Member's Login")
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, readonly=True
    )
    # few indexes and foreign keys: a first run writes a line per fact of a year (a
    # million for 50,000 members), and PostgreSQL checks each foreign key of each line
    # row by row (half the time of a first run with five of them). The company is the
    # organisation's (the run takes both from the member): no column of its own
    company_id = fields.Many2one(related="organization_id.company_id", string="Company")
    # the rule that gave the points: an integer, not a foreign key (one row-by-row
    # check fewer for each of a million lines), shown as the rule
    rule_ref = fields.Integer(string="Rule (id)", readonly=True)
    rule_id = fields.Many2one(
        "party.point.rule", compute="_compute_rule_id", search="_search_rule_id"
    )
    source = fields.Selection(selection="_selection_source", readonly=True)
    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Integer(string="Source Record", readonly=True)
    date = fields.Date(required=True, readonly=True, index=True)
    year = fields.Integer(required=True, readonly=True, aggregator=None)
    # four decimals, as the slides' durations: a third of an hour counts 0.3333 (the sums
    # are made in SQL on the quantities as written, then rounded for display)
    quantity = fields.Float(digits=(16, 4), readonly=True)
    points = fields.Float(digits=(10, 2), readonly=True)
    capped = fields.Boolean(
        readonly=True,
        help="The rule's cap of the day or of the period left this fact fewer points than "
        "its quantity gives (none at all at 0): the fact is recorded, the points stay capped.",
    )
    is_correction = fields.Boolean(string="Correction", readonly=True)
    reason = fields.Char(readonly=True, help="Why a Party administrator corrected the points.")
    corrected_by_id = fields.Many2one("res.users", readonly=True)
    # a reversal points at the line it takes back: an integer, not a foreign key (one
    # row-by-row check fewer for each of a million lines; lines are never deleted)
    reverses_line = fields.Integer(string="Reverses Line (id)", readonly=True, index=False)
    reversal_of_id = fields.Many2one(
        "party.point", string="Reverses", compute="_compute_reversal_of_id"
    )
    reversed = fields.Boolean(
        readonly=True,
        help="The fact of this line no longer holds as written: a reversal line takes its "
        "quantity and points back (set by the points run only).",
    )

    def init(self):
        # no author nor date of writing (_log_access), no company of its own (the
        # organisation's): a database installed with them keeps the columns (Odoo leaves
        # them), and their foreign keys checked for every line written
        if sql.column_exists(self.env.cr, self._table, "rule_id"):
            # the rule was a foreign key: its column kept as the rule's id, without the
            # key (the empty column of the id, just added, dropped first)
            self.env.cr.execute(
                "ALTER TABLE party_point DROP COLUMN IF EXISTS rule_ref; "
                "ALTER TABLE party_point DROP CONSTRAINT IF EXISTS party_point_rule_id_fkey; "
                "ALTER TABLE party_point RENAME COLUMN rule_id TO rule_ref"
            )
        drop_columns(
            self.env.cr,
            self._table,
            ("create_uid", "create_date", "write_uid", "write_date", "company_id"),
        )
        # each fact has one live line: (member, source, source record), whichever rule
        # applied (a company's rule added after the default's run never credits a fact
        # again); its reversed lines and their reversals are keyed apart (LIVE_KEY). The
        # run leaves out the facts already written (NOT EXISTS); the index stands behind
        # it. Led by the member, it serves every search by member too (no index of
        # member_id alone); a correction has no source record (NULL: never a duplicate).
        self.env.cr.execute(
            "DROP INDEX IF EXISTS party_point_fact_uniq, party_point_source_fact_uniq, "
            "party_point__member_id_index"
        )
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'party_point_member_fact_uniq'"
        )
        row = self.env.cr.fetchone()
        if row and "reverses_line" not in row[0]:
            # the index of a ledger without reversals: (member, source, record) only
            self.env.cr.execute("DROP INDEX party_point_member_fact_uniq")
            row = None
        if not row:
            try:
                with self.env.cr.savepoint():
                    self.env.cr.execute(
                        SQL(
                            "CREATE UNIQUE INDEX party_point_member_fact_uniq "
                            "ON party_point (member_id, source, res_id, (%s))",
                            SQL(LIVE_KEY),
                        )
                    )
            except psycopg2.errors.UniqueViolation:
                # a database whose run credited a fact under two rules (before the key
                # was the source): its lines are kept, the run's NOT EXISTS holds, and
                # the searches by member keep an index
                _logger.warning(
                    "party_point: facts credited twice by two rules of a source are kept; "
                    "the unique index of the facts is not created"
                )
                self.env.cr.execute(
                    "CREATE INDEX IF NOT EXISTS party_point_member_fact_index "
                    "ON party_point (member_id, source, res_id)"
                )

        # the capped live lines, which the run looks at again when a cap has room
        # (_party_points_release): few of them, a small index
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS party_point_capped_index ON party_point "
                "(source, date) WHERE capped AND (%s) = 0",
                SQL(LIVE_KEY),
            )
        )

    @api.model
    def _selection_source(self):
        return [(s.code, s.label) for s in self._party_point_sources()] + [
            ("correction", self.env._("Correction"))
        ]

    @api.depends("reverses_line")
    def _compute_reversal_of_id(self):
        for line in self:
            line.reversal_of_id = line.reverses_line or False

    @api.depends("rule_ref")
    def _compute_rule_id(self):
        rules = self.env["party.point.rule"].browse({line.rule_ref for line in self} - {0})
        known = set(rules.exists().ids)
        for line in self:
            line.rule_id = line.rule_ref if line.rule_ref in known else False

    def _search_rule_id(self, operator, value):
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(v, str) for v in values):
            # the rule's name, as typed in the search bar
            rules = self.env["party.point.rule"].with_context(active_test=False)
            return [("rule_ref", "in", rules._search([("name", operator, value)]))]
        return [("rule_ref", operator, value)]

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

    @api.model
    def _party_point_rules_missing(self, company, codes):
        """The source codes of ``codes`` that no active points rule covers for
        ``company`` (its own rule, or the default of every company)."""
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT source FROM party_point_rule
                    WHERE active AND source = ANY(%s)
                      AND (company_id IS NULL OR company_id = %s)""",
                list(codes),
                company.id,
            )
        )
        covered = {row[0] for row in self.env.cr.fetchall()}
        return [code for code in codes if code not in covered]

    @api.model
    def _party_ledger_quantities(self, members, date_from, date_to, codes):
        """{member id: {source code: (quantity, facts)}}: the sum of the quantities of
        the facts the ledger holds for ``members`` under the sources ``codes`` over the
        days ``date_from`` to ``date_to`` (a monthly source: the months they touch), and
        their number; capped facts count (their points do not matter here), corrections
        do not, nor the lines reversed and their reversals (the live lines only, on the
        day of their fact). One grouped query."""
        monthly = [s.code for s in self._party_point_sources() if s.monthly]
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT member_id, source, SUM(quantity), COUNT(*)
                     FROM party_point
                    WHERE member_id = ANY(%(members)s) AND source = ANY(%(codes)s)
                      AND %(live)s AND date <= %(date_to)s
                      AND date >= CASE WHEN source = ANY(%(monthly)s) THEN %(month)s
                                       ELSE %(date_from)s END
                    GROUP BY member_id, source""",
                members=ids_array(members.ids),
                codes=list(codes),
                live=live_sql("party_point"),
                date_to=date_to,
                monthly=monthly,
                month=date_from.replace(day=1),
                date_from=date_from,
            )
        )
        quantities = {}
        for member_id, code, quantity, count in self.env.cr.fetchall():
            quantities.setdefault(member_id, {})[code] = (float(quantity or 0.0), count)
        return quantities

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
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", "party.point"))
        if not self.env.cr.fetchone()[0]:
            # a scoped run holds the ledger (an assessment being scored, a compliance
            # check): the nightly run comes back in a few minutes rather than failing
            cron = self.env.ref("party_branch.ir_cron_party_points", raise_if_not_found=False)
            if cron:
                cron._trigger(fields.Datetime.now() + timedelta(minutes=RETRY_MINUTES))
            _logger.info("points run: the ledger is busy, again in %s minutes", RETRY_MINUTES)
            return
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
    def _party_points_run(self, date_from, date_to, members=None, sources=None):
        """Write the facts of the days ``date_from`` to ``date_to`` and their points (as
        superuser), then the summaries of their years. Returns {rule code: lines added}.

        Scoped (the service assessment, before it counts): only the facts of ``members``
        (a ``party.member`` recordset) and of the source codes ``sources``; the same
        statements, with the members as one more condition, and the summaries of those
        members only. Idempotent like the nightly run. First the facts taken back are
        reversed (``added["reversed"]``: the reversal lines written), then each rule
        credits the new facts (a fact changed: its new line)."""
        assert self.env.su, "the points run writes as superuser"
        self._party_lock_run("party.point", self.env._("A points run"))
        self.env.flush_all()
        added = {}
        sources = {
            s.code: s for s in self._party_point_sources() if sources is None or s.code in sources
        }
        rules = (
            self.env["party.point.rule"]
            .sudo()
            .search([("active", "=", True), ("source", "in", list(sources))])
        )
        if members is not None and not members:
            return added
        # a first run sorts the facts of a year (half a million for a source) for the
        # running sums of the caps: in memory rather than on disk. No JIT: the
        # statements' estimated costs make PostgreSQL compile each of them (seconds per
        # statement, more than it saves on a million rows)
        self.env.cr.execute(SQL("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"))
        # the first run of a year (no line yet from its first day, of the members, and the
        # unique index of the facts in place): nothing to take back, and no points in the
        # ledger to count in the caps
        self.env.cr.execute(
            SQL(
                """SELECT NOT EXISTS (SELECT 1 FROM party_point
                                       WHERE date BETWEEN %s AND %s AND %s)
                      AND EXISTS (SELECT 1 FROM pg_indexes
                                   WHERE indexname = 'party_point_member_fact_uniq')""",
                date(date_from.year, 1, 1),
                date_to,
                SQL("TRUE")
                if members is None
                else SQL("member_id = ANY(%s)", ids_array(members.ids)),
            )
        )
        fresh = self.env.cr.fetchone()[0]
        added["reversed"] = 0
        if not fresh:
            added["reversed"] = self._party_points_reverse(
                list(sources.values()), date_from, date_to, members
            )
        for rule in rules:
            if not fresh and (rule.cap_day or rule.cap_period):
                added["reversed"] += self._party_points_release(
                    rule, sources[rule.source], date_from, date_to, members
                )
            count = self._party_points_rule(
                rule, sources[rule.source], date_from, date_to, members, fresh=fresh
            )
            added[rule.code] = added.get(rule.code, 0) + count
        self.env.cr.execute(SQL("SET LOCAL work_mem TO DEFAULT; SET LOCAL jit TO DEFAULT"))
        if sum(added.values()) >= ANALYZE_AFTER:
            # the planner's figures of the ledger, for the summaries and the next run's
            # anti-joins: a first run writes a million lines in one transaction, before
            # autovacuum sees them (a rule's statement reads its own lines only: none
            # before a first run; figures of an empty ledger make a nested loop of each
            # new fact against every line of the rule)
            self.env.cr.execute(SQL("ANALYZE party_point"))
        if members is None or any(added.values()):
            self._party_points_summarise(list(range(date_from.year, date_to.year + 1)), members)
        self.env.invalidate_all()
        return added

    @api.model
    def _party_points_refresh(self, date_from, date_to, members, codes, strict=True):
        """Bring the ledger up to date for ``members`` and the sources ``codes`` over
        the days ``date_from`` to ``date_to`` (a scoped run, as superuser), from the
        first day of ``date_from``'s year, so the caps of the day, month and year count
        the facts before the period. Returns False, without writing, when a points run
        is under way in another transaction and not ``strict`` (it writes the facts
        itself; ``strict``: the run's refusal)."""
        if not strict:
            self.env.cr.execute(
                SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", "party.point")
            )
            if not self.env.cr.fetchone()[0]:
                return False
        self.sudo()._party_points_run(
            date(date_from.year, 1, 1), date_to, members=members, sources=codes
        )
        return True

    def _party_points_rule(self, rule, source, date_from, date_to, members=None, fresh=False):
        """One statement: the new facts of ``rule``'s source (of ``members`` only, when
        given), their points capped per day and per period (the points already in the
        ledger for the source count, whichever rule gave them), inserted. The facts
        already live in the ledger under the source are left out, whichever rule wrote them
        (``NOT EXISTS``; one run at a time, under the run's lock; the unique index
        ``party_point_member_fact_uniq`` stands behind it). Every new fact is written: one
        beyond a cap with the points left (0 at most) and ``capped``.

        The caps: each new fact takes, in the order of its day and record, what is left
        of the cap of its day and then of the cap of its period, after the points the
        ledger already holds for them (read for the members with new facts only) and
        those of the facts before it. Both running sums share one order (member, period,
        day, record): one sort of the new facts; a rule without a cap skips its sum.
        ``fresh``: the ledger holds no line of the members from the first day of
        ``date_from``'s year (the first run of a year): the points already in it are not
        read (the facts of the source are written by this statement only, one rule of a
        source per company)."""
        facts = getattr(self, f"_party_point_facts_{source.code}")(date_from, date_to)
        period = rule.cap_period_type
        first = date(date_from.year, 1 if period == "year" else date_from.month, 1)
        companies = self._party_rule_members_sql(rule)
        scope = SQL("TRUE")
        if members is not None:
            scope = SQL("f.member_id = ANY(%s)", ids_array(members.ids))
        # the points the live lines hold for the day and the period of each new fact,
        # under any rule of the source (a reversed line and its reversal net to nothing:
        # the room they free is taken by the new facts)
        done, joins = [], []
        ledger = SQL(
            """FROM party_point p
                WHERE p.source = %s AND p.date BETWEEN %s AND %s AND %s
                  AND p.member_id IN (SELECT member_id FROM new)""",
            source.code,
            first,
            date_to,
            live_sql("p"),
        )
        after_day, awarded = SQL("raw"), SQL("after_day")
        if rule.cap_day and fresh:
            done.append(SQL("0 AS day_done"))
        elif rule.cap_day:
            done.append(SQL("COALESCE(d.points, 0) AS day_done"))
            joins.append(
                SQL(
                    """LEFT JOIN (SELECT p.member_id, p.date, SUM(p.points) AS points %s
                                  GROUP BY 1, 2) d
                           ON d.member_id = n.member_id AND d.date = n.fact_date""",
                    ledger,
                )
            )
        if rule.cap_day:
            after_day = SQL(
                """GREATEST(0, LEAST(raw, %s - day_done - COALESCE(SUM(raw) OVER (
                       PARTITION BY member_id, period_start, fact_date ORDER BY res_id
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)))""",
                rule.cap_day,
            )
        if rule.cap_period and fresh:
            done.append(SQL("0 AS period_done"))
        elif rule.cap_period:
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
        if rule.cap_period:
            awarded = SQL(
                """GREATEST(0, LEAST(after_day, %s - period_done - COALESCE(SUM(after_day) OVER (
                       PARTITION BY member_id, period_start ORDER BY fact_date, res_id
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)))""",
                rule.cap_period,
            )
        # the facts already live in the ledger are left out. Not on a first run of a year:
        # the ledger has no line of the year, and the run's own lines, written by the same
        # statement, would be read again for each fact (a plan made on the figures of an
        # empty ledger scans it for each fact); the unique index of the facts leaves out
        # a fact credited in an earlier year whose day has moved into this one
        unwritten = SQL()
        if not fresh:
            unwritten = SQL(
                """AND NOT EXISTS (
                        SELECT 1 FROM party_point p
                         WHERE p.member_id = f.member_id AND p.source = %s
                           AND p.res_id = f.res_id AND %s)""",
                source.code,
                live_sql("p"),
            )
        self.env.cr.execute(
            SQL(
                """
            WITH facts AS (%(facts)s),
            new AS MATERIALIZED (
                SELECT f.member_id, f.res_id, f.fact_date, f.quantity,
                       f.quantity * %(points)s AS raw,
                       date_trunc(%(period)s, f.fact_date::timestamp)::date AS period_start,
                       m.organization_id
                  FROM facts f
                  JOIN party_member m ON m.id = f.member_id
                 WHERE %(companies)s AND %(scope)s
                   AND f.fact_date BETWEEN %(date_from)s AND %(date_to)s
                   %(unwritten)s
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
            INSERT INTO party_point (member_id, organization_id, rule_ref, source,
                                     res_model, res_id, date, year, quantity, points,
                                     capped, is_correction)
            SELECT member_id, organization_id, %(rule)s, %(source)s, %(model)s,
                   res_id, fact_date, EXTRACT(YEAR FROM fact_date)::int, quantity,
                   ROUND(awarded::numeric, 2), awarded < raw, false
              FROM capped
            %(conflict)s
                """,
                facts=facts,
                points=rule.points,
                period=period,
                companies=companies,
                scope=scope,
                date_from=date_from,
                date_to=date_to,
                rule=rule.id,
                done=SQL("").join(SQL(", %s", column) for column in done),
                joins=SQL(" ").join(joins),
                after_day=after_day,
                awarded=awarded,
                source=source.code,
                model=source.model,
                unwritten=unwritten,
                conflict=SQL("ON CONFLICT DO NOTHING") if fresh else SQL(),
            )
        )
        return self.env.cr.rowcount

    def _party_points_reverse(self, sources, date_from, date_to, members=None):
        """One statement for every source: the live lines of ``sources`` dated ``date_from``
        to ``date_to`` (of ``members`` only, when given) whose fact the source's query no
        longer returns as written (the same member, record, day and quantity) are taken
        back: each gets a reversal line (the opposite quantity and points, the same rule,
        source, record and year, dated today, ``reverses_line`` its id) and is flagged
        ``reversed`` (its only change; its points stay in the ledger, netted by the
        reversal's). Caps: a reversal gives back exactly the points of its line; the room
        it frees in a cap is taken by the facts credited after it, and by the facts the
        cap had cut, taken back and credited again (:meth:`_party_points_release`).
        Returns the number of lines reversed."""
        if not sources:
            return 0
        fscope, pscope = SQL("TRUE"), SQL("TRUE")
        if members is not None:
            fscope = SQL("f.member_id = ANY(%s)", ids_array(members.ids))
            pscope = SQL("p.member_id = ANY(%s)", ids_array(members.ids))
        facts = SQL(" UNION ALL ").join(
            SQL(
                """SELECT %s::varchar AS source, f.member_id, f.res_id, f.fact_date,
                          f.quantity::numeric AS quantity
                     FROM (%s) f WHERE %s""",
                source.code,
                getattr(self, f"_party_point_facts_{source.code}")(date_from, date_to),
                fscope,
            )
            for source in sources
        )
        # the lines against the facts: one hash of the facts (the planner, misled by the
        # constant source of each branch, would sort both sides of a million rows), and
        # no JIT (see _party_points_run), and the memory to hash the facts of a year (a
        # million rows: on disk in two batches at 64 MB); the settings of the transaction
        # restored after
        self.env.cr.execute(SQL("SELECT current_setting('jit'), current_setting('work_mem')"))
        jit, work_mem = self.env.cr.fetchone()
        self.env.cr.execute(
            SQL(
                "SET LOCAL enable_mergejoin = off; SET LOCAL jit = off; SET LOCAL work_mem = '192MB'"
            )
        )
        self.env.cr.execute(
            SQL(
                """
            WITH facts AS (%(facts)s),
            gone AS MATERIALIZED (
                SELECT p.id, p.member_id, p.organization_id, p.rule_ref,
                       p.source, p.res_model, p.res_id, p.year, p.quantity, p.points
                  FROM party_point p
                 WHERE p.source = ANY(%(codes)s) AND p.res_id IS NOT NULL AND %(live)s
                   AND p.date BETWEEN %(date_from)s AND %(date_to)s AND %(scope)s
                   AND NOT EXISTS (
                        SELECT 1 FROM facts f
                         WHERE f.source = p.source AND f.member_id = p.member_id
                           AND f.res_id = p.res_id AND f.fact_date = p.date
                           AND f.quantity = p.quantity)
            )
            %(take_back)s
                """,
                facts=facts,
                codes=[source.code for source in sources],
                live=live_sql("p"),
                date_from=date_from,
                date_to=date_to,
                scope=pscope,
                take_back=self._party_take_back_sql(
                    self.env._(
                        "Reversed by the points run: the fact no longer holds as recorded "
                        "(withdrawn, excused, corrected or changed)."
                    )
                ),
            )
        )
        reversed_count = self.env.cr.rowcount
        self.env.cr.execute(
            SQL(
                """SET LOCAL enable_mergejoin TO DEFAULT;
                   SELECT set_config('jit', %s, true), set_config('work_mem', %s, true)""",
                jit,
                work_mem,
            )
        )
        return reversed_count

    @api.model
    def _party_rule_members_sql(self, rule):
        """The condition on the member ``m`` of the facts ``rule`` applies to: its
        company's members, or for a default rule the companies without an active rule
        of their own for the source."""
        if rule.company_id:
            return SQL("m.company_id = %s", rule.company_id.id)
        return SQL(
            """m.company_id NOT IN (
                   SELECT r.company_id FROM party_point_rule r
                    WHERE r.source = %s AND r.active AND r.company_id IS NOT NULL)""",
            rule.source,
        )

    @api.model
    def _party_take_back_sql(self, reason):
        """The end of a statement whose CTE ``gone`` holds live lines (id, member_id,
        organization_id, rule_ref, source, res_model, res_id, year, quantity, points):
        each flagged ``reversed``, and its reversal line written (the opposite quantity
        and points, dated today, ``reason``, ``reverses_line`` its id)."""
        return SQL(
            """, flagged AS (
                UPDATE party_point p SET reversed = TRUE FROM gone g WHERE p.id = g.id
            )
            INSERT INTO party_point (member_id, organization_id, rule_ref, source,
                                     res_model, res_id, date, year, quantity, points,
                                     capped, is_correction, reason, reverses_line)
            SELECT member_id, organization_id, rule_ref, source, res_model, res_id,
                   %s, year, -quantity, -points, false, false, %s, id
              FROM gone""",
            fields.Date.context_today(self),
            reason,
        )

    def _party_points_release(self, rule, source, date_from, date_to, members=None):
        """One statement: the capped live lines of ``rule``'s source dated ``date_from``
        to ``date_to`` (of the members of the rule's companies; of ``members`` only,
        when given) whose day and period have room under the rule's caps (a reversal
        took points back, a cap was raised) are taken back like a fact that no longer
        holds (a reversal line, the line flagged ``reversed``), so that the rule's
        statement, next, credits their facts again in their order, with what now fits
        and never above the caps. A cap still full leaves its capped lines alone: a run
        with nothing changed writes nothing. Returns the number of lines taken back."""
        period = rule.cap_period_type
        companies = self._party_rule_members_sql(rule)
        scope = SQL("TRUE")
        if members is not None:
            scope = SQL("p.member_id = ANY(%s)", ids_array(members.ids))
        room = []
        if rule.cap_day:
            room.append(
                SQL(
                    """(SELECT COALESCE(SUM(q.points), 0) FROM party_point q
                         WHERE q.member_id = h.member_id AND q.source = %s AND q.date = h.date
                           AND %s) < %s""",
                    source.code,
                    live_sql("q"),
                    rule.cap_day,
                )
            )
        if rule.cap_period:
            room.append(
                SQL(
                    """(SELECT COALESCE(SUM(q.points), 0) FROM party_point q
                         WHERE q.member_id = h.member_id AND q.source = %s AND %s
                           AND q.date >= h.start AND q.date < h.start + %s::interval) < %s""",
                    source.code,
                    live_sql("q"),
                    f"1 {period}",
                    rule.cap_period,
                )
            )
        self.env.cr.execute(
            SQL(
                """
            WITH held AS MATERIALIZED (
                SELECT p.id, p.member_id, p.date,
                       date_trunc(%(period)s, p.date::timestamp)::date AS start
                  FROM party_point p
                  JOIN party_member m ON m.id = p.member_id
                 WHERE p.capped AND %(live)s AND p.source = %(source)s
                   AND p.date BETWEEN %(date_from)s AND %(date_to)s
                   AND %(companies)s AND %(scope)s
            ),
            gone AS MATERIALIZED (
                SELECT p.id, p.member_id, p.organization_id, p.rule_ref, p.source,
                       p.res_model, p.res_id, p.year, p.quantity, p.points
                  FROM held h JOIN party_point p ON p.id = h.id
                 WHERE %(room)s
            )
            %(take_back)s
                """,
                period=period,
                live=live_sql("p"),
                source=source.code,
                date_from=date_from,
                date_to=date_to,
                companies=companies,
                scope=scope,
                room=SQL(" AND ").join(room),
                take_back=self._party_take_back_sql(
                    self.env._(
                        "Taken back by the points run to be credited again: the cap has room "
                        "(points reversed, or the cap raised)."
                    )
                ),
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
            member_filter = SQL("m.id = ANY(%s)", ids_array(members.ids))
            line_filter = SQL("member_id = ANY(%s)", ids_array(members.ids))
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
                  LEFT JOIN (SELECT member_id, year, SUM(points) AS points,
                                    COUNT(*) FILTER (WHERE points <> 0 AND %(live)s) AS lines
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
                live=live_sql("party_point"),
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
