"""The blocks party_service adds to the member's home (``/my/party``): the member's
tasks (requests assigned to them and not resolved, active pairings and their next
visit, the volunteer activities they signed up for that are still to come) and their
service score of the open assessment period. Searched as the caller (the record rules
show the member's own records only), on the caller's own membership; the requests
with sudo() on that membership, as helpdesk's portal rule costs four queries more
(two ``child_of`` of the contact per search) for nothing the domain lets through."""

from odoo import fields
from odoo.http import request

from odoo.addons.party_branch.controllers.portal import PartyPortal


class PartyServiceHome(PartyPortal):
    def _party_home_blocks(self, member):
        blocks = super()._party_home_blocks(member)
        return blocks + [self._party_home_tasks(member), self._party_home_score(member)]

    def _party_home_tasks(self, member):
        env = request.env
        Ticket = env["helpdesk.ticket"]
        Pairing = env["party.pairing"]
        Registration = env["event.registration"]
        tickets, ticket_count = Ticket, 0
        if Ticket.has_access("read"):
            # the caller's own membership, found as the caller: sudo() reads nothing else
            domain = [("party_member_id", "=", member.id), ("party_resolved_at", "=", False)]
            tickets = Ticket.sudo().search(domain, order="party_deadline, id", limit=3)
            ticket_count = Ticket.sudo().search_count(domain)
        pairings = Pairing
        if Pairing.has_access("read"):
            pairings = Pairing.search(
                [("member_id", "=", member.id), ("state", "=", "active")],
                order="next_visit_date, id",
                limit=3,
            )
        registrations = Registration
        if Registration.has_access("read"):
            registrations = Registration.search(
                [
                    ("party_member_id", "=", member.id),
                    ("state", "!=", "cancel"),
                    ("event_id.date_end", ">=", fields.Datetime.now()),
                ],
                order="event_begin_date, id",
                limit=3,
            )
        return {
            "name": "tasks",
            "sequence": 70,
            "template": "party_service.portal_home_tasks",
            "url": "/my/service",
            "empty": not (tickets or pairings or registrations),
            "badge": ticket_count,
            "tickets": tickets,
            "pairings": pairings,
            "registrations": registrations,
        }

    def _party_home_score(self, member):
        Line = request.env["party.assessment.line"]
        line = Line
        if Line.has_access("read"):
            line = Line.search(
                [("member_id", "=", member.id), ("state", "=", "open")],
                order="date_to desc, id desc",
                limit=1,
            )
        return {
            "name": "score",
            "sequence": 80,
            "template": "party_service.portal_home_score",
            "url": "/my/service",
            "empty": not line,
            "line": line,
        }
