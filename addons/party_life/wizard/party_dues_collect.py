from odoo import Command, api, fields, models
from odoo.tools.misc import clean_context

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

from ..models.party_dues_payment import METHODS


class PartyDuesCollect(models.TransientModel):
    """Register dues payments, one member or a whole organisation at once."""

    _name = "party.dues.collect"
    _description = "Collect Party Dues"
    _party_rpc_methods = {
        "default_get": "reads the member named in the context with the caller's rights",
        "action_load_members": "dues read with the caller's rights (record rules)",
        "action_register": "party.dues.payment.register_payments checks every member",
    }

    organization_id = fields.Many2one("party.organization", string="Organisation")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, required=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    method = fields.Selection(METHODS, required=True, default="cash")
    line_ids = fields.One2many("party.dues.collect.line", "wizard_id", string="Payments")
    total = fields.Monetary(currency_field="currency_id", compute="_compute_total")
    load_note = fields.Char(readonly=True, help="What the last load of members found.")

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for wizard in self:
            wizard.total = sum(wizard.line_ids.mapped("amount"))

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        member_id = self.env.context.get("default_member_id")
        if member_id and "line_ids" in fields_list and not res.get("line_ids"):
            member = self.env["party.member"].browse(member_id)
            res["organization_id"] = member.organization_id.id
            res["line_ids"] = [
                Command.create({"member_id": member.id, "amount": max(member.dues_balance, 0.0)})
            ]
        if "organization_id" in fields_list and not res.get("organization_id"):
            res["organization_id"] = self._default_organization().id
        return res

    @api.model
    def _default_organization(self):
        """The organisation the caller manages, when there is one (with the groups below
        it): the secretary on a phone does not have to pick her branch."""
        managed = self.env.user.party_managed_organization_ids
        tops = managed.filtered(
            lambda org: not set(managed.ids) & {int(pid) for pid in org.parent_path.split("/")[:-2]}
        )
        return tops if len(tops) == 1 else tops.browse()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Collect Dues"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_load_members(self):
        """One line per member of the organisation (and sub-organisations) owing dues."""
        self.ensure_one()
        if not self.organization_id:
            return self._reopen()
        groups = self.env["party.dues"]._read_group(
            [
                ("member_id.organization_id", "child_of", self.organization_id.id),
                ("member_id.status", "in", IN_ORG_STATUSES),
                ("state", "=", "due"),
            ],
            ["member_id"],
            ["amount:sum", "paid_amount:sum"],
        )
        currency = self.currency_id
        present = set(self.line_ids.member_id.ids)
        commands = []
        for member, amount, paid in sorted(groups, key=lambda g: g[0].name or ""):
            owed = currency.round(amount - paid)
            if member.id in present or currency.compare_amounts(owed, 0.0) <= 0:
                continue
            commands.append(Command.create({"member_id": member.id, "amount": owed}))
        self.line_ids = commands
        if commands:
            self.load_note = self.env._(
                "%(count)s member(s) of %(org)s owe dues: loaded with the amount owed.",
                count=len(commands),
                org=self.organization_id.display_name,
            )
        else:
            self.load_note = self.env._(
                "Nobody in %(org)s owes dues that are not listed already: every due month "
                "is paid, or the months were not generated yet (Generate Dues).",
                org=self.organization_id.display_name,
            )
        return self._reopen()

    def action_register(self):
        self.ensure_one()
        currency = self.currency_id
        vals_list = [
            {
                "member_id": line.member_id.id,
                "amount": line.amount,
                "date": self.date,
                "method": self.method,
                "reference": line.reference or False,
                "voluntary": line.voluntary,
                "months_ahead": line.months_ahead,
                "payer_kind": line.payer_kind or "member",
                "payer_name": line.payer_name or False,
            }
            for line in self.line_ids
            if line.member_id and not currency.is_zero(line.amount)
        ]
        # Drop the form's default_* keys (default_member_id...) before creating records.
        Payment = self.env["party.dues.payment"].with_env(
            self.env(context=clean_context(self.env.context))
        )
        payments = Payment.register_payments(vals_list)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dues Payments"),
            "res_model": "party.dues.payment",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", payments.ids)],
            "context": {"create": False},
            "target": "current",
        }
