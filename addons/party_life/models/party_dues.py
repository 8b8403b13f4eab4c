from collections import defaultdict

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES
from odoo.addons.party_branch.tools.upgrade import drop_columns

from ..tools.sql import int_array

ONLINE_MONTHS_MAX = 24  # months paid online at once


def dues_state(currency, amount, paid_amount, exempt=False):
    """The state of a dues row: the one rule of ``_compute_state`` (the ORM), written in
    SQL for the monthly run's INSERT by ``PartyDues._dues_state_sql`` (test_dues_state
    compares both on a table of amounts).

    ``exempt`` when a reduction exempts the member (免交) or nothing is owed (the amount
    is zero or less at the currency's precision: 0.004 yuan is nothing, 0.005 is a
    fen); ``paid`` when the paid amount reaches the amount at that precision;
    otherwise ``due``."""
    if exempt or currency.compare_amounts(amount, 0.0) <= 0:
        return "exempt"
    if currency.compare_amounts(paid_amount, amount) >= 0:
        return "paid"
    return "due"


class PartyDues(models.Model):
    """What one member owes for one month (one row per member and month)."""

    _name = "party.dues"
    _description = "Party Dues"
    _inherit = ["party.access.mixin", "party.personal.data.mixin"]
    _order = "period desc, organization_id, member_id"
    _check_company_auto = True
    _rec_name = "member_id"
    # No author nor date of writing: a row is the monthly run's or a payment's (the
    # payment records who registered it, and when). Each of the two magic users was a
    # foreign key checked for every row the run inserts (issue 27: five foreign-key
    # checks a row were three quarters of the INSERT's cost; see init()).
    _log_access = False

    _party_sensitive_fields = ("base", "income_category", "rate")
    _party_owner_path = "member_id.user_id"
    # A dues row is the monthly run's and the collections' record: nobody edits it.
    _party_workflow_fields = (
        "member_id", "organization_id", "company_id", "period", "income_category", "base",
        "rate", "amount", "paid_amount", "voluntary_amount", "reduction_id", "move_id", "state",
    )  # fmt: skip
    _party_rpc_methods = {
        "generate": "Party administrator (the caller's companies), or officer of every "
        "organisation given (_party_check_organizations); one run at a time",
        "collect_due": "rows searched with the caller's rights; register_payments checks "
        "the members' organisations",
        "action_confirm_online_payment": "_party_check_manage: officer of the months' "
        "organisation, and of every month the transaction pays",
        "action_reject_online_payment": "_party_check_manage: officer of the months' "
        "organisation, and of every month the transaction pays",
        "action_remind_unpaid": "_party_check_manage: officer of the months' organisation",
    }
    _party_rpc_sample_args = {
        "generate": ("2026-01-01",),
        "collect_due": ([], "cash", "2026-01-01"),
    }

    # no index of its own: the unique index (member_id, period) leads with the member and
    # serves every search by member (one index fewer to write for each row of the run)
    member_id = fields.Many2one("party.member", required=True, ondelete="restrict", readonly=True)
    organization_id = fields.Many2one(
        "party.organization",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
    # no index either: a group has a few companies, each with a large share of the rows,
    # which PostgreSQL reads from the table rather than through an index of the company;
    # one index fewer to write for each row of the monthly run (issue 27)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    period = fields.Date(required=True, index=True, readonly=True, help="First day of the month.")
    income_category = fields.Char(readonly=True)
    base = fields.Monetary(currency_field="currency_id", readonly=True)
    rate = fields.Float(string="Rate (%)", digits=(5, 2), readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True)
    paid_amount = fields.Monetary(currency_field="currency_id", readonly=True)
    voluntary_amount = fields.Monetary(
        currency_field="currency_id", readonly=True, help="Paid on top of the dues, voluntarily."
    )
    balance = fields.Monetary(currency_field="currency_id", compute="_compute_balance")
    reduction_id = fields.Many2one("party.dues.reduction", readonly=True, check_company=True)
    state = fields.Selection(
        [("due", "Due"), ("paid", "Paid"), ("exempt", "Exempt")],
        compute="_compute_state",
        store=True,
        index=True,
    )
    move_id = fields.Many2one(
        "account.move",
        string="Journal Entry",
        readonly=True,
        index="btree_not_null",
        check_company=True,
    )
    payment_line_ids = fields.One2many(
        "party.dues.payment.line", "dues_id", string="Payments", readonly=True
    )
    online_payment_pending = fields.Boolean(
        string="Online Payment Waiting",
        compute="_compute_online_payment",
        help="An online payment of this month waits for the treasurer's confirmation or the "
        "provider's.",
    )
    online_payment_reference = fields.Char(
        string="Online Payment",
        compute="_compute_online_payment",
        help="The reference of the online payment waiting for confirmation.",
    )

    _sql_constraints = [
        ("member_period_uniq", "unique(member_id, period)", "A member has one dues row per month."),
    ]

    def init(self):
        # a database installed before: the magic columns (and their two foreign keys
        # checked for every row written) and the index of member_id alone go (Odoo
        # leaves both when a model stops declaring them), the index of company_id too
        drop_columns(
            self.env.cr, self._table, ("create_uid", "create_date", "write_uid", "write_date")
        )
        self.env.cr.execute("DROP INDEX IF EXISTS party_dues__member_id_index")
        self.env.cr.execute("DROP INDEX IF EXISTS party_dues__company_id_index")

    @api.depends("amount", "paid_amount")
    def _compute_balance(self):
        for dues in self:
            dues.balance = dues.amount - dues.paid_amount

    @api.depends("amount", "paid_amount", "reduction_id.kind")
    def _compute_state(self):
        for dues in self:
            dues.state = dues_state(
                dues.currency_id,
                dues.amount,
                dues.paid_amount,
                exempt=dues.reduction_id.kind == "exempt",
            )

    @api.depends("member_id", "period")
    def _compute_display_name(self):
        for dues in self:
            dues.display_name = f"{dues.member_id.name} {dues.period:%Y-%m}" if dues.period else ""

    # ------------------------------------------------------------------ the run

    @api.model
    def _check_open_period(self, period, company):
        lock = company.party_dues_lock_date
        if lock and period <= lock:
            raise UserError(
                self.env._(
                    "The month %(month)s is closed for dues (closed up to %(lock)s): nothing can "
                    "be generated or collected in it.",
                    month=period.strftime("%Y-%m"),
                    lock=lock,
                )
            )

    @api.model
    def generate(self, period, organizations=None, members=None):
        """Create the month's rows for every member due (idempotent) and return the
        month's rows of those members.

        Members are due from the month of their admission (probationary members
        pay from the day the branch assembly admits them) while they are in the
        organisation. Running it twice creates nothing new.
        """
        period = self._party_period(period)
        if not self.env.su:
            organizations = self._generate_scope(organizations, members)
            members = None
            if period > fields.Date.context_today(self).replace(day=1):
                raise UserError(
                    self.env._(
                        "The dues of %(month)s are generated when the month comes; payments in "
                        "advance create their months themselves.",
                        month=period.strftime("%Y-%m"),
                    )
                )
        self._party_lock_run("party.dues.generate", self.env._("A monthly dues run"))
        org_ids = member_ids = None
        if organizations is not None:
            org_ids = (
                self.env["party.organization"]
                .sudo()
                .with_context(active_test=False)
                .search([("id", "child_of", organizations.ids)])
                .ids
            )
        if members is not None:
            member_ids = members.ids
        ids = self._generate_rows(period, org_ids, member_ids)
        if self.env.su:
            return self.browse(ids)
        return self.search([("id", "in", ids)])

    @api.model
    def _generate_rows(self, period, org_ids=None, member_ids=None, return_ids=True):
        """The month's rows of the members due of ``org_ids`` / ``member_ids`` (None:
        all): the checks, then the one INSERT of those without a row (ON CONFLICT DO
        NOTHING; a plain INSERT when the month has no row yet); returns the ids of the month's rows of those members, created or
        there before (with ``return_ids``; else the number created: a chunk of the
        monthly run does not read the month's rows again). Run by :meth:`generate` and
        by each chunk of the monthly run."""
        scope = self._generate_members_sql(period, org_ids, member_ids)
        self.env.flush_all()
        # the checks first: a closed month of any company of the members due (the
        # companies that closed it first: the members are read only when one did)
        self.env.cr.execute("SELECT id FROM res_company WHERE party_dues_lock_date >= %s", [period])
        closed = [r[0] for r in self.env.cr.fetchall()]
        if closed:
            self.env.cr.execute(
                SQL(
                    """SELECT DISTINCT c.company_id FROM (%(scope)s) c
                        WHERE c.company_id = ANY(%(closed)s)""",
                    scope=scope,
                    closed=closed,
                )
            )
            for company in self.env["res.company"].browse(r[0] for r in self.env.cr.fetchall()):
                self._check_open_period(period, company)
        # one statement the planner may cost high (a member at a time through the
        # brackets): compiling it (PostgreSQL's JIT) takes longer than running it
        self.env.cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        jit = self.env.cr.fetchone()[0]
        # the members who have the month's row (a run again, a chunk resumed, months paid
        # in advance) are left out by their ids: a plain INSERT for the others (ON
        # CONFLICT would look the unique index up before each insert, ~8 % of the run)
        existing = self._month_members(period, org_ids, member_ids)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    self._generate_statement(period, scope, return_ids, existing),
                    log_exceptions=False,
                )
                ids = [r[0] for r in self.env.cr.fetchall()]
        except psycopg2.errors.UniqueViolation:
            # a row the list did not hold: written by another transaction since (a
            # payment in advance), or the host's row of a member away read by another
            # organisation's chunk; those members are left to ON CONFLICT DO NOTHING
            self.env.cr.execute(self._generate_statement(period, scope, return_ids))
            ids = [r[0] for r in self.env.cr.fetchall()]
        if not return_ids:
            ids = ids[0]
        self.env.cr.execute(SQL("SELECT set_config('jit', %s, true)", jit))
        self.env.invalidate_all()
        return ids

    @api.model
    def _month_members(self, period, org_ids=None, member_ids=None):
        """The members with a row of the month ``period`` among the rows of ``org_ids`` /
        ``member_ids`` (None: all), read by the index of the period (the month's rows are
        the ones a run writes; a member away paying at a host of another chunk has
        the row there)."""
        self.env.cr.execute(
            SQL(
                "SELECT member_id FROM party_dues WHERE period = %s AND %s AND %s",
                period,
                SQL("organization_id = ANY(%s)", org_ids) if org_ids is not None else SQL("TRUE"),
                SQL("member_id = ANY(%s)", member_ids) if member_ids is not None else SQL("TRUE"),
            )
        )
        return [r[0] for r in self.env.cr.fetchall()]

    @api.model
    def _generate_statement(self, period, scope, return_ids, existing=None):
        """SQL: one statement, the month's rows of the members of ``scope`` who are due
        (:meth:`_generate_insert_sql`, ``existing`` left out), then, with
        ``return_ids``, the ids of the month's rows of every member in scope (those
        created and those there before); else the number created."""
        insert = self._generate_insert_sql(period, SQL("scope"), existing)
        if not return_ids:
            return SQL(
                "WITH scope AS (%(scope)s), created AS (%(insert)s) SELECT count(*) FROM created",
                scope=scope,
                insert=insert,
            )
        return SQL(
            """
            WITH scope AS (%(scope)s),
            created AS (%(insert)s)
            SELECT d.id FROM party_dues d JOIN scope c ON c.member_id = d.member_id
             WHERE d.period = %(period)s
            UNION ALL
            SELECT id FROM created
            """,
            scope=scope,
            insert=insert,
            period=period,
        )

    @api.model
    def _generate_members_sql(self, period, org_ids=None, member_ids=None):
        """SQL: the members due for the month ``period`` (``member_id``,
        ``organization_id``, ``company_id``, ``income_category``, ``dues_base``): in the
        organisation (active or lost contact), admitted by the end of the month; of the
        organisations ``org_ids`` / among the members ``member_ids`` when given."""
        month_end = period + relativedelta(months=1, days=-1)
        return SQL(
            """SELECT m.id AS member_id, m.organization_id, m.company_id, m.income_category,
                      m.dues_base
                 FROM party_member m
                WHERE m.status IN %(statuses)s
                  AND (m.join_date IS NULL OR m.join_date <= %(end)s)
                  AND %(orgs)s AND %(members)s""",
            statuses=tuple(IN_ORG_STATUSES),
            end=month_end,
            orgs=SQL("m.organization_id = ANY(%s)", org_ids)
            if org_ids is not None
            else SQL("TRUE"),
            members=SQL("m.id = ANY(%s)", member_ids) if member_ids is not None else SQL("TRUE"),
        )

    @api.model
    def _generate_insert_sql(self, period, scope, existing=None):
        """SQL: the INSERT of the month's rows of the members of ``scope`` (a table or
        CTE of :meth:`_generate_members_sql`'s columns) who have none yet, returning
        their ids: ``existing``, the members who have one (a list), are left out and any
        other row of the month is an error; without it (None), ON CONFLICT DO NOTHING.
        The rules of the run, for every member at once:

        * the amount of the bracket in force on the first day of the month
          (``party.dues.bracket``: :meth:`~.party_dues_bracket.PartyDuesBracket._bracket_join_sql`,
          the one rule of ``compute_amount`` too), rounded to the currency;
        * an approved reduction covering the month: an exemption (免交) owes nothing, a
          reduced amount caps it (the earliest reduction when several cover the month);
        * a member working away who pays at the host (``party.member.away`` current on
          the last day of the month, ``dues_at`` host): the host organisation's ledger
          when it is one of the same company, no row at home when the host is outside
          the system or in another company (billed once, where they are);
        * the state by the rule of ``_compute_state`` (:meth:`_dues_state_sql`).
        """
        month_end = period + relativedelta(months=1, days=-1)
        Bracket = self.env["party.dues.bracket"]
        amount = SQL(
            """ROUND(CASE WHEN r.kind = 'exempt' THEN 0
                         WHEN r.id IS NOT NULL THEN LEAST(%(bracket)s, COALESCE(r.monthly_amount, 0))
                         ELSE %(bracket)s END / cur.rounding) * cur.rounding""",
            bracket=Bracket._bracket_amount_sql(
                "bk", SQL("c.dues_base"), SQL("cur.decimal_places")
            ),
        )
        return SQL(
            """
            INSERT INTO party_dues (member_id, organization_id, company_id, period,
                                    income_category, base, rate, amount, reduction_id, state,
                                    paid_amount, voluntary_amount)
            SELECT t.member_id, t.ledger_id, t.company_id, %(period)s, t.income_category,
                   t.dues_base, t.rate, t.amount, t.reduction_id, %(state)s, 0, 0
              FROM (
                SELECT c.member_id, c.company_id, c.income_category, c.dues_base,
                       COALESCE(a.host_organization_id, c.organization_id) AS ledger_id,
                       %(rate)s AS rate, %(amount)s AS amount, r.id AS reduction_id,
                       r.kind = 'exempt' AS exempt, cur.rounding
                  FROM %(scope)s c
                  -- the companies' currencies, as values: a few rows the planner counts
                  -- right (joined as tables, it could loop over every currency of Odoo
                  -- for each member: seconds for 50,000, issue 27)
                  JOIN (VALUES %(currencies)s) AS cur(company_id, rounding, decimal_places)
                    ON cur.company_id = c.company_id
                  LEFT JOIN %(bracket)s ON TRUE
                  LEFT JOIN (
                      SELECT DISTINCT ON (r.member_id) r.member_id, r.id, r.kind, r.monthly_amount
                        FROM party_dues_reduction r
                       WHERE r.state = 'approved'
                         AND r.date_from <= %(end)s AND r.date_to >= %(period)s
                       ORDER BY r.member_id, r.date_from, r.id
                  ) r ON r.member_id = c.member_id
                  LEFT JOIN (
                      SELECT DISTINCT ON (a.member_id) a.member_id, TRUE AS found,
                             a.host_organization_id, h.company_id AS host_company_id
                        FROM party_member_away a
                        LEFT JOIN party_organization h ON h.id = a.host_organization_id
                       WHERE a.dues_at = 'host'
                         AND a.date_from <= %(end)s
                         AND (a.date_to IS NULL OR a.date_to >= %(end)s)
                       ORDER BY a.member_id, a.date_from, a.id
                  ) a ON a.member_id = c.member_id
                 WHERE (a.found IS NULL OR a.host_company_id = c.company_id)
                   AND %(left_out)s
                   -- the members with the month's row: left out by their ids, or to
                   -- ON CONFLICT (the unique index, a lookup per member); a test of the
                   -- month's rows here was planned on statistics that know nothing of
                   -- the rows the earlier chunks inserted in this transaction (a scan
                   -- of the month per member: minutes; NOT IN read the whole month for
                   -- each chunk)
              ) t
            %(conflict)s
            RETURNING id
            """,
            conflict=SQL("ON CONFLICT (member_id, period) DO NOTHING")
            if existing is None
            else SQL(),
            # a constant array: PostgreSQL tests each member against a hash of it
            left_out=SQL("c.member_id <> ALL(%s)", int_array(existing))
            if existing
            else SQL("TRUE"),
            period=period,
            end=month_end,
            scope=scope,
            rate=Bracket._bracket_rate_sql("bk"),
            amount=amount,
            bracket=Bracket._bracket_join_sql(
                "bk", SQL("c.company_id"), SQL("c.income_category"), SQL("c.dues_base"), period
            ),
            currencies=SQL(", ").join(
                SQL(
                    "(%s, %s::numeric, %s)",
                    company.id,
                    company.currency_id.rounding,
                    company.currency_id.decimal_places,
                )
                for company in self.env["res.company"]
                .sudo()
                .with_context(active_test=False)
                .search([])
            ),
            state=self._dues_state_sql(
                SQL("t.amount"), SQL("0"), SQL("t.exempt"), SQL("t.rounding")
            ),
        )

    @api.model
    def _dues_state_sql(self, amount, paid_amount, exempt, rounding):
        """SQL: the state of a dues row by the rule of :func:`dues_state` (``_compute_state``),
        for the monthly run's INSERT: ``exempt`` (SQL boolean, NULL is false) or nothing
        owed at the currency's ``rounding``, ``paid`` when the paid amount reaches the
        amount at that rounding, else ``due``."""
        return SQL(
            """CASE WHEN COALESCE(%(exempt)s, FALSE) OR ROUND(%(amount)s / %(rounding)s) <= 0
                    THEN 'exempt'
                    WHEN ROUND((%(paid)s - %(amount)s) / %(rounding)s) >= 0 THEN 'paid'
                    ELSE 'due' END""",
            exempt=exempt,
            amount=amount,
            paid=paid_amount,
            rounding=rounding,
        )

    @api.model
    def _party_period(self, period):
        """The first day of the month of ``period`` (a date or 'YYYY-MM-DD'), or a clear error."""
        try:
            day = fields.Date.to_date(period)
        except (TypeError, ValueError):
            day = None
        if not day:
            raise UserError(
                self.env._(
                    "Give the month of the dues as a date (YYYY-MM-DD): %(value)r.", value=period
                )
            )
        return day.replace(day=1)

    @api.model
    def _generate_scope(self, organizations, members):
        """The organisations a caller over RPC may run the month for (docs/security.md).

        A Party administrator: the given organisations, or every organisation of
        their companies; an officer: the given organisations, each one they manage.
        """
        Org = self.env["party.organization"]
        if members is not None:
            raise AccessError(self.env._("The dues of single members are generated by payments."))
        if organizations is None:
            if not self._party_is_admin():
                raise AccessError(
                    self.env._(
                        "Only a Party administrator generates the dues of every organisation; "
                        "officers name the organisations they manage."
                    )
                )
            return Org.sudo().search([("company_id", "in", self.env.user.company_ids.ids)])
        if not isinstance(organizations, models.BaseModel):
            ids = organizations if isinstance(organizations, (list, tuple)) else [organizations]
            if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
                raise UserError(self.env._("Name the organisations by their ids."))
            organizations = Org.browse(ids).exists()
        self._party_check_organizations(organizations)
        return organizations.with_env(self.env)

    @api.model
    def _cron_generate(self, sync=None):
        """Scheduled monthly: this month's rows, as a run of jobs in chunks of
        organisations (``party.job.run``) that the job runners of every Odoo process
        share; in this transaction when no job runner is configured, or with ``sync``.
        The organisations of the companies of the cron's user and everything below
        them, as :meth:`generate` reads them for a Party administrator."""
        period = self._party_period(fields.Date.context_today(self))
        # never beside a whole run (generate); its chunks share the lock
        self._party_lock_run("party.dues.generate", self.env._("A monthly dues run"))
        Org = self.env["party.organization"].sudo()
        roots = Org.search([("company_id", "in", self.env.user.company_ids.ids)])
        org_ids = Org.with_context(active_test=False).search([("id", "child_of", roots.ids)]).ids
        return self.env["party.job.run"]._party_start(
            f"party.dues.generate:{period}",
            self.env._("Monthly dues run of %(month)s", month=period.strftime("%Y-%m")),
            "party.dues",
            "_party_job_generate",
            org_ids,
            {"period": str(period)},
            sync=sync,
        )

    @api.model
    def _party_job_generate(self, org_ids, period):
        """One chunk of the monthly run (a job of ``party.job.run``): the rows of the
        members of ``org_ids`` for ``period``; idempotent (the INSERT skips the members
        who have their row). Chunks share the run lock with each other, not with a
        whole run of :meth:`generate`."""
        self._party_lock_run("party.dues.generate", self.env._("A monthly dues run"), shared=True)
        self._generate_rows(self._party_period(period), org_ids, return_ids=False)

    @api.model
    def collect_due(self, domain, method, date, reference_prefix=None):
        """Register, for each member, a payment settling their due rows in ``domain``.

        The officer's "collect what is owed" in one step; returns the payments.
        """
        rows = self.search(domain + [("state", "=", "due")])
        owed = defaultdict(float)
        for row in rows:
            owed[row.member_id.id] += row.amount - row.paid_amount
        vals_list = [
            {
                "member_id": member_id,
                "amount": amount,
                "date": date,
                "method": method,
                "reference": f"{reference_prefix}-{member_id}" if reference_prefix else False,
            }
            for member_id, amount in owed.items()
            if amount > 0
        ]
        return self.env["party.dues.payment"].register_payments(vals_list)

    @api.model
    def _demo_ensure_chart(self):
        """Demo data: a company without a chart of accounts (party_life installed alone,
        on a database whose company has none yet) gets Odoo's generic chart, so that the
        demo's dues are collected into real journals."""
        company = self.env.company
        if not company.chart_template:
            self.env["account.chart.template"].try_loading("generic_coa", company)

    @api.model
    def _demo_collect_due(self, domain, method, date, reference_prefix=None):
        """Demo data: ``collect_due`` in the administrator's language when it is installed
        (a database made by bin/party run: Chinese), so that the demo's journal entries
        read as the secretary's would, not in the language of the install."""
        self._demo_ensure_chart()
        lang = self.env.ref("base.user_admin").lang
        dues = self
        if lang and self.env["res.lang"]._get_data(code=lang):
            dues = self.with_context(lang=lang)
        return dues.collect_due(domain, method, date, reference_prefix)

    @api.model
    def _demo_pay_on_behalf(self, member_id, payer_kind, payer_name, reference):
        """Demo data: this month's dues of a member, paid in cash on their behalf (代缴)."""
        self._demo_ensure_chart()
        rows = self.search([("member_id", "=", member_id), ("state", "=", "due")])
        owed = sum(rows.mapped("amount")) - sum(rows.mapped("paid_amount"))
        if owed <= 0:
            return self.env["party.dues.payment"]
        return self.env["party.dues.payment"].register_payments(
            [
                {
                    "member_id": member_id,
                    "amount": owed,
                    "date": fields.Date.context_today(self),
                    "method": "cash",
                    "reference": reference,
                    "payer_kind": payer_kind,
                    "payer_name": payer_name,
                }
            ]
        )

    @api.model
    def _demo_online_payment(self, member_id, provider_xmlid):
        """Demo data: the member paid this month's dues by the Party's collection QR code
        (a payment_custom provider) and waits for the treasurer's confirmation."""
        provider = self.env.ref(provider_xmlid)
        rows = self.search(
            [("member_id", "=", member_id), ("state", "=", "due")], order="period desc", limit=1
        )
        if not rows or provider.state == "disabled":
            return self.env["payment.transaction"]
        member = rows.member_id
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": provider.payment_method_ids[:1].id,
                    "amount": rows.amount - rows.paid_amount,
                    "currency_id": rows.company_id.currency_id.id,
                    "partner_id": member.partner_id.id,
                    "operation": "online_redirect",
                    "landing_route": "/my/dues",
                    "party_dues_ids": [Command.set(rows.ids)],
                }
            )
        )
        tx._set_pending()
        return tx

    # ---------------------------------------------------------------- arrears

    @api.model
    def _arrears(self, members, until=None):
        """{member_id: consecutive unpaid months, ending with the last completed month}.

        The month under way is not in arrears yet.
        """
        until = until or fields.Date.context_today(self)
        rows = self.sudo().search_fetch(
            [("member_id", "in", members.ids), ("period", "<", until.replace(day=1))],
            ["member_id", "period", "state", "amount"],
            order="member_id, period desc",
        )
        arrears = defaultdict(int)
        stopped = set()
        for row in rows:
            member_id = row.member_id.id
            if member_id in stopped:
                continue
            if row.state == "due" and row.amount > 0:
                arrears[member_id] += 1
            else:
                stopped.add(member_id)
        return arrears

    # ------------------------------------------------------------ paid on time

    @api.model
    def _party_on_time_deadline(self, period):
        """The last day on which the dues of the month ``period`` are paid on time: the
        last day of that month.

        Members pay their dues monthly (中组部《关于中国共产党党费收缴、使用和管理的规定》
        2008: 党员应当增强党员意识，主动按月交纳党费). The quarter is the rhythm of the
        branch's remittance to the committee above (``party.dues.remittance``), not of the
        member's payment: a month settled in a later month, by arrears or several months
        at once, is paid but not on time. The one meaning of "paid on time" of the suite:
        the service assessment, the index and the points read it here
        (:meth:`_party_paid_late_sql`, :meth:`_party_paid_on_time_sql`)."""
        return period.replace(day=1) + relativedelta(months=1, days=-1)

    @api.model
    def _party_paid_late_sql(self, dues="d", payment="p"):
        """SQL condition: the posted payment ``payment`` that settles (part of) the dues
        row ``dues`` is dated after the row's deadline (:meth:`_party_on_time_deadline`,
        the last day of its month, in SQL)."""
        return SQL(
            "(%(p)s.state = 'posted' AND %(p)s.date > "
            "(%(d)s.period + interval '1 month' - interval '1 day')::date)",
            p=SQL.identifier(payment),
            d=SQL.identifier(dues),
        )

    @api.model
    def _party_paid_on_time_sql(self, dues="d"):
        """SQL condition: the dues row ``dues`` is paid on time: paid in full, and no
        posted payment settling it is late (:meth:`_party_paid_late_sql`). An exempt
        month (nothing owed) is not paid on time, nor late: callers leave it out. Flushes
        what it reads."""
        self.env["party.dues"].flush_model(["period", "state"])
        self.env["party.dues.payment.line"].flush_model(["dues_id", "payment_id"])
        self.env["party.dues.payment"].flush_model(["date", "state"])
        return SQL(
            """(%(d)s.state = 'paid' AND NOT EXISTS (
                    SELECT 1
                      FROM party_dues_payment_line on_time_l
                      JOIN party_dues_payment on_time_p ON on_time_p.id = on_time_l.payment_id
                     WHERE on_time_l.dues_id = %(d)s.id AND %(late)s))""",
            d=SQL.identifier(dues),
            late=self._party_paid_late_sql(dues, "on_time_p"),
        )

    # ------------------------------------------------------------ online payment

    def _pending_transactions(self):
        """The online payments of these months that wait for a confirmation."""
        return (
            self.env["payment.transaction"]
            .sudo()
            .search(
                [("party_dues_ids", "in", self.ids), ("state", "in", ("pending", "authorized"))]
            )
        )

    def _compute_online_payment(self):
        txs = self._pending_transactions() if self.ids else self.env["payment.transaction"]
        reference = {}
        for tx in txs:
            for row in tx.party_dues_ids:
                reference[row.id] = tx.reference
        for dues in self:
            dues.online_payment_pending = dues.id in reference
            dues.online_payment_reference = reference.get(dues.id, False)

    @api.model
    def _party_online_selection(self, dues_ids):
        """The months ``dues_ids`` the caller pays online, and what they owe.

        The caller's memberships are found by their user, never by an id they sent; each
        month must be one of theirs, still owed, with no other online payment waiting,
        in a month and on a day the dues and the accounts are open. Returns ``(rows,
        amount)``, the amount computed here, in the company's currency."""
        if (
            not isinstance(dues_ids, (list, tuple))
            or not dues_ids
            or len(dues_ids) > ONLINE_MONTHS_MAX
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in dues_ids)
        ):
            raise UserError(
                self.env._(
                    "Pick the months you pay (at most %(max)s at a time).", max=ONLINE_MONTHS_MAX
                )
            )
        members = self.env["party.member"].sudo().search([("user_id", "=", self.env.uid)])
        rows = self.sudo().search(
            [("id", "in", list(dues_ids)), ("member_id", "in", members.ids)], order="period"
        )
        if not members or len(rows) != len(set(dues_ids)):
            raise AccessError(
                self.env._("You pay only your own dues: some of these months are not yours.")
            )
        if len(rows.member_id) != 1:
            raise UserError(self.env._("Pay the dues of one membership at a time."))
        settled = rows.filtered(lambda r: r.state != "due")
        if settled:
            raise UserError(
                self.env._(
                    "%(months)s: nothing is owed any more (paid or exempt). Pick the months "
                    "you still owe.",
                    months=", ".join(f"{r.period:%Y-%m}" for r in settled),
                )
            )
        waiting = rows._pending_transactions()
        if waiting:
            raise UserError(
                self.env._(
                    "%(months)s: your online payment %(reference)s waits for its confirmation; "
                    "it is not paid twice.",
                    months=", ".join(
                        f"{r.period:%Y-%m}" for r in rows & waiting.party_dues_ids.sudo()
                    ),
                    reference=waiting[:1].reference,
                )
            )
        company = rows.company_id
        today = fields.Date.context_today(self)
        self._check_open_period(today.replace(day=1), company)
        company._party_dues_check_accounts_open(today)
        amount = company.currency_id.round(sum(r.amount - r.paid_amount for r in rows))
        return rows.with_env(self.env), amount

    def _party_check_online_transactions(self):
        """The waiting online payments of these months, each of whose months the caller
        manages; refused when there is none."""
        self._party_check_manage()
        txs = self._pending_transactions()
        if not txs:
            raise UserError(self.env._("No online payment of these months waits for confirmation."))
        self._party_check_organizations(txs.party_dues_ids.organization_id)
        return txs

    def action_confirm_online_payment(self):
        """The treasurer confirms the online payment of these months received (a transfer
        or the Party's collection QR code): it is registered as a dues payment, with its
        receipt. Payments through a provider that confirms itself are not confirmed here."""
        txs = self._party_check_online_transactions()
        done = txs._party_dues_confirm_received()
        if not done:
            raise UserError(
                self.env._(
                    "%(provider)s confirms its payments itself: nothing to confirm by hand.",
                    provider=txs[:1].provider_id.name,
                )
            )
        refused = done.filtered("party_dues_refusal")
        if refused:
            raise UserError(refused[:1].party_dues_refusal)
        return self._party_notify(
            self.env._(
                "Received: %(count)s online payment(s) registered, with their receipts.",
                count=len(done),
            )
        )

    def action_reject_online_payment(self):
        """The treasurer finds no such transfer: the online payment is cancelled and the
        months stay owed."""
        txs = self._party_check_online_transactions()
        cancelled = txs._party_dues_confirm_not_received()
        if not cancelled:
            raise UserError(
                self.env._(
                    "%(provider)s confirms or cancels its payments itself.",
                    provider=txs[:1].provider_id.name,
                )
            )
        return self._party_notify(
            self.env._(
                "Not received: %(count)s online payment(s) cancelled; the months stay owed.",
                count=len(cancelled),
            )
        )

    @api.model
    def _party_notify(self, message, kind="success"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": kind,
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------ reminder

    def action_remind_unpaid(self):
        """Remind the members of these months who still owe them: one e-mail per member
        (the mail template ``party_life.mail_template_dues_unpaid``, in the member's
        language) listing their months owed among these, with the link to pay them on
        My Party Dues. Members without an e-mail address are counted, not reminded."""
        self._party_check_manage()
        rows = self.sudo().filtered(lambda r: r.state == "due")
        if not rows:
            raise UserError(self.env._("Every month selected is paid or exempt: nobody to remind."))
        months = defaultdict(list)
        for row in rows.sorted(lambda r: (r.member_id.id, r.period)):
            months[row.member_id.id].append(
                {
                    "month": f"{row.period:%Y-%m}",
                    "owed": row.currency_id.round(row.amount - row.paid_amount),
                }
            )
        members = rows.member_id
        reachable = members.filtered(lambda m: m.email and "@" in m.email)
        template = self.env.ref("party_life.mail_template_dues_unpaid").sudo()
        if reachable:
            template.with_context(party_dues_months=dict(months)).send_mail_batch(reachable.ids)
        if len(reachable) == len(members):
            message = self.env._("%(count)s member(s) reminded by e-mail.", count=len(reachable))
        else:
            message = self.env._(
                "%(count)s member(s) reminded by e-mail; %(missing)s without an e-mail address "
                "(%(names)s): remind them in person.",
                count=len(reachable),
                missing=len(members - reachable),
                names=", ".join((members - reachable)[:10].mapped("name")),
            )
        return self._party_notify(message, "success" if reachable else "warning")
