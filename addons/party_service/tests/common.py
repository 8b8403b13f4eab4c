"""Shared setup of the party_service tests: the tree of PartyBranchCase, request
categories with deadlines, routing rules, and a member with a portal login who is
assigned requests (Member A of Branch A)."""

import base64
from datetime import datetime, timedelta

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tools.guard import action_scope

# a 1x1 PNG, and an SVG whose script would run on the site's address if served as one
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def shipped_point_rules(env, points):
    """The points ledger's shipped rules only (a company's own rules switched off), without
    caps; ``points``: {rule's XML id: points} of the rules switched on with those points."""
    Rule = env["party.point.rule"].with_context(active_test=False)
    Rule.search([("company_id", "!=", False)]).write({"active": False})
    Rule.search([("company_id", "=", False)]).write({"cap_day": 0, "cap_period": 0})
    for xmlid, value in points.items():
        env.ref(xmlid).write({"points": value, "active": True})


def held_lectures(env, org, member, starts, state="present", name="Lecture"):
    """Party lectures of ``org``, an hour long from each of ``starts`` (UTC), held, with
    ``member``'s attendance ``state`` (the facts of the points and assessment tests)."""
    Meeting = env["party.meeting"].with_context(party_meeting_no_calendar=True)
    meetings = Meeting.create(
        [
            {"organization_id": org.id, "meeting_type": "party_lecture",
             "name": f"{name} {start}", "start": start, "stop": start + timedelta(hours=1),
             "location": "Room"}
            for start in starts
        ]
    )  # fmt: skip
    for meeting in meetings:
        meeting.attendance_ids.filtered(lambda a, m=member: a.member_id == m).state = state
    meetings.with_context(tz="UTC").write({"state": "held"})
    return meetings


class PartyServiceCase(PartyBranchCase):
    compliance_codes = ("service_request_overdue", "pairing_visit_missing", "member_no_service")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Ticket = cls.env["helpdesk.ticket"]
        Category = cls.env["helpdesk.ticket.category"]
        cls.cat_living = Category.create({"name": "PST Living", "party_deadline_hours": 48})
        cls.cat_policy = Category.create({"name": "PST Policy", "party_deadline_hours": 24})
        Route = cls.env["party.service.route"]
        # rules are global data: the test ones come first
        Route.search([]).write({"active": False})
        cls.route_unit = Route.create(
            {"sequence": 1, "unit_partner_id": cls._unit().id, "organization_id": cls.group_a.id}
        )
        cls.route_category = Route.create(
            {"sequence": 2, "category_id": cls.cat_living.id, "organization_id": cls.branch_a.id}
        )
        cls.route_community = Route.create(
            {"sequence": 3, "community": "Riverside", "organization_id": cls.branch_b.id}
        )
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    @classmethod
    def _unit(cls):
        if not hasattr(cls, "_unit_partner"):
            cls._unit_partner = cls.env["res.partner"].create(
                {"name": "PST Water Works", "is_company": True}
            )
        return cls._unit_partner

    @classmethod
    def _ticket(cls, **vals):
        values = {"name": "Street lamp", "description": "<p>Broken</p>", **vals}
        return cls.Ticket.create(values)

    def _year_request(self, resolved=None, rating=None):
        """A policy request of ``self.branch`` received on 1 March of ``self.year`` at
        09:00 (due 24 hours later), resolved at ``resolved`` and rated ``rating``."""
        ticket = self._ticket(category_id=self.cat_policy.id)
        ticket.sudo().write(
            {
                "party_organization_id": self.branch.id,
                "party_received_at": datetime(self.year, 3, 1, 9, 0),
                "party_resolved_at": resolved,
                "party_rating": rating or 0,
                "party_rated_at": datetime(self.year, 3, 5, 10, 0) if rating else False,
            }
        )
        self.assertEqual(ticket.party_deadline, datetime(self.year, 3, 2, 9, 0))
        return ticket

    def _service_facts(self, name):
        """Member A's service facts of H1 2026 (the assessment's and the ledger's sources):
        two requests resolved and rated 4 and 5, one overdue, a pairing (named ``name``)
        visited once, 6 volunteer hours at an event; returns the two resolved requests."""
        tickets = self.env["helpdesk.ticket"]
        for rating, resolved in ((4, datetime(2026, 2, 1)), (5, datetime(2026, 4, 1))):
            ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
            self._received(ticket, resolved - timedelta(days=1))
            with action_scope():
                ticket.write({"party_resolved_at": resolved, "party_rating": rating,
                              "party_rated_at": resolved})  # fmt: skip
            tickets |= ticket
        overdue = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        self._received(overdue, datetime(2026, 5, 1, 8))
        pairing = self._pairing(name)
        self.env["party.pairing.visit"].create(
            {"pairing_id": pairing.id, "date": "2026-02-10"}
        ).action_log()
        self._volunteer(f"{name} planting", datetime(2026, 4, 5, 1), datetime(2026, 4, 5, 9), 6)
        return tickets

    def _volunteer(self, name, begin, end, hours=None):
        """Member A registered at Branch A's event ``name`` from ``begin`` to ``end``, with
        ``hours`` of volunteer work if given: the registration."""
        event = self.env["event.event"].create(
            {"name": name, "party_organization_id": self.branch_a.id, "date_begin": begin,
             "date_end": end}
        )  # fmt: skip
        vals = {"event_id": event.id, "partner_id": self.member_a.partner_id.id}
        if hours is not None:
            vals["party_hours"] = hours
        return self.env["event.registration"].create(vals)

    @classmethod
    def _pairing(cls, name, date_start="2026-01-01", **vals):
        """Member A's pairing ``name`` in Branch A from ``date_start``."""
        return cls.env["party.pairing"].create(
            {"name": name, "organization_id": cls.branch_a.id, "member_id": cls.member_a.id,
             "date_start": date_start, **vals}
        )  # fmt: skip

    @classmethod
    def _received(cls, ticket, when):
        ticket.sudo().write({"party_received_at": when})
        return ticket

    @staticmethod
    def _dt(*args):
        return datetime(*args)

    @staticmethod
    def _minutes(n):
        return timedelta(minutes=n)
