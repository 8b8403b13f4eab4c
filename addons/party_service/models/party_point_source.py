"""party_service's sources of the points ledger (``party.point``, party_branch):
volunteer hours and service requests resolved. Each answers one SQL query of its facts
(``member_id, res_id, fact_date, quantity``), read by the nightly points run."""

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_point import PointSource


class PartyPoint(models.Model):
    _inherit = "party.point"

    @api.model
    def _party_point_sources(self):
        return super()._party_point_sources() + [
            PointSource("volunteer", self.env._("Volunteer Hours"), "event.registration"),
            PointSource("request", self.env._("Service Requests Resolved"), "helpdesk.ticket"),
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
