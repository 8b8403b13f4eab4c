"""Dual report, dual appraisal (双述双评制度): the secretary's yearly report.

Each year the secretary of every branch reports on the performance of their
duties (述职) and on their integrity (述廉) by a deadline; the superior
committee and the members of the branch rate the report (评议). The secretary
files the report themself: nobody files it for them. A report not filed by its
deadline raises the ``secretary_report_late`` finding.
"""

from collections import Counter
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.party_branch.tools.superior import check_superior

from .superior_review import close_superior_review, schedule_superior_review

REPORTING_TYPES = ("general_branch", "branch", "joint_branch")

RATINGS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
]


class PartySecretaryReport(models.Model):
    _name = "party.secretary.report"
    _description = "Secretary's Yearly Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "year desc, organization_id, id desc"
    _check_company_auto = True

    # the organisation is fixed: its superior closes the rating, moves the deadline and
    # removes the report, and the secretary_report_late finding reads it
    _party_fixed_fields = ("organization_id", "member_id", "year")
    _party_workflow_fields = ("state", "filed_on")
    _party_location_fields = ("member_id",)
    _party_rpc_sample_args = {"generate": (2025,)}
    _party_rpc_methods = {
        "generate": "_party_check_generate: a Party administrator, or an officer of every "
        "organisation given",
        "action_file": "the caller's own report: the secretary's user (AccessError otherwise)",
        "action_open_rating": "_party_check_manage: officer of the report's organisation",
        "action_close": "_check_superior: officer of the superior organisation who holds no "
        "position in the report's own and is not its secretary (or a Party administrator)",
        **{
            f"action_rate_{rating}": "_rate: the caller's own membership, an officer of the "
            "superior organisation or a member of the branch (AccessError otherwise)"
            for rating in ("excellent", "good", "fair", "poor")
        },
    }

    name = fields.Char(compute="_compute_name", store=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    member_id = fields.Many2one(
        "party.member", string="Secretary", required=True, index=True, check_company=True
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year - 1)
    deadline = fields.Date(
        required=True,
        default=lambda self: date(fields.Date.today().year, 1, 31),
        tracking=True,
        help="The report is filed by this day (included).",
    )
    duty_report = fields.Html(string="Report on Duties (述职)")
    integrity_report = fields.Html(string="Report on Integrity (述廉)")
    state = fields.Selection(
        [("draft", "To File"), ("filed", "Filed"), ("rating", "Being Rated"), ("done", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    filed_on = fields.Date(readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late")
    report_rating_ids = fields.One2many("party.secretary.report.rating", "report_id")
    rating_summary = fields.Char(compute="_compute_rating_summary", string="Rating Counts")

    _sql_constraints = [
        (
            "org_year_uniq",
            "unique(organization_id, year)",
            "One secretary's report per organisation and year.",
        ),
    ]

    @api.depends("organization_id.name", "year", "member_id.name")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "%(year)s report of %(member)s (%(org)s)",
                year=report.year,
                member=report.member_id.name or "",
                org=report.organization_id.name or "",
            )

    @api.depends("deadline", "filed_on", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for report in self:
            day = report.filed_on or today
            report.is_late = bool(report.deadline and day > report.deadline)

    @api.depends("report_rating_ids.rating")
    def _compute_rating_summary(self):
        Rating = self.env["party.secretary.report.rating"]
        labels = dict(Rating._fields["rating"]._description_selection(self.env))
        for report in self:
            counts = Counter(report.sudo().report_rating_ids.mapped("rating"))
            report.rating_summary = ", ".join(
                f"{labels[key]} {counts[key]}" for key in labels if counts[key]
            )

    def _check_superior(self, organizations, message, secretaries=None):
        """The superior of ``organizations`` (``check_superior``,
        ``party_branch/tools/superior.py``); never the secretary of one of these reports
        (``secretaries``: those of the reports being created)."""
        if secretaries is None:
            secretaries = self.sudo().member_id
        check_superior(self, organizations, message, subjects=secretaries.sudo().exists().user_id)

    def _deadline_message(self):
        return self.env._(
            "The deadline of a secretary's report is 31 January of the next year; only the "
            "superior organisation (or a Party administrator) sets another."
        )

    def _party_prepare_create(self, vals_list):
        """A client's deadline is the rule's (31 January of the next year) unless the
        superior organisation sets another: checked here, then written as given."""
        vals_list = super()._party_prepare_create(vals_list)
        if not self._party_trusted():
            default_year = self.default_get(["year"]).get("year")
            Org = self.env["party.organization"]
            checked = []
            for vals in vals_list:
                year = vals.get("year") or default_year
                rule = date(year + 1, 1, 31) if 2000 <= year <= 2100 else False
                deadline = fields.Date.to_date(vals["deadline"]) if vals.get("deadline") else rule
                if deadline != rule:
                    self._check_superior(
                        Org.browse(vals.get("organization_id") or []),
                        self._deadline_message(),
                        secretaries=self.env["party.member"].browse(vals.get("member_id") or []),
                    )
                checked.append({**vals, "deadline": deadline})
            vals_list = checked
        return vals_list

    def _party_validate_write(self, vals):
        if "deadline" in vals and not self._party_trusted():
            new = fields.Date.to_date(vals["deadline"]) if vals["deadline"] else False
            moved = self.filtered(lambda r: r.deadline != new)
            if moved:
                moved._check_superior(moved.organization_id, self._deadline_message())
        if {"duty_report", "integrity_report"} & set(vals) and not self.env.su:
            if self.filtered(lambda r: r.state != "draft"):
                raise UserError(self.env._("A filed report is not edited."))
        return super()._party_validate_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_the_superior(self):
        """The branch does not delete its own report (and the secretary_report_late
        finding with it): the superior organisation, or a Party administrator, does."""
        if self.env.su or not self:
            return
        message = self.env._(
            "A secretary's report stays on record: only the superior organisation (or a "
            "Party administrator) removes it."
        )
        try:
            self._check_superior(self.sudo().organization_id, message)
        except AccessError as exc:
            raise UserError(message) from exc

    # ------------------------------------------------------------- yearly cycle

    @api.model
    def _party_check_generate(self, organizations):
        """The organisations a yearly run covers, after checking the caller: every
        organisation of the caller's companies for a Party administrator (no list
        given), otherwise the ones given, each managed by the caller."""
        Org = self.env["party.organization"]
        if organizations is None:
            if not (self.env.su or self._party_is_admin()):
                raise AccessError(
                    self.env._("Only a Party administrator runs the year for every organisation.")
                )
            return Org.search([("org_type", "in", REPORTING_TYPES)])
        if not isinstance(organizations, (list, tuple)) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in organizations
        ):
            raise AccessError(self.env._("Send the organisations as a list of ids."))
        orgs = Org.browse(organizations).sudo().exists()
        self._party_check_organizations(orgs)
        return orgs.with_env(self.env).filtered(lambda o: o.org_type in REPORTING_TYPES)

    @api.model
    def generate(self, year, organizations=None):
        """The reports of ``year``, one per organisation with a secretary at the end of
        the year, due on 31 January of the next year (suite policy); idempotent.
        Returns the reports of the year of these organisations."""
        orgs = self._party_check_generate(organizations)
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            raise UserError(self.env._("%(year)r is not a year.", year=year))
        if year >= fields.Date.context_today(self).year:
            raise UserError(self.env._("A year is reported on once it has ended."))
        Report = self.sudo()
        orgs = orgs.sudo()
        existing = Report.search([("organization_id", "in", orgs.ids), ("year", "=", year)])
        done = set(existing.organization_id.ids)
        positions = orgs._position_state(date(year, 12, 31))
        new = Report.create(
            [
                {
                    "organization_id": org.id,
                    "member_id": positions[org.id]["secretary"].id,
                    "year": year,
                    "deadline": date(year + 1, 1, 31),
                }
                for org in orgs
                if org.id not in done and positions[org.id]["secretary"]
            ]
        )
        return (existing | new).with_env(self.env)

    @api.model
    def _cron_generate(self):
        """Yearly: the reports of the year that has just ended."""
        self.sudo().generate(fields.Date.context_today(self).year - 1)

    # ----------------------------------------------------------------- actions

    def action_file(self):
        """The secretary files their own report."""
        mine = self.sudo().filtered(lambda r: r.member_id.user_id.id == self.env.uid)
        if not self or mine != self.sudo():
            raise AccessError(
                self.env._("A secretary files their own report: nobody files it for them.")
            )
        for report in mine:
            if report.state != "draft":
                raise UserError(self.env._("%(name)s is already filed.", name=report.name))
            if not (report.duty_report and report.integrity_report):
                raise UserError(
                    self.env._(
                        "%(name)s: write both the report on duties (述职) and the report on "
                        "integrity (述廉) before filing.",
                        name=report.name,
                    )
                )
        mine._party_action_write({"state": "filed", "filed_on": fields.Date.context_today(self)})
        return True

    def action_open_rating(self):
        self._party_check_manage()
        if self.filtered(lambda r: r.state != "filed"):
            raise UserError(self.env._("Only a filed report is put to the rating."))
        self._party_action_write({"state": "rating"})
        # the rating is closed by the superior organisation
        schedule_superior_review(self)
        return True

    def action_close(self):
        self._check_superior(
            self.sudo().organization_id,
            self.env._(
                "Only the superior organisation (or a Party administrator) closes the rating "
                "of a secretary's report: neither an officer of the report's own organisation "
                "nor the secretary on their own report."
            ),
        )
        if self.filtered(lambda r: r.state != "rating"):
            raise UserError(self.env._("Only a report being rated is closed."))
        self.sudo()._party_action_write({"state": "done"})
        close_superior_review(self)
        return True

    def _rater(self):
        """(member, kind) of the caller for this report, or (empty, False)."""
        self.ensure_one()
        report = self.sudo()
        members = self._caller_members()
        if report.member_id in members:
            # the secretary does not rate their own report, not even as an officer of
            # the superior committee
            return members.browse(), False
        # an officer of the committee right above, holding no position in the report's
        # own organisation (as check_superior: who leads a group below the branch does
        # not rate its reports as its superior)
        managed = self.env.user.party_managed_organization_ids
        superior = report.organization_id.parent_id
        if superior and superior in managed and report.organization_id not in managed and members:
            return members[:1], "superior"
        in_branch = members.filtered(
            lambda m: m.organization_id == report.organization_id and m != report.member_id
        )
        return in_branch[:1], "member" if in_branch else False

    def _caller_members(self):
        """The caller's own memberships that rate (sudo, found by the caller's user)."""
        return (
            self.env["party.member"]
            .sudo()
            .search([("user_id", "=", self.env.uid), ("status", "in", ("active", "lost_contact"))])
        )

    @api.model
    def _portal_domain(self):
        """The reports the caller rates or has rated on the portal, from the caller's own
        memberships: their branch's report (not their own), and the reports of the
        organisations right below one the caller manages, as ``_rater`` decides."""
        members = self._caller_members()
        if not members:
            return [("id", "=", False)]
        managed = self.env.user.party_managed_organization_ids
        return [
            ("state", "in", ("rating", "done")),
            ("member_id", "not in", members.ids),
            "|",
            ("organization_id", "in", members.organization_id.ids),
            "&",
            ("organization_id.parent_id", "in", managed.ids),
            ("organization_id", "not in", managed.ids),
        ]

    def _portal_rated(self):
        """{report id: the caller's own rating} over these reports, in one query."""
        ratings = (
            self.env["party.secretary.report.rating"]
            .sudo()
            .search(
                [("report_id", "in", self.ids), ("member_id", "in", self._caller_members().ids)]
            )
        )
        return {r.report_id.id: r.rating for r in ratings}

    def _portal_counts(self):
        """[(label, raters of the superior committee, members)] of this report, every
        rating in order, zeros included."""
        self.ensure_one()
        Rating = self.env["party.secretary.report.rating"].sudo()
        counts = {
            (rating, kind): count
            for rating, kind, count in Rating._read_group(
                [("report_id", "=", self.id)], ["rating", "rater_kind"], ["__count"]
            )
        }
        labels = Rating._fields["rating"]._description_selection(self.env)
        return [
            (label, counts.get((key, "superior"), 0), counts.get((key, "member"), 0))
            for key, label in labels
        ]

    def action_rate_excellent(self):
        return self._rate("excellent")

    def action_rate_good(self):
        return self._rate("good")

    def action_rate_fair(self):
        return self._rate("fair")

    def action_rate_poor(self):
        return self._rate("poor")

    def _rate(self, rating):
        """The caller rates the report: as an officer of the superior committee or as a
        member of the branch (the secretary does not rate their own report), once."""
        member, kind = self._rater() if len(self) == 1 else (None, False)
        if not kind:
            raise AccessError(self.env._("You do not rate this report."))
        report = self.sudo()
        if report.state != "rating":
            raise UserError(self.env._("%(name)s is not open for rating.", name=report.name))
        if rating not in dict(RATINGS):
            raise UserError(self.env._("A rating is excellent, good, fair or poor."))
        Rating = self.env["party.secretary.report.rating"].sudo()
        if Rating.search_count([("report_id", "=", report.id), ("member_id", "=", member.id)]):
            raise UserError(self.env._("You have already rated %(name)s.", name=report.name))
        Rating.create(
            {"report_id": report.id, "member_id": member.id, "rater_kind": kind, "rating": rating}
        )
        return True
