"""The compliance checks of party_venue (see party_branch/models/party_compliance.py).

- ``venue_missing``: a Party branch without a venue it can use (one it runs, one
  that serves it or an organisation above it). Only in the organisation trees
  that use the venue registry (a tree whose organisations run or are served by at
  least one venue): a committee that has not started registering venues gets no
  finding for each of its branches.
- ``venue_checklist``: the latest completed inspection of a venue failed items of
  the standard checklist.
- ``venue_over_budget``: a project spent more than its approved budget with the
  approved increases (the posted journal items: spending booked without a
  commitment).
- ``venue_extravagant``: a project costs more per square metre than the company's
  standard (超过: the standard itself passes).
- ``venue_unused``: a venue in use for a quarter or more with no confirmed booking
  in the last quarter (90 days up to the day of the check).
"""

from datetime import datetime, time, timedelta

from odoo import api, models

from odoo.addons.party_branch.models.party_compliance import Check, org_breaches

# 用足用好: a venue unused for a quarter (90 days, the day of the check included)
UNUSED_DAYS = 90
VENUE_ORG_TYPES = ("general_branch", "branch", "joint_branch")


class PartyCompliance(models.AbstractModel):
    _inherit = "party.compliance"

    @api.model
    def _checks(self):
        source = self.env._("阵地建设规范化（五化建设 2.5）")
        return super()._checks() + [
            Check(
                "venue_missing",
                self.env._("No Venue"),
                source,
                self.env._(
                    "every branch has a place for its activities: its own venue, or one it "
                    "shares with others (统筹共建共享)."
                ),
                self.env._(
                    "%(org)s has no venue it can use: register one, or have a nearby venue "
                    "serve it."
                ),
                scope=VENUE_ORG_TYPES,
            ),
            Check(
                "venue_checklist",
                self.env._("Venue Below Standard"),
                source,
                self.env._(
                    "a venue has the standard signage, Party flag and oath, regulations on "
                    "the wall, disclosure board and equipment; failed items are put right."
                ),
                self.env._(
                    "The venue %(venue)s failed %(count)s item(s) of the checklist at its "
                    "inspection on %(date)s: %(items)s."
                ),
            ),
            Check(
                "venue_over_budget",
                self.env._("Venue Project Over Budget"),
                source,
                self.env._(
                    "venues are built within the approved budget; an increase is approved by "
                    "the superior organisation first (不得超预算)."
                ),
                self.env._(
                    "The project %(project)s spent %(spent)s against an approved budget of "
                    "%(budget)s."
                ),
            ),
            Check(
                "venue_extravagant",
                self.env._("Venue Project Above Cost Standard"),
                source,
                self.env._(
                    "venues are built thriftily, without extravagance (厉行节约): the cost "
                    "per square metre stays within the standard."
                ),
                self.env._(
                    "The project %(project)s costs %(cost)s per m², above the standard of "
                    "%(standard)s."
                ),
            ),
            Check(
                "venue_unused",
                self.env._("Venue Unused"),
                source,
                self.env._(
                    "venues are used to the full (用足用好): booked at least once a quarter."
                ),
                self.env._("The venue %(venue)s has not been booked since %(since)s."),
            ),
        ]

    @api.model
    def _venue_orgs(self, orgs):
        """The ids of the organisations that run or are served by a venue, and a map
        {org_id: [ids of the org and its ancestors]} of ``orgs`` (one read each)."""
        orgs = orgs.browse(orgs.ids)  # one prefetch set: parent paths read at once
        paths = {
            org_id: [int(i) for i in (path or "").split("/") if i]
            for org_id, path in zip(orgs.ids, orgs.mapped("parent_path"), strict=True)
        }
        Venue = self.env["party.venue"].sudo()
        venues = Venue.search_fetch(
            [("company_id", "in", orgs.company_id.ids)], ["organization_id", "organization_ids"]
        )
        used = venues.organization_id | venues.organization_ids
        return used, paths

    def _check_venue_missing(self, orgs, run):
        orgs = orgs.browse(orgs.ids)
        used, paths = self._venue_orgs(orgs)
        if not used:
            return []
        # only the trees that use the registry: the roots of the organisations served
        roots = {int(path.split("/")[0]) for path in used.mapped("parent_path") if path}
        serving = set(used.ids)
        return org_breaches(
            orgs,
            lambda org: (
                paths[org.id]
                and paths[org.id][0] in roots
                and not serving.intersection(paths[org.id])
            ),
        )

    def _check_venue_checklist(self, orgs, run):
        venues = self.env["party.venue"].sudo().search([("organization_id", "in", orgs.ids)])
        breaches = []
        for venue_id, inspection in venues._latest_inspections().items():
            failed = inspection.line_ids.filtered(lambda line: line.result == "fail")
            if failed:
                breaches.append(
                    {
                        "organization_id": inspection.venue_id.organization_id.id,
                        "key": f"venue-{venue_id}",
                        "params": {
                            "venue": inspection.venue_id.name,
                            "count": len(failed),
                            "date": inspection.date.isoformat(),
                            # the item names in the reader's language (translated data)
                            "items": {
                                "record": [inspection._name, inspection.id, "failed_item_names"]
                            },
                        },
                    }
                )
        return breaches

    def _venue_project_breaches(self, orgs, flag, params):
        """One breach per approved or closed project of ``orgs`` whose boolean ``flag``
        is set, keyed by the project; ``params(project)`` gives its message's values."""
        projects = (
            self.env["party.venue.project"]
            .sudo()
            .search([("organization_id", "in", orgs.ids), ("state", "in", ("approved", "closed"))])
        )
        return [
            {
                "organization_id": project.organization_id.id,
                "key": f"project-{project.id}",
                "params": {"project": project.name, **params(project)},
            }
            for project in projects
            if project[flag]
        ]

    def _check_venue_over_budget(self, orgs, run):
        return self._venue_project_breaches(
            orgs,
            "is_over_budget",
            lambda project: {
                "spent": f"{project.spent:,.2f}",
                "budget": f"{project.budget_total:,.2f}",
            },
        )

    def _check_venue_extravagant(self, orgs, run):
        return self._venue_project_breaches(
            orgs,
            "is_extravagant",
            lambda project: {
                "cost": f"{project.cost_per_m2:,.2f}",
                "standard": f"{project.company_id.party_venue_cost_standard:,.2f}",
            },
        )

    def _check_venue_unused(self, orgs, run):
        since = run.on_date - timedelta(days=UNUSED_DAYS - 1)
        venues = (
            self.env["party.venue"]
            .sudo()
            .search([("organization_id", "in", orgs.ids), ("date_open", "<=", since)])
        )
        if not venues:
            return []
        Booking = self.env["party.venue.booking"].sudo()
        used = {
            venue.id
            for (venue,) in Booking._read_group(
                [
                    ("venue_id", "in", venues.ids),
                    ("state", "=", "confirmed"),
                    ("start", "<", datetime.combine(run.on_date + timedelta(days=1), time.min)),
                    ("stop", ">", datetime.combine(since, time.min)),
                ],
                ["venue_id"],
            )
        }
        return [
            {
                "organization_id": venue.organization_id.id,
                "key": f"venue-{venue.id}",
                "params": {"venue": venue.name, "since": since.isoformat()},
            }
            for venue in venues
            if venue.id not in used
        ]
