"""party_venue's dimension of the Five Modernizations index: venues (阵地建设).

See party_branch/models/party_index.py for the extension point and the arithmetic.
The indicators apply to the organisations that run a venue (``party.venue.
organization_id``), in use on the last day of the period; an organisation that only
shares another's venue has no venue line.

- ``ven_checklist``: the mean score of the venues' latest inspections against the
  standard checklist, on or before the end of the period;
- ``ven_budget``: the construction and renovation projects (approved or closed) kept
  within their budget (no project: does not apply);
- ``ven_utilisation``: booked hours of the venues (any organisation's bookings: their
  own use and sharing) of their opening hours in the period.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import fields, models

from odoo.addons.party_branch.models.party_index import (
    MISSING,
    NOT_APPLICABLE,
    Fact,
    dimension_fields,
    ratios,
)

PROJECT_STATES = ("approved", "closed")


class PartyIndex(models.Model):
    _inherit = "party.index"

    score_venue, coverage_venue = dimension_fields("Regularisation", 50)

    def _party_index_venue_domain(self, org_ids, run):
        return [
            ("organization_id", "in", org_ids),
            "|",
            ("date_open", "=", False),
            ("date_open", "<=", run.as_of),
        ]

    def _party_index_venue(self, orgs, run):
        venues = (
            self.env["party.venue"]
            .sudo()
            .search_fetch(
                self._party_index_venue_domain(orgs.ids, run),
                ["organization_id", "resource_calendar_id"],
            )
        )
        by_org = defaultdict(list)
        for venue in venues:
            by_org[venue.organization_id.id].append(venue.id)
        # the latest completed inspection of each venue on or before as_of: one query
        latest = {}
        for inspection in (
            self.env["party.venue.inspection"]
            .sudo()
            .search_fetch(
                [
                    ("venue_id", "in", venues.ids),
                    ("state", "=", "done"),
                    ("date", "<=", run.as_of),
                ],
                ["venue_id", "score"],
                order="venue_id, date desc, id desc",
            )
        ):
            latest.setdefault(inspection.venue_id.id, inspection.score)
        usage = venues._utilisation(run.date_from, run.as_of + timedelta(days=1))
        projects = (
            self.env["party.venue.project"]
            .sudo()
            .search([("organization_id", "in", orgs.ids), ("state", "in", PROJECT_STATES)])
        )
        budgets = defaultdict(lambda: [0, 0])
        for project in projects:
            budgets[project.organization_id.id][1] += 1
            if not project.is_over_budget:
                budgets[project.organization_id.id][0] += 1

        facts = defaultdict(dict)
        facts["ven_budget"] = ratios(orgs, budgets)
        for org in orgs:
            own = by_org.get(org.id)
            if not own:
                facts["ven_checklist"][org.id] = NOT_APPLICABLE
                facts["ven_utilisation"][org.id] = NOT_APPLICABLE
                continue
            scores = [latest[v] for v in own if v in latest]
            facts["ven_checklist"][org.id] = (
                Fact(sum(scores) / len(scores), f"{len(scores)} / {len(own)}")
                if scores
                else MISSING
            )
            booked = sum(usage.get(v, (0.0, 0.0, 0.0))[0] for v in own)
            opening = sum(usage.get(v, (0.0, 0.0, 0.0))[1] for v in own)
            facts["ven_utilisation"][org.id] = (
                Fact(100.0 * booked / opening, f"{booked:.1f} h / {opening:.1f} h")
                if opening
                else MISSING
            )
        return facts

    # ------------------------------------------------------------ records behind

    def _party_index_records_ven_checklist(self, org, run):
        return "party.venue.inspection", [
            ("organization_id", "=", org.id),
            ("state", "=", "done"),
            ("date", "<=", fields.Date.to_string(run.as_of)),
        ]

    def _party_index_records_ven_budget(self, org, run):
        return "party.venue.project", [
            ("organization_id", "=", org.id),
            ("state", "in", PROJECT_STATES),
        ]

    def _party_index_records_ven_utilisation(self, org, run):
        return "party.venue.booking", [
            ("venue_id.organization_id", "=", org.id),
            ("state", "=", "confirmed"),
            ("start", "<", fields.Datetime.to_string(run.dt_to)),
            ("stop", ">", fields.Datetime.to_string(run.dt_from)),
        ]
