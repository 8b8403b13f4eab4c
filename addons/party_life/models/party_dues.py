from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

from ..tools.sql import insert_rows

CREATE_CHUNK = 5000


class PartyDues(models.Model):
    """What one member owes for one month (one row per member and month)."""

    _name = "party.dues"
    _description = "Party Dues"
    _inherit = ["party.access.mixin"]
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
            if dues.reduction_id.kind == "exempt" or dues.currency_id.is_zero(dues.amount):
                dues.state = "exempt"
            elif dues.currency_id.compare_amounts(dues.paid_amount, dues.amount) >= 0:
                dues.state = "paid"
            else:
                dues.state = "due"

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
                vals_list.append(
                    {
                        "member_id": member.id,
                        "organization_id": member.organization_id.id,
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
        are avoided; ``state`` is computed here by the rule of ``_compute_state``.
        """
        if not vals_list:
            return
        self.env.flush_all()
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
            vals["state"] = (
                "exempt" if vals["reduction_id"] in exempt or not vals["amount"] else "due"
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
