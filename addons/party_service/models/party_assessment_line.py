"""The service assessment (服务考核) of an organisation's members over a period.

Each member of the organisation and of those below it gets a line with the
quantities of every source (meetings attended and study hours from party_life,
dues paid on time, requests resolved and their ratings, pairing visits,
volunteer hours, minus overdue requests and unexcused absences) and the points
the rules (``party.assessment.rule``, data) give them. The quantities are the facts
of the points ledger (``party.point``, ``ASSESSMENT_SOURCES``, party_assessment.py),
brought up to date for the members and the period first; scoring is set-based: one
grouped query for all members and sources. Closing a period freezes its lines; a closed period is not scored again.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_assessment import (
    ASSESSMENT_SOURCES,
    FLOAT_QUANTITIES,
    POINTS_FIELDS,
    QUANTITY_FIELDS,
)
from .party_assessment_rule import SOURCES


class PartyAssessmentLine(models.Model):
    _name = "party.assessment.line"
    _description = "Service Assessment Score"
    _inherit = ["party.access.mixin"]
    _order = "assessment_id desc, score desc, id"
    _rec_name = "member_id"

    _party_org_field = False  # the member's at scoring; written by the scoring only
    _party_parent_field = "assessment_id"
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
            vals[POINTS_FIELDS[source]] = round(value, 2)
            score += value
        vals["score"] = round(score, 2)
        return vals

    def _points_to_earn(self):
        """[(rule, points still open)] of this line: the rewarded sources whose points
        are below their cap, under the rules of the line's company (its own rule for a
        source, or else the default), in the rules' order."""
        if not self:
            return []
        self.ensure_one()
        Rule = self.env["party.assessment.rule"].sudo()
        rules = {
            rule.source: rule
            for rule in Rule.search(
                [("is_penalty", "=", False), ("company_id", "in", [False, self.company_id.id])],
                order="company_id nulls first",
            )
        }
        line = self.sudo()
        missing = []
        for rule in sorted(rules.values(), key=lambda r: (r.sequence, r.id)):
            got = line[POINTS_FIELDS[rule.source]]
            if rule.cap and got < rule.cap:
                missing.append((rule.name, round(rule.cap - got, 2)))
        return missing

    # ------------------------------------------------------------------ facts

    @api.model
    def _facts(self, members, date_from, date_to, sources=None, strict=False):
        """{member_id: {source: quantity}} for the period, from the points ledger
        (``party.point``): the ledger is first brought up to date for ``members`` and the
        sources over the period (a scoped run: those members and days only, set-based,
        idempotent), then one grouped query sums the quantities of the facts per member
        and source (the rating: their mean), capped facts included. Each source of
        ``ASSESSMENT_SOURCES`` (all, or the codes in ``sources``) is a source of the
        ledger; one without an active points rule for the members' company is refused
        (a clear error naming it), as the ledger holds no fact of it. ``strict``: a
        points run under way in another transaction is refused (the assessment's
        action); otherwise the ledger is read as it stands (the compliance run)."""
        facts = defaultdict(dict)
        if not members:
            return facts
        Point = self.env["party.point"].sudo()
        labels = {s.code: s.label for s in Point._party_point_sources()}
        table = [
            source
            for source in ASSESSMENT_SOURCES
            if (sources is None or source.code in sources) and source.model in self.env
        ]
        codes = [source.code for source in table]
        missing = [code for code in codes if code not in labels]
        # the members' companies, in one query (tens of thousands of members: not read
        # as records)
        self.env["party.member"].flush_model(["company_id"])
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT company_id FROM party_member WHERE id = ANY(%s)"
                " AND company_id IS NOT NULL ORDER BY company_id",
                members.ids,
            )
        )
        for (company_id,) in self.env.cr.fetchall():
            missing += Point._party_point_rules_missing(
                self.env["res.company"].browse(company_id), codes
            )
        if missing:
            raise UserError(
                self.env._(
                    "No points rule for %(sources)s: the assessment counts facts from the "
                    "points ledger. A Party administrator gives each source an active points "
                    "rule (0 points to record its facts without points).",
                    sources=", ".join(dict.fromkeys(labels.get(code, code) for code in missing)),
                )
            )
        Point._party_points_refresh(date_from, date_to, members, codes, strict=strict)
        ledger = Point._party_ledger_quantities(members, date_from, date_to, codes)
        for member_id, by_source in ledger.items():
            for code, (quantity, count) in by_source.items():
                field = QUANTITY_FIELDS[code]
                if code == "rating":
                    quantity = round(quantity / count, 2) if count else 0.0
                elif field not in FLOAT_QUANTITIES:
                    quantity = round(quantity)
                else:
                    quantity = round(quantity, 2)
                facts[member_id][code] = quantity
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
