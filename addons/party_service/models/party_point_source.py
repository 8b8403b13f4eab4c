"""party_service's sources of the points ledger (``party.point``, party_branch):
volunteer hours, service requests resolved, their requesters' ratings, overdue requests
and pairing visits. Each answers one SQL query of its facts (``member_id, res_id,
fact_date, quantity``), read by the nightly points run: the one definition of the fact,
which the service assessment counts from the ledger."""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_point import PointSource


class PartyPoint(models.Model):
    _inherit = "party.point"

    @api.model
    def _party_point_sources(self):
        return super()._party_point_sources() + [
            PointSource("volunteer", self.env._("Volunteer Hours"), "event.registration"),
            PointSource("request", self.env._("Service Requests Resolved"), "helpdesk.ticket"),
            PointSource("rating", self.env._("Requesters' Ratings"), "helpdesk.ticket"),
            PointSource("overdue", self.env._("Overdue Service Requests"), "helpdesk.ticket"),
            PointSource("visit", self.env._("Pairing Visits"), "party.pairing.visit"),
        ]

    @api.model
    def _party_point_facts_volunteer(self, date_from, date_to):
        """The volunteer hours recorded for a member on an event (quantity: hours), on the
        UTC day the event began (as in the service assessment)."""
        return SQL(
            """
            SELECT r.party_member_id AS member_id, r.id AS res_id,
                   e.date_begin::date AS fact_date, r.party_hours AS quantity
              FROM event_registration r
              JOIN event_event e ON e.id = r.event_id
             WHERE r.party_member_id IS NOT NULL AND r.party_hours > 0
               AND e.date_begin >= %(start)s AND e.date_begin < (%(stop)s::date + 1)
            """,
            start=date_from,
            stop=date_to,
        )

    @api.model
    def _party_point_facts_request(self, date_from, date_to):
        """The service requests assigned to a member that they resolved, on the UTC day
        of the resolution (as in the service assessment)."""
        return SQL(
            """
            SELECT t.party_member_id AS member_id, t.id AS res_id,
                   t.party_resolved_at::date AS fact_date, 1.0 AS quantity
              FROM helpdesk_ticket t
             WHERE t.party_member_id IS NOT NULL
               AND t.party_resolved_at >= %(start)s
               AND t.party_resolved_at < (%(stop)s::date + 1)
            """,
            start=date_from,
            stop=date_to,
        )

    @api.model
    def _party_point_facts_rating(self, date_from, date_to):
        """The ratings (1 to 5, the quantity) of the requests a member resolved, on the
        UTC day of the resolution: the assessment takes their mean (quantity / facts)."""
        return SQL(
            """
            SELECT t.party_member_id AS member_id, t.id AS res_id,
                   t.party_resolved_at::date AS fact_date, t.party_rating AS quantity
              FROM helpdesk_ticket t
             WHERE t.party_member_id IS NOT NULL AND t.party_rating > 0
               AND t.party_resolved_at >= %(start)s
               AND t.party_resolved_at < (%(stop)s::date + 1)
            """,
            start=date_from,
            stop=date_to,
        )

    @api.model
    def _party_point_facts_overdue(self, date_from, date_to):
        """The requests assigned to a member not resolved (nor closed) by their deadline,
        on the UTC day of the deadline: resolved late, or still open past it (a request
        overdue stays overdue)."""
        return SQL(
            """
            SELECT t.party_member_id AS member_id, t.id AS res_id,
                   t.party_deadline::date AS fact_date, 1.0 AS quantity
              FROM helpdesk_ticket t
             WHERE t.party_member_id IS NOT NULL
               AND t.party_deadline >= %(start)s
               AND t.party_deadline < (%(stop)s::date + 1)
               AND COALESCE(t.party_resolved_at, t.closed_date, %(now)s) > t.party_deadline
            """,
            start=date_from,
            stop=date_to,
            now=fields.Datetime.now(),
        )

    @api.model
    def _party_point_facts_visit(self, date_from, date_to):
        """The visits of a member's pairings logged as made, on their day."""
        return SQL(
            """
            SELECT v.member_id, v.id AS res_id, v.date AS fact_date, 1.0 AS quantity
              FROM party_pairing_visit v
             WHERE v.member_id IS NOT NULL AND v.state = 'done'
               AND v.date BETWEEN %(start)s AND %(stop)s
            """,
            start=date_from,
            stop=date_to,
        )
