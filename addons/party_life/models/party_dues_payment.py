import math
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.sql import insert_rows

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
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
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
        vals_list = self._clean_registration(vals_list)
        Dues = self.env["party.dues"].sudo()
        Member = self.env["party.member"].sudo()
        members = Member.browse({v["member_id"] for v in vals_list})
        members.fetch(["organization_id", "company_id", "partner_id", "name"])
        self._check_registration(vals_list, members)
        # payments in advance: the future months' rows
        ahead = defaultdict(set)
        for vals in vals_list:
            date = fields.Date.to_date(vals["date"])
            for n in range(1, int(vals.get("months_ahead") or 0) + 1):
                ahead[date.replace(day=1) + relativedelta(months=n)].add(vals["member_id"])
        for period, member_ids in sorted(ahead.items()):
            Dues.generate(period, members=Member.browse(member_ids))
        open_rows = Dues.search_fetch(
            [("member_id", "in", members.ids), ("state", "=", "due")],
            ["member_id", "period", "amount", "paid_amount", "organization_id"],
            order="period, id",
        )
        rows_of = defaultdict(list)
        for row in open_rows:
            rows_of[row.member_id.id].append(row)
        lines_vals, payment_vals = [], []
        for vals in vals_list:
            member = Member.browse(vals["member_id"])
            remaining = vals["amount"]
            allocations = []
            picked = set(vals.get("dues_ids") or ())
            for row in rows_of[member.id]:
                if picked and row.id not in picked:
                    continue
                owed = row.amount - row.paid_amount
                if owed <= 0 or remaining <= 0:
                    continue
                part = min(owed, remaining)
                row.paid_amount += part
                remaining = member.company_id.currency_id.round(remaining - part)
                allocations.append((row, part))
            if remaining > 0 and not vals.get("voluntary"):
                raise ValidationError(
                    self.env._(
                        "%(member)s pays %(amount)s but owes %(owed)s: the difference is accepted "
                        "only as a voluntary payment (tick Voluntary) — members may pay more "
                        "voluntarily (%(rule)s).",
                        member=member.name,
                        amount=vals["amount"],
                        owed=vals["amount"] - remaining,
                        rule="中组部《关于中国共产党党费收缴、使用和管理的规定》(2008)",
                    )
                )
            if remaining > 0:
                target = allocations[-1][0] if allocations else None
                if target:
                    target.voluntary_amount += remaining
            payment_vals.append(
                {
                    "member_id": member.id,
                    "organization_id": member.organization_id.id,
                    "company_id": member.company_id.id,
                    "date": fields.Date.to_date(vals["date"]),
                    "method": vals["method"],
                    "amount": vals["amount"],
                    "voluntary_amount": remaining,
                    "reference": vals.get("reference") or False,
                    "payer_kind": vals["payer_kind"],
                    "payer_name": vals["payer_name"] or None,
                }
            )
            lines_vals.append(allocations)
        # Bulk insert: no chatter message or follower is due on a registration.
        names = self._next_receipt_numbers(len(payment_vals))
        for vals, name in zip(payment_vals, names, strict=True):
            vals.update(name=name, state="posted", reference=vals["reference"] or None)
        payments = self.sudo().browse(
            insert_rows(self.env, "party_dues_payment", PAYMENT_COLUMNS, payment_vals)
        )
        insert_rows(
            self.env,
            "party_dues_payment_line",
            {"payment_id": "int4", "dues_id": "int4", "amount": "numeric"},
            [
                {"payment_id": payment.id, "dues_id": row.id, "amount": part}
                for payment, allocations in zip(payments, lines_vals, strict=True)
                for row, part in allocations
            ],
        )
        payments._post_entries()
        self.env["party.dues.remittance"]._party_refresh_collected(payments)
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
        if len(members.exists()) != len(members):
            raise ValidationError(self.env._("A payment names a member who does not exist."))
        self._clean_payer_and_months(cleaned, members)
        currency_of = {member.id: member.company_id.currency_id for member in members}
        for vals in cleaned:
            vals["amount"] = currency_of[vals["member_id"]].round(vals["amount"])
        return cleaned

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
            member = members.browse(vals["member_id"])
            if kind == "member":
                name = False
            elif not name:
                raise ValidationError(
                    self.env._(
                        "Name who paid for %(member)s (%(kind)s): a payment on a member's "
                        "behalf shows its payer on the receipt and in the ledger.",
                        member=member.name,
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

    def _check_registration(self, vals_list, members):
        references = [v["reference"] for v in vals_list if v.get("reference")]
        if len(references) != len(set(references)):
            raise ValidationError(
                self.env._("The same payment reference appears twice in this registration.")
            )
        if references:
            # the database's rule is per company: so is the check (and what it tells)
            taken = self.sudo().search_fetch(
                [("reference", "in", references), ("company_id", "in", members.company_id.ids)],
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
        for vals in vals_list:
            if vals.get("amount", 0) <= 0:
                raise ValidationError(self.env._("A dues payment must be a positive amount."))
            if vals.get("method") not in dict(METHODS):
                raise ValidationError(
                    self.env._("Choose how the dues were paid: cash, bank or online.")
                )
            member = members.browse(vals["member_id"])
            Dues._check_open_period(
                fields.Date.to_date(vals["date"]).replace(day=1), member.company_id
            )
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
            company = members.browse(vals["member_id"]).company_id
            first_day[company] = min(vals["date"], first_day.get(company, vals["date"]))
        for company, day in first_day.items():
            company._party_dues_check_accounts_open(day)

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

    def _post_entries(self):
        """One posted entry per company, date and method, with one credit line per
        organisation (its analytic account) and the cash/bank debit; the detail per
        member stays on the payments and their allocations."""
        group_ids = defaultdict(list)  # lists, not recordset unions: those are quadratic
        for payment in self:
            group_ids[(payment.company_id, payment.date, payment.method)].append(payment.id)
        groups = {key: self.browse(ids) for key, ids in group_ids.items()}
        analytic = self.organization_id._party_analytic_accounts()
        moves_vals, batches = [], []
        accounting = {company: self._dues_accounting(company) for company in self.company_id}
        for (company, date, method), payments in groups.items():
            acc = accounting[company]
            per_org = defaultdict(float)
            count = defaultdict(int)
            payer = {}
            for payment in payments:
                per_org[payment.organization_id] += payment.amount
                count[payment.organization_id] += 1
                payer[payment.organization_id] = payment.member_id.partner_id.id
            lines = [
                Command.create(
                    {
                        "name": self.env._(
                            "Party dues %(org)s (%(count)s payments)",
                            org=org.name,
                            count=count[org],
                        ),
                        "account_id": acc["account"].id,
                        # a single payment keeps its payer on the line
                        "partner_id": payer[org] if count[org] == 1 else False,
                        "credit": company.currency_id.round(amount),
                        "debit": 0.0,
                        "analytic_distribution": {str(analytic[org.id].id): 100},
                    }
                )
                for org, amount in per_org.items()
            ]
            lines.append(
                Command.create(
                    {
                        "name": self.env._("Party dues collected"),
                        "account_id": acc["liquidity"][method].id,
                        "debit": company.currency_id.round(sum(per_org.values())),
                        "credit": 0.0,
                    }
                )
            )
            moves_vals.append(
                {
                    "move_type": "entry",
                    "journal_id": acc["journal"].id,
                    "company_id": company.id,
                    "date": date,
                    "ref": self.env._(
                        "Party dues collected (%(count)s payments)", count=len(payments)
                    ),
                    "line_ids": lines,
                }
            )
            batches.append(payments)
        moves = (
            self.env["account.move"].sudo().with_context(tracking_disable=True).create(moves_vals)
        )
        moves.action_post()
        for move, payments in zip(moves, batches, strict=True):
            payments.move_id = move
            payments.line_ids.dues_id.move_id = move

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
            for vals, name in zip(todo, self._next_receipt_numbers(len(todo)), strict=True):
                vals["name"] = name
        return vals_list

    @api.model
    def _next_receipt_numbers(self, count):
        """``count`` receipt numbers from the receipt sequence, drawn in one query."""
        if not count:
            return []
        seq = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "party.dues.payment"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not seq or seq.implementation != "standard" or seq.use_date_range:
            return [
                self.env["ir.sequence"].sudo().next_by_code("party.dues.payment") or "/"
                for _i in range(count)
            ]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)", f"ir_sequence_{seq.id:03d}", count
            )
        )
        prefix, suffix = seq._get_prefix_suffix()
        return [f"{prefix}{number:0{seq.padding}d}{suffix}" for (number,) in self.env.cr.fetchall()]

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
