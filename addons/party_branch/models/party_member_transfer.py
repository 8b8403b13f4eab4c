from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# 组织关系介绍信有效期一般为3个月: valid through the same day 3 months after it was sent
LETTER_VALIDITY_MONTHS = 3


class PartyMemberTransfer(models.Model):
    """Transfer of a member's Party relationship (组织关系转接).

    draft → sent (introduction letter, valid 3 months) → completed by the
    receiving organisation; or expired / cancelled. The member's
    organisation changes only on completion.
    """

    _name = "party.member.transfer"
    _description = "Transfer of Membership"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "create_date desc, id desc"

    # The sending organisation opens the transfer; it comes from the member.
    _party_org_field = "from_organization_id"
    _party_fixed_fields = ("member_id",)
    _party_location_fields = ("member_id", "to_organization_id")
    _party_workflow_fields = (
        "state", "date_sent", "date_valid_until", "date_completed", "from_organization_id",
        "requested_by_member",
    )  # fmt: skip
    _party_rpc_methods = {
        "request_transfer": "the caller's own membership, found by their user (AccessError "
        "for anyone else, or for another member's transfer); one open request at a time; a "
        "draft for the officers of their organisation to review",
        "action_send": "_party_check_manage: officer of the sending organisation",
        "action_complete": "_check_receiving_officer: officer of the receiving organisation",
        "action_cancel": "officer of the sending or of the receiving organisation",
    }
    _party_rpc_sample_args = {
        "request_transfer": ({"to_external": "Another company's branch", "reason": "I move"},)
    }

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
    )
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    member_name = fields.Char(related="member_id.name", string="Member Name")
    member_category = fields.Selection(related="member_id.member_category")
    from_organization_id = fields.Many2one(
        "party.organization",
        string="From",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_from_organization_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        # the member's organisation when the transfer is made (computed): a client's value
        # is refused by the guard (a workflow field), a copy computes its own
        copy=False,
    )
    to_organization_id = fields.Many2one(
        "party.organization",
        string="To",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("org_type", "!=", "group")],
        help="Receiving organisation in this system. Leave empty for a transfer out of the enterprise.",
    )
    to_external = fields.Char(
        string="External Destination", help="Receiving organisation outside this system."
    )
    company_id = fields.Many2one(related="from_organization_id.company_id", store=True, index=True)
    reason = fields.Text()
    letter_number = fields.Char(copy=False, tracking=True)
    date_sent = fields.Date(string="Sent On", readonly=True, copy=False, tracking=True)
    date_valid_until = fields.Date(string="Valid Until", readonly=True, copy=False)
    date_completed = fields.Date(string="Completed On", readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("completed", "Completed"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )

    requested_by_member = fields.Boolean(
        string="Asked by the Member",
        readonly=True,
        copy=False,
        help="The member asked for this transfer on the portal; the officers review the draft.",
    )

    _sql_constraints = [
        ("letter_number_uniq", "unique(letter_number)", "This letter number is already used."),
    ]

    @api.depends("member_id")
    def _compute_from_organization_id(self):
        for transfer in self:
            if transfer.state == "draft" or not transfer.from_organization_id:
                transfer.from_organization_id = transfer.member_id.sudo().organization_id

    @api.constrains("from_organization_id", "to_organization_id", "to_external")
    def _check_destination(self):
        for transfer in self:
            if (
                transfer.to_organization_id
                and transfer.to_organization_id == transfer.from_organization_id
            ):
                raise ValidationError(
                    self.env._("A member cannot be transferred to the organisation they are in.")
                )
            if not transfer.to_organization_id and not transfer.to_external:
                raise ValidationError(
                    self.env._("Name the receiving organisation, in this system or outside it.")
                )

    def _party_prepare_create(self, vals_list):
        # the sending organisation is the member's (computed)
        vals_list = super()._party_prepare_create(vals_list)
        vals_list = self._party_drop_client_values(vals_list, "from_organization_id")
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "party.member.transfer"
                ) or self.env._("New")
        return vals_list

    def _party_validate_create(self, vals_list):
        # the sending organisation is the member's: whoever opens the transfer manages it
        self._party_check_member_organizations(vals_list)
        return super()._party_validate_create(vals_list)

    # ------------------------------------------------------------------ the member asks

    @api.model
    def _party_request_destinations(self, member):
        """The organisations of the member's company a member may ask to go to (sudo):
        not a Party group, not their own."""
        return (
            self.env["party.organization"]
            .sudo()
            .search(
                [
                    ("company_id", "=", member.company_id.id),
                    ("org_type", "!=", "group"),
                    ("id", "!=", member.organization_id.id),
                ],
                order="complete_name",
            )
        )

    @api.model
    def request_transfer(self, values):
        """The caller asks for the transfer of their own membership: ``values`` has
        ``to_organization_id`` (an organisation of their company) or ``to_external`` (a
        destination outside the system, as text), and ``reason``. A draft is made for the
        officers of their organisation, with a to-do for its secretary. Returns its id."""
        member = (
            self.env["party.member"]
            .sudo()
            .search([("user_id", "=", self.env.uid), ("status", "in", ("active", "lost_contact"))],
                    limit=1)
        )  # fmt: skip
        if not member or self.env.user._is_public():
            raise AccessError(
                self.env._("Only a Party member asks for the transfer of their membership.")
            )
        values = values if isinstance(values, dict) else {}
        if values.get("member_id") not in (None, False, member.id):
            raise AccessError(self.env._("A member asks only for their own transfer."))
        unknown = set(values) - {"member_id", "to_organization_id", "to_external", "reason"}
        if unknown:
            raise ValidationError(
                self.env._(
                    "A transfer request has no field %(fields)s.", fields=", ".join(sorted(unknown))
                )
            )
        open_request = self.sudo().search(
            [("member_id", "=", member.id), ("state", "in", ("draft", "sent"))], limit=1
        )
        if open_request:
            raise UserError(
                self.env._(
                    "Your transfer %(ref)s is already under way: your organisation reviews it. "
                    "Ask its secretary to cancel it before asking again.",
                    ref=open_request.name,
                )
            )
        to_org = values.get("to_organization_id") or False
        destination = self.env["party.organization"]
        if to_org:
            if not isinstance(to_org, int) or isinstance(to_org, bool):
                raise ValidationError(self.env._("Choose the receiving organisation in the list."))
            destination = self._party_request_destinations(member).filtered(
                lambda o: o.id == to_org
            )
            if not destination:
                raise ValidationError(self.env._("Choose the receiving organisation in the list."))
        external = values.get("to_external")
        external = external.strip()[:200] if isinstance(external, str) else ""
        reason = values.get("reason")
        reason = reason.strip()[:2000] if isinstance(reason, str) else ""
        if not destination and not external:
            raise ValidationError(
                self.env._("Name the receiving organisation, in this system or outside it.")
            )
        if not reason:
            raise UserError(self.env._("Say why you ask for the transfer."))
        transfer = self.sudo().create(
            {
                "member_id": member.id,
                "to_organization_id": destination.id,
                "to_external": False if destination else external,
                "reason": reason,
                "requested_by_member": True,
            }
        )
        org = transfer.from_organization_id
        officer = self.env["party.finding"].sudo()._responsible_users(org).get(org.id)
        if officer:
            transfer.with_context(lang=officer.lang).activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=officer.id,
                summary=transfer.with_context(lang=officer.lang).env._(
                    "Review the transfer %(member)s asked for", member=member.name
                ),
            )
        return transfer.id

    # ------------------------------------------------------------------ officers

    def action_send(self):
        self._party_check_manage()
        today = fields.Date.context_today(self)
        for transfer in self:
            member = transfer.member_id.sudo()
            if transfer.state != "draft":
                raise UserError(
                    self.env._("Only a draft transfer can be sent (%(ref)s).", ref=transfer.name)
                )
            if not transfer.letter_number:
                raise UserError(
                    self.env._(
                        "Record the number of the introduction letter before sending %(ref)s.",
                        ref=transfer.name,
                    )
                )
            if member.organization_id != transfer.from_organization_id:
                raise UserError(
                    self.env._(
                        "%(member)s is no longer in %(org)s.",
                        member=member.name,
                        org=transfer.from_organization_id.name,
                    )
                )
            if member.status not in ("active", "lost_contact"):
                raise UserError(
                    self.env._("%(member)s is not an active member.", member=member.name)
                )
            pending = self.sudo().search_count(
                [("member_id", "=", member.id), ("state", "=", "sent"), ("id", "!=", transfer.id)]
            )
            if pending:
                raise UserError(
                    self.env._("%(member)s already has a transfer under way.", member=member.name)
                )
        self._party_action_write(
            {
                "state": "sent",
                "date_sent": today,
                "date_valid_until": today + relativedelta(months=LETTER_VALIDITY_MONTHS),
            }
        )
        return True

    def _check_receiving_officer(self):
        if self.env.su:
            return
        self.check_access("write")
        for transfer in self:
            target = transfer.to_organization_id or transfer.from_organization_id
            try:
                self._party_check_organizations(target)
            except AccessError as error:
                raise UserError(
                    self.env._(
                        "Only an officer of %(org)s completes this transfer: the receiving "
                        "organisation confirms it has received the member.",
                        org=target.sudo().name,
                    )
                ) from error

    def action_complete(self):
        today = fields.Date.context_today(self)
        self._check_receiving_officer()
        for transfer in self:
            if transfer.state != "sent":
                raise UserError(
                    self.env._(
                        "Only a sent transfer can be completed (%(ref)s).", ref=transfer.name
                    )
                )
            if transfer.date_valid_until < today:
                raise UserError(
                    self.env._(
                        "The introduction letter %(letter)s expired on %(date)s (valid 3 months): "
                        "a new letter is needed.",
                        letter=transfer.letter_number,
                        date=transfer.date_valid_until,
                    )
                )
        for transfer in self.sudo():
            member = transfer.member_id
            if transfer.to_organization_id:
                leaving = member.current_position_ids.filtered(
                    lambda p, t=transfer: (
                        not t.to_organization_id.parent_path.startswith(
                            p.organization_id.parent_path
                        )
                    )
                )
                leaving.action_end_term()
                member.write({"organization_id": transfer.to_organization_id.id, "group_id": False})
            else:
                member.current_position_ids.action_end_term()
                member.write({"status": "transferred_out"})
        self._party_action_write({"state": "completed", "date_completed": today})
        return True

    def action_cancel(self):
        if not self.env.su:
            self.check_access("write")
            for transfer in self:
                try:
                    self._party_check_organizations(transfer.from_organization_id)
                except AccessError:
                    self._party_check_organizations(transfer.to_organization_id)
        if any(t.state not in ("draft", "sent") for t in self):
            raise UserError(self.env._("Only draft or sent transfers can be cancelled."))
        self._party_action_write({"state": "cancelled"})
        return True

    @api.model
    def _cron_expire(self):
        today = fields.Date.context_today(self)
        self.search([("state", "=", "sent"), ("date_valid_until", "<", today)])._party_action_write(
            {"state": "expired"}
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(t.state != "draft" for t in self):
            raise UserError(self.env._("A transfer that was sent is kept; cancel it instead."))
