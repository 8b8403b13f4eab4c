"""party_service's dimension of the Five Modernizations index: refinement (管理服务精细化).

See party_branch/models/party_index.py for the extension point and the arithmetic.

- ``ref_requests_in_time``: service requests whose deadline fell in the period,
  resolved by their deadline (a request still open after it counts as late);
- ``ref_rating``: the requesters' average rating (1–5) of the requests rated in the
  period;
- ``ref_assessment``: the members in the organisation scored by a service assessment
  whose period overlaps the index's (an assessment of the organisation or of one above);
- ``ref_pairing_visits``: the pairings under way at the end of the period that were
  visited within their interval (no pairing: the indicator does not apply).
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


class PartyIndex(models.Model):
    _inherit = "party.index"

    score_refinement, coverage_refinement = dimension_fields("Refinement", 30)

    def _party_index_refinement(self, orgs, run):
        facts = defaultdict(dict)
        self._party_index_requests(orgs, run, facts)
        facts["ref_assessment"] = self._party_index_assessment(orgs, run)
        facts["ref_pairing_visits"] = self._party_index_pairings(orgs, run)
        return facts

    def _party_index_requests(self, orgs, run, facts):
        """Requests due in the period and those resolved by their deadline; the ratings
        given in the period: one query."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT party_organization_id,
                   COUNT(*) FILTER (WHERE party_deadline >= %(from)s AND party_deadline < %(to)s),
                   COUNT(*) FILTER (WHERE party_deadline >= %(from)s AND party_deadline < %(to)s
                                      AND party_resolved_at <= party_deadline),
                   COUNT(party_rating) FILTER (WHERE party_rated_at >= %(from)s
                                                 AND party_rated_at < %(to)s
                                                 AND party_rating > 0),
                   AVG(party_rating) FILTER (WHERE party_rated_at >= %(from)s
                                               AND party_rated_at < %(to)s
                                               AND party_rating > 0)
              FROM helpdesk_ticket
             WHERE party_organization_id = ANY(%(orgs)s) AND active
          GROUP BY party_organization_id
                """,
                orgs=orgs.ids,
                to=run.dt_to,
                **{"from": run.dt_from},
            )
        )
        figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for org in orgs:
            due, in_time, rated, average = figures.get(org.id, (0, 0, 0, None))
            facts["ref_requests_in_time"][org.id] = ratio(in_time, due)
            facts["ref_rating"][org.id] = (
                Fact(float(average), f"{float(average):.2f} / {rated}") if rated else MISSING
            )

    def _party_index_overlapping_assessments(self, run):
        return [("date_from", "<=", run.as_of), ("date_to", ">=", run.date_from)]

    def _party_index_assessment(self, orgs, run):
        """Members scored by an assessment overlapping the period, of the members in the
        organisation, where an assessment of it or of an organisation above covers the
        period."""
        assessments = (
            self.env["party.assessment"]
            .sudo()
            .search_fetch(self._party_index_overlapping_assessments(run), ["organization_id"])
        )
        assessed_orgs = set(assessments.organization_id.ids)
        scored = {}
        if assessments:
            scored = {
                org.id: len(set(member_ids))
                for org, member_ids in self.env["party.assessment.line"]
                .sudo()
                ._read_group(
                    [("assessment_id", "in", assessments.ids), ("organization_id", "in", orgs.ids)],
                    ["organization_id"],
                    ["member_id:array_agg"],
                )
            }
        result = {}
        for org in orgs:
            members = run.counts[org.id]["all"]
            covered = any(int(p) in assessed_orgs for p in org.parent_path.split("/") if p)
            if not members:
                result[org.id] = NOT_APPLICABLE
            elif not covered:
                result[org.id] = MISSING
            else:
                result[org.id] = ratio(min(scored.get(org.id, 0), members), members)
        return result

    def _party_index_pairing_domain(self, org_ids, run):
        return [
            ("organization_id", "in", org_ids),
            ("state", "in", ("active", "done")),
            ("date_start", "<=", run.as_of),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", run.as_of),
        ]

    def _party_index_pairings(self, orgs, run):
        """Pairings under way on ``as_of`` visited within their interval (a logged visit
        on or before it, or their start, no more than the interval ago)."""
        pairings = (
            self.env["party.pairing"]
            .sudo()
            .search_fetch(
                self._party_index_pairing_domain(orgs.ids, run),
                ["organization_id", "date_start", "visit_interval_days"],
            )
        )
        last = dict(
            self.env["party.pairing.visit"]
            .sudo()
            ._read_group(
                [
                    ("pairing_id", "in", pairings.ids),
                    ("state", "=", "done"),
                    ("date", "<=", run.as_of),
                ],
                ["pairing_id"],
                ["date:max"],
            )
        )
        counts = defaultdict(lambda: [0, 0])
        for pairing in pairings:
            since = last.get(pairing) or pairing.date_start
            counts[pairing.organization_id.id][1] += 1
            if since + relativedelta(days=pairing.visit_interval_days) >= run.as_of:
                counts[pairing.organization_id.id][0] += 1
        return ratios(orgs, counts)

    # ------------------------------------------------------------ records behind

    def _party_index_records_ref_requests_in_time(self, org, run):
        return "helpdesk.ticket", [
            ("party_organization_id", "=", org.id),
            ("party_deadline", ">=", fields.Datetime.to_string(run.dt_from)),
            ("party_deadline", "<", fields.Datetime.to_string(run.dt_to)),
        ]

    def _party_index_records_ref_rating(self, org, run):
        return "helpdesk.ticket", [
            ("party_organization_id", "=", org.id),
            ("party_rated_at", ">=", fields.Datetime.to_string(run.dt_from)),
            ("party_rated_at", "<", fields.Datetime.to_string(run.dt_to)),
        ]

    def _party_index_records_ref_assessment(self, org, run):
        return "party.assessment.line", [
            ("organization_id", "=", org.id),
            ("date_from", "<=", fields.Date.to_string(run.as_of)),
            ("date_to", ">=", fields.Date.to_string(run.date_from)),
        ]

    def _party_index_records_ref_pairing_visits(self, org, run):
        return "party.pairing", self._party_index_pairing_domain([org.id], run)
