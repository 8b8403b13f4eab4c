"""The service assessment (服务考核) of an organisation's members over a period.

Each member of the organisation and of those below it gets a line with the
quantities of every source (meetings attended and study hours from party_life,
dues paid on time, requests resolved and their ratings, pairing visits,
volunteer hours, minus overdue requests and unexcused absences) and the points
the rules (``party.assessment.rule``, data) give them. Scoring is set-based: one
grouped query per source for all members at once. Closing a period freezes its
lines; a closed period is not scored again.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_assessment import QUANTITY_FIELDS
from .party_assessment_rule import SOURCES


class PartyAssessmentLine(models.Model):
    _name = "party.assessment.line"
    _description = "Service Assessment Score"
    _inherit = ["party.access.mixin"]
    _order = "assessment_id desc, score desc, id"
    _rec_name = "member_id"

    _party_org_field = False  # the member's at scoring; written by the scoring only
    _party_parent_field = "assessment_id"
    _party_owner_path = "member_id.user_id"
    _party_rpc_methods = {
        "action_view_meetings": "navigation: read access on the score",
        "action_view_requests": "navigation: read access on the score",
        "action_view_dues": "navigation: read access on the score",
        "action_view_visits": "navigation: read access on the score",
        "action_view_volunteer": "navigation: read access on the score",
    }

    assessment_id = fields.Many2one(
        "party.assessment", required=True, index=True, ondelete="cascade", readonly=True
    )
    state = fields.Selection(related="assessment_id.state", store=True, string="Period State")
    date_from = fields.Date(related="assessment_id.date_from", store=True)
    date_to = fields.Date(related="assessment_id.date_to", store=True)
    member_id = fields.Many2one("party.member", required=True, index=True, readonly=True)
    member_user_id = fields.Many2one(related="member_id.user_id", string="Member's Login")
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    meeting_count = fields.Integer(string="Meetings Attended", readonly=True)
    meeting_points = fields.Float(digits=(10, 2), readonly=True)
    study_hours = fields.Float(digits=(10, 2), readonly=True)
    study_points = fields.Float(digits=(10, 2), readonly=True)
    dues_months = fields.Integer(string="Dues Months Paid on Time", readonly=True)
    dues_points = fields.Float(digits=(10, 2), readonly=True)
    request_count = fields.Integer(string="Requests Resolved", readonly=True)
    request_points = fields.Float(digits=(10, 2), readonly=True)
    rating_avg = fields.Float(string="Average Rating", digits=(10, 2), readonly=True)
    rating_points = fields.Float(digits=(10, 2), readonly=True)
    visit_count = fields.Integer(string="Pairing Visits", readonly=True)
    visit_points = fields.Float(digits=(10, 2), readonly=True)
    volunteer_hours = fields.Float(digits=(10, 2), readonly=True)
    volunteer_points = fields.Float(digits=(10, 2), readonly=True)
    overdue_count = fields.Integer(string="Overdue Requests", readonly=True)
    overdue_points = fields.Float(digits=(10, 2), readonly=True)
    absence_count = fields.Integer(string="Unexcused Absences", readonly=True)
    absence_points = fields.Float(digits=(10, 2), readonly=True)
    score = fields.Float(digits=(10, 2), readonly=True, aggregator="avg")
    rank = fields.Integer(readonly=True, aggregator="min")

    _sql_constraints = [
        ("assessment_member_uniq", "unique(assessment_id, member_id)",
         "A member has one score per assessment."),
    ]  # fmt: skip

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(line.state == "closed" for line in self.sudo()):
            raise UserError(self.env._("The scores of a closed period are frozen."))

    # ------------------------------------------------------------------ arithmetic

    @api.model
    def _score_values(self, quantities, weights):
        """The line's values from the quantities and the rules: every part capped, the
        penalties subtracted."""
        Rule = self.env["party.assessment.rule"]
        vals, score = {}, 0.0
        for source, _label in SOURCES:
            qty_field = QUANTITY_FIELDS[source]
            quantity = quantities.get(source, 0)
            vals[qty_field] = quantity
            points, cap, penalty = weights.get(source, (0.0, 0.0, False))
            value = Rule._points(quantity, points, cap)
            value = -value if penalty else value
            vals[f"{qty_field.rsplit('_', 1)[0]}_points"] = round(value, 2)
            score += value
        vals["score"] = round(score, 2)
        return vals

    # ------------------------------------------------------------------ facts

    @api.model
    def _facts(self, members, date_from, date_to):
        """{member_id: {source: quantity}} for the period; one grouped query per source."""
        # the SQL queries below read stored values: what this transaction changed first
        self.env.flush_all()
        facts = defaultdict(dict)
        if not members:
            return facts
        ids = members.ids
        dt_from = datetime.combine(date_from, time.min)
        dt_to = datetime.combine(date_to + timedelta(days=1), time.min)
        # meetings held in the period: present / absent (unexcused)
        for member, state, count in (
            self.env["party.meeting.attendance"]
            .sudo()
            ._read_group(
                [
                    ("member_id", "in", ids),
                    ("meeting_state", "=", "held"),
                    ("meeting_start", ">=", dt_from),
                    ("meeting_start", "<", dt_to),
                    ("state", "in", ("present", "absent")),
                ],
                ["member_id", "state"],
                ["__count"],
            )
        ):
            facts[member.id]["meeting" if state == "present" else "absence"] = count
        # study hours: Party course content completed in the period
        by_partner = defaultdict(list)
        for member in members:
            by_partner[member.partner_id.id].append(member.id)
        for partner, slide, _count in (
            self.env["slide.slide.partner"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", list(by_partner)),
                    ("completed", "=", True),
                    ("channel_id.is_party_course", "=", True),
                    ("completed_date", ">=", date_from),
                    ("completed_date", "<=", date_to),
                ],
                ["partner_id", "slide_id"],
                ["__count"],
            )
        ):
            for member_id in by_partner[partner.id]:
                facts[member_id]["study"] = facts[member_id].get("study", 0.0) + (
                    slide.completion_time
                )
        # dues of the period's months, paid by the end of their month
        self.env.cr.execute(
            SQL(
                """
                SELECT d.member_id, count(*)
                  FROM party_dues d
                 WHERE d.member_id = ANY(%(ids)s)
                   AND d.period BETWEEN %(first)s AND %(last)s
                   AND d.state = 'paid'
                   AND NOT EXISTS (
                        SELECT 1
                          FROM party_dues_payment_line l
                          JOIN party_dues_payment p ON p.id = l.payment_id
                         WHERE l.dues_id = d.id
                           AND p.date >= (d.period + interval '1 month')::date)
                 GROUP BY d.member_id
                """,
                ids=ids,
                first=date_from.replace(day=1),
                last=date_to,
            )
        )
        for member_id, count in self.env.cr.fetchall():
            facts[member_id]["dues"] = count
        # requests resolved in the period, their ratings, and the overdue ones
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        resolved_domain = [
            ("party_member_id", "in", ids),
            ("party_resolved_at", ">=", dt_from),
            ("party_resolved_at", "<", dt_to),
        ]
        for member, count in Ticket._read_group(resolved_domain, ["party_member_id"], ["__count"]):
            facts[member.id]["request"] = count
        for member, avg in Ticket._read_group(
            resolved_domain + [("party_rating", ">", 0)], ["party_member_id"], ["party_rating:avg"]
        ):
            facts[member.id]["rating"] = round(avg or 0.0, 2)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                SELECT party_member_id, count(*)
                  FROM helpdesk_ticket
                 WHERE party_member_id = ANY(%(ids)s)
                   AND party_deadline >= %(start)s AND party_deadline < %(stop)s
                   AND COALESCE(party_resolved_at, closed_date, %(now)s) > party_deadline
                 GROUP BY party_member_id
                """,
                ids=ids,
                start=dt_from,
                stop=dt_to,
                now=now,
            )
        )
        for member_id, count in self.env.cr.fetchall():
            facts[member_id]["overdue"] = count
        # pairing visits made in the period
        for member, count in (
            self.env["party.pairing.visit"]
            .sudo()
            ._read_group(
                [
                    ("member_id", "in", ids),
                    ("state", "=", "done"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["member_id"],
                ["__count"],
            )
        ):
            facts[member.id]["visit"] = count
        # volunteer hours of the events of the period
        for member, hours in (
            self.env["event.registration"]
            .sudo()
            ._read_group(
                [
                    ("party_member_id", "in", ids),
                    ("party_hours", ">", 0),
                    ("event_begin_date", ">=", dt_from),
                    ("event_begin_date", "<", dt_to),
                ],
                ["party_member_id"],
                ["party_hours:sum"],
            )
        ):
            facts[member.id]["volunteer"] = hours
        return facts

    # ------------------------------------------------------------------ navigation

    def _facts_action(self, xmlid, domain):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = {}
        return action

    def _period_bounds(self):
        return (
            datetime.combine(self.date_from, time.min),
            datetime.combine(self.date_to + timedelta(days=1), time.min),
        )

    def action_view_meetings(self):
        start, stop = self._period_bounds()
        return self._facts_action(
            "party_life.party_meeting_action",
            [
                ("attendance_ids.member_id", "=", self.member_id.id),
                ("state", "=", "held"),
                ("start", ">=", start),
                ("start", "<", stop),
            ],
        )

    def action_view_requests(self):
        start, stop = self._period_bounds()
        return self._facts_action(
            "party_service.helpdesk_ticket_action_party",
            [
                ("party_member_id", "=", self.member_id.id),
                "|",
                "&",
                ("party_resolved_at", ">=", start),
                ("party_resolved_at", "<", stop),
                "&",
                ("party_deadline", ">=", start),
                ("party_deadline", "<", stop),
            ],
        )

    def action_view_dues(self):
        return self._facts_action(
            "party_life.party_dues_action",
            [
                ("member_id", "=", self.member_id.id),
                ("period", ">=", self.date_from.replace(day=1)),
                ("period", "<=", self.date_to),
            ],
        )

    def action_view_visits(self):
        return self._facts_action(
            "party_service.party_pairing_visit_action",
            [
                ("member_id", "=", self.member_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
        )

    def action_view_volunteer(self):
        start, stop = self._period_bounds()
        return self._facts_action(
            "party_service.event_registration_action_party",
            [
                ("party_member_id", "=", self.member_id.id),
                ("event_begin_date", ">=", start),
                ("event_begin_date", "<", stop),
            ],
        )
