"""party_service's section of the cockpit (party_branch/models/party_cockpit.py): the
requesters' ratings of the service requests of the subtree rated in the period, and the
requests received and resolved in time. One grouped query."""

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_cockpit import Section, percent, rate_figure

RATINGS = (1, 2, 3, 4, 5)


class PartyCockpit(models.AbstractModel):
    _inherit = "party.cockpit"

    @api.model
    def _party_cockpit_sections(self):
        return super()._party_cockpit_sections() + [Section("service", 80, "helpdesk.ticket")]

    def _party_cockpit_service(self, run):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT party_rating, COUNT(*)
              FROM helpdesk_ticket
             WHERE party_organization_id = ANY(%(orgs)s) AND party_rating > 0
               AND party_rated_at >= %(from)s AND party_rated_at < %(to)s
          GROUP BY party_rating
                """,
                orgs=run.scope.ids,
                **{"from": run.dt_from, "to": run.dt_to},
            )
        )
        counts = dict(self.env.cr.fetchall())
        rated = sum(counts.values())
        average = sum(r * n for r, n in counts.items()) / rated if rated else None
        self.env.cr.execute(
            SQL(
                """
            SELECT COUNT(*),
                   COUNT(*) FILTER (WHERE party_resolved_at IS NOT NULL
                                      AND (party_deadline IS NULL
                                           OR party_resolved_at <= party_deadline))
              FROM helpdesk_ticket
             WHERE party_organization_id = ANY(%(orgs)s)
               AND party_received_at >= %(from)s AND party_received_at < %(to)s
                """,
                orgs=run.scope.ids,
                **{"from": run.dt_from, "to": run.dt_to},
            )
        )
        received, in_time = self.env.cr.fetchone()
        in_time_rate = percent(in_time, received)
        base = run.subtree("party_organization_id")
        rated_domain = base + [("party_rating", ">", 0), *run.period("party_rated_at", True)]
        rated_label = self.env._("Rated Requests %(period)s", period=run.label)
        received_domain = base + run.period("party_received_at", True)
        top = max(counts.values(), default=0)
        return {
            "title": self.env._("Service Ratings"),
            "kpis": [
                rate_figure(
                    self.env._("Average Rating"),
                    None if average is None else average * 20,  # out of 5: in percent
                    f"{rated}",
                    run.action(rated_label, "helpdesk.ticket", rated_domain),
                    display="—" if average is None else f"{average:.2f} / 5",
                ),
                rate_figure(
                    self.env._("Resolved in Time"),
                    in_time_rate,
                    f"{in_time} / {received}",
                    run.action(
                        self.env._("Service Requests %(period)s", period=run.label),
                        "helpdesk.ticket",
                        received_domain,
                    ),
                ),
            ],
            "bars": [
                {
                    "label": "★" * rating,
                    "display": str(counts.get(rating, 0)),
                    "ratio": percent(counts.get(rating, 0), top) or 0,
                    "tone": "good" if rating >= 4 else ("fair" if rating == 3 else "weak"),
                    "action": run.action(
                        rated_label,
                        "helpdesk.ticket",
                        rated_domain + [("party_rating", "=", rating)],
                    ),
                }
                for rating in reversed(RATINGS)
            ],
        }
