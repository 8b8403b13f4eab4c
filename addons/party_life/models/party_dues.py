from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

from ..tools.sql import insert_rows

CREATE_CHUNK = 5000
ONLINE_MONTHS_MAX = 24  # months paid online at once


def dues_state(currency, amount, paid_amount, exempt=False):
    """The state of a dues row: the one rule of ``_compute_state`` (the ORM) and of
    ``_insert_rows`` (the monthly run's bulk insert).

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

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", readonly=True
    )
    organization_id = fields.Many2one(
        "party.organization",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
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
        month_end = period + relativedelta(months=1, days=-1)
        Member = self.env["party.member"].sudo()
        domain = [
            ("status", "in", IN_ORG_STATUSES),
            "|",
            ("join_date", "=", False),
            ("join_date", "<=", month_end),
        ]
        if organizations is not None:
            domain.append(("organization_id", "child_of", organizations.ids))
        if members is not None:
            domain.append(("id", "in", members.ids))
        members = Member.search_fetch(
            domain, ["organization_id", "company_id", "income_category", "dues_base"]
        )
        for company in members.company_id:
            self._check_open_period(period, company)
        existing = self.sudo().search_fetch(
            [("member_id", "in", members.ids), ("period", "=", period)], ["member_id"]
        )
        done = set(existing.member_id.ids)
        todo = members.filtered(lambda m: m.id not in done)
        reductions = (
            self.env["party.dues.reduction"]
            .sudo()
            .search_fetch(
                [
                    ("member_id", "in", todo.ids),
                    ("state", "=", "approved"),
                    ("date_from", "<=", month_end),
                    ("date_to", ">=", period),
                ],
                ["member_id", "kind", "monthly_amount"],
            )
        )
        reduction_of = {r.member_id.id: r for r in reductions}
        # members working away who pay at the host (party.member.away, one search): the
        # host organisation's ledger when it is one of the same company, none at home
        # when the host is outside the system (or another company's): billed once
        host_of = {
            away.member_id.id: away.host_organization_id
            for away in self.env["party.member.away"]._party_away_on(
                todo, month_end, ["dues_at", "host_organization_id"]
            )
            if away.dues_at == "host"
        }
        Bracket = self.env["party.dues.bracket"]
        vals_list = []
        for company in todo.company_id:
            company_members = todo.filtered(lambda m, c=company: m.company_id == c)
            amounts = Bracket._amounts(
                [(m.income_category, m.dues_base) for m in company_members], period, company
            )
            for member, (amount, rate) in zip(company_members, amounts, strict=True):
                reduction = reduction_of.get(member.id)
                if reduction:
                    amount = (
                        0.0 if reduction.kind == "exempt" else min(amount, reduction.monthly_amount)
                    )
                amount = company.currency_id.round(amount)
                ledger = member.organization_id
                if member.id in host_of:
                    ledger = host_of[member.id]
                    if ledger.company_id != company:
                        continue  # paid where they are, outside this company's ledgers
                vals_list.append(
                    {
                        "member_id": member.id,
                        "organization_id": ledger.id,
                        "company_id": company.id,
                        "period": period,
                        "income_category": member.income_category,
                        "base": member.dues_base,
                        "rate": rate,
                        "amount": amount,
                        "reduction_id": reduction.id if reduction else False,
                    }
                )
        for start in range(0, len(vals_list), CREATE_CHUNK):
            self._insert_rows(vals_list[start : start + CREATE_CHUNK])
        return self.search([("member_id", "in", members.ids), ("period", "=", period)])

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
    def _insert_rows(self, vals_list):
        """Insert dues rows with one INSERT per chunk.

        The monthly run creates tens of thousands of plain rows (no mail thread,
        no constraint beyond the unique month): the ORM's per-record create costs
        are avoided; ``state`` is computed here by the rule of ``_compute_state``
        (:func:`dues_state`, nothing paid yet).
        """
        if not vals_list:
            return
        self.env.flush_all()
        currency_of = {
            company.id: company.currency_id
            for company in self.env["res.company"].browse({v["company_id"] for v in vals_list})
        }
        exempt = set(
            self.env["party.dues.reduction"]
            .sudo()
            .search(
                [
                    ("id", "in", [v["reduction_id"] for v in vals_list if v["reduction_id"]]),
                    ("kind", "=", "exempt"),
                ]
            )
            .ids
        )
        columns = {
            "member_id": "int4", "organization_id": "int4", "company_id": "int4", "period": "date",
            "income_category": "varchar", "base": "numeric", "rate": "numeric", "amount": "numeric",
            "reduction_id": "int4", "state": "varchar", "paid_amount": "numeric",
            "voluntary_amount": "numeric",
        }  # fmt: skip
        for vals in vals_list:
            vals["state"] = dues_state(
                currency_of[vals["company_id"]],
                vals["amount"],
                0.0,
                exempt=vals["reduction_id"] in exempt,
            )
            vals["reduction_id"] = vals["reduction_id"] or None
            vals["paid_amount"] = vals["voluntary_amount"] = 0.0
        insert_rows(self.env, "party_dues", columns, vals_list)
        self.env.invalidate_all()

    @api.model
    def _cron_generate(self):
        """Scheduled monthly: this month's rows."""
        self.generate(fields.Date.context_today(self))

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
    def _demo_collect_due(self, domain, method, date, reference_prefix=None):
        """Demo data: ``collect_due`` in the administrator's language when it is installed
        (a database made by bin/party run: Chinese), so that the demo's journal entries
        read as the secretary's would, not in the language of the install."""
        lang = self.env.ref("base.user_admin").lang
        dues = self
        if lang and self.env["res.lang"]._get_data(code=lang):
            dues = self.with_context(lang=lang)
        return dues.collect_due(domain, method, date, reference_prefix)

    @api.model
    def _demo_pay_on_behalf(self, member_id, payer_kind, payer_name, reference):
        """Demo data: this month's dues of a member, paid in cash on their behalf (代缴)."""
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

    # ------------------------------------------------------------ service assessment

    @api.model
    def _party_assessment_quantities(self, members, date_from, date_to, source="dues"):
        """{member id: months} for party_service's assessment (source ``dues``): the
        months of the period (from the month of ``date_from`` to ``date_to``) whose dues
        ``members`` paid on time (:meth:`_party_paid_on_time_sql`: by the last day of the
        month). One grouped query."""
        on_time = self._party_paid_on_time_sql("d")
        self.env.cr.execute(
            SQL(
                """
                SELECT d.member_id, count(*)
                  FROM party_dues d
                 WHERE d.member_id = ANY(%(ids)s)
                   AND d.period BETWEEN %(first)s AND %(last)s
                   AND %(on_time)s
                 GROUP BY d.member_id
                """,
                ids=members.ids,
                first=date_from.replace(day=1),
                last=date_to,
                on_time=on_time,
            )
        )
        return dict(self.env.cr.fetchall())

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
