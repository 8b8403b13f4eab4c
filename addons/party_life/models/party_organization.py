from odoo import api, fields, models

# 党章第九条 连续6个月不交纳党费: the 6th consecutive unpaid month raises the finding
DUES_ARREARS_MONTHS = 6


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    # the organisation's Party funds: set once by _party_analytic_accounts
    _party_workflow_fields = ("analytic_account_id",)
    _party_rpc_methods = {"action_view_dues": "navigation: read access on the organisation"}

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        help="The organisation's Party funds in Odoo Accounting (dues collected, remitted).",
    )
    dues_ids = fields.One2many("party.dues", "organization_id")

    def _party_analytic_accounts(self):
        """{org_id: analytic account}, creating the missing ones in one batch."""
        orgs = self.sudo()
        missing = orgs.filtered(lambda o: not o.analytic_account_id)
        if missing:
            plan = self.env.ref("party_life.analytic_plan_party", raise_if_not_found=False)
            if not plan:
                plan = (
                    self.env["account.analytic.plan"]
                    .sudo()
                    .create({"name": self.env._("Party Organisations")})
                )
            accounts = (
                self.env["account.analytic.account"]
                .sudo()
                .create(
                    [
                        {
                            "name": org.complete_name,
                            "code": org.code,
                            "plan_id": plan.id,
                            "company_id": org.company_id.id,
                        }
                        for org in missing
                    ]
                )
            )
            for org, account in zip(missing, accounts, strict=True):
                org.analytic_account_id = account
        return {org.id: org.analytic_account_id for org in orgs}

    @api.model
    def _compliance_checks(self):
        checks = super()._compliance_checks()
        checks["dues_arrears_6m"] = (
            "_check_rule_dues_arrears",
            self.env._(
                "《中国共产党章程》第九条: a member who pays no dues for 6 consecutive months "
                "without a proper reason is regarded as having left the Party; the branch decides."
            ),
        )
        return checks

    def _check_rule_dues_arrears(self, on_date, counts, positions):
        members = (
            self.env["party.member"]
            .sudo()
            .search(
                [("organization_id", "in", self.ids), ("status", "in", ("active", "lost_contact"))]
            )
        )
        arrears = self.env["party.dues"]._arrears(members, on_date)
        breaches = []
        for member in members:
            months = arrears.get(member.id, 0)
            if months >= DUES_ARREARS_MONTHS:
                breaches.append(
                    {
                        "organization_id": member.organization_id.id,
                        "member_id": member.id,
                        "message": self.env._(
                            "%(member)s has paid no dues for %(months)s consecutive months: the "
                            "branch decides whether the procedure for leaving the Party applies.",
                            member=member.name,
                            months=months,
                        ),
                    }
                )
        return breaches

    def action_view_dues(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("party_life.party_dues_action")
        action["domain"] = [("organization_id", "child_of", self.id)]
        return action
