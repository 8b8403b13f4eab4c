from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyDuesRemittance(models.Model):
    """A share of the dues collected, remitted to the superior organisation.

    Posted as a journal entry moving the amount from the organisation's
    analytic account to the superior's (or out to the bank when the superior
    is outside the company).
    """

    _name = "party.dues.remittance"
    _description = "Party Dues Remittance"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # the superior follows from the organisation; posting is the action's
    _party_workflow_fields = ("to_organization_id", "move_id", "state", "collected")
    _party_rpc_methods = {
        "action_post": "_party_check_manage: officer of the remitting organisation; draft "
        "only, at most what was collected",
    }
    # a posted remittance is an entry in the accounts: it no longer changes
    _party_posted_locked = ("organization_id", "date_from", "date_to", "date", "percent", "amount")

    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, tracking=True
    )
    to_organization_id = fields.Many2one(
        "party.organization",
        string="Superior",
        compute="_compute_to_organization_id",
        store=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Collected From", required=True)
    date_to = fields.Date(string="Collected Until", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    collected = fields.Monetary(
        currency_field="currency_id", compute="_compute_amounts", store=True
    )
    percent = fields.Float(
        string="Share (%)", default=lambda self: self.env.company.party_dues_remit_percent
    )
    amount = fields.Monetary(
        currency_field="currency_id", compute="_compute_amounts", store=True, readonly=False
    )
    move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True, check_company=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")], default="draft", required=True, tracking=True
    )

    @api.depends("organization_id")
    def _compute_to_organization_id(self):
        for remittance in self:
            remittance.to_organization_id = remittance.organization_id.parent_id

    @api.depends("organization_id", "date_from", "date_to", "percent")
    def _compute_amounts(self):
        Payment = self.env["party.dues.payment"].sudo()
        for remittance in self:
            if not (remittance.organization_id and remittance.date_from and remittance.date_to):
                remittance.collected = remittance.amount = 0.0
                continue
            payments = Payment.search(
                [
                    ("organization_id", "=", remittance.organization_id.id),
                    ("state", "=", "posted"),
                    ("date", ">=", remittance.date_from),
                    ("date", "<=", remittance.date_to),
                ]
            )
            remittance.collected = sum(payments.mapped("amount"))
            remittance.amount = remittance.currency_id.round(
                remittance.collected * remittance.percent / 100
            )

    @api.model
    def _party_refresh_collected(self, payments):
        """Recompute what the draft remittances ``payments`` fall in collected, and
        their share.

        ``collected`` sums the posted payments of the organisation between the
        remittance's dates: no field path leads from a payment to the remittances
        counting it (and payments are inserted in bulk), so ``@api.depends`` cannot
        say it. Registering and reversing payments call this. A posted remittance
        is an entry in the accounts and keeps what it remitted.
        """
        payments = payments.sudo()
        payments.fetch(["organization_id", "date"])
        self._party_refresh_collected_on({(p.organization_id.id, p.date) for p in payments})

    @api.model
    def _party_refresh_collected_on(self, org_days):
        """The same for payments given as ``{(organisation id, date)}`` (a bulk
        registration passes the values it inserted, without reading them back)."""
        if not org_days:
            return
        dates_of = defaultdict(list)
        for org_id, day in org_days:
            dates_of[org_id].append(day)
        days = [day for _org, day in org_days]
        remittances = self.sudo().search(
            [
                ("state", "=", "draft"),
                ("organization_id", "in", list(dates_of)),
                ("date_from", "<=", max(days)),
                ("date_to", ">=", min(days)),
            ]
        )
        remittances = remittances.filtered(
            lambda r: any(r.date_from <= day <= r.date_to for day in dates_of[r.organization_id.id])
        )
        for field_name in ("collected", "amount"):
            self.env.add_to_compute(self._fields[field_name], remittances)

    def _party_validate_write(self, vals):
        if (
            not self._party_trusted()
            and set(vals).intersection(self._party_posted_locked)
            and any(r.state == "posted" for r in self)
        ):
            raise UserError(
                self.env._("A posted remittance is an entry in the accounts: it is not changed.")
            )
        return super()._party_validate_write(vals)

    def action_post(self):
        self._party_check_manage()
        for remittance in self:
            remittance.company_id._party_dues_check_accounts_open(remittance.date)
        Payment = self.env["party.dues.payment"]
        for remittance in self.sudo():
            if remittance.state != "draft" or remittance.amount <= 0:
                raise UserError(
                    self.env._("Only a draft remittance with a positive amount can be posted.")
                )
            if remittance.currency_id.compare_amounts(remittance.amount, remittance.collected) > 0:
                raise UserError(
                    self.env._(
                        "%(org)s cannot remit %(amount)s: it collected %(collected)s in the period.",
                        org=remittance.organization_id.name,
                        amount=remittance.amount,
                        collected=remittance.collected,
                    )
                )
            acc = Payment._dues_accounting(remittance.company_id)
            orgs = remittance.organization_id | remittance.to_organization_id
            analytic = orgs._party_analytic_accounts()
            source = {str(analytic[remittance.organization_id.id].id): 100}
            if remittance.to_organization_id:
                counterpart = {
                    "account_id": acc["account"].id,
                    "analytic_distribution": {
                        str(analytic[remittance.to_organization_id.id].id): 100
                    },
                }
            else:
                counterpart = {"account_id": acc["liquidity"]["bank"].id}
            # the entry is the company's record, read by its accountants: in the company's
            # language, whoever posts it
            company_env = self.with_context(
                lang=remittance.company_id.partner_id.lang or self.env.lang
            ).env
            label = company_env._(
                "Dues remitted by %(org)s",
                org=remittance.organization_id.with_env(company_env).name,
            )
            move = Payment._post_dues_entry(
                remittance.company_id,
                remittance.date,
                label,
                [
                    {
                        "account_id": acc["account"].id,
                        "debit": remittance.amount,
                        "analytic_distribution": source,
                    },
                    dict(counterpart, credit=remittance.amount),
                ],
            )
            remittance._party_action_write({"move_id": move.id, "state": "posted"})
        return True
