"""Party affairs disclosure (党务公开, 管理监督制度).

《中国共产党党务公开条例（试行）》2017: Party affairs are disclosed within the
Party (to the members) or to the public, after approval, and withdrawn when
they no longer apply. A disclosure is drafted by the organisation's officers,
approved by the superior organisation (or a Party administrator), shown from
its publish date and until its withdraw date or withdrawal; a disclosure not
yet published cannot be withdrawn (there is nothing to take down).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .superior_review import close_superior_review, schedule_superior_review

SCOPES = [("public", "Public (website)"), ("members", "Members Only (portal)")]


class PartyDisclosure(models.Model):
    _name = "party.disclosure"
    _description = "Party Affairs Disclosure"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "party.access.mixin",
        "party.superior.review.mixin",
    ]
    _order = "publish_date desc, id desc"
    _check_company_auto = True

    _party_workflow_fields = ("state", "approved_by_id", "withdrawn_on")
    # the organisation is fixed: its superior approves, and a finding reads the draft
    _party_fixed_fields = ("organization_id", "fund_report_id")
    _party_rpc_methods = {
        "action_submit": "_party_check_manage: officer of the disclosure's organisation",
        "action_approve": "check_superior: officer of the superior organisation who holds no "
        "position in the disclosure's own (or a Party administrator)",
        "action_reject": "check_superior: officer of the superior organisation who holds no "
        "position in the disclosure's own (or a Party administrator)",
        "action_withdraw": "_party_check_manage: officer of the disclosure's organisation",
    }

    name = fields.Char(string="Title", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    scope = fields.Selection(SCOPES, required=True, default="members", tracking=True)
    category = fields.Selection(
        [
            ("decision", "Decisions and Resolutions"),
            ("organization", "Organisation and Elections"),
            ("funds", "Party Funds and Dues"),
            ("discipline", "Discipline and Supervision"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
    )
    content = fields.Html()
    publish_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    withdraw_date = fields.Date(tracking=True, help="Shown until the day before this date.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    withdrawn_on = fields.Date(readonly=True, copy=False)
    fund_report_id = fields.Many2one(
        "party.fund.report", readonly=True, copy=False, check_company=True, index=True
    )
    is_published = fields.Boolean(
        compute="_compute_is_published", search="_search_is_published", string="Published"
    )

    @api.model
    def _published_domain(self, today=None):
        today = today or fields.Date.context_today(self)
        return [
            ("state", "=", "approved"),
            ("publish_date", "<=", today),
            "|",
            ("withdraw_date", "=", False),
            ("withdraw_date", ">", today),
        ]

    @api.depends("state", "publish_date", "withdraw_date")
    def _compute_is_published(self):
        today = fields.Date.context_today(self)
        for disclosure in self:
            disclosure.is_published = disclosure._published_on(today)

    def _published_on(self, day):
        return (
            self.state == "approved"
            and self.publish_date <= day
            and (not self.withdraw_date or self.withdraw_date > day)
        )

    def _search_is_published(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on published disclosures."))
        domain = self._published_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("publish_date", "withdraw_date")
    def _check_dates(self):
        for disclosure in self:
            if disclosure.withdraw_date and disclosure.withdraw_date <= disclosure.publish_date:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the withdraw date comes after the publish date.",
                        name=disclosure.name,
                    )
                )

    def _party_validate_write(self, vals):
        # what the superior approved, the window it is shown in included (withdrawn early
        # by action_withdraw, never backdated or extended by a write)
        content = {"name", "content", "scope", "publish_date", "withdraw_date", "organization_id"}
        if content.intersection(vals) and not self.env.su:
            if self.filtered(lambda d: d.state in ("approved", "withdrawn")):
                raise UserError(
                    self.env._(
                        "An approved disclosure is not edited: withdraw it and publish a new one."
                    )
                )
        if "publish_date" in vals and not self._party_trusted():
            new = fields.Date.to_date(vals["publish_date"]) if vals["publish_date"] else False
            moved = self.filtered(lambda d: d.publish_date != new)
            if moved:
                # the drafting branch does not postpone its own overdue disclosure out of the
                # disclosure_unpublished finding: the approvers move the date
                try:
                    moved._approvers_check()
                except AccessError as exc:
                    raise AccessError(
                        self.env._(
                            "%(name)s: the publish date is set when the disclosure is drafted; "
                            "afterwards only the superior organisation that approves it (or a "
                            "Party administrator) changes it.",
                            name=moved[0].name,
                        )
                    ) from exc
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_drafts_only(self):
        if self.filtered(lambda d: d.state in ("approved", "withdrawn")):
            raise UserError(
                self.env._("An approved disclosure stays on record: withdraw it instead.")
            )
        overdue = self.filtered(
            lambda d: (
                d.state in ("draft", "to_approve")
                and d.publish_date < fields.Date.context_today(self)
            )
        )
        if overdue and not self.env.su:
            try:
                overdue._approvers_check()
            except AccessError as exc:
                # deleting it would silence the disclosure_unpublished finding
                raise UserError(
                    self.env._(
                        "%(name)s is past its publish date and not yet approved: only the "
                        "superior organisation that approves it (or a Party administrator) "
                        "removes it.",
                        name=overdue[0].name,
                    )
                ) from exc

    # ----------------------------------------------------------------- actions

    def action_submit(self):
        self._party_check_manage()
        self._check_state(("draft",))
        self._party_action_write({"state": "to_approve"})
        schedule_superior_review(self)
        return True

    def _approvers_check(self):
        """The superior organisation of the disclosure's (fixed) organisation approves:
        an officer above it who holds no position in it, a Party administrator, or for
        the root organisation its own officers (``check_superior``)."""
        self._check_superior(
            self.env._(
                "Only the superior organisation (or a Party administrator) approves or "
                "rejects a disclosure, never an officer of the disclosure's own organisation."
            ),
        )

    def action_approve(self):
        self._approvers_check()
        self._check_state(("to_approve",))
        self.sudo()._party_action_write({"state": "approved", "approved_by_id": self.env.uid})
        close_superior_review(self)
        return True

    def action_reject(self):
        self._approvers_check()
        self._check_state(("to_approve",))
        self.sudo()._party_action_write({"state": "draft"})
        close_superior_review(self)
        return True

    def action_withdraw(self):
        """Take a published disclosure down today."""
        self._party_check_manage()
        today = fields.Date.context_today(self)
        for disclosure in self:
            if not disclosure._published_on(today):
                raise UserError(
                    self.env._(
                        "%(name)s is not published: a disclosure is withdrawn only once it is "
                        "public or shown to the members.",
                        name=disclosure.name,
                    )
                )
        self._party_action_write({"state": "withdrawn", "withdrawn_on": today})
        return True

    # ----------------------------------------------------------------- readers

    @api.model
    def _visible_for(self, user):
        """The disclosures ``user`` may read on the website and the portal (superuser
        recordset): public ones published, and for a Party member the members-only
        ones of their organisation and the organisations above it."""
        Disclosure = self.sudo()
        domain = self._published_domain()
        public = [("scope", "=", "public")]
        members = self.env["party.member"].sudo().search(
            [("user_id", "=", user.id), ("status", "in", ("active", "lost_contact"))]
        ) if not user._is_public() else self.env["party.member"]  # fmt: skip
        if members:
            orgs = members.organization_id | members.group_id
            ancestors = [
                int(i) for path in orgs.mapped("parent_path") for i in path.split("/") if i
            ]
            public = [
                "|",
                ("scope", "=", "public"),
                "&",
                ("scope", "=", "members"),
                ("organization_id", "in", ancestors),
            ]
        return Disclosure.search(domain + public)
