from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.actions import list_action, related_counts

# Organisation types: the type selection of party.organization, also used by the term rules.
ORG_TYPES = [
    ("committee", "Party Committee"),
    ("general_branch", "General Branch"),
    ("branch", "Branch"),
    ("joint_branch", "Joint Branch"),
    ("group", "Party Group"),
]
# Organisation types that hold elections and have a term of office.
ELECTED_TYPES = ("committee", "general_branch", "branch", "joint_branch")
# Organisation types a member's relationship (组织关系) can be kept in.
MEMBER_ORG_TYPES = ("committee", "general_branch", "branch", "joint_branch")
# Member statuses that still count in the organisation.
IN_ORG_STATUSES = ("active", "lost_contact")
# Allowed parent types per type.
PARENT_TYPES = {
    "committee": ("committee",),
    "general_branch": ("committee",),
    "branch": ("committee", "general_branch"),
    "joint_branch": ("committee", "general_branch"),
    "group": ("branch", "joint_branch", "general_branch"),
}


class PartyOrganization(models.Model):
    _name = "party.organization"
    _description = "Party Organisation"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _parent_store = True
    _parent_name = "parent_id"
    _order = "complete_name"
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "code"]
    _check_company_auto = True

    # An organisation is placed by its superior: a new or moved organisation goes
    # under one the caller manages (party.access.mixin).
    _party_org_field = "parent_id"
    _party_location_fields = ("parent_id", "company_id")
    _party_rpc_methods = {
        "action_check_compliance": "_party_check_manage: officer of every organisation "
        "checked, or Party administrator of its company",
        "action_view_members": "navigation: read access on the organisation",
        "action_view_findings": "navigation: read access on the organisation",
        "action_view_transfers": "navigation: read access on the organisation",
        "action_view_positions": "navigation: read access on the organisation",
    }

    name = fields.Char(required=True, tracking=True, translate=False)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    code = fields.Char(required=True, tracking=True, index=True)
    org_type = fields.Selection(
        ORG_TYPES, string="Type", required=True, default="branch", tracking=True, index=True
    )
    parent_id = fields.Many2one(
        "party.organization",
        string="Superior Organisation",
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("party.organization", "parent_id", string="Sub-organisations")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    unit_name = fields.Char(
        string="Unit", help="The enterprise unit or department the organisation is set up in."
    )
    village_community = fields.Boolean(
        string="Village / Community",
        help="Organisations of villages and urban communities serve 5-year terms.",
    )
    has_committee = fields.Boolean(
        string="Committee Set Up",
        compute="_compute_has_committee",
        store=True,
        readonly=False,
        tracking=True,
        help="A branch committee (支部委员会) has been elected. Branches with 7 or more "
        "full members must have one.",
    )

    # Term of office
    term_years = fields.Integer(
        string="Term (years)",
        compute="_compute_term_years",
        store=True,
        readonly=False,
        help="From the term rules of the organisation type; editable.",
    )
    term_start = fields.Date(tracking=True)
    term_adjust_months = fields.Integer(
        string="Term Adjustment (months)",
        tracking=True,
        help="Postponement (positive) or advance (negative) of the election approved by "
        "the superior organisation, at most 12 months.",
    )
    term_adjust_approval = fields.Char(
        string="Adjustment Approval", help="Reference of the superior's approval."
    )
    term_end = fields.Date(compute="_compute_term_end", store=True)
    next_election_date = fields.Date(
        string="Next Election Due", compute="_compute_term_end", store=True
    )

    # Members
    member_ids = fields.One2many("party.member", "organization_id", string="Member Records")
    group_member_ids = fields.One2many("party.member", "group_id", string="Group Members")
    member_count = fields.Integer(compute="_compute_member_counts", string="Members")
    full_member_count = fields.Integer(compute="_compute_member_counts", string="Full Members")
    probationary_member_count = fields.Integer(
        compute="_compute_member_counts", string="Probationary Members"
    )
    total_member_count = fields.Integer(
        compute="_compute_member_counts",
        string="Members incl. Sub-organisations",
    )
    total_full_member_count = fields.Integer(
        compute="_compute_member_counts",
        string="Full Members incl. Sub-organisations",
    )

    # Positions
    position_ids = fields.One2many("party.position", "organization_id", string="Position History")
    current_position_ids = fields.One2many(
        "party.position",
        "organization_id",
        string="Current Positions",
        domain=lambda self: self.env["party.position"]._current_domain(),
    )
    secretary_id = fields.Many2one("party.member", compute="_compute_positions")
    committee_size = fields.Integer(compute="_compute_positions")
    vacant_position_type_ids = fields.Many2many(
        "party.position.type", compute="_compute_positions", string="Vacant Positions"
    )
    vacancy_count = fields.Integer(compute="_compute_positions", string="Vacancies")

    is_managed = fields.Boolean(
        compute="_compute_is_managed",
        search="_search_is_managed",
        string="Managed by Me",
        help="The current user holds a position in the organisation or one of its superiors.",
    )

    # Findings
    finding_ids = fields.One2many("party.finding", "organization_id", string="Findings")
    open_finding_count = fields.Integer(compute="_compute_open_finding_count")
    transfer_count = fields.Integer(compute="_compute_transfer_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of an organisation must be unique.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for org in self:
            if org.parent_id:
                org.complete_name = f"{org.parent_id.complete_name} / {org.name}"
            else:
                org.complete_name = org.name

    @api.depends("org_type")
    def _compute_has_committee(self):
        for org in self:
            org.has_committee = org.org_type in ("committee", "general_branch")

    @api.depends("org_type", "village_community")
    def _compute_term_years(self):
        years = self.env["party.term.rule"]._term_years_map()
        for org in self:
            org.term_years = years.get(
                (org.org_type, org.village_community), years.get((org.org_type, False), 0)
            )

    @api.depends("term_start", "term_years", "term_adjust_months")
    def _compute_term_end(self):
        for org in self:
            if org.term_start and org.term_years and org.org_type in ELECTED_TYPES:
                org.term_end = org.term_start + relativedelta(
                    years=org.term_years, months=org.term_adjust_months, days=-1
                )
            else:
                org.term_end = False
            org.next_election_date = org.term_end and org.term_end + timedelta(days=1)

    def _member_counts(self):
        """{org_id: {'all': n, 'full': n, 'probationary': n}} over members in the organisation
        (a Party group: the members of the group). One grouped statement, each member
        counted in its organisation and in its group (the compliance pass over 50,000
        members, the counts on the organisation's form)."""
        counts = defaultdict(lambda: defaultdict(int))
        ids = [org_id for org_id in self.ids if isinstance(org_id, int)]
        if not ids:
            return counts
        self.env["party.member"].flush_model(
            ["organization_id", "group_id", "status", "member_category", "partner_id"]
        )
        self.env["res.partner"].flush_model(["active"])
        self.env.cr.execute(
            SQL(
                """SELECT o.id, m.member_category, count(*)
                     FROM party_member m
                     JOIN res_partner p ON p.id = m.partner_id
                    CROSS JOIN LATERAL (VALUES (m.organization_id), (m.group_id)) AS o(id)
                    WHERE p.active AND m.status IN %(statuses)s AND o.id = ANY(%(ids)s)
                    GROUP BY o.id, m.member_category""",
                statuses=tuple(IN_ORG_STATUSES),
                ids=ids,
            )
        )
        for org_id, category, count in self.env.cr.fetchall():
            counts[org_id][category] += count
            counts[org_id]["all"] += count
        return counts

    def _compute_member_counts(self):
        """Own counts and the subtree's (one search and two grouped queries for every
        record at once): Party groups are left out of a superior's total, their members
        are counted in their branch; a group's total is its own members."""
        counts = self._member_counts()
        totals = defaultdict(lambda: defaultdict(int))
        if self.ids:
            subtree = self.sudo().search(
                [("id", "child_of", self.ids), ("org_type", "!=", "group")]
            )
            sub_counts = subtree._member_counts()
            targets = set(self.ids)
            for sub in subtree:
                ancestors = {int(pid) for pid in sub.parent_path.split("/") if pid}
                for ancestor in ancestors & targets:
                    for key in ("all", "full"):
                        totals[ancestor][key] += sub_counts[sub.id][key]
        for org in self:
            total = counts[org.id] if org.org_type == "group" else totals[org.id]
            org.member_count = counts[org.id]["all"]
            org.full_member_count = counts[org.id]["full"]
            org.probationary_member_count = counts[org.id]["probationary"]
            org.total_member_count = total["all"]
            org.total_full_member_count = total["full"]

    def _compute_positions(self):
        state = self._position_state()
        for org in self:
            info = state[org.id]
            org.secretary_id = info["secretary"]
            org.committee_size = len(info["committee"])
            org.vacant_position_type_ids = info["vacant"]
            org.vacancy_count = len(info["vacant"])

    def _position_state(self, on_date=None):
        """Secretary, committee members and vacant required positions per organisation.

        One query for the positions of all organisations in ``self``.
        """
        on_date = on_date or fields.Date.context_today(self)
        Position = self.env["party.position"].sudo()
        positions = Position.search_fetch(
            [("organization_id", "in", self.ids)] + Position._current_domain(on_date),
            ["organization_id", "member_id", "position_type_id"],
        )
        types = self.env["party.position.type"].sudo().search([("active", "=", True)])
        held = defaultdict(set)
        secretary = {}
        committee = defaultdict(set)
        for pos in positions:
            org_id = pos.organization_id.id
            ptype = pos.position_type_id
            held[org_id].add(ptype.id)
            if ptype.code == "secretary":
                secretary[org_id] = pos.member_id.id
            if ptype.is_committee_member:
                committee[org_id].add(pos.member_id.id)
        result = {}
        secretaries = self.env["party.member"].browse(set(secretary.values()))
        required = {}  # the types required, per organisation type and committee: computed once
        for org in self:
            kind = (org.org_type, org.has_committee)
            if kind not in required:
                required[kind] = types.filtered(lambda t, org=org: t._is_required_in(org))
            vacant = required[kind].filtered(lambda t, org=org: t.id not in held[org.id])
            result[org.id] = {
                # one prefetch set, so that reading the secretaries' users is one query
                "secretary": secretaries.browse(secretary.get(org.id)).with_prefetch(
                    secretaries._prefetch_ids
                ),
                "committee": committee[org.id],
                "vacant": vacant,
            }
        return result

    def _compute_is_managed(self):
        managed = self.search([("is_managed", "=", True), ("id", "in", self.ids)])
        for org in self:
            org.is_managed = org in managed

    def _search_is_managed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on managed organisations."))
        domain = [("id", "child_of", self.env.user.party_managed_organization_ids.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_open_finding_count(self):
        counts = related_counts(
            self.sudo(), "party.finding", "organization_id", [("state", "=", "open")]
        )
        for org in self:
            org.open_finding_count = counts.get(org, 0)

    def _compute_transfer_count(self):
        Transfer = self.env["party.member.transfer"]
        counts = defaultdict(int)
        for field in ("from_organization_id", "to_organization_id"):
            for org, count in Transfer._read_group([(field, "in", self.ids)], [field], ["__count"]):
                counts[org.id] += count
        for org in self:
            org.transfer_count = counts[org.id]

    # --------------------------------------------------------------- constraints

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An organisation cannot be its own superior."))
        for org in self:
            if org.parent_id and org.parent_id.org_type not in PARENT_TYPES[org.org_type]:
                raise ValidationError(
                    self.env._(
                        "A %(type)s cannot be set up under a %(parent_type)s (%(org)s). "
                        "Rule: 《中国共产党支部工作条例（试行）》 organisation setting.",
                        type=org._type_label(),
                        parent_type=org.parent_id._type_label(),
                        org=org.name,
                    )
                )
            if not org.parent_id and org.org_type == "group":
                raise ValidationError(
                    self.env._("A Party group must belong to a branch (%(org)s).", org=org.name)
                )

    @api.constrains("term_adjust_months", "term_adjust_approval")
    def _check_term_adjustment(self):
        for org in self:
            if abs(org.term_adjust_months) > 12:
                raise ValidationError(
                    self.env._(
                        "An election can be postponed or advanced by at most 12 months "
                        "(%(org)s). Rule: 中办《关于党的基层组织任期的意见》(2018).",
                        org=org.name,
                    )
                )
            if org.term_adjust_months and not org.term_adjust_approval:
                raise ValidationError(
                    self.env._(
                        "Postponing or advancing an election needs the superior organisation's "
                        "approval: record its reference (%(org)s). "
                        "Rule: 中办《关于党的基层组织任期的意见》(2018).",
                        org=org.name,
                    )
                )

    @api.constrains("term_start")
    def _check_term_start(self):
        today = fields.Date.context_today(self)
        for org in self:
            if org.term_start and org.term_start > today:
                raise ValidationError(
                    self.env._("The term of %(org)s cannot start in the future.", org=org.name)
                )

    def _type_label(self):
        self.ensure_one()
        return dict(self._fields["org_type"]._description_selection(self.env))[self.org_type]

    def _party_organizations(self):
        return self.sudo()

    def action_check_compliance(self, on_date=None):
        """Refresh the findings of these organisations (the daily cron calls it for all).

        Opens one finding per breach, leaves existing open findings untouched,
        closes the findings whose breach is gone, and gives the responsible
        secretary one activity per organisation and day listing its new findings. Officers check the
        organisations they manage; ``on_date`` and the context key
        ``party_compliance_codes`` are honoured for server code only (superuser
        mode): over RPC the check runs for today and for every rule.
        Returns a notification saying what the check found (the screen reloads).
        """
        self._party_check_manage()
        if not self.env.su:
            on_date = None
        self._party_lock_run("party.organization.compliance", self.env._("A compliance check"))
        codes = self.env.su and self.env.context.get("party_compliance_codes")
        opened, closed = self.env["party.compliance"]._run(
            self, on_date or fields.Date.context_today(self), codes or None
        )
        still_open = (
            self.env["party.finding"]
            .sudo()
            .search_count([("organization_id", "in", self.ids), ("state", "=", "open")])
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Compliance checked"),
                "message": self.env._(
                    "%(orgs)s organisation(s) checked: %(open)s open finding(s), %(new)s new, "
                    "%(closed)s resolved.",
                    orgs=len(self),
                    open=still_open,
                    new=len(opened),
                    closed=len(closed),
                ),
                "type": "warning" if still_open else "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _demo_set_language(self):
        """Demo data: the demo users and the company's partner take the administrator's
        language when it is installed (a database made by bin/party run: Chinese), so
        that what the demo produces for them (findings' activities...) is in it."""
        admin = self.env.ref("base.user_admin")
        lang = admin.lang
        if not lang or lang == "en_US" or not self.env["res.lang"]._get_data(code=lang):
            return
        users = admin.browse(
            [
                self.env.ref(f"party_branch.user_demo_{name}").id
                for name in ("secretary", "member", "party_admin", "auditor")
            ]
        )
        (users.partner_id | self.env.company.partner_id).write({"lang": lang})

    @api.model
    def _cron_check_compliance(self, sync=None):
        """Daily: the compliance pass of every active organisation, as a run of jobs in
        chunks of organisations (``party.job.run``); run in this transaction when no
        job runner is configured, or with ``sync``."""
        self.env.registry.clear_cache()  # positions may have ended since yesterday
        # never beside a whole check (action_check_compliance); its chunks share the lock
        self._party_lock_run("party.organization.compliance", self.env._("A compliance check"))
        today = fields.Date.context_today(self)
        return self.env["party.job.run"]._party_start(
            f"party.organization.compliance:{today}",
            self.env._("Compliance check of %(date)s", date=today),
            "party.organization",
            "_party_job_check_compliance",
            self.search([("active", "=", True)]).ids,
            {"on_date": str(today)},
            sync=sync,
        )

    @api.model
    def _party_job_check_compliance(self, org_ids, on_date):
        """One chunk of the daily compliance pass (a job of ``party.job.run``): the
        checks of ``org_ids`` on ``on_date``, their findings and each organisation's
        digest activity of the day. Idempotent (``party.finding._sync`` opens what is not
        open yet); chunks share the run lock with each other, not with a whole check."""
        self._party_lock_run(
            "party.organization.compliance", self.env._("A compliance check"), shared=True
        )
        orgs = self.sudo().browse(org_ids).exists()
        self.env["party.compliance"]._run(orgs, fields.Date.to_date(on_date))

    # ------------------------------------------------------------------- actions

    @api.model
    def _action_dashboard(self):
        """The first screen: an officer's organisations, or for the Party committee
        (administrators, auditors without a position) every organisation of their
        companies, by type, with members, vacancies, open findings and terms."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_branch.party_dashboard_action"
        )
        action["context"] = {"search_default_managed": 1}
        # the web client finds the app of the screen by the action's id among the menus'
        # actions: under the id of the window action, which no menu opens, a phone's
        # drawer showed no Party menu after login (only "All apps")
        server_action = self.env.ref("party_branch.party_dashboard_server_action")
        action["id"] = server_action.id
        action["path"] = server_action.sudo().path or False
        user = self.env.user
        if not user.party_managed_organization_ids and (
            user.has_group("party_branch.group_party_admin")
            or user.has_group("party_branch.group_party_auditor")
        ):
            action["name"] = self.env._("Party Organisations")
            action["context"] = {"search_default_group_type": 1}
        return action

    def action_view_members(self):
        action = list_action(
            self,
            "party_branch.party_member_action",
            ["|", ("organization_id", "child_of", self.id), ("group_id", "=", self.id)],
        )
        # read once the caller may read the organisation
        org = self if self.org_type != "group" else self.parent_id
        action["context"] = {"default_organization_id": org.id}
        return action

    def action_view_findings(self):
        return list_action(
            self,
            "party_branch.party_finding_action",
            [("organization_id", "child_of", self.id)],
            {"search_default_open": 1},
        )

    def action_view_transfers(self):
        return list_action(
            self,
            "party_branch.party_member_transfer_action",
            ["|", ("from_organization_id", "=", self.id), ("to_organization_id", "=", self.id)],
        )

    def action_view_positions(self):
        return list_action(
            self,
            "party_branch.party_position_action",
            [("organization_id", "=", self.id)],
            {"default_organization_id": self.id, "search_default_current": 1},
        )
