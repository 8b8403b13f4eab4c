"""Shared setup of the party_service tests: the tree of PartyBranchCase, request
categories with deadlines, routing rules, and a member with a portal login who is
assigned requests (Member A of Branch A)."""

import base64
from datetime import datetime, timedelta

from odoo.addons.party_branch.tests.common import PartyBranchCase

# a 1x1 PNG, and an SVG whose script would run on the site's address if served as one
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


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
