from collections import defaultdict
from datetime import date, datetime, time

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES
from odoo.addons.party_branch.tools.actions import list_action, related_counts

from .party_dues_base_review import MAX_BASE

# res.partner (account): whether the contact form offers a choice of invoice template
INVOICE_TEMPLATE_FIELD = "display_invoice_template_pdf_report_id"

# 《2019—2023年全国党员教育培训工作规划》: 党员每年参加集中培训和集体学习时间一般不少于
# 32学时 (32 meet it). The requirement per member category is data
# (party.study.requirement); this is the fallback of a category without one.
STUDY_HOURS_REQUIRED = 32


class PartyMember(models.Model):
    _inherit = "party.member"

    _party_rpc_methods = {
        "action_view_dues": "navigation: read access on the member",
        "action_view_meetings": "navigation: read access on the member",
        "action_view_records": "navigation: read access on the member",
        "action_view_exam_results": "navigation: read access on the member; the results "
        "read with the caller's own rights (survey, website_slides_survey)",
    }

    dues_ids = fields.One2many("party.dues", "member_id")
    dues_payment_ids = fields.One2many("party.dues.payment", "member_id", string="Dues Payments")
    dues_base_review_ids = fields.One2many(
        "party.dues.base.review", "member_id", string="Base Reviews"
    )
    dues_arrears_months = fields.Integer(
        string="Months in Arrears",
        compute="_compute_dues_arrears",
        help="Consecutive months unpaid.",
    )
    dues_balance = fields.Monetary(
        string="Dues Owed", currency_field="currency_id", compute="_compute_dues_arrears"
    )

    @api.constrains("dues_base")
    def _check_dues_base_range(self):
        for member in self.sudo():
            if member.dues_base > MAX_BASE:
                raise ValidationError(
                    self.env._(
                        "The dues base of %(member)s (%(base)s) is not a plausible monthly income "
                        "(at most %(max)s): check the figure.",
                        member=member.name,
                        base=member.dues_base,
                        max=MAX_BASE,
                    )
                )

    def _compute_dues_arrears(self):
        arrears = self.env["party.dues"]._arrears(self)
        owed = dict(
            self.env["party.dues"]
            .sudo()
            ._read_group(
                [("member_id", "in", self.ids), ("state", "=", "due")],
                ["member_id"],
                ["amount:sum"],
            )
        )
        paid = dict(
            self.env["party.dues"]
            .sudo()
            ._read_group(
                [("member_id", "in", self.ids), ("state", "=", "due")],
                ["member_id"],
                ["paid_amount:sum"],
            )
        )
        for member in self:
            member.dues_arrears_months = arrears.get(member.id, 0)
            member.dues_balance = owed.get(member, 0.0) - paid.get(member, 0.0)

    def action_view_dues(self):
        return list_action(self, "party_life.party_dues_action", [("member_id", "=", self.id)])

    meeting_attendance_ids = fields.One2many("party.meeting.attendance", "member_id")
    meeting_count = fields.Integer(compute="_compute_meeting_stats", string="Party Meetings")
    meeting_attendance_rate = fields.Float(
        compute="_compute_meeting_stats",
        string="Attendance Rate (year)",
        help="Meetings attended / meetings expected among the meetings held this year (%).",
    )

    def _compute_meeting_stats(self):
        today = fields.Date.context_today(self)
        year_start = datetime.combine(date(today.year, 1, 1), time.min)
        year_end = datetime.combine(date(today.year + 1, 1, 1), time.min)
        Attendance = self.env["party.meeting.attendance"].sudo()
        stats = defaultdict(lambda: defaultdict(int))
        for member, state, count in Attendance._read_group(
            [
                ("member_id", "in", self.ids),
                ("meeting_state", "=", "held"),
                ("meeting_start", ">=", year_start),
                ("meeting_start", "<", year_end),
            ],
            ["member_id", "state"],
            ["__count"],
        ):
            stats[member.id][state] += count
            stats[member.id]["all"] += count
        totals = related_counts(self.sudo(), "party.meeting.attendance", "member_id")
        for member in self:
            expected = stats[member.id]["all"]
            # attended: present in the room or remotely (party.meeting's remote attendance)
            attended = stats[member.id]["present"] + stats[member.id]["remote"]
            member.meeting_attendance_rate = 100.0 * attended / expected if expected else 0.0
            member.meeting_count = totals.get(member, 0)

    def action_view_meetings(self):
        return list_action(
            self, "party_life.party_meeting_action", [("attendance_ids.member_id", "=", self.id)]
        )

    study_hours_year = fields.Float(
        string="Study Hours (this year)",
        compute="_compute_study_hours_year",
        digits=(10, 2),
        help="Hours of Party course content completed this calendar year.",
    )

    def _compute_study_hours_year(self):
        year = fields.Date.context_today(self).year
        hours = self._study_hours(year)
        required = self.env["party.study.requirement"]._hours_required(self, year)
        for member in self:
            member.study_hours_year = hours.get(member.id, 0.0)
            member.study_hours_required = required.get(member.id, 0.0)
            member.study_shortfall = round(
                max(member.study_hours_required - member.study_hours_year, 0.0), 2
            )

    def _study_hours(self, year):
        """Study hours of ``self`` in ``year``: ``{member_id: hours}``, the sum of the
        facts of the points ledger's source ``study``
        (``party.point._party_point_facts_study``, the one rule of study hours, which the
        service assessment counts from the ledger); one grouped query over the facts
        (the day's completions count before the nightly run writes them)."""
        members = self.filtered("id")
        if not members:
            return {}
        self.env["slide.slide.partner"].flush_model(
            ["completed", "completed_date", "slide_id", "channel_id", "partner_id"]
        )
        self.env["slide.slide"].flush_model(["completion_time"])
        self.env["slide.channel"].flush_model(["is_party_course"])
        self.flush_model(["partner_id"])
        facts = self.env["party.point"]._party_point_facts_study(
            date(year, 1, 1), date(year, 12, 31)
        )
        self.env.cr.execute(
            SQL(
                """SELECT f.member_id, SUM(f.quantity) FROM (%s) f
                    WHERE f.member_id = ANY(%s) GROUP BY f.member_id""",
                facts,
                members.ids,
            )
        )
        hours = {member_id: float(total) for member_id, total in self.env.cr.fetchall()}
        return {member_id: hours.get(member_id, 0.0) for member_id in members.ids}

    study_hours_required = fields.Float(
        compute="_compute_study_hours_year",
        digits=(10, 2),
        help="Hours of study required this year: the requirement of the member's category, "
        "or of the positions they hold (secretaries, committee members) where higher "
        "(party.study.requirement).",
    )
    study_shortfall = fields.Float(
        string="Study Hours Missing",
        compute="_compute_study_hours_year",
        search="_search_study_shortfall",
        digits=(10, 2),
        help="Hours still to study this year to meet the requirement.",
    )

    def _study_shortfalls(self, year):
        """{member id: (hours, hours required)} of ``self`` in ``year`` (the requirement
        of their category, or of the positions they held that year where higher)."""
        required = self.env["party.study.requirement"]._hours_required(self, year)
        hours = self._study_hours(year)
        return {
            member.id: (hours.get(member.id, 0.0), required.get(member.id, 0.0))
            for member in self.filtered("id")
        }

    def _search_study_shortfall(self, operator, value):
        """Members (readable by the caller, kept in an organisation) whose shortfall of
        this year compares with ``value``: ``("study_shortfall", ">", 0)`` lists who has
        not studied enough. Two grouped queries whatever the number of members."""
        if operator not in (">", ">=", "<", "<=", "=", "!=") or not isinstance(value, (int, float)):
            return NotImplemented
        members = self.search([("status", "in", IN_ORG_STATUSES)])
        compare = {
            ">": lambda a: a > value,
            ">=": lambda a: a >= value,
            "<": lambda a: a < value,
            "<=": lambda a: a <= value,
            "=": lambda a: a == value,
            "!=": lambda a: a != value,
        }[operator]
        year = fields.Date.context_today(self).year
        ids = [
            member_id
            for member_id, (hours, required) in members._study_shortfalls(year).items()
            if compare(round(max(required - hours, 0.0), 2))
        ]
        return [("id", "in", ids)]

    def action_view_exam_results(self):
        """The member's attempts at exams (survey certifications), as the caller reads them."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Exam Results"),
            "res_model": "survey.user_input",
            "view_mode": "list,form",
            "domain": [
                ("partner_id", "=", self.partner_id.id),
                ("survey_id.certification", "=", True),
                ("test_entry", "=", False),
            ],
            "context": {"create": False},
        }

    # ------------------------------------------------------------ required learning

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        # account's default of a contact field that is not stored counts the invoice
        # reports for each new contact (a query per member created): counted once here
        new_contacts = [
            vals
            for vals in vals_list
            if not vals.get("partner_id") and INVOICE_TEMPLATE_FIELD not in vals
        ]
        if new_contacts:
            shown = self.env["res.partner"]._default_display_invoice_template_pdf_report_id()
            for vals in new_contacts:
                vals[INVOICE_TEMPLATE_FIELD] = shown
        return vals_list

    def _party_after_create(self, vals_list):
        self.env["slide.channel"]._party_sync_enrolment(self)
        return super()._party_after_create(vals_list)

    def _party_after_write(self, vals, before):
        if {"organization_id", "status", "partner_id"}.intersection(vals):
            self.env["slide.channel"]._party_sync_enrolment(self)
        return super()._party_after_write(vals, before)

    record_ids = fields.One2many("party.member.record", "member_id", string="Member Records")
    record_count = fields.Integer(compute="_compute_record_count", string="Records")

    @api.depends("record_ids")
    def _compute_record_count(self):
        counts = related_counts(self, "party.member.record", "member_id")
        for member in self:
            member.record_count = counts.get(member, 0)

    def action_view_records(self):
        return self._party_member_list(
            "party_life.party_member_record_action", {"default_member_id": self.id}
        )
