"""party_venue's section of the cockpit (party_branch/models/party_cockpit.py): the use of
the venues by the subtree in the period, from its confirmed bookings (hours, bookings for
a meeting, bookings of another organisation's venue: shared), by venue. One grouped
query."""

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_cockpit import Section, percent

TOP_VENUES = 8


class PartyCockpit(models.AbstractModel):
    _inherit = "party.cockpit"

    @api.model
    def _party_cockpit_sections(self):
        return super()._party_cockpit_sections() + [Section("venues", 90, "party.venue.booking")]

    def _party_cockpit_venues(self, run):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT b.venue_id, v.name, COUNT(*), COALESCE(SUM(b.duration), 0),
                   COUNT(*) FILTER (WHERE b.meeting_id IS NOT NULL),
                   COUNT(*) FILTER (WHERE b.organization_id != v.organization_id)
              FROM party_venue_booking b
              JOIN party_venue v ON v.id = b.venue_id
             WHERE b.state = 'confirmed' AND b.organization_id = ANY(%(orgs)s)
               AND b.start >= %(from)s AND b.start < %(to)s
          GROUP BY b.venue_id, v.name
                """,
                orgs=run.scope.ids,
                **{"from": run.dt_from, "to": run.dt_to},
            )
        )
        rows = self.env.cr.fetchall()
        bookings = sum(r[2] for r in rows)
        hours = float(sum(r[3] for r in rows))
        meetings = sum(r[4] for r in rows)
        shared = sum(r[5] for r in rows)
        base = run.subtree() + [("state", "=", "confirmed"), *run.period("start", True)]
        label = self.env._("Venue Bookings %(period)s", period=run.label)
        views = ("list", "pivot", "form")
        rows.sort(key=lambda r: -r[3])
        top = float(rows[0][3]) if rows else 0.0
        return {
            "title": self.env._("Venue Use"),
            "kpis": [
                {
                    "label": self.env._("Bookings"),
                    "display": str(bookings),
                    "action": run.action(label, "party.venue.booking", base, views),
                },
                {
                    "label": self.env._("Hours"),
                    "display": f"{hours:.1f}",
                    "action": run.action(label, "party.venue.booking", base, views),
                },
                {
                    "label": self.env._("For Meetings"),
                    "display": str(meetings),
                    "detail": f"{meetings} / {bookings}",
                    "action": run.action(
                        label, "party.venue.booking", base + [("meeting_id", "!=", False)], views
                    ),
                },
                {
                    "label": self.env._("Shared Venues"),
                    "display": str(shared),
                    "detail": f"{shared} / {bookings}",
                },
            ],
            "bars": [
                {
                    "label": name,
                    "display": f"{float(venue_hours):.1f} h",
                    "ratio": percent(float(venue_hours), top) or 0,
                    "action": run.action(
                        label, "party.venue.booking", base + [("venue_id", "=", venue_id)], views
                    ),
                }
                for venue_id, name, __, venue_hours, *__ in rows[:TOP_VENUES]
            ],
            "bars_title": self.env._("Hours by Venue"),
        }
