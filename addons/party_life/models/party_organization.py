from odoo import Command, api, fields, models

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES
from odoo.addons.party_branch.tools.actions import list_action, related_counts

from .party_dues_collection import collection_rate


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    # the organisation's Party funds: set once by _party_analytic_accounts;
    # the consultation channel: set by action_open_consultation only (the sudo code
    # adds the caller to this channel)
    _party_workflow_fields = ("analytic_account_id", "consultation_channel_id")
    _party_rpc_methods = {
        "action_view_dues": "navigation: read access on the organisation",
        "action_view_dues_collection": "navigation: read access on the organisation (the "
        "report's record rules)",
        "action_view_meetings": "navigation: read access on the organisation",
        "action_open_consultation": "a member of the organisation (or of its Party group), or "
        "_party_check_manage: officer of the organisation",
    }

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        check_company=True,
        help="The organisation's Party funds in Odoo Accounting (dues collected, remitted).",
    )
    dues_ids = fields.One2many("party.dues", "organization_id")
    party_remote_sign_in = fields.Boolean(
        string="Remote Sign-In",
        help="Members may sign in to the organisation's meetings with a button, wherever they "
        "are. Off: they sign in at the meeting's room, with the QR code or the 6-digit code of "
        "the room screen.",
    )

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

    dues_collection_month = fields.Date(
        string="Dues Month", compute="_compute_dues_collection", help="This month."
    )
    dues_rate_amount = fields.Float(
        string="Dues Collected (Amount %)",
        compute="_compute_dues_collection",
        digits=(5, 2),
        help="This month's dues paid over the dues due, in amount, the organisation and every "
        "organisation below it together (党费收缴率).",
    )
    dues_rate_members = fields.Float(
        string="Dues Collected (Members %)",
        compute="_compute_dues_collection",
        digits=(5, 2),
        help="This month's members whose dues are paid over the members due, the "
        "organisation and every organisation below it together.",
    )
    dues_members_due = fields.Integer(string="Members Due", compute="_compute_dues_collection")
    dues_members_paid = fields.Integer(string="Members Paid", compute="_compute_dues_collection")

    @api.depends_context("uid")
    def _compute_dues_collection(self):
        """This month's collection rate of each organisation and its tree, for who reads
        the dues of the organisation (its officers, the Party administrators and auditors):
        one query for all the organisations."""
        month = fields.Date.context_today(self).replace(day=1)
        user = self.env.user
        if (
            self.env.su
            or user.has_group("party_branch.group_party_admin")
            or user.has_group("party_branch.group_party_auditor")
        ):
            shown = self
        else:
            shown = self._party_managed(self)
        Collection = self.env["party.dues.collection"]
        figures = Collection._party_rolled_up(shown, month) if shown else {}
        for org in self:
            due, paid, members_due, members_paid = figures.get(org.id, (0.0, 0.0, 0, 0))
            org.dues_collection_month = month
            org.dues_rate_amount = collection_rate(paid, due)
            org.dues_rate_members = collection_rate(members_paid, members_due)
            org.dues_members_due = members_due
            org.dues_members_paid = members_paid

    def action_view_dues_collection(self):
        return list_action(
            self,
            "party_life.party_dues_collection_action",
            [("organization_id", "child_of", self.id)],
        )

    def action_view_dues(self):
        return list_action(
            self, "party_life.party_dues_action", [("organization_id", "child_of", self.id)]
        )

    meeting_ids = fields.One2many("party.meeting", "organization_id", string="Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_count")

    def _compute_meeting_count(self):
        counts = related_counts(self, "party.meeting", "organization_id")
        for org in self:
            org.meeting_count = counts.get(org, 0)

    def action_view_meetings(self):
        return list_action(
            self,
            "party_life.party_meeting_action",
            [("organization_id", "child_of", self.id)],
            {"default_organization_id": self.id},
        )

    consultation_channel_id = fields.Many2one("discuss.channel", copy=False, readonly=True)
    work_point_ids = fields.One2many(
        "party.work.point", "organization_id", string="Key Work Points"
    )

    def action_open_consultation(self):
        """Open the online consultation of the organisation, creating it on first use.

        The channel is a private discuss group of the members (with a login) of the
        organisation and of the user who opens it.
        """
        self.ensure_one()
        self.check_access("read")
        if not self.env.su:
            own = self.env.user.sudo().party_member_ids.filtered(
                lambda m: m.status in IN_ORG_STATUSES
            )
            if self not in (own.organization_id | own.group_id):
                self._party_check_manage()
        org = self.sudo()
        channel = org.consultation_channel_id
        if not channel:
            members = self.env["party.member"].sudo().search([("organization_id", "=", org.id)])
            partners = members.filtered("user_id").partner_id | self.env.user.partner_id
            channel = (
                self.env["discuss.channel"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Consultation: %s", org.name),
                        "channel_type": "group",
                        "channel_member_ids": [
                            Command.create({"partner_id": partner.id}) for partner in partners
                        ],
                    }
                )
            )
            org.consultation_channel_id = channel
        elif self.env.user.partner_id not in channel.channel_member_ids.partner_id:
            channel.sudo()._add_members(partners=self.env.user.partner_id)
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "context": {"active_id": f"discuss.channel_{channel.id}"},
        }
