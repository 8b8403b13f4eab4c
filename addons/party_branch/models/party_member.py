import secrets
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from ..tools import gb11643, register
from ..tools.actions import list_action, related_counts
from .party_discipline import DISCIPLINE_READERS
from .party_organization import IN_ORG_STATUSES

ETHNICITIES = [
    ("han", "Han"), ("mongol", "Mongol"), ("hui", "Hui"), ("tibetan", "Tibetan"),
    ("uyghur", "Uyghur"), ("miao", "Miao"), ("yi", "Yi"), ("zhuang", "Zhuang"),
    ("bouyei", "Bouyei"), ("korean", "Korean"), ("manchu", "Manchu"), ("dong", "Dong"),
    ("yao", "Yao"), ("bai", "Bai"), ("tujia", "Tujia"), ("hani", "Hani"), ("kazakh", "Kazakh"),
    ("dai", "Dai"), ("li", "Li"), ("lisu", "Lisu"), ("va", "Va"), ("she", "She"),
    ("gaoshan", "Gaoshan"), ("lahu", "Lahu"), ("shui", "Shui"), ("dongxiang", "Dongxiang"),
    ("naxi", "Naxi"), ("jingpo", "Jingpo"), ("kirgiz", "Kirgiz"), ("tu", "Tu"), ("daur", "Daur"),
    ("mulao", "Mulao"), ("qiang", "Qiang"), ("blang", "Blang"), ("salar", "Salar"),
    ("maonan", "Maonan"), ("gelao", "Gelao"), ("xibe", "Xibe"), ("achang", "Achang"),
    ("pumi", "Pumi"), ("tajik", "Tajik"), ("nu", "Nu"), ("uzbek", "Uzbek"), ("russian", "Russian"),
    ("ewenki", "Ewenki"), ("deang", "De'ang"), ("bonan", "Bonan"), ("yugur", "Yugur"),
    ("gin", "Gin"), ("tatar", "Tatar"), ("derung", "Derung"), ("oroqen", "Oroqen"),
    ("hezhen", "Hezhen"), ("monba", "Monba"), ("lhoba", "Lhoba"), ("jino", "Jino"),
]  # fmt: skip

EDUCATIONS = [
    ("primary", "Primary School"),
    ("junior_secondary", "Junior Secondary School"),
    ("senior_secondary", "Senior Secondary School"),
    ("vocational", "Secondary Vocational School"),
    ("junior_college", "Junior College"),
    ("bachelor", "Bachelor's Degree"),
    ("master", "Master's Degree"),
    ("doctorate", "Doctorate"),
]

# 党员职业: the occupation groups of the Party's internal statistics (党内统计, the yearly
# 中国共产党党内统计公报 counts members by these groups)
OCCUPATIONS = [
    ("worker", "Workers (Skilled Workers and Service Staff)"),
    ("farmer", "Farmers, Herdsmen and Fishermen"),
    ("professional", "Professional and Technical Staff of Enterprises, Public Institutions "
     "and Social Organisations"),
    ("manager", "Managers of Enterprises, Public Institutions and Social Organisations"),
    ("official", "Staff of Party and Government Organs"),
    ("student", "Students"),
    ("other", "Other Occupations"),
    ("retired", "Retired"),
]  # fmt: skip

INCOME_CATEGORIES = [
    ("salaried", "Salaried"),
    ("retired", "Retired"),
    ("farmer", "Farmer"),
    ("student", "Student"),
    ("unemployed", "Unemployed"),
    ("relief", "Relief / Minimum Living Allowance"),
]

AGE_BANDS = [
    ("30", "30 and under"),
    ("40", "31-40"),
    ("50", "41-50"),
    ("60", "51-60"),
    ("70", "61-70"),
    ("99", "Over 70"),
]

STANDING_BANDS = [
    ("0", "Probationary"),
    ("5", "Under 5 years"),
    ("10", "5-9 years"),
    ("20", "10-19 years"),
    ("30", "20-29 years"),
    ("99", "30 years and more"),
]

# Fields only officers of the member's organisations and the member may read.
SENSITIVE_GROUPS = "party_branch.group_party_officer,party_branch.group_party_member"

ID_RULE = "GB 11643-1999"
# a member no longer kept by an organisation: the login leaves the Party Member group
LEFT_STATUSES = ("transferred_out", "withdrawn", "expelled", "deceased")


def _band(value, bands):
    for code, _label in bands:
        if value <= int(code):
            return code
    return bands[-1][0]


class PartyMember(models.Model):
    _name = "party.member"
    _description = "Party Member"
    _inherits = {"res.partner": "partner_id"}
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "party.access.mixin",
        "party.personal.data.mixin",
        "party.member.import.mixin",
    ]
    _order = "name"
    _rec_names_search = ["name"]
    _check_company_auto = True

    _party_location_fields = ("organization_id", "group_id", "partner_id", "user_id")
    _party_sensitive_fields = ("id_number", "monthly_income", "dues_base", "income_category")
    _party_owner_path = "user_id"
    _party_audit_fields = (
        "organization_id",
        "member_category",
        "status",
        "id_number",
        "income_category",
        "monthly_income",
        "dues_base",
    )
    _party_rpc_methods = {
        "action_view_positions": "navigation: read access on the member",
        "action_view_transfers": "navigation: read access on the member",
        "action_view_findings": "navigation: read access on the member",
        "action_view_honours": "navigation: read access on the member",
        "action_view_aways": "navigation: read access on the member",
        "action_view_disciplines": "navigation: read access on the member and the discipline "
        "readers' groups (discipline officer, auditor, Party administrator); the records "
        "searched as the caller",
        "action_record_contact": "_party_check_manage: officer of the member's organisation",
        "action_set_my_reminders": "the caller's own memberships, found by their user "
        "(AccessError without one); only optional kinds turned off",
        "action_new_calendar_token": "the caller's own memberships, found by their user "
        "(AccessError without one)",
    }
    _party_rpc_sample_args = {"action_set_my_reminders": ([],)}
    # the key of the member's calendar feed: made by the member's own action only
    _party_workflow_fields = ("calendar_token",)

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True, auto_join=True
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Organisation",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain=[("org_type", "!=", "group")],
        help="The organisation that keeps the member's Party relationship (组织关系).",
    )
    group_id = fields.Many2one(
        "party.organization",
        string="Party Group",
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain="[('org_type', '=', 'group'), ('parent_id', '=', organization_id)]",
    )
    company_id = fields.Many2one(
        related="organization_id.company_id", store=True, index=True, string="Company"
    )
    member_category = fields.Selection(
        [("probationary", "Probationary"), ("full", "Full")],
        string="Category",
        required=True,
        default="probationary",
        tracking=True,
        index=True,
    )
    status = fields.Selection(
        [
            ("active", "Active"),
            ("lost_contact", "Lost Contact"),
            ("transferred_out", "Transferred Out"),
            ("withdrawn", "Withdrawn"),
            ("expelled", "Expelled"),
            ("deceased", "Deceased"),
        ],
        required=True,
        default="active",
        tracking=True,
        index=True,
    )
    id_number = fields.Char(string="ID Number", index=True, copy=False, groups=SENSITIVE_GROUPS)
    gender = fields.Selection([("male", "Male"), ("female", "Female")], tracking=True)
    ethnicity = fields.Selection(ETHNICITIES, default="han")
    birthdate = fields.Date(string="Date of Birth")
    education = fields.Selection(EDUCATIONS)
    occupation = fields.Selection(
        OCCUPATIONS, help="The occupation group of the Party's statistics."
    )
    join_date = fields.Date(
        string="Admission Date", tracking=True, help="Admitted as probationary member."
    )
    full_date = fields.Date(
        string="Full Membership Date",
        tracking=True,
        help="Conversion to full member; the Party standing counts from this date.",
    )
    left_date = fields.Date(
        string="Date Left",
        tracking=True,
        copy=False,
        help="The day the member died, left the Party, was expelled or transferred out of the "
        "system: set when the status records it (today unless given). The statistics on a "
        "past date count the member until this day.",
    )
    user_id = fields.Many2one("res.users", index=True, copy=False, tracking=True)
    employee_id = fields.Many2one("hr.employee", string="HR Employee", index=True, copy=False)
    party_tz_warning = fields.Char(
        string="Time Zone Warning",
        compute="_compute_party_tz_warning",
        help="Shown when the member's login reads times in another time zone than the "
        "company's Party time zone.",
    )
    income_category = fields.Selection(
        INCOME_CATEGORIES,
        default="salaried",
        groups=SENSITIVE_GROUPS,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    monthly_income = fields.Monetary(currency_field="currency_id", groups=SENSITIVE_GROUPS)
    dues_base = fields.Monetary(
        currency_field="currency_id",
        groups=SENSITIVE_GROUPS,
        help="Monthly base of the dues: wage after tax for salaried members, pension for "
        "retired members.",
    )
    last_contact_date = fields.Date(
        string="Last Contact", default=fields.Date.context_today, tracking=True
    )
    file_recorded = fields.Boolean(
        default=True,
        tracking=True,
        help="The member's file (档案) is recorded.",
    )
    file_location = fields.Char(string="File Kept At")
    age = fields.Integer(compute="_compute_age", store=True, aggregator="avg")
    age_band = fields.Selection(AGE_BANDS, compute="_compute_age", store=True)
    standing_years = fields.Integer(
        string="Party Standing (years)", compute="_compute_standing", store=True, aggregator="avg"
    )
    standing_band = fields.Selection(
        STANDING_BANDS, string="Party Standing", compute="_compute_standing", store=True
    )
    position_ids = fields.One2many("party.position", "member_id", string="Positions Held")
    current_position_ids = fields.One2many(
        "party.position",
        "member_id",
        string="Current Positions",
        domain=lambda self: self.env["party.position"]._current_domain(),
    )
    position_summary = fields.Char(compute="_compute_position_summary", string="Positions")
    transfer_ids = fields.One2many("party.member.transfer", "member_id", string="Transfers")
    transfer_count = fields.Integer(compute="_compute_counts")
    finding_count = fields.Integer(compute="_compute_counts")
    honour_ids = fields.One2many("party.honour", "member_id", string="Honours")
    honour_count = fields.Integer(compute="_compute_counts")
    away_ids = fields.One2many("party.member.away", "member_id", string="Working Away")
    away_count = fields.Integer(compute="_compute_counts")
    # the discipline records are read by their readers only (the records' rules); the
    # field lets the rule of who votes search them in the members' own query
    discipline_ids = fields.One2many(
        "party.discipline", "member_id", string="Disciplines", groups=DISCIPLINE_READERS
    )
    # only the discipline readers see that there is a discipline (the records' own rules
    # decide which ones they count)
    discipline_count = fields.Integer(
        compute="_compute_discipline_count", groups=DISCIPLINE_READERS
    )
    member_note = fields.Html(string="Member Notes")
    # reminders (party.reminder): the optional kinds the member turned off
    reminder_off_kind_ids = fields.Many2many(
        "party.reminder.kind",
        "party_member_reminder_off_rel",
        "member_id",
        "kind_id",
        string="Reminders Turned Off",
        domain=[("required", "=", False)],
        help="The optional reminders the member does not receive. Required reminders "
        "(a meeting tomorrow, a vote open …) reach every member.",
    )
    # the key of the member's private calendar feed (/my/party/calendar.ics): read by the
    # server only (the member sees their own link on /my/reminders)
    calendar_token = fields.Char(
        copy=False, readonly=True, index="btree_not_null", groups="base.group_system"
    )

    # One active membership per person, in the database too (two officers saving the
    # same person at once); _check_single_membership gives the message first.
    _sql_constraints = [
        (
            "active_partner_uniq",
            "EXCLUDE USING btree (partner_id WITH =) WHERE (status IN ('active', 'lost_contact'))",
            "This contact already has an active membership: a person keeps one Party membership.",
        ),
        (
            "active_id_number_uniq",
            "EXCLUDE USING btree (id_number WITH =) WHERE (status IN ('active', 'lost_contact') "
            "AND id_number IS NOT NULL AND id_number <> '')",
            "This ID number already has an active membership: a person keeps one Party membership.",
        ),
        (
            "active_user_uniq",
            "EXCLUDE USING btree (user_id WITH =) WHERE (status IN ('active', 'lost_contact') "
            "AND user_id IS NOT NULL)",
            "This login already has an active membership: a person keeps one Party membership.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("birthdate")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.birthdate:
                member.age = relativedelta(today, member.birthdate).years
                member.age_band = _band(member.age, AGE_BANDS)
            else:
                member.age = 0
                member.age_band = False

    @api.depends("full_date", "member_category")
    def _compute_standing(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.member_category == "full" and member.full_date:
                member.standing_years = relativedelta(today, member.full_date).years
                member.standing_band = _band(member.standing_years + 1, STANDING_BANDS[1:])
            else:
                member.standing_years = 0
                member.standing_band = "0"

    def _compute_position_summary(self):
        for member in self:
            member.position_summary = ", ".join(
                f"{pos.position_type_id.name} ({pos.organization_id.name})"
                for pos in member.current_position_ids
            )

    @api.depends("user_id.tz", "company_id.party_tz", "company_id.partner_id.tz")
    def _compute_party_tz_warning(self):
        Company = self.env["res.company"]
        for member in self:
            user_tz = member.sudo().user_id.tz
            party_tz = Company._party_tz_of(member.company_id) if member.company_id else False
            member.party_tz_warning = (
                self.env._(
                    "This member's login reads times in %(user_tz)s, not in the Party's %(tz)s: "
                    "meetings and deadlines show at other hours for them.",
                    user_tz=user_tz,
                    tz=party_tz,
                )
                if member.user_id and user_tz and party_tz and user_tz != party_tz
                else False
            )

    def _compute_counts(self):
        transfers = related_counts(self, "party.member.transfer", "member_id")
        findings = related_counts(self, "party.finding", "member_id", [("state", "=", "open")])
        honours = related_counts(self, "party.honour", "member_id")
        aways = related_counts(self, "party.member.away", "member_id")
        for member in self:
            member.transfer_count = transfers.get(member, 0)
            member.finding_count = findings.get(member, 0)
            member.honour_count = honours.get(member, 0)
            member.away_count = aways.get(member, 0)

    def _compute_discipline_count(self):
        # searched as the caller: the discipline records' rules decide
        counts = related_counts(self, "party.discipline", "member_id")
        for member in self:
            member.discipline_count = counts.get(member, 0)

    @api.model
    def _cron_refresh_ages(self):
        """Ages and standings move with the calendar: recompute them daily."""
        members = self.search([("status", "in", IN_ORG_STATUSES)])
        self.env.add_to_compute(self._fields["age"], members)
        self.env.add_to_compute(self._fields["standing_years"], members)
        members.flush_recordset(["age", "age_band", "standing_years", "standing_band"])

    # --------------------------------------------------------------- constraints

    @api.constrains("id_number", "birthdate", "gender")
    def _check_id_number(self):
        for member in self.sudo():
            number = member.id_number
            if not number:
                continue
            if not gb11643.has_valid_format(number):
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s of %(member)s must have 17 digits followed by a "
                        "digit or X (%(rule)s).",
                        number=number,
                        member=member.name,
                        rule=ID_RULE,
                    )
                )
            if not gb11643.has_valid_check_digit(number):
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s of %(member)s has a wrong check digit: it should "
                        "end with %(check)s (%(rule)s).",
                        number=number,
                        member=member.name,
                        check=gb11643.check_char(number[:17]),
                        rule=ID_RULE,
                    )
                )
            encoded = gb11643.birthdate(number)
            if not encoded:
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s of %(member)s does not encode a real date of birth "
                        "(%(rule)s).",
                        number=number,
                        member=member.name,
                        rule=ID_RULE,
                    )
                )
            if member.birthdate and member.birthdate != encoded:
                raise ValidationError(
                    self.env._(
                        "The date of birth of %(member)s (%(birthdate)s) does not match the ID "
                        "number, which encodes %(encoded)s (%(rule)s).",
                        member=member.name,
                        birthdate=member.birthdate,
                        encoded=encoded,
                        rule=ID_RULE,
                    )
                )
            if member.gender and member.gender != gb11643.gender(number):
                raise ValidationError(
                    self.env._(
                        "The gender of %(member)s does not match the ID number, whose 17th digit "
                        "is odd for men and even for women (%(rule)s).",
                        member=member.name,
                        rule=ID_RULE,
                    )
                )

    @api.constrains("left_date", "join_date")
    def _check_left_date(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.left_date and member.left_date > today:
                raise ValidationError(
                    self.env._(
                        "%(member)s: the date left cannot be in the future.", member=member.name
                    )
                )
            if member.left_date and member.join_date and member.left_date < member.join_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s: the date left cannot come before the admission date.",
                        member=member.name,
                    )
                )

    @api.constrains("birthdate", "join_date", "full_date", "last_contact_date", "member_category")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        labels = {name: self._fields[name]._description_string(self.env) for name in
                  ("birthdate", "join_date", "full_date", "last_contact_date")}  # fmt: skip
        for member in self:
            for name, label in labels.items():
                if member[name] and member[name] > today:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(member)s cannot be in the future.",
                            field=label,
                            member=member.name,
                        )
                    )
            if member.full_date and member.join_date and member.full_date <= member.join_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s: the full membership date (%(full)s) must come after the "
                        "admission date (%(join)s): a probationary member converts after the "
                        "probation period (《中国共产党发展党员工作细则》).",
                        member=member.name,
                        full=member.full_date,
                        join=member.join_date,
                    )
                )
            if member.full_date and not member.join_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s: record the admission date before the full membership date.",
                        member=member.name,
                    )
                )
            if (
                member.birthdate
                and member.join_date
                and member.join_date < member.birthdate + relativedelta(years=18)
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s was admitted before the age of 18: an applicant must be at "
                        "least 18 years old (《中国共产党发展党员工作细则》).",
                        member=member.name,
                    )
                )
            if member.member_category == "full" and not member.full_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s is a full member: record the full membership date.",
                        member=member.name,
                    )
                )
            if member.member_category == "probationary" and member.full_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s has a full membership date but is recorded as probationary.",
                        member=member.name,
                    )
                )

    @api.constrains("partner_id", "id_number", "user_id", "status")
    def _check_single_membership(self):
        self._check_membership_candidates(
            [
                {
                    "id": member.id,
                    "name": member.name,
                    "status": member.status,
                    "partner_id": member.partner_id.id,
                    "id_number": member.id_number,
                    "user_id": member.user_id.id,
                }
                for member in self.sudo()
            ]
        )

    @api.model
    def _check_membership_candidates(self, candidates):
        """Refuse a second active membership of one person (contact, ID number or login).

        ``candidates``: what the members will be, as dicts with ``id`` (False for a new
        one), ``name``, ``status``, ``partner_id``, ``id_number`` and ``user_id``. Called
        before create and write, so that the database's exclusion constraints (the rule
        under concurrency) are not what the user sees first, and as a constraint after.
        """
        active = [c for c in candidates if c["status"] in IN_ORG_STATUSES]
        if not active:
            return
        keys = ("partner_id", "id_number", "user_id")
        holders = {}  # (key, value) -> ids of the candidates holding it
        for cand in active:
            for key in keys:
                if cand[key]:
                    holders.setdefault((key, cand[key]), set()).add(cand["id"] or id(cand))
        ors = [
            (key, "in", [value for (k, value) in holders if k == key])
            for key in keys
            if any(k == key for (k, _v) in holders)
        ]
        others = self.sudo().search_fetch(
            [("id", "not in", [c["id"] for c in active if c["id"]]),
             ("status", "in", IN_ORG_STATUSES)] + ["|"] * (len(ors) - 1) + ors,
            list(keys),
        )  # fmt: skip
        for other in others:
            for key, value in (
                ("partner_id", other.partner_id.id),
                ("id_number", other.id_number),
                ("user_id", other.user_id.id),
            ):
                if value and (key, value) in holders:
                    holders[(key, value)].add(other.id)
        for cand in active:
            if any(len(holders.get((key, cand[key]), ())) > 1 for key in keys if cand[key]):
                # Name neither the other member nor their organisation: the message must not
                # tell a caller whose ID number or login they have typed.
                raise ValidationError(
                    self.env._(
                        "%(member)s already has an active membership (same contact, ID number "
                        "or login): a person keeps one Party membership, moved by a "
                        "transfer of membership.",
                        member=cand["name"],
                    )
                )

    @api.constrains("group_id", "organization_id")
    def _check_group(self):
        for member in self:
            if member.group_id and member.group_id.parent_id != member.organization_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s can only join a Party group of their own organisation %(org)s.",
                        member=member.name,
                        org=member.organization_id.name,
                    )
                )
            if member.organization_id.org_type == "group":
                raise ValidationError(
                    self.env._(
                        "%(member)s: the Party relationship is kept by a branch, not a Party group; "
                        "choose the group in the Party Group field.",
                        member=member.name,
                    )
                )

    @api.constrains("dues_base", "monthly_income")
    def _check_amounts(self):
        for member in self.sudo():
            if member.dues_base < 0 or member.monthly_income < 0:
                raise ValidationError(
                    self.env._(
                        "%(member)s: income and dues base cannot be negative.", member=member.name
                    )
                )

    # ------------------------------------------------------------------- onchange

    @api.onchange("id_number")
    def _onchange_id_number(self):
        number = gb11643.normalize(self.id_number)
        if gb11643.has_valid_check_digit(number):
            self.birthdate = self.birthdate or gb11643.birthdate(number)
            self.gender = self.gender or gb11643.gender(number)

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id:
            self.user_id = self.user_id or self.employee_id.user_id
            if not self.name:
                self.name = self.employee_id.name

    # ----------------------------------------------------------------------- CRUD

    def _check_access(self, operation):
        # Odoo checks the rules of the inherited contact (_inherits) as ("partner_id",
        # "any", <contact rules>) with filtered_domain, one member at a time: a query
        # each for the officers' contact rule (its child_of), and the Python of every
        # rule per member (an officer's write of 1,000 members: 1,029 queries). The
        # same rules run here as one search of the members, as the rules of a search or
        # a read run in SQL; the members it refuses go through Odoo's own check, which
        # decides and words the error.
        if self.env.su or len(self._ids) < 2 or not all(self._ids):
            return super()._check_access(operation)
        if not self.env["ir.model.access"].check(self._name, operation, raise_exception=False):
            return super()._check_access(operation)
        domain = self.env["ir.rule"]._compute_domain(self._name, operation)
        if not domain:
            return None
        # in the caller's context, as Odoo's check reads the relations the rules go
        # through (an archived member is then not found here, and goes to Odoo's check)
        allowed = self.sudo().search(expression.AND([[("id", "in", self.ids)], domain]))
        forbidden = self - allowed
        if forbidden:
            return super(PartyMember, forbidden)._check_access(operation)
        return None

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        for vals in vals_list:
            if vals.get("id_number"):
                vals["id_number"] = gb11643.normalize(vals["id_number"])
            if not vals.get("partner_id"):
                # One person, one contact: a member with a login or an employee file is
                # that user's / employee's contact (so portal access rules apply to it).
                if vals.get("user_id"):
                    vals["partner_id"] = self.env["res.users"].browse(vals["user_id"]).partner_id.id
                elif vals.get("employee_id"):
                    employee = self.env["hr.employee"].sudo().browse(vals["employee_id"])
                    vals["partner_id"] = employee.work_contact_id.id
        return vals_list

    def _party_validate_create(self, vals_list):
        for vals in vals_list:
            if vals.get("user_id"):
                self._check_user_link(vals["user_id"])
        self._check_membership_candidates(
            [
                {
                    "id": False,
                    "name": vals.get("name"),
                    "status": vals.get("status", "active"),
                    "partner_id": vals.get("partner_id"),
                    "id_number": vals.get("id_number"),
                    "user_id": vals.get("user_id"),
                }
                for vals in vals_list
            ]
        )
        return super()._party_validate_create(vals_list)

    def _party_after_create(self, vals_list):
        if any(vals.get("user_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return super()._party_after_create(vals_list)

    def _party_prepare_write(self, vals):
        vals = super()._party_prepare_write(vals)
        if vals.get("id_number"):
            vals = {**vals, "id_number": gb11643.normalize(vals["id_number"])}
        if vals.get("status") in IN_ORG_STATUSES and "left_date" not in vals:
            vals = {**vals, "left_date": False}  # back in the organisation: no day left
        return vals

    def _party_validate_write(self, vals):
        if (
            "organization_id" in vals
            and not self._party_trusted()
            and not self._party_is_admin()
            and any(m.organization_id.id != vals["organization_id"] for m in self)
        ):
            self.check_access("write")
            raise AccessError(
                self.env._(
                    "A member's organisation changes only through a transfer of membership "
                    "(组织关系转接), completed by the receiving organisation."
                )
            )
        if vals.get("user_id"):
            self._check_user_link(vals["user_id"])
        if {"partner_id", "id_number", "user_id", "status"}.intersection(vals):
            self._check_membership_candidates(self._membership_candidates(vals))
        return super()._party_validate_write(vals)

    def _party_before_write(self, vals):
        before = super()._party_before_write(vals)
        if vals.get("status") in LEFT_STATUSES:
            before["leaving"] = self.sudo().filtered(
                lambda m: m.status != vals["status"] and m.user_id
            )
        return before

    def _party_after_write(self, vals, before):
        if before.get("leaving"):
            before["leaving"]._party_revoke_member_group()
        if vals.get("user_id"):
            self._adopt_user_partner()
        if "user_id" in vals:
            self.env.registry.clear_cache()
            self.env["res.users"].invalidate_model(["party_managed_organization_ids"])
        if vals.get("status") in LEFT_STATUSES:
            # the statistics on a past date count a member until the day they left
            self.sudo().filtered(lambda m: not m.left_date).write(
                {"left_date": fields.Date.context_today(self)}
            )
        self.env["party.compliance"]._recheck(self.sudo().organization_id, vals)
        return super()._party_after_write(vals, before)

    def _party_revoke_member_group(self):
        """A member who leaves (transferred out of the system, withdrawn, expelled,
        deceased) loses the Party Member group, and with it the Party pages of the
        portal, when the status is written, unless the login holds another kept
        membership. The records and the login stay. As superuser: the status change
        was the check."""
        users = self.sudo().user_id
        kept = (
            self.env["party.member"]
            .sudo()
            .search_fetch(
                [("user_id", "in", users.ids), ("status", "in", IN_ORG_STATUSES)], ["user_id"]
            )
            .user_id
        )
        group = self.env.ref("party_branch.group_party_member")
        losing = (users - kept).filtered(lambda u: group in u.groups_id)
        if losing:
            losing.sudo().write({"groups_id": [Command.unlink(group.id)]})

    def _membership_candidates(self, vals):
        """What these members will be after ``write(vals)``, for the single-membership check."""
        user_partner = False
        if vals.get("user_id"):  # the member adopts the login's contact (_adopt_user_partner)
            user_partner = self.env["res.users"].sudo().browse(vals["user_id"]).partner_id.id
        return [
            {
                "id": member.id,
                "name": member.name,
                "status": vals.get("status", member.status),
                "partner_id": user_partner or vals.get("partner_id", member.partner_id.id),
                "id_number": vals.get("id_number", member.id_number),
                "user_id": vals.get("user_id", member.user_id.id),
            }
            for member in self.sudo()
        ]

    @api.model
    def _check_user_link(self, user_id):
        """Linking a login makes its contact the member's (renamed as the member).

        Officers link only portal logins of Party members; an internal user's
        login (whose contact may be anyone's, the administrator's included) is
        linked by a Party administrator.
        """
        if self._party_trusted() or self._party_is_admin():
            return
        user = self.env["res.users"].sudo().browse(user_id).exists()
        if not user or not user.share or not user.has_group("party_branch.group_party_member"):
            raise AccessError(
                self.env._(
                    "Officers link a member only to a portal login of a Party member; a Party "
                    "administrator links other logins."
                )
            )

    def _adopt_user_partner(self):
        """A member linked to a login becomes that user's contact; details follow."""
        for member in self.sudo().filtered(
            lambda m: m.user_id and m.partner_id != m.user_id.partner_id
        ):
            old, new = member.partner_id, member.user_id.partner_id
            details = {"name": old.name}
            for fname in ("phone", "mobile", "email", "street", "city", "image_1920"):
                if old[fname] and not new[fname]:
                    details[fname] = old[fname]
            new.write(details)
            member.partner_id = new

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Party members are never deleted: record that the member left, was transferred "
                "out or died in the status field; the history stays."
            )
        )

    # -------------------------------------------------------------------- actions

    def _party_member_list(self, xmlid, context=None):
        """The member's records of the action ``xmlid`` (a smart button)."""
        return list_action(self, xmlid, [("member_id", "=", self.id)], context)

    def action_view_positions(self):
        return self._party_member_list(
            "party_branch.party_position_action", {"default_member_id": self.id}
        )

    def action_view_transfers(self):
        return self._party_member_list(
            "party_branch.party_member_transfer_action", {"default_member_id": self.id}
        )

    def action_view_findings(self):
        return self._party_member_list("party_branch.party_finding_action")

    def action_view_honours(self):
        return self._party_member_list(
            "party_branch.party_honour_action",
            {"default_member_id": self.id, "default_kind": "excellent_member"},
        )

    def action_view_aways(self):
        return self._party_member_list(
            "party_branch.party_member_away_action", {"default_member_id": self.id}
        )

    def action_view_disciplines(self):
        self.ensure_one()
        self.check_access("read")
        if not self.env.user.has_groups(DISCIPLINE_READERS):
            raise AccessError(
                self.env._(
                    "Party discipline records are read by the discipline officers, the "
                    "auditors and the Party administrators only."
                )
            )
        return self._party_member_list(
            "party_branch.party_discipline_action", {"default_member_id": self.id}
        )

    def action_record_contact(self):
        """The organisation reached the member today."""
        self._party_check_manage()
        self.write({"last_contact_date": fields.Date.context_today(self)})
        self.filtered(lambda m: m.status == "lost_contact").write({"status": "active"})
        return True

    # ------------------------------------------------------------------ reminders

    @api.constrains("reminder_off_kind_ids")
    def _check_reminders_off(self):
        for member in self:
            required = member.reminder_off_kind_ids.filtered("required")
            if required:
                raise ValidationError(
                    self.env._(
                        "%(kinds)s: a required reminder cannot be turned off; it reaches "
                        "every member.",
                        kinds=", ".join(required.mapped("name")),
                    )
                )

    @api.model
    def _party_my_memberships(self):
        """The caller's own memberships in an organisation (sudo), found by their user;
        AccessError without one."""
        members = self.sudo().search(
            [("user_id", "=", self.env.uid), ("status", "in", IN_ORG_STATUSES)]
        )
        if not members:
            raise AccessError(self.env._("Only a Party member has reminders of their own."))
        return members

    @api.model
    def action_set_my_reminders(self, off_kind_ids):
        """The caller turns off the optional reminders ``off_kind_ids`` (ids of
        ``party.reminder.kind``) and on every other one."""
        members = self._party_my_memberships()
        if not isinstance(off_kind_ids, (list, tuple)) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in off_kind_ids
        ):
            raise ValidationError(self.env._("Send the reminders to turn off as a list of ids."))
        kinds = self.env["party.reminder.kind"].sudo().browse(off_kind_ids).exists()
        if len(kinds) != len(set(off_kind_ids)) or not all(kinds.mapped("active")):
            raise ValidationError(self.env._("Some of these reminders do not exist."))
        members.write({"reminder_off_kind_ids": [Command.set(kinds.ids)]})
        return True

    @api.model
    def action_new_calendar_token(self):
        """A new private link for the caller's calendar feed; the old one stops working."""
        members = self._party_my_memberships()
        members._party_action_write({"calendar_token": secrets.token_urlsafe(32)})
        return True

    def _party_calendar_url(self):
        """The member's feed address (the member's own page shows it), or False."""
        self.ensure_one()
        token = self.sudo().calendar_token
        if not token:
            return False
        return f"{self.get_base_url()}/my/party/calendar.ics?token={token}"

    # ----------------------------------------------------------------- statistics

    @api.model
    def _party_members_on(self, organizations, on_date, lost_since=None):
        """The members of ``organizations`` and their sub-organisations on ``on_date``
        (the register at the end of that day), as ``MemberOnDate`` rows: one query
        (``tools/register.py``, which says how the register is put back to the date).

        A member transferred since (``party.member.transfer`` completed after the date,
        within the system) counts in the organisation they left; a member admitted after
        the date is not counted; a member who left after it (``left_date``) still is; the
        category is probationary until ``full_date``. With ``lost_since``, the members who
        left between that day and ``on_date`` come too, ``present`` False. The caller
        checks the organisations first."""
        orgs = (
            self.env["party.organization"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", organizations.ids)])
        )
        if not orgs:
            return []
        for model in ("party.member", "party.member.transfer"):
            self.env[model].flush_model()
        since = lost_since or on_date + timedelta(days=1)
        self.env.cr.execute(register.members_on_query(on_date, since, IN_ORG_STATUSES, orgs.ids))
        return [register.MemberOnDate(*row) for row in self.env.cr.fetchall()]
