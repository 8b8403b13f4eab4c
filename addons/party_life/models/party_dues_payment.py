import math
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_round

from ..tools.sql import insert_rows, update_rows

METHODS = [("cash", "Cash"), ("bank", "Bank Transfer"), ("online", "Online Payment")]
# who paid (代缴: the member's family, the Party organisation, the employer pay for them)
PAYER_KINDS = [
    ("member", "The Member"),
    ("family", "Family"),
    ("organization", "Party Organisation"),
    ("employer", "Employer"),
    ("other", "Other"),
]
PAYER_NAME_MAX = 128
PAYMENT_COLUMNS = {
    "name": "varchar", "member_id": "int4", "organization_id": "int4", "company_id": "int4",
    "date": "date", "method": "varchar", "amount": "numeric", "voluntary_amount": "numeric",
    "reference": "varchar", "state": "varchar", "payer_kind": "varchar", "payer_name": "varchar",
    "move_id": "int4",
}  # fmt: skip


class PartyDuesPayment(models.Model):
    """Dues a member paid, posted in the Party dues journal.

    Registered one by one or in bulk through ``register_payments``; each registration
    batch posts real journal entries (one per organisation, date and method,
    a line per payment). A posted payment is never deleted: it is reversed by
    a reversing entry.
    """

    _name = "party.dues.payment"
    _description = "Party Dues Payment"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # A payment is posted: what it says is the accounting's; a correction is a reversal.
    _party_workflow_fields = (
        "name", "member_id", "organization_id", "company_id", "date", "method", "amount",
        "voluntary_amount", "reference", "line_ids", "move_id", "reversal_move_id", "state",
        "payer_kind", "payer_name",
    )  # fmt: skip
    _party_rpc_methods = {
        "register_payments": "_party_check_organizations: officer of every member's "
        "organisation, or Party administrator of its company; values validated",
        "create": "refused outside register_payments (payments are posted entries)",
        "action_reverse": "_party_check_manage: officer of the payment's organisation",
    }
    _party_rpc_sample_args = {
        "register_payments": ([{"member_id": 1, "amount": 1.0, "date": "2026-01-05",
                                "method": "cash"}],),
    }  # fmt: skip
    MAX_MONTHS_AHEAD = 12
    MAX_AMOUNT = 1_000_000  # one payment; larger is a typing error

    name = fields.Char(string="Receipt", required=True, readonly=True, copy=False, default="/")
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", readonly=True
    )
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, readonly=True, check_company=True
    )
    # no index of its own: the unique index (company_id, reference) leads with it
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    method = fields.Selection(METHODS, required=True, readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True)
    voluntary_amount = fields.Monetary(currency_field="currency_id", readonly=True)
    reference = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Bank or online transaction reference.",
    )
    line_ids = fields.One2many("party.dues.payment.line", "payment_id", readonly=True)
    payer_kind = fields.Selection(
        PAYER_KINDS,
        string="Paid By",
        default="member",
        readonly=True,
        help="Who paid: the member, or someone on their behalf (代缴).",
    )
    payer_name = fields.Char(
        string="Payer",
        readonly=True,
        help="Who paid on the member's behalf: the family member, the organisation, the employer.",
    )
    move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True, index=True, check_company=True
    )
    reversal_move_id = fields.Many2one(
        "account.move", string="Reversal Entry", readonly=True, check_company=True
    )
    state = fields.Selection(
        [("posted", "Posted"), ("reversed", "Reversed")],
        default="posted",
        required=True,
        readonly=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "reference_uniq",
            "unique(company_id, reference)",
            "This payment reference is already registered: the same payment cannot be registered twice.",
        ),
    ]

    def init(self):
        # a database installed before: the index of company_id alone goes (the unique
        # index of the references leads with the company; Odoo leaves an index a field
        # stops declaring)
        self.env.cr.execute("DROP INDEX IF EXISTS party_dues_payment__company_id_index")

    # ------------------------------------------------------------ accounting

    @api.model
    def _dues_accounting(self, company):
        """Journal and accounts of the Party dues for a company, created when missing.

        With the Chinese chart (l10n_cn) the dues account sits under 2241
        其他应付款 (other payables): dues are held for the Party, not earned.
        """
        company = company.sudo()
        Account = self.env["account.account"].sudo().with_company(company)
        Journal = self.env["account.journal"].sudo()
        account = company.party_dues_account_id
        if not account:
            cn = (company.chart_template or "").startswith("cn")
            code = "224101" if cn else "PDUE01"
            account = Account.search(
                [("code", "=", code), ("company_ids", "in", company.id)], limit=1
            )
            if not account:
                account = Account.create(
                    {
                        "name": self.env._("Party Dues"),
                        "code": code,
                        "account_type": "liability_current",
                        "company_ids": [company.id],
                    }
                )
            company.party_dues_account_id = account
        journal = company.party_dues_journal_id
        if not journal:
            journal = Journal.search(
                [("code", "=", "PDUE"), ("company_id", "=", company.id)], limit=1
            )
            if not journal:
                journal = Journal.create(
                    {
                        "name": self.env._("Party Dues"),
                        "code": "PDUE",
                        "type": "general",
                        "company_id": company.id,
                    }
                )
            company.party_dues_journal_id = journal
        liquidity = {}
        for method, jtype in (("cash", "cash"), ("bank", "bank"), ("online", "bank")):
            liq = Journal.search([("type", "=", jtype), ("company_id", "=", company.id)], limit=1)
            if not liq.default_account_id:
                raise UserError(
                    self.env._(
                        "Set up a %(type)s journal for %(company)s before collecting dues.",
                        type=jtype,
                        company=company.name,
                    )
                )
            liquidity[method] = liq.default_account_id
        return {"journal": journal, "account": account, "liquidity": liquidity}

    # ------------------------------------------------------------ registration

    @api.model
    def register_payments(self, vals_list):
        """Register payments in bulk: allocate, create the payments, post the entries.

        ``vals_list``: dicts with ``member_id``, ``amount``, ``date``, ``method``,
        optional ``reference``, ``voluntary`` (allow paying more than owed),
        ``months_ahead`` (pay that many future months in advance), ``dues_ids`` (pay
        those months of the member, not the oldest owed: the months a member picked
        online), ``payer_kind`` and ``payer_name`` (who paid on the member's behalf).
        All or nothing: a bad payment raises and nothing is written.
        """
        if not vals_list:
            return self.browse()
        vals_list, place = self._clean_registration(vals_list)
        Dues = self.env["party.dues"].sudo()
        Member = self.env["party.member"].sudo()
        members = Member.browse({v["member_id"] for v in vals_list})
        self._check_registration(vals_list, members, place)
        # payments in advance: the future months' rows
        ahead = defaultdict(set)
        for vals in vals_list:
            date = fields.Date.to_date(vals["date"])
            for n in range(1, int(vals.get("months_ahead") or 0) + 1):
                ahead[date.replace(day=1) + relativedelta(months=n)].add(vals["member_id"])
        for period, member_ids in sorted(ahead.items()):
            Dues.generate(period, members=Member.browse(member_ids))
        # the months owed, oldest first, as plain values: the allocation is arithmetic
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT id, member_id, amount, paid_amount, voluntary_amount
                     FROM party_dues
                    WHERE member_id = ANY(%s) AND state = 'due'
                    ORDER BY period, id""",
                members.ids,
            )
        )
        rows_of = defaultdict(list)
        for row in self.env.cr.fetchall():
            rows_of[row[1]].append(list(row))
        currency_of = {c: c.currency_id for c in {c for _org, c in place.values()}}
        rounding_of = {company: currency.rounding for company, currency in currency_of.items()}
        lines_vals, payment_vals, touched = [], [], {}
        rounded = {}  # (amount, rounding): what is left of a payment, mostly nothing
        for vals in vals_list:
            member_id = vals["member_id"]
            org_id, company = place[member_id]
            currency = currency_of[company]
            rounding = rounding_of[company]
            remaining = vals["amount"]
            allocations = []
            picked = set(vals.get("dues_ids") or ())
            for row in rows_of[member_id]:
                dues_id, _member_id, amount, paid, _voluntary = row
                if picked and dues_id not in picked:
                    continue
                owed = (amount or 0.0) - (paid or 0.0)
                if owed <= 0 or remaining <= 0:
                    continue
                part = min(owed, remaining)
                row[3] = (paid or 0.0) + part
                key = (remaining - part, rounding)
                if key not in rounded:
                    rounded[key] = float_round(key[0], precision_rounding=rounding)
                remaining = rounded[key]
                allocations.append((row, part))
                touched[dues_id] = (row, currency)
            if remaining > 0 and not vals.get("voluntary"):
                raise ValidationError(
                    self.env._(
                        "%(member)s pays %(amount)s but owes %(owed)s: the difference is accepted "
                        "only as a voluntary payment (tick Voluntary) — members may pay more "
                        "voluntarily (%(rule)s).",
                        member=Member.browse(member_id).name,
                        amount=vals["amount"],
                        owed=vals["amount"] - remaining,
                        rule="中组部《关于中国共产党党费收缴、使用和管理的规定》(2008)",
                    )
                )
            if remaining > 0 and allocations:
                target = allocations[-1][0]
                target[4] = (target[4] or 0.0) + remaining
            payment_vals.append(
                {
                    "member_id": member_id,
                    "organization_id": org_id,
                    "company_id": company.id,
                    "date": fields.Date.to_date(vals["date"]),
                    "method": vals["method"],
                    "amount": vals["amount"],
                    "voluntary_amount": remaining,
                    "reference": vals.get("reference") or None,
                    "payer_kind": vals["payer_kind"],
                    "payer_name": vals["payer_name"] or None,
                    "state": "posted",
                }
            )
            lines_vals.append(allocations)
        # every row in one statement per table: the entries (one per company, date and
        # method), then the payments with their receipts and their entry (a payment
        # reference registered meanwhile by another fails there, and the whole
        # registration with it), their allocations; then the months
        names, claims = self._read_receipt_numbers([vals["date"] for vals in payment_vals])
        move_of = self._post_entries(payment_vals, members)
        for vals, name in zip(payment_vals, names, strict=True):
            vals.update(
                name=name, move_id=move_of[vals["company_id"], vals["date"], vals["method"]]
            )
        payments = self.sudo().browse(
            insert_rows(self.env, "party_dues_payment", PAYMENT_COLUMNS, payment_vals)
        )
        self._take_receipt_numbers(claims)
        insert_rows(
            self.env,
            "party_dues_payment_line",
            {"payment_id": "int4", "dues_id": "int4", "amount": "numeric"},
            [
                {"payment_id": payment_id, "dues_id": row[0], "amount": part}
                for payment_id, allocations in zip(payments.ids, lines_vals, strict=True)
                for row, part in allocations
            ],
            log_access=False,  # an allocation's author and date are its payment's
        )
        dues_move = {
            row[0]: vals["move_id"]
            for vals, allocations in zip(payment_vals, lines_vals, strict=True)
            for row, _part in allocations
        }
        update_rows(
            self.env,
            "party_dues",
            {"paid_amount": "numeric", "voluntary_amount": "numeric", "move_id": "int4"},
            [
                {
                    "id": dues_id,
                    "paid_amount": row[3],
                    "voluntary_amount": row[4] or 0.0,
                    "move_id": dues_move[dues_id],
                    "rounding": currency.rounding,
                }
                for dues_id, (row, currency) in touched.items()
            ],
            # positional: the fault tests hold the collection here, by this name
            False,  # party_dues has no write_uid nor write_date
            {"rounding": "numeric"},
            # due rows are not exempt: the one rule of the state (dues_state), in SQL
            {
                "state": self.env["party.dues"]._dues_state_sql(
                    SQL("t.amount"), SQL("v.paid_amount"), SQL("FALSE"), SQL("v.rounding")
                )
            },
        )  # fmt: skip
        self.env["party.dues.remittance"]._party_refresh_collected_on(
            {(vals["organization_id"], vals["date"]) for vals in payment_vals}
        )
        return payments.with_env(self.env)

    @api.model
    def _clean_registration(self, vals_list):
        """Validate and normalise what a caller sends, before anything is read or written."""
        if not isinstance(vals_list, (list, tuple)) or not all(
            isinstance(v, dict) for v in vals_list
        ):
            raise ValidationError(self.env._("Register payments as a list of payments."))
        today = fields.Date.context_today(self)
        cleaned = []
        for vals in vals_list:
            member_id = vals.get("member_id")
            if not isinstance(member_id, int) or isinstance(member_id, bool):
                raise ValidationError(self.env._("Each payment names the paying member."))
            amount = vals.get("amount")
            if (
                not isinstance(amount, (int, float))
                or isinstance(amount, bool)
                or not math.isfinite(amount)
            ):
                raise ValidationError(self.env._("A dues payment must be a positive amount."))
            if amount > self.MAX_AMOUNT:
                raise ValidationError(
                    self.env._(
                        "A dues payment of %(amount)s is refused as a typing error (at most "
                        "%(max)s at a time).",
                        amount=amount,
                        max=self.MAX_AMOUNT,
                    )
                )
            if not isinstance(vals.get("method"), str):
                raise ValidationError(
                    self.env._("Choose how the dues were paid: cash, bank or online.")
                )
            try:
                date = fields.Date.to_date(vals.get("date"))
            except (TypeError, ValueError):
                date = None
            if not date:
                raise ValidationError(self.env._("Give the date of the payment (YYYY-MM-DD)."))
            if date > today:
                raise ValidationError(
                    self.env._(
                        "A payment is registered once received: %(date)s is in the future.",
                        date=date,
                    )
                )
            ahead = vals.get("months_ahead") or 0
            if not isinstance(ahead, int) or not 0 <= ahead <= self.MAX_MONTHS_AHEAD:
                raise ValidationError(
                    self.env._(
                        "Dues are paid in advance for at most %(max)s months.",
                        max=self.MAX_MONTHS_AHEAD,
                    )
                )
            reference = vals.get("reference") or False
            if reference is not False and not isinstance(reference, str):
                raise ValidationError(self.env._("A payment reference is a text."))
            cleaned.append(dict(vals, member_id=member_id, amount=float(amount), date=date,
                                months_ahead=ahead, reference=reference))  # fmt: skip
        members = self.env["party.member"].sudo().browse({v["member_id"] for v in cleaned})
        # the members' organisations and companies, read once (and whether they exist)
        place = self._member_places(members)
        if len(place) != len(members):
            raise ValidationError(self.env._("A payment names a member who does not exist."))
        self._clean_payer_and_months(cleaned, members)
        rounding_of = {c: c.currency_id.rounding for c in {c for _org, c in place.values()}}
        rounded = {}  # (amount, rounding): the amounts of a bulk collection repeat
        for vals in cleaned:
            key = (vals["amount"], rounding_of[place[vals["member_id"]][1]])
            if key not in rounded:
                rounded[key] = float_round(key[0], precision_rounding=key[1])
            vals["amount"] = rounded[key]
        return cleaned, place

    @api.model
    def _clean_payer_and_months(self, vals_list, members):
        """Who paid (``payer_kind``, ``payer_name``) and the months picked (``dues_ids``),
        normalised in place: someone paying on the member's behalf is named; the months
        picked are the member's own months still owed."""
        kinds = dict(PAYER_KINDS)
        for vals in vals_list:
            kind = vals.get("payer_kind") or "member"
            name = vals.get("payer_name") or False
            if kind not in kinds or (name is not False and not isinstance(name, str)):
                raise ValidationError(
                    self.env._(
                        "Say who paid: the member, family, the Party organisation, "
                        "the employer or another payer, and their name."
                    )
                )
            name = name.strip() if name else False
            if kind == "member":
                name = False
            elif not name:
                raise ValidationError(
                    self.env._(
                        "Name who paid for %(member)s (%(kind)s): a payment on a member's "
                        "behalf shows its payer on the receipt and in the ledger.",
                        member=members.browse(vals["member_id"]).name,
                        kind=dict(self._fields["payer_kind"]._description_selection(self.env))[
                            kind
                        ],
                    )
                )
            elif len(name) > PAYER_NAME_MAX:
                raise ValidationError(
                    self.env._("A payer's name has at most %(max)s characters.", max=PAYER_NAME_MAX)
                )
            vals.update(payer_kind=kind, payer_name=name)
        picked = [v for v in vals_list if v.get("dues_ids")]
        if not picked:
            return
        for vals in picked:
            ids = vals["dues_ids"]
            if not isinstance(ids, (list, tuple)) or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in ids
            ):
                raise ValidationError(self.env._("Name the months paid by their ids."))
            if vals.get("months_ahead"):
                raise ValidationError(
                    self.env._("Months picked are paid as they are, not in advance.")
                )
        owned = (
            self.env["party.dues"]
            .sudo()
            .search_fetch(
                [("id", "in", [i for v in picked for i in v["dues_ids"]])], ["member_id", "state"]
            )
        )
        owner = {row.id: row.member_id.id for row in owned if row.state == "due"}
        for vals in picked:
            if any(owner.get(i) != vals["member_id"] for i in vals["dues_ids"]):
                raise ValidationError(
                    self.env._(
                        "Only months %(member)s still owes are paid: some of the months "
                        "picked are paid, exempt or not theirs.",
                        member=members.browse(vals["member_id"]).name,
                    )
                )

    def _check_registration(self, vals_list, members, place):
        references = [v["reference"] for v in vals_list if v.get("reference")]
        if len(references) != len(set(references)):
            raise ValidationError(
                self.env._("The same payment reference appears twice in this registration.")
            )
        if references:
            # the database's rule is per company: so is the check (and what it tells)
            taken = self.sudo().search_fetch(
                [
                    ("reference", "in", references),
                    ("company_id", "in", list({c.id for _org, c in place.values()})),
                ],
                ["reference"],
                limit=1,
            )
            if taken:
                raise ValidationError(
                    self.env._(
                        "Payment %(ref)s is already registered: the same payment cannot be registered twice.",
                        ref=taken.reference,
                    )
                )
        Dues = self.env["party.dues"]
        checked = set()
        methods = dict(METHODS)
        for vals in vals_list:
            if vals.get("amount", 0) <= 0:
                raise ValidationError(self.env._("A dues payment must be a positive amount."))
            if vals.get("method") not in methods:
                raise ValidationError(
                    self.env._("Choose how the dues were paid: cash, bank or online.")
                )
            company = place[vals["member_id"]][1]
            key = (vals["date"].year, vals["date"].month, company.id)
            if key not in checked:
                Dues._check_open_period(vals["date"].replace(day=1), company)
                checked.add(key)
        if not self.env.su:
            if not self.env.user.has_group("party_branch.group_party_officer"):
                raise AccessError(self.env._("Only Party officers register dues payments."))
            try:
                self._party_check_organizations(members.sudo().organization_id)
            except AccessError:
                self._refuse_foreign_member(members)
                raise
        # each entry is dated its payment's day: the accounts are open from the earliest
        first_day = {}
        for vals in vals_list:
            company = place[vals["member_id"]][1]
            first_day[company] = min(vals["date"], first_day.get(company, vals["date"]))
        for company, day in first_day.items():
            company._party_dues_check_accounts_open(day)

    @api.model
    def _member_places(self, members):
        """{member id: (organisation id, company)} of ``members``, in one query: the
        bulk paths read them for every payment."""
        self.env["party.member"].flush_model(["organization_id", "company_id"])
        self.env.cr.execute(
            SQL(
                "SELECT id, organization_id, company_id FROM party_member WHERE id = ANY(%s)",
                members.ids,
            )
        )
        rows = self.env.cr.fetchall()
        company_of = {company_id: self.env["res.company"].browse(company_id)
                      for company_id in {row[2] for row in rows}}  # fmt: skip
        return {
            member_id: (org_id, company_of[company_id]) for member_id, org_id, company_id in rows
        }

    def _refuse_foreign_member(self, members):
        """Name the first member out of the caller's reach (the error path only)."""
        for member in members.sudo():
            try:
                self._party_check_organizations(member.organization_id)
            except AccessError as error:
                raise AccessError(
                    self.env._(
                        "Only an officer of %(org)s registers the dues of %(member)s.",
                        org=member.organization_id.name,
                        member=member.name,
                    )
                ) from error

    @api.model
    def _post_entries(self, payment_vals, members):
        """Post the entries of the payments ``payment_vals`` (values of the payments about
        to be inserted) of ``members``: one posted entry per company, date and method,
        with one credit line per organisation (its analytic account) and the cash/bank
        debit; the detail per member stays on the payments and their allocations.
        Returns ``{(company id, date, method): move id}``. All the entries in one create."""
        groups = defaultdict(lambda: defaultdict(lambda: [0.0, 0, None]))
        for vals in payment_vals:
            per_org = groups[vals["company_id"], vals["date"], vals["method"]]
            total = per_org[vals["organization_id"]]
            total[0] += vals["amount"]
            total[1] += 1
            total[2] = vals["member_id"]
        Company = self.env["res.company"]
        Org = self.env["party.organization"].sudo()
        orgs = Org.browse({vals["organization_id"] for vals in payment_vals})
        orgs.fetch(["name", "company_id"])
        analytic = orgs._party_analytic_accounts()
        # the accounts read once: posting reads each line's account (its plans) one line
        # at a time, a query per line when they are not in the cache
        self.env["account.analytic.account"].sudo().browse(
            {account.id for account in analytic.values()}
        ).fetch(["name", "code", "plan_id", "root_plan_id", "company_id", "active"])
        accounting = {
            c.id: self._dues_accounting(c) for c in Company.browse({k[0] for k in groups})
        }
        moves_vals, keys = [], []
        for (company_id, date, method), per_org in groups.items():
            company = Company.browse(company_id)
            currency = company.currency_id
            acc = accounting[company_id]
            lines = [
                Command.create(
                    {
                        "name": self.env._(
                            "Party dues %(org)s (%(count)s payments)",
                            org=Org.browse(org_id).name,
                            count=count,
                        ),
                        "account_id": acc["account"].id,
                        # a single payment keeps its payer on the line
                        "partner_id": members.browse(member_id).partner_id.id
                        if count == 1
                        else False,
                        "credit": currency.round(amount),
                        "debit": 0.0,
                        "analytic_distribution": {str(analytic[org_id].id): 100},
                    }
                )
                for org_id, (amount, count, member_id) in per_org.items()
            ]
            lines.append(
                Command.create(
                    {
                        "name": self.env._("Party dues collected"),
                        "account_id": acc["liquidity"][method].id,
                        "debit": currency.round(sum(total[0] for total in per_org.values())),
                        "credit": 0.0,
                    }
                )
            )
            moves_vals.append(
                {
                    "move_type": "entry",
                    "journal_id": acc["journal"].id,
                    "company_id": company_id,
                    "date": date,
                    "ref": self.env._(
                        "Party dues collected (%(count)s payments)",
                        count=sum(total[1] for total in per_org.values()),
                    ),
                    "line_ids": lines,
                }
            )
            keys.append((company_id, date, method))
        moves = (
            self.env["account.move"].sudo().with_context(tracking_disable=True).create(moves_vals)
        )
        moves.action_post()
        return dict(zip(keys, moves.ids, strict=True))

    def _party_validate_create(self, vals_list):
        if not self._party_trusted():
            raise AccessError(
                self.env._(
                    "Dues payments are registered through Collect Dues, which posts them in "
                    "the accounts; they are not created by hand."
                )
            )
        return super()._party_validate_create(vals_list)

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        if self._party_trusted():
            todo = [vals for vals in vals_list if vals.get("name", "/") == "/"]
            dates = [vals.get("date") or fields.Date.context_today(self) for vals in todo]
            for vals, name in zip(todo, self._next_receipt_numbers(dates), strict=True):
                vals["name"] = name
        return vals_list

    @api.model
    def _next_receipt_numbers(self, dates):
        """The receipt numbers of payments dated ``dates`` (in that order), taken at once
        (:meth:`_read_receipt_numbers`, then :meth:`_take_receipt_numbers`)."""
        names, claims = self._read_receipt_numbers(dates)
        self._take_receipt_numbers(claims)
        return names

    @api.model
    def _read_receipt_numbers(self, dates):
        """The receipt numbers of payments dated ``dates`` (in that order): unique and
        without gaps in each year (``DUES/<year>/<number>``), the next ones of the
        receipt sequence's range of the year (``no_gap``). Returns ``(names, claims)``:
        the numbers are read, not taken; :meth:`_take_receipt_numbers` takes them with
        ``claims`` once the payments are written (one UPDATE per year, whatever the
        number of payments), so that a registration meeting another's payment
        reference fails on that reference first."""
        if not dates:
            return [], []
        Sequence = self.env["ir.sequence"].sudo()
        seq = Sequence.search(
            [
                ("code", "=", "party.dues.payment"),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            order="company_id",
            limit=1,
        )
        if not seq or not seq.use_date_range or seq.implementation != "no_gap":
            names = [
                Sequence.with_context(ir_sequence_date=day).next_by_code("party.dues.payment")
                or "/"
                for day in dates
            ]
            return names, []
        dates = [fields.Date.to_date(day) for day in dates]
        count_of = defaultdict(int)
        for day in dates:
            count_of[day.year] += 1
        first_of, claims = {}, []
        for year, count in sorted(count_of.items()):
            day_range = self._receipt_range(seq, year)
            self.env.cr.execute(
                SQL("SELECT number_next FROM ir_sequence_date_range WHERE id = %s", day_range.id)
            )
            first = self.env.cr.fetchone()[0]
            first_of[year] = (first, day_range)
            claims.append((day_range.id, first, count))
        prefixes = {
            year: seq._get_prefix_suffix(date=day_range.date_from, date_range=day_range.date_from)
            for year, (_first, day_range) in first_of.items()
        }
        offset = defaultdict(int)
        names = []
        for day in dates:
            prefix, suffix = prefixes[day.year]
            number = first_of[day.year][0] + offset[day.year]
            offset[day.year] += 1
            names.append(f"{prefix}{number:0{seq.padding}d}{suffix}")
        return names, claims

    @api.model
    def _take_receipt_numbers(self, claims):
        """Take the receipt numbers read by :meth:`_read_receipt_numbers`: the ranges'
        rows move on, locked until the registration commits (a registration rolled back
        gives its numbers back: no gap). Should another registration have taken them in
        the meantime, this one fails to serialise (and an RPC call is retried) or, read
        committed, is refused: no receipt number is issued twice."""
        for range_id, first, count in claims:
            self.env.cr.execute(
                SQL(
                    """UPDATE ir_sequence_date_range SET number_next = number_next + %(count)s
                        WHERE id = %(id)s AND number_next = %(first)s""",
                    count=count,
                    id=range_id,
                    first=first,
                )
            )
            if self.env.cr.rowcount != 1:
                raise UserError(
                    self.env._(
                        "Another registration took receipt numbers at the same moment: "
                        "register these payments again."
                    )
                )
        if claims:
            self.env["ir.sequence.date_range"].invalidate_model(["number_next"])

    @api.model
    def _receipt_range(self, seq, year):
        """The receipt sequence's range of ``year``, created when missing: it numbers on
        from the receipts of that year already issued (a database whose receipts were
        numbered before the ranges existed keeps them unique)."""
        day_range = self.env["ir.sequence.date_range"].sudo().search(
            [("sequence_id", "=", seq.id), ("date_from", "<=", f"{year}-12-31"),
             ("date_to", ">=", f"{year}-01-01")],
            order="date_from",
            limit=1,
        )  # fmt: skip
        if day_range:
            return day_range
        day_range = seq._create_date_range_seq(f"{year}-01-01")
        prefix, suffix = seq._get_prefix_suffix(
            date=day_range.date_from, date_range=day_range.date_from
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT max(substring(name from %(start)s for %(length)s)::bigint)
                     FROM party_dues_payment
                    WHERE name LIKE %(like)s AND length(name) = %(total)s
                      AND substring(name from %(start)s for %(length)s) ~ '^[0-9]+$'""",
                start=len(prefix) + 1,
                length=seq.padding,
                like=f"{prefix}%{suffix}",
                total=len(prefix) + seq.padding + len(suffix),
            )
        )
        last = self.env.cr.fetchone()[0] or 0
        day_range.number_next = last + 1
        day_range.flush_recordset()
        return day_range

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Dues receipt %(receipt)s", receipt=self.name)

    # ------------------------------------------------------------ reversal

    def action_reverse(self):
        """Reverse the payments with reversing entries; the dues are owed again."""
        self._party_check_manage()
        if any(p.state != "posted" for p in self):
            raise UserError(self.env._("Only posted payments can be reversed."))
        today = fields.Date.context_today(self)
        for company in self.company_id:
            self.env["party.dues"]._check_open_period(today.replace(day=1), company)
            company._party_dues_check_accounts_open(today)
        for payment in self.sudo():
            acc = self._dues_accounting(payment.company_id)
            analytic = payment.organization_id._party_analytic_accounts()[
                payment.organization_id.id
            ]
            liquidity = acc["liquidity"][payment.method]
            move = self._post_dues_entry(
                payment.company_id,
                today,
                self.env._("Reversal of %(receipt)s", receipt=payment.name),
                [
                    {
                        "account_id": acc["account"].id,
                        "partner_id": payment.member_id.partner_id.id,
                        "debit": payment.amount,
                        "analytic_distribution": {str(analytic.id): 100},
                    },
                    {"account_id": liquidity.id, "credit": payment.amount},
                ],
            )
            for line in payment.line_ids:
                line.dues_id.paid_amount -= line.amount
            if payment.voluntary_amount and payment.line_ids:
                last = payment.line_ids[-1].dues_id
                last.voluntary_amount = max(0.0, last.voluntary_amount - payment.voluntary_amount)
            payment._party_action_write({"state": "reversed", "reversal_move_id": move.id})
            payment.message_post(body=self.env._("Reversed by %(move)s.", move=move.name))
        self.env["party.dues.remittance"]._party_refresh_collected(self)
        return True

    @api.model
    def _post_dues_entry(self, company, day, label, lines):
        """Create and post, as superuser, one entry of ``company``'s dues journal dated
        ``day``, each of its ``lines`` (values of account.move.line) named ``label``.

        For actions that checked their caller and Odoo's lock dates first (reversal,
        remittance); the bulk registration posts its entries in ``_post_entries``.
        """
        journal = self._dues_accounting(company)["journal"]
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": company.id,
                    "date": day,
                    "ref": label,
                    "line_ids": [Command.create(dict(vals, name=label)) for vals in lines],
                }
            )
        )
        move.action_post()
        return move

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A posted dues payment is never deleted: reverse it instead."))
