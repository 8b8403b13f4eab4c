"""party_service's sources of the points ledger (``party.point``, party_branch):
volunteer hours, service requests resolved, their requesters' ratings, overdue requests
and pairing visits. Each answers one SQL query of its facts (``member_id, res_id,
fact_date, quantity``), read by the nightly points run: the one definition of the fact,
which the service assessment counts from the ledger."""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_point import PointSource, facts_sql


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
        return facts_sql(
            SQL("event_registration x JOIN event_event e ON e.id = x.event_id"),
            SQL("e.date_begin"),
            date_from,
            date_to,
            SQL("x.party_hours > 0"),
            member=SQL("x.party_member_id"),
            quantity=SQL("x.party_hours"),
        )

    @api.model
    def _party_point_facts_request(self, date_from, date_to):
        """The service requests assigned to a member that they resolved, on the UTC day
        of the resolution (as in the service assessment)."""
        return facts_sql(
            SQL("helpdesk_ticket x"),
            SQL("x.party_resolved_at"),
            date_from,
            date_to,
            member=SQL("x.party_member_id"),
        )

    @api.model
    def _party_point_facts_rating(self, date_from, date_to):
        """The ratings (1 to 5, the quantity) of the requests a member resolved, on the
        UTC day of the resolution: the assessment takes their mean (quantity / facts)."""
        return facts_sql(
            SQL("helpdesk_ticket x"),
            SQL("x.party_resolved_at"),
            date_from,
            date_to,
            SQL("x.party_rating > 0"),
            member=SQL("x.party_member_id"),
            quantity=SQL("x.party_rating"),
        )

    @api.model
    def _party_point_facts_overdue(self, date_from, date_to):
        """The requests assigned to a member not resolved (nor closed) by their deadline,
        on the UTC day of the deadline: resolved late, or still open past it (a request
        overdue stays overdue)."""
        return facts_sql(
            SQL("helpdesk_ticket x"),
            SQL("x.party_deadline"),
            date_from,
            date_to,
            SQL(
                "COALESCE(x.party_resolved_at, x.closed_date, %s) > x.party_deadline",
                fields.Datetime.now(),
            ),
            member=SQL("x.party_member_id"),
        )

    @api.model
    def _party_point_facts_visit(self, date_from, date_to):
        """The visits of a member's pairings logged as made, on their day."""
        return facts_sql(
            SQL("party_pairing_visit x"), SQL("x.date"), date_from, date_to, SQL("x.state = 'done'")
        )
