"""The periodic report of Party funds per organisation (经费保障制度).

Rule (中组部《关于中国共产党党费收缴、使用和管理的规定》2008, 第二十五条): the collection,
use and management of Party dues are reported to the members once a year at
least; Party funds are used for Party purposes only and are open to supervision.

The report is computed from the posted journal items carrying the
organisation's analytic account (``party.organization.analytic_account_id``,
set by party_life): dues collected (net of reversals), dues remitted to and
received from other organisations (``party.dues.remittance``), other income and
spending by expense account. The figures are the journal items' to the cent;
a period with unposted entries on the organisation's account is refused. Once
approved the report is disclosed through ``party.disclosure``.
"""

from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .superior_review import (
    close_superior_review,
    schedule_superior_review,
    withdraw_superior_review,
)

CATEGORIES = [
    ("dues_income", "Dues Collected"),
    ("remittance_in", "Dues Received from Other Organisations"),
    ("other_income", "Other Income"),
    ("remittance_out", "Dues Remitted"),
    ("spending", "Spending"),
    ("other", "Other Movements"),
]
INCOME = ("dues_income", "remittance_in", "other_income")
EXPENSE_TYPES = ("expense", "expense_depreciation", "expense_direct_cost")
INCOME_TYPES = ("income", "income_other")


class PartyFundReport(models.Model):
    _name = "party.fund.report"
    _description = "Party Fund Report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "party.access.mixin",
        "party.superior.review.mixin",
    ]
    _order = "date_to desc, organization_id, id desc"
    _check_company_auto = True

    _party_workflow_fields = ("state", "approved_by_id", "computed_on", "disclosure_id")
    # the organisation is fixed: its superior approves, and fund_report_missing reads it
    _party_fixed_fields = ("organization_id",)
    _party_audit_fields = ("state", "date_from", "date_to", "budget_amount", "opening_balance")
    _party_rpc_methods = {
        "action_compute": "_party_check_manage: officer of the report's organisation",
        "action_reset_draft": "_party_check_manage: officer of the report's organisation",
        "action_approve": "check_superior: officer of the superior organisation who holds no "
        "position in the report's own (or a Party administrator)",
        "action_disclose": "_party_check_manage: officer of the report's organisation",
        "copy": "ACL read, then refused to everyone: one report per organisation and period",
    }

    name = fields.Char(compute="_compute_name", store=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("approved", "Approved"),
            ("disclosed", "Disclosed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    computed_on = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    line_ids = fields.One2many("party.fund.report.line", "report_id", copy=False)
    # the Party's fund accounts: income, the dues remitted upward, spending, balance
    income_total = fields.Monetary(
        compute="_compute_totals",
        store=True,
        string="Income",
        help="Dues collected, dues received from the organisations below and other income.",
    )
    remittance_total = fields.Monetary(
        compute="_compute_totals",
        store=True,
        string="Remitted to the Superior",
        help="The dues remitted to the superior Party committee (上缴上级党委): not spending, "
        "and not counted against the budget.",
    )
    spending_total = fields.Monetary(
        compute="_compute_totals",
        store=True,
        string="Spending",
        help="What the organisation spent on Party work in the period.",
    )
    net_total = fields.Monetary(
        compute="_compute_totals",
        store=True,
        string="Result of the Period",
        help="Income minus the dues remitted upward minus spending.",
    )
    opening_balance = fields.Monetary(
        copy=False,
        help="The balance carried from the previous period: the closing balance of the "
        "organisation's previous fund report when there is one (filled at computation).",
    )
    balance = fields.Monetary(
        compute="_compute_totals",
        store=True,
        string="Closing Balance",
        help="Opening balance + income - remitted to the superior - spending.",
    )
    budget_amount = fields.Monetary(
        string="Budgeted Spending",
        help="The spending budgeted for the period (budget vs actual); the dues remitted "
        "to the superior are not part of it.",
    )
    budget_variance = fields.Monetary(
        compute="_compute_totals", store=True, help="Budgeted spending minus the actual spending."
    )
    note = fields.Text()
    disclosure_id = fields.Many2one(
        "party.disclosure", readonly=True, copy=False, check_company=True
    )

    _sql_constraints = [
        (
            "org_period_uniq",
            "unique(organization_id, date_from, date_to)",
            "One fund report per organisation and period.",
        ),
    ]

    @api.depends(
        "organization_id.name", "date_from", "date_to", "organization_id.company_id.partner_id.lang"
    )
    def _compute_name(self):
        """The title in the report's language (its company's), whoever computes it: the
        PDF, the spreadsheet and the disclosure show it to the members as it is."""
        for report in self:
            lang = report.company_id.sudo().partner_id.lang or self.env.lang or "en_US"
            report.name = report.with_context(lang=lang).env._(
                "%(org)s Party funds report %(date_from)s – %(date_to)s",
                org=report.organization_id.name or "",
                date_from=report.date_from or "",
                date_to=report.date_to or "",
            )

    @api.depends("line_ids.amount", "line_ids.category", "budget_amount", "opening_balance")
    def _compute_totals(self):
        """The totals of the Party's fund accounts, each meaningful on its own: income,
        the dues remitted upward (which leave the organisation's funds but are not
        spending, nor part of its budget), spending, and the closing balance."""
        sums = defaultdict(float)
        for report, category, amount in (
            self.env["party.fund.report.line"]
            .sudo()
            ._read_group([("report_id", "in", self.ids)], ["report_id", "category"], ["amount:sum"])
        ):
            sums[report.id, category] += amount
        for report in self:
            income = sum(sums[report.id, category] for category in INCOME)
            remitted = sums[report.id, "remittance_out"]
            spending = sums[report.id, "spending"]
            report.income_total = income
            report.remittance_total = remitted
            report.spending_total = spending
            report.net_total = income - remitted - spending
            report.balance = report.opening_balance + income - remitted - spending
            report.budget_variance = (
                report.budget_amount - spending if report.budget_amount else 0.0
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(
                    self.env._("%(name)s: the period ends before it starts.", name=report.name)
                )

    def _party_validate_write(self, vals):
        if {"organization_id", "date_from", "date_to", "opening_balance"} & set(
            vals
        ) and not self.env.su:
            if self.filtered(lambda r: r.state in ("approved", "disclosed")):
                raise UserError(
                    self.env._(
                        "An approved fund report is final: its period does not change, nor its "
                        "opening balance."
                    )
                )
        return super()._party_validate_write(vals)

    def copy(self, default=None):
        """Refused: a fund report is computed from the accounts for one organisation and
        one period, and there is one per organisation and period."""
        if not self:
            return super().copy(default)
        self.check_access("read")
        raise UserError(
            self.env._(
                "A fund report is not duplicated: there is one per organisation and period, "
                "computed from the accounts. Create a new report for another period."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_not_approved(self):
        if self.filtered(lambda r: r.state in ("approved", "disclosed")):
            raise UserError(self.env._("An approved fund report stays on record."))

    # ------------------------------------------------------------------ figures

    @api.model
    def _approved_orgs(self, orgs, year):
        """The ids of ``orgs`` whose fund report of the calendar ``year`` is approved
        (disclosed or not). One grouped query, in superuser mode."""
        return {
            org.id
            for (org,) in self.sudo()._read_group(
                [
                    ("organization_id", "in", orgs.ids),
                    ("state", "in", ("approved", "disclosed")),
                    ("date_to", "=", date(year, 12, 31)),
                ],
                ["organization_id"],
            )
        }

    def _by_period(self):
        """{(date_from, date_to): {analytic account id: [reports]}}: one query per
        distinct period (usually one), whatever the number of organisations."""
        periods = defaultdict(lambda: defaultdict(list))
        for report in self.sudo():
            account = report.organization_id.analytic_account_id
            if account:
                periods[report.date_from, report.date_to][account.id].append(
                    report.with_env(self.env)
                )
        return periods

    def _figures(self):
        """{report_id: [(category, account_id, amount)]} from the posted journal items,
        after refusing a period with journal items not yet posted on the organisations'
        accounts (the report shows posted figures only, and would be wrong tomorrow).

        One query per distinct period (usually one) for every organisation, summing
        the journal items per analytic account, account, state and side of a
        remittance in one pass.
        """
        result = defaultdict(list)
        self.env.flush_all()  # the SQL below reads the journal items as the ORM left them
        dues_accounts = set(self.company_id.sudo().party_dues_account_id.ids)
        account_types = {}
        for (date_from, date_to), keys in self._by_period().items():
            self.env.cr.execute(
                SQL(
                    """
                    SELECT k.id::int, aml.account_id, aml.parent_state,
                           -- a remittance's two sides: what left and what came in
                           CASE WHEN aml.move_id IN (SELECT move_id FROM party_dues_remittance
                                                      WHERE move_id IS NOT NULL)
                                THEN SIGN(aml.balance) ELSE 0 END,
                           SUM(aml.balance * (d.value)::numeric / 100), MIN(aml.date)
                      FROM account_move_line aml
                      CROSS JOIN LATERAL jsonb_each_text(aml.analytic_distribution) d(key, value)
                      CROSS JOIN LATERAL unnest(string_to_array(d.key, ',')) k(id)
                     WHERE aml.parent_state IN ('draft', 'posted')
                       AND aml.analytic_distribution IS NOT NULL
                       AND aml.date BETWEEN %s AND %s
                       AND k.id = ANY(%s)
                     GROUP BY 1, 2, 3, 4
                    """,
                    date_from,
                    date_to,
                    [str(k) for k in keys],
                )
            )
            rows = self.env.cr.fetchall()
            for account_key, _account, state, _remit, _amount, first_date in rows:
                if state == "draft":
                    raise UserError(
                        self.env._(
                            "%(name)s: the period has journal entries not yet posted on the "
                            "organisation's account (%(date)s). Post or delete them first: the "
                            "report shows posted figures only.",
                            name=keys[account_key][0].name,
                            date=fields.Date.to_string(first_date),
                        )
                    )
            missing = {row[1] for row in rows} - set(account_types)
            if missing:
                for account in self.env["account.account"].sudo().browse(missing):
                    account_types[account.id] = account.account_type
            for account_key, account_id, _state, remit, amount, _first in rows:
                amount = float(amount)
                if account_id in dues_accounts and remit:
                    category = "remittance_in" if remit < 0 else "remittance_out"
                elif account_id in dues_accounts:
                    category = "dues_income"
                elif account_types[account_id] in EXPENSE_TYPES:
                    category = "spending"
                elif account_types[account_id] in INCOME_TYPES:
                    category = "other_income"
                else:
                    category = "other"
                # income as a positive amount: credits are negative balances
                sign = -1 if category in INCOME else 1
                for report in keys.get(account_key, []):
                    result[report.id].append((category, account_id, sign * amount))
        return result

    def _previous_balances(self):
        """{report id: closing balance of the organisation's latest report ending before
        this one starts}, for the reports that have one (one query)."""
        previous = self.sudo().search(
            [
                ("organization_id", "in", self.organization_id.ids),
                ("date_to", "<", max(self.mapped("date_from"))),
                ("state", "!=", "draft"),
                ("id", "not in", self.ids),
            ],
            order="date_to desc, id desc",
        )
        result = {}
        for report in self:
            for before in previous:
                if (
                    before.organization_id == report.organization_id
                    and before.date_to < report.date_from
                ):
                    result[report.id] = before.balance
                    break
        return result

    def _compute_lines(self):
        """Replace the reports' lines with the figures of their periods, and carry the
        previous report's closing balance as the opening balance."""
        figures = self._figures()
        openings = self._previous_balances() if self else {}
        self.sudo().line_ids.unlink()
        values = []
        for report in self:
            currency = report.company_id.currency_id
            values += [
                {
                    "report_id": report.id,
                    "organization_id": report.organization_id.id,
                    "company_id": report.company_id.id,
                    "category": category,
                    "account_id": account_id,
                    "amount": currency.round(amount),
                }
                for category, account_id, amount in figures.get(report.id, [])
                if not currency.is_zero(amount)
            ]
        self.env["party.fund.report.line"].sudo().create(values)
        for report in self.filtered(lambda r: r.id in openings):
            report.sudo().opening_balance = openings[report.id]
        self._party_action_write({"state": "computed", "computed_on": fields.Datetime.now()})

    # ----------------------------------------------------------------- actions

    def action_compute(self):
        self._party_check_manage()
        self._check_state(("draft", "computed"))
        self._compute_lines()
        # computed: the report waits for the superior's approval
        schedule_superior_review(self)
        return True

    def action_reset_draft(self):
        self._party_check_manage()
        self._check_state(("computed",))
        self._party_action_write({"state": "draft"})
        withdraw_superior_review(self)
        return True

    def action_approve(self):
        """The superior organisation approves (the root: its own officers or a Party
        administrator); the figures are computed again at approval."""
        self._check_superior(
            self.env._(
                "Only the superior organisation (or a Party administrator) approves a fund "
                "report, never an officer of the report's own organisation."
            ),
        )
        self._check_state(("computed",))
        reports = self.sudo()
        reports._compute_lines()
        reports._party_action_write({"state": "approved", "approved_by_id": self.env.uid})
        close_superior_review(self)
        return True

    def action_disclose(self):
        """Disclose the approved report to the organisation's members (党务公开): a
        disclosure submitted for approval, carrying the figures."""
        self._party_check_manage()
        self._check_state(("approved",))
        Disclosure = self.env["party.disclosure"].sudo()
        submitted = Disclosure
        for report in self.sudo():
            disclosure = Disclosure.create(
                {
                    "name": report.name,
                    "organization_id": report.organization_id.id,
                    "scope": "members",
                    "category": "funds",
                    "content": report._disclosure_html(),
                    "fund_report_id": report.id,
                }
            )
            disclosure._party_action_write({"state": "to_approve"})
            submitted |= disclosure
            report._party_action_write({"state": "disclosed", "disclosure_id": disclosure.id})
        schedule_superior_review(submitted)
        return True

    def _disclosure_html(self):
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "party_systems.party_fund_report_summary", {"report": self}
        )
