"""Asset filing (备案资产登记, 管理监督制度).

An organisation files every Party asset it holds with its superior organisation
(备案): when it acquires the asset (新增), when the asset changes (变更) and when
it disposes of it (处置). Each filing is linked to the fixed asset in OCA
``account_asset_management`` (the registry the accountants keep and party_venue
uses) and holds the asset's figures as they were when it was submitted, not as
they are today.

The organisation's officers draft and submit the filing; the officers of the
superior organisation (or a Party administrator) accept it or return it with a
reason. A submitted, accepted or returned filing is locked and stays on record:
a returned filing is corrected by a new filing that refers to it. At most one
filing per asset and filing type is open (draft or submitted) at a time, in the
database too. An asset in service or disposed of without an accepted filing
raises the ``asset_not_filed`` finding (``models/party_compliance.py``).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .superior_review import close_superior_review, schedule_superior_review

FILING_TYPES = [
    ("acquisition", "Acquisition"),
    ("change", "Change"),
    ("disposal", "Disposal"),
]
OPEN_STATES = ("draft", "submitted")
# the asset's figures copied at submission: {filing field: asset field}
SNAPSHOT = {
    "filed_purchase_value": "purchase_value",
    "filed_value_residual": "value_residual",
    "filed_date_start": "date_start",
    "filed_date_remove": "date_remove",
    "filed_asset_state": "state",
}
# what the organisation writes in a draft; locked once the filing is submitted
CONTENT_FIELDS = ("filing_type", "note")


class PartyAssetFiling(models.Model):
    _name = "party.asset.filing"
    _description = "Asset Filing"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "party.access.mixin",
        "party.superior.review.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _rec_names_search = ["asset_id", "organization_id"]

    _party_fixed_fields = ("organization_id", "asset_id", "corrects_id")
    _party_workflow_fields = (
        "state",
        "submitted_on",
        "submitted_by_id",
        "reviewed_on",
        "reviewed_by_id",
        *SNAPSHOT,
    )
    _party_rpc_methods = {
        "action_submit": "_party_check_manage: officer of the filing's organisation",
        "action_accept": "_check_superior: officer of the superior organisation who holds no "
        "position in the filing's own (or a Party administrator)",
        "action_return": "_check_superior: officer of the superior organisation who holds no "
        "position in the filing's own (or a Party administrator)",
        "action_new_correction": "check_access('read'): opens a new filing form, creates nothing",
    }

    organization_id = fields.Many2one(
        "party.organization",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The organisation that holds the asset and files it with its superior.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    asset_id = fields.Many2one(
        "account.asset",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('party_organization_id', '=', organization_id)] if organization_id "
        "else [('party_organization_id', '!=', False)]",
    )
    filing_type = fields.Selection(
        FILING_TYPES, required=True, default="acquisition", tracking=True
    )
    note = fields.Text(help="What is filed and why: the acquisition, the change or the disposal.")
    corrects_id = fields.Many2one(
        "party.asset.filing",
        string="Corrects Filing",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The returned filing this one corrects.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("returned", "Returned"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    submitted_on = fields.Date(readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_on = fields.Date(readonly=True, copy=False)
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    review_note = fields.Text(
        string="Superior's Note",
        tracking=True,
        copy=False,
        help="Written by the superior organisation; the reason is required to return a filing.",
    )
    # the asset as filed (copied at submission, not live)
    filed_purchase_value = fields.Monetary(
        string="Purchase Value (Filed)", readonly=True, copy=False
    )
    filed_value_residual = fields.Monetary(
        string="Residual Value (Filed)", readonly=True, copy=False
    )
    filed_date_start = fields.Date(string="Start Date (Filed)", readonly=True, copy=False)
    filed_date_remove = fields.Date(string="Removal Date (Filed)", readonly=True, copy=False)
    filed_asset_state = fields.Selection(
        [("draft", "Draft"), ("open", "Running"), ("close", "Close"), ("removed", "Removed")],
        string="Asset Status (Filed)",
        readonly=True,
        copy=False,
    )
    _sql_constraints = [
        (
            "open_filing_uniq",
            "EXCLUDE USING btree (asset_id WITH =, filing_type WITH =) "
            "WHERE (state IN ('draft', 'submitted'))",
            "This asset already has an open filing of this type: submit or finish it first.",
        ),
    ]

    @api.depends("filing_type", "asset_id")
    def _compute_display_name(self):
        labels = dict(self._fields["filing_type"]._description_selection(self.env))
        for filing in self:
            # the asset's name as superuser: officers without accounting rights read their
            # filings, and the asset is the one the filing was checked against
            filing.display_name = self.env._(
                "%(type)s: %(asset)s",
                type=labels.get(filing.filing_type, ""),
                asset=filing.asset_id.sudo().display_name or "",
            )

    @api.onchange("asset_id")
    def _onchange_asset_id(self):
        """The holder of the asset chosen first (read with the caller's rights: an
        officer reads the assets their organisations hold)."""
        if self.asset_id and not self.organization_id:
            self.organization_id = self.asset_id.party_organization_id

    # ------------------------------------------------------------- constraints

    @api.constrains("asset_id", "organization_id")
    def _check_asset_holder(self):
        for filing in self:
            if filing.asset_id.sudo().party_organization_id != filing.organization_id:
                # the asset is not named: its id may have been sent by someone who does not
                # see it (docs/security.md, rule 4)
                raise ValidationError(
                    self.env._(
                        "%(org)s does not hold this asset: an organisation files only the "
                        "assets it holds (the accountants set the holding Party organisation "
                        "on the asset).",
                        org=filing.organization_id.name,
                    )
                )

    def _check_open_clash(self, pairs):
        """The clear message before the database's exclusion constraint: no other open
        filing of the same asset and type. ``pairs``: (asset id, filing type) of the
        filings about to be created or changed (``self``, excluded from the search)."""
        pairs = [(asset_id, filing_type) for asset_id, filing_type in pairs if asset_id]
        if not pairs:
            return
        # the states the actions wrote are in the database before it compares
        self.flush_model(["asset_id", "filing_type", "state"])
        taken = {
            (filing.asset_id.id, filing.filing_type)
            for filing in self.sudo().search_fetch(
                [
                    ("asset_id", "in", [asset_id for asset_id, __ in pairs]),
                    ("state", "in", OPEN_STATES),
                    ("id", "not in", self.ids),
                ],
                ["asset_id", "filing_type"],
            )
        }
        seen = set()
        for pair in pairs:
            if pair in taken or pair in seen:
                labels = dict(self._fields["filing_type"]._description_selection(self.env))
                # the asset is not named: its id may come from someone who does not see it
                raise ValidationError(
                    self.env._(
                        "This asset already has an open %(type)s filing: submit or finish "
                        "it first (one open filing per asset and filing type).",
                        type=labels.get(pair[1], pair[1]),
                    )
                )
            seen.add(pair)

    @api.constrains("corrects_id", "asset_id")
    def _check_corrects(self):
        for filing in self.filtered("corrects_id"):
            corrected = filing.corrects_id.sudo()
            if corrected.asset_id != filing.asset_id or corrected.state != "returned":
                raise ValidationError(
                    self.env._(
                        "A correction refers to a returned filing of the same asset.",
                    )
                )

    # ------------------------------------------------------------------- CRUD

    def _party_validate_create(self, vals_list):
        if not self._party_trusted():
            # who may create where comes first (the guard: the organisation is one the
            # caller manages): the open-filing check below answers about assets, and only
            # to who may file them
            self.check_access("create")
            if any(vals.get("review_note") for vals in vals_list):
                raise UserError(
                    self.env._("The superior's note is written while the filing is submitted.")
                )
            # the holder before the open-filing check: only who files an asset learns
            # whether it has an open filing (no answer about other organisations' assets)
            Asset = self.env["account.asset"].sudo()
            Org = self.env["party.organization"]
            for vals in vals_list:
                asset = Asset.browse(vals.get("asset_id") or []).exists()
                if vals.get("asset_id") and asset.party_organization_id.id != vals.get(
                    "organization_id"
                ):
                    raise ValidationError(
                        self.env._(
                            "%(org)s does not hold this asset: an organisation files only the "
                            "assets it holds (the accountants set the holding Party "
                            "organisation on the asset).",
                            org=Org.browse(vals.get("organization_id") or []).sudo().name or "",
                        )
                    )
        default_type = self._fields["filing_type"].default(self)
        self._check_open_clash(
            [
                (vals.get("asset_id"), vals.get("filing_type") or default_type)
                for vals in vals_list
                if vals.get("state", "draft") in OPEN_STATES
            ]
        )
        return super()._party_validate_create(vals_list)

    def _party_validate_write(self, vals):
        if vals.get("filing_type"):
            self._check_open_clash(
                [
                    (filing.asset_id.id, vals["filing_type"])
                    for filing in self.sudo()
                    if filing.state in OPEN_STATES
                ]
            )
        if not self.env.su:
            if set(CONTENT_FIELDS) & set(vals) and self.filtered(lambda f: f.state != "draft"):
                raise UserError(
                    self.env._(
                        "A submitted filing is locked: if it is returned, file a new one that "
                        "corrects it."
                    )
                )
            if "review_note" in vals and not self._party_trusted():
                if self.filtered(lambda f: f.state != "submitted"):
                    raise UserError(
                        self.env._("The superior's note is written while the filing is submitted.")
                    )
                self._check_superior()
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_drafts_only(self):
        if self.filtered(lambda f: f.state != "draft"):
            raise UserError(
                self.env._(
                    "A submitted, accepted or returned filing stays on record: only a draft "
                    "is deleted."
                )
            )

    # ----------------------------------------------------------------- actions

    def _check_superior(self, message=""):
        return super()._check_superior(
            message
            or self.env._(
                "Only the superior organisation (or a Party administrator) accepts or "
                "returns an asset filing, never an officer of the filing's own organisation."
            )
        )

    def action_submit(self):
        """Submit to the superior, with the asset's figures as they are today."""
        self._party_check_manage()
        self._check_state(("draft",))
        self._check_asset_holder()
        today = fields.Date.context_today(self)
        # the assets read as superuser: each is the one the filing was checked against
        # (fixed field, held by the filing's organisation, checked again just above)
        for filing in self:
            asset = filing.asset_id.sudo()
            filing._party_action_write(
                {
                    "state": "submitted",
                    "submitted_on": today,
                    "submitted_by_id": self.env.uid,
                    **{
                        name: asset._fields[source].convert_to_write(asset[source], asset)
                        for name, source in SNAPSHOT.items()
                    },
                }
            )
        schedule_superior_review(self)
        return True

    def _check_four_eyes(self):
        """Who submitted a filing does not also accept or return it (an officer of the
        superior may file for a branch below: someone else reviews)."""
        if self.env.su:
            return
        if self.sudo().filtered(lambda f: f.submitted_by_id.id == self.env.uid):
            raise UserError(
                self.env._(
                    "You submitted this filing: another officer of the superior organisation "
                    "(or a Party administrator) accepts or returns it."
                )
            )

    def _check_reviewer(self):
        """The checks of a review, in order: the superior, a submitted filing, and not
        the officer who submitted it."""
        self._check_superior()
        self._check_state(("submitted",))
        self._check_four_eyes()

    def _review(self, state):
        """Write the review's outcome (after ``_check_reviewer``)."""
        self.sudo()._party_action_write(
            {
                "state": state,
                "reviewed_on": fields.Date.context_today(self),
                "reviewed_by_id": self.env.uid,
            }
        )
        close_superior_review(self)
        return True

    def action_accept(self):
        self._check_reviewer()
        return self._review("accepted")

    def action_return(self):
        """Return the filing to the organisation, with the reason in the superior's note;
        the organisation files a new one that corrects it."""
        self._check_reviewer()
        for filing in self:
            if not (filing.review_note or "").strip():
                raise UserError(
                    self.env._(
                        "%(name)s: write the reason in the superior's note before returning "
                        "the filing.",
                        name=filing.display_name,
                    )
                )
        return self._review("returned")

    def action_new_correction(self):
        """A new filing form that corrects this returned filing (nothing is created here:
        the new filing's create checks the organisation like any other)."""
        self.check_access("read")
        self.ensure_one()
        if self.state != "returned":
            raise UserError(self.env._("Only a returned filing is corrected by a new one."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Corrected Filing"),
            "res_model": "party.asset.filing",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_organization_id": self.organization_id.id,
                "default_asset_id": self.asset_id.id,
                "default_filing_type": self.filing_type,
                "default_corrects_id": self.id,
                "default_note": self.note,
            },
        }
