"""The compliance checks of party_service (see party_branch/models/party_compliance.py).

- ``service_request_overdue``: service requests of the organisation past their
  deadline and not resolved.
- ``service_request_unrouted``: public requests no routing rule sent anywhere,
  waiting in the company's top organisation for the Party office to route them.
- ``pairing_visit_missing``: active pairings without a visit within their interval.
- ``member_no_service``: members with no service (no request resolved, no pairing
  visit, no volunteer hour) so far in the open assessment period under way of their
  organisation (a closed period of the past is not reminded of).

Each fires only on party_service's own records (requests, pairings, assessment
periods), so organisations without them are not flagged.
"""

import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.party_branch.models.party_compliance import ALL_TYPES, MEMBER_ORG_TYPES, Check

_logger = logging.getLogger(__name__)


class PartyCompliance(models.AbstractModel):
    _inherit = "party.compliance"

    @api.model
    def _checks(self):
        source = self.env._("管理服务精细化: 服务群众、服务考核 (suite policy)")
        return super()._checks() + [
            Check(
                "service_request_overdue",
                self.env._("Service Request Overdue"),
                source,
                self.env._(
                    "a service request is resolved within the deadline of its category; an "
                    "overdue one is escalated to the secretary."
                ),
                self.env._("%(org)s: %(count)s service request(s) overdue: %(requests)s."),
                scope=ALL_TYPES,
            ),
            Check(
                "service_request_unrouted",
                self.env._("Service Request Not Routed"),
                source,
                self.env._(
                    "every service request goes to the organisation of its area, unit or "
                    "category; one no routing rule sends anywhere is routed by the Party "
                    "office."
                ),
                self.env._(
                    "%(org)s: %(count)s public service request(s) matched no routing rule "
                    "and wait to be routed: %(requests)s."
                ),
                scope=ALL_TYPES,
            ),
            Check(
                "pairing_visit_missing",
                self.env._("Pairing Visit Missing"),
                source,
                self.env._(
                    "an active pairing assistance is visited at least once in its visit interval."
                ),
                self.env._(
                    "%(org)s: pairing %(pairing)s has had no visit since %(since)s (every "
                    "%(days)s days)."
                ),
                scope=ALL_TYPES,
            ),
            Check(
                "member_no_service",
                self.env._("Member Without Service"),
                source,
                self.env._(
                    "every member serves the public: a request resolved, a pairing visit or "
                    "volunteer hours in each assessment period."
                ),
                self.env._("%(member)s did no service in the assessment period %(period)s."),
                scope=MEMBER_ORG_TYPES,
                subject="member",
                severity="reminder",
            ),
        ]

    def _check_service_request_overdue(self, orgs, run):
        now = datetime.combine(run.on_date + timedelta(days=1), time.min)
        return self._request_breaches(
            orgs, [("party_deadline", "<", now), ("party_resolved_at", "=", False)]
        )

    def _check_service_request_unrouted(self, orgs, run):
        return self._request_breaches(
            orgs, [("party_unrouted", "=", True), ("party_member_id", "=", False)]
        )

    def _request_breaches(self, orgs, domain):
        """One breach per organisation with open requests (not in a closed stage)
        matching ``domain``, naming up to 20 of them (one query)."""
        groups = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("party_organization_id", "in", orgs.ids),
                    ("stage_id.closed", "=", False),
                    *domain,
                ],
                ["party_organization_id"],
                ["number:array_agg"],
            )
        )
        return [
            {
                "organization_id": org.id,
                "params": {
                    "org": org.name,
                    "count": len(numbers),
                    "requests": ", ".join(sorted(numbers)[:20]),
                },
            }
            for org, numbers in groups
        ]

    @api.model
    def _party_recheck_unrouted(self, orgs):
        """Re-run the check of unrouted requests for ``orgs`` now (a public request
        that waits opens the finding at once, routing the last one closes it). A clash
        with a compliance run under way leaves it to that run, never the request
        refused."""
        if not orgs:
            return
        try:
            with self.env.cr.savepoint():
                self.sudo()._run(
                    orgs, fields.Date.context_today(self), ["service_request_unrouted"]
                )
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.ExclusionViolation):
            _logger.info("re-check of unrouted service requests left to the compliance run")

    def _check_pairing_visit_missing(self, orgs, run):
        pairings = (
            self.env["party.pairing"]
            .sudo()
            .search([("organization_id", "in", orgs.ids), ("state", "=", "active")])
        )
        breaches = []
        for pairing in pairings:
            since = pairing.last_visit_date or pairing.date_start
            # the visit is due within the interval: on the last day in time, late the next
            if since + relativedelta(days=pairing.visit_interval_days) < run.on_date:
                breaches.append(
                    {
                        "organization_id": pairing.organization_id.id,
                        "key": str(pairing.id),
                        "params": {
                            "org": pairing.organization_id.name,
                            "pairing": pairing.name,
                            "since": str(since),
                            "days": pairing.visit_interval_days,
                        },
                    }
                )
        return breaches

    def _check_member_no_service(self, orgs, run):
        """The members of the open assessment period under way on the day of the check
        (a period of their organisation tree) with no resolved request, no logged visit
        and no volunteer hour in it so far: a reminder while there is time to serve. A
        closed period is history, its scores frozen: it is not reminded of."""
        assessments = (
            self.env["party.assessment"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("date_from", "<=", run.on_date),
                    ("date_to", ">=", run.on_date),
                ],
                order="date_from desc, id desc",
            )
        )
        if not assessments:
            return []
        # each member's period: the latest one of the nearest organisation above them
        # that has a period under way (their own organisation first), found per
        # organisation; then the members of the organisations with a period, one query
        by_org = {}
        for assessment in assessments:
            by_org.setdefault(assessment.organization_id.id, assessment)
        org_period = {}
        for org_id, path in zip(orgs.ids, orgs.mapped("parent_path"), strict=True):
            for ancestor_id in reversed([int(x) for x in (path or "").split("/") if x]):
                if ancestor_id in by_org:
                    org_period[org_id] = by_org[ancestor_id]
                    break
        if not org_period:
            return []
        rows = run.members_of(orgs.browse(list(org_period)))
        members = self.env["party.member"].sudo().browse([row.id for row in rows])
        names = {row.id: row.name for row in rows}
        org_of = {row.id: row.organization_id for row in rows}
        period_of = {row.id: org_period[row.organization_id] for row in rows}
        groups = defaultdict(list)
        for member_id, assessment in period_of.items():
            groups[assessment.date_from].append(member_id)
        Line = self.env["party.assessment.line"]
        services = ("request", "visit", "volunteer")
        breaches = []
        for date_from, member_ids in groups.items():
            facts = Line._facts(members.browse(member_ids), date_from, run.on_date, services)
            for member_id in member_ids:
                done = facts.get(member_id, {})
                if any(done.get(source) for source in services):
                    continue
                assessment = period_of[member_id]
                breaches.append(
                    {
                        "organization_id": org_of[member_id],
                        "member_id": member_id,
                        "params": {
                            "member": names[member_id],
                            "period": f"{assessment.date_from}…{assessment.date_to}",
                        },
                    }
                )
        return breaches
