from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PartyMemberAway(models.Model):
    """A member working away (流动党员): the outflow/inflow register.

    The member keeps their home organisation (组织关系 stays, ``organization_id``, the
    member's when the registration is made): it keeps them in its counts, its votes and
    its meetings (which they may attend by video where a meeting allows remote
    attendance, party_life). The register says where they are: an organisation of the
    system (``host_organization_id``, which reads the registration: the inflow side) or
    one outside it (``host_external``), from when to when, and where they pay their dues
    (``dues_at``: party_life's monthly run bills the host organisation's ledger when the
    host is an organisation of the same company, and bills nothing at home when the host
    is outside the system). A member away and registered is not lost (失联): the
    compliance check of lost contact reads the register.

    Registered by the officers of the home organisation.
    """

    _name = "party.member.away"
    _description = "Member Working Away"
    _inherit = ["mail.thread", "party.access.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    # the home organisation: the member's, computed (like a transfer's sending side)
    _party_org_field = "organization_id"
    _party_fixed_fields = ("member_id",)
    _party_location_fields = ("member_id", "host_organization_id")
    _party_workflow_fields = ("organization_id",)

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Home Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_organization_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="The organisation that keeps the member's Party relationship: it keeps "
        "them in its counts.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    host_organization_id = fields.Many2one(
        "party.organization",
        string="Host Organisation",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("org_type", "!=", "group")],
        help="The organisation where the member works away, in this system.",
    )
    host_external = fields.Char(
        string="Host Outside the System",
        tracking=True,
        help="The organisation where the member works away, outside this system.",
    )
    place = fields.Char(string="Where", help="City or workplace while away.")
    contact = fields.Char(string="Contact While Away")
    date_from = fields.Date(
        string="Away From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="Away Until", tracking=True, help="Empty: not known yet.")
    dues_at = fields.Selection(
        [("home", "Home Organisation"), ("host", "Host Organisation")],
        string="Dues Paid At",
        required=True,
        default="home",
        tracking=True,
    )
    is_current = fields.Boolean(string="Away Now", compute="_compute_is_current")

    @api.depends("member_id")
    def _compute_organization_id(self):
        for away in self:
            if not away.organization_id:
                away.organization_id = away.member_id.sudo().organization_id

    @api.depends("date_from", "date_to")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for away in self:
            away.is_current = away.date_from <= today and (
                not away.date_to or away.date_to >= today
            )

    @api.constrains("host_organization_id", "host_external", "date_from", "date_to")
    def _check_host(self):
        for away in self.sudo():
            if not away.host_organization_id and not away.host_external:
                raise ValidationError(
                    self.env._(
                        "Name the organisation where the member is, in this system or outside it."
                    )
                )
            if away.host_organization_id and away.host_organization_id == away.organization_id:
                raise ValidationError(self.env._("A member is not away in their own organisation."))
            if away.date_to and away.date_to < away.date_from:
                raise ValidationError(self.env._("A stay away ends after it starts."))

    def _party_prepare_create(self, vals_list):
        # the home organisation is the member's (computed)
        vals_list = super()._party_prepare_create(vals_list)
        return self._party_drop_client_values(vals_list, "organization_id")

    def _party_validate_create(self, vals_list):
        self._party_check_member_organizations(vals_list)
        return super()._party_validate_create(vals_list)

    def _party_after_create(self, vals_list):
        # a lost-contact finding of a member now registered away closes on save
        self.env["party.compliance"]._recheck(self.sudo().organization_id, ["last_contact_date"])
        return super()._party_after_create(vals_list)

    @api.model
    def _party_away_on(self, members, on_date, fnames=()):
        """The registrations of ``members`` current on ``on_date``, in one search, as
        superuser (the lost-contact check, the dues run)."""
        return self.sudo().search_fetch(
            [
                ("member_id", "in", members.ids),
                ("date_from", "<=", on_date),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", on_date),
            ],
            ["member_id", *fnames],
        )
