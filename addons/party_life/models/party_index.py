"""party_life's dimension of the Five Modernizations index: normalisation (组织生活正常化).

See party_branch/models/party_index.py for the extension point and the arithmetic.

- ``nor_meetings``: the periods of the meeting rules (``party.meeting.frequency``, data)
  that had their meeting, of the complete periods inside the index's period (the
  complete periods only, as the ``meeting_missing`` check counts them);
- ``nor_attendance``: members present of the members expected at the meetings held;
- ``nor_appraisal``: a democratic appraisal of the members closed in the twelve months up
  to the end of the period (organisations the appraisal rule applies to);
- ``nor_dues_on_time``: the monthly dues of the months ended in the period paid on
  time, by the last day of their month (按月交纳: ``party.dues._party_paid_late_sql``,
  the rule of the service assessment too; exempt months left out);
- ``nor_study_hours``: hours of Party courses completed per member (prorated target).
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_index import (
    MISSING,
    NOT_APPLICABLE,
    Fact,
    dimension_fields,
    ratio,
    ratios,
)
from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

BRANCH_TYPES = ("branch", "joint_branch")


class PartyIndex(models.Model):
    _inherit = "party.index"

    score_normalisation, coverage_normalisation = dimension_fields("Normalisation", 20)

    def _party_index_normalisation(self, orgs, run):
        facts = defaultdict(dict)
        facts["nor_meetings"] = self._party_index_meetings(orgs, run)
        facts["nor_attendance"] = self._party_index_attendance(orgs, run)
        facts["nor_appraisal"] = self._party_index_appraisal(orgs, run)
        facts["nor_dues_on_time"] = self._party_index_dues(orgs, run)
        facts["nor_study_hours"] = self._party_index_study(orgs, run)
        return facts

    # ------------------------------------------------------------------ meetings

    def _party_index_meetings(self, orgs, run):
        """Periods with their meeting / periods due, over every rule that applies."""
        Compliance = self.env["party.compliance"]
        frequencies = self.env["party.meeting.frequency"].sudo().search([("active", "=", True)])
        rules = [
            (freq._org_types(), freq.requires_committee, freq._gap_key(), len(periods))
            for freq in frequencies
            if (periods := Compliance._periods(freq, run.date_from, run.as_of))
        ]
        gaps = Compliance._meeting_gaps(orgs, run.date_from, run.as_of) if rules else {}
        result = {}
        for org in orgs:
            due = missed = 0
            for types, needs_committee, key, count in rules:
                if org.org_type not in types or (needs_committee and not org.has_committee):
                    continue
                due += count
                missed += len(gaps.get(org.id, {}).get(key, ()))
            # no rule applies, or no complete period of its rules inside the period yet:
            # nothing was due
            result[org.id] = ratio(due - missed, due) if due else NOT_APPLICABLE
        return result

    def _party_index_attendance(self, orgs, run):
        sums = {
            org.id: (present, expected)
            for org, present, expected in self.env["party.meeting"]
            .sudo()
            ._read_group(
                self._party_index_held_domain(orgs.ids, run),
                ["organization_id"],
                ["present_count:sum", "expected_count:sum"],
            )
        }
        return ratios(orgs, sums, absent=MISSING)  # no meeting held: nothing to attend

    @staticmethod
    def _party_index_held_domain(org_ids, run):
        return [
            ("organization_id", "in", org_ids),
            ("state", "=", "held"),
            ("start", ">=", run.dt_from),
            ("start", "<", run.dt_to),
        ]

    # ------------------------------------------------------------------ appraisal

    def _party_index_appraisal(self, orgs, run):
        """100 when an appraisal closed in the twelve months up to ``as_of``, else 0;
        only where the yearly appraisal rule applies."""
        rules = (
            self.env["party.meeting.frequency"]
            .sudo()
            .search([("active", "=", True), ("meeting_type", "=", "appraisal_meeting")])
        )
        types = set().union(*(rule._org_types() for rule in rules)) if rules else set()
        since = run.as_of - relativedelta(years=1)
        closed = {
            org.id: last
            for org, last in self.env["party.appraisal"]
            .sudo()
            ._read_group(
                [
                    ("organization_id", "in", orgs.ids),
                    ("state", "=", "closed"),
                    ("date_closed", ">", since),
                    ("date_closed", "<=", run.as_of),
                ],
                ["organization_id"],
                ["date_closed:max"],
            )
        }
        result = {}
        for org in orgs:
            if org.org_type not in types:
                result[org.id] = NOT_APPLICABLE
            elif org.id in closed:
                result[org.id] = Fact(100.0, closed[org.id].isoformat())
            else:
                result[org.id] = Fact(0.0, "")
        return result

    # ------------------------------------------------------------------ dues

    def _party_index_dues_months(self, run):
        """The first days of the months of the period that ended by ``as_of``."""
        last = (run.as_of + relativedelta(days=1)).replace(day=1) - relativedelta(months=1)
        return run.date_from, last

    def _party_index_dues(self, orgs, run):
        """Monthly dues paid in full on time (by the last day of their month: the rule of
        ``party.dues``, :meth:`_party_paid_late_sql`), of the dues of the months ended in
        the period (exempt ones left out): two grouped queries."""
        first, last = self._party_index_dues_months(run)
        if last < first:
            return dict.fromkeys(orgs.ids, NOT_APPLICABLE)  # no month of the period ended
        self.env.flush_all()
        cr = self.env.cr
        Dues = self.env["party.dues"]
        period_domain = SQL(
            "d.organization_id = ANY(%s) AND d.period >= %s AND d.period <= %s",
            orgs.ids,
            first,
            last,
        )
        cr.execute(
            SQL(
                """
            SELECT d.organization_id, COUNT(*), COUNT(*) FILTER (WHERE d.state = 'paid')
              FROM party_dues d
             WHERE %s AND d.state != 'exempt'
          GROUP BY d.organization_id
                """,
                period_domain,
            )
        )
        due = {org_id: (total, paid) for org_id, total, paid in cr.fetchall()}
        # paid, but with a posted payment dated after the month's last day: late (the
        # payments after the first month's deadline are few to read; the dues are many)
        cr.execute(
            SQL(
                """
            SELECT d.organization_id, COUNT(DISTINCT d.id)
              FROM party_dues_payment p
              JOIN party_dues_payment_line l ON l.payment_id = p.id
              JOIN party_dues d ON d.id = l.dues_id
             WHERE p.date > %s AND %s AND d.state = 'paid' AND %s
          GROUP BY d.organization_id
                """,
                Dues._party_on_time_deadline(first),
                period_domain,
                Dues._party_paid_late_sql("d", "p"),
            )
        )
        late = dict(cr.fetchall())
        counts = {
            org_id: (paid - late.get(org_id, 0), total) for org_id, (total, paid) in due.items()
        }
        return {
            org.id: ratio(*counts.get(org.id, (0, 0)))
            if org.id in counts or run.counts[org.id]["all"]
            else NOT_APPLICABLE  # no member of its own, no dues
            for org in orgs
        }

    # ------------------------------------------------------------------ learning

    def _party_index_study(self, orgs, run):
        """Hours of Party course content completed in the period per member in the
        organisation: one query. Missing where the company has no Party course."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT m.organization_id, SUM(s.completion_time)
              FROM slide_slide_partner sp
              JOIN slide_slide s ON s.id = sp.slide_id
              JOIN slide_channel c ON c.id = sp.channel_id
              JOIN party_member m ON m.partner_id = sp.partner_id
             WHERE c.is_party_course AND sp.completed
               AND sp.completed_date >= %(start)s AND sp.completed_date <= %(end)s
               AND m.organization_id = ANY(%(orgs)s) AND m.status = ANY(%(statuses)s)
          GROUP BY m.organization_id
                """,
                start=run.date_from,
                end=run.as_of,
                orgs=orgs.ids,
                statuses=list(IN_ORG_STATUSES),
            )
        )
        hours = dict(self.env.cr.fetchall())
        any_course = bool(
            self.env["slide.channel"].sudo().search_count([("is_party_course", "=", True)], limit=1)
        )
        result = {}
        for org in orgs:
            members = run.counts[org.id]["all"]
            if not members:
                result[org.id] = NOT_APPLICABLE
            elif not any_course:
                result[org.id] = MISSING
            else:
                total = float(hours.get(org.id) or 0.0)
                result[org.id] = Fact(total / members, f"{total:.1f} h / {members}")
        return result

    # ------------------------------------------------------------ records behind

    def _party_index_records_nor_meetings(self, org, run):
        return "party.meeting", [
            ("organization_id", "=", org.id),
            ("start", ">=", run.dt_from),
            ("start", "<", run.dt_to),
        ]

    def _party_index_records_nor_attendance(self, org, run):
        return "party.meeting.attendance", [
            ("organization_id", "=", org.id),
            ("meeting_state", "=", "held"),
            ("meeting_start", ">=", run.dt_from),
            ("meeting_start", "<", run.dt_to),
        ]

    def _party_index_records_nor_appraisal(self, org, run):
        return "party.appraisal", [("organization_id", "=", org.id)]

    def _party_index_records_nor_dues_on_time(self, org, run):
        first, last = self._party_index_dues_months(run)
        return "party.dues", [
            ("organization_id", "=", org.id),
            ("period", ">=", first),
            ("period", "<=", last),
        ]

    def _party_index_records_nor_study_hours(self, org, run):
        return "slide.slide.partner", [
            ("partner_id.party_member_ids.organization_id", "=", org.id),
            ("channel_id.is_party_course", "=", True),
            ("completed", "=", True),
            ("completed_date", ">=", fields.Date.to_string(run.date_from)),
            ("completed_date", "<=", fields.Date.to_string(run.as_of)),
        ]
