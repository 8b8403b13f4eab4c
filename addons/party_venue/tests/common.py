"""Shared setup of the party_venue tests: the tree of PartyBranchCase, two opening-hours
calendars (08:00–22:00 every day; round the clock) and two venues of Branch A.

Times are UTC (the calendars' time zone and the tests' context)."""

from datetime import datetime, timedelta

from odoo import Command

from odoo.addons.party_branch.tests.common import PartyBranchCase


def at(day, hour, minute=0):
    """``day`` (a date) at ``hour:minute``, naive UTC as Odoo stores it."""
    return datetime(day.year, day.month, day.day) + timedelta(hours=hour, minutes=minute)


class PartyVenueCase(PartyBranchCase):
    compliance_codes = None  # every check, party_venue's included

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Venue = cls.env["party.venue"]
        cls.Booking = cls.env["party.venue.booking"]
        cls.Project = cls.env["party.venue.project"]
        cls.day_hours = cls._calendar("Venue Test 08–22", 8, 22)
        cls.all_hours = cls._calendar("Venue Test 24h", 0, 24)
        cls.room = cls._venue("Room A", capacity=30, area=80.0)
        cls.hall = cls._venue(
            "Hall A", venue_type="service_center", capacity=100, area=300.0,
            resource_calendar_id=cls.all_hours.id, street="1 River Road", city="Chulan",
            sharing_reason="Test hall",
        )  # fmt: skip
        # a Monday, a fortnight ahead: the tests book in the future
        today = cls.today
        cls.day = today + timedelta(days=14 - today.weekday())

    @classmethod
    def _calendar(cls, name, hour_from, hour_to):
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": "UTC",
                "attendance_ids": [
                    (0, 0, {"name": f"{day}", "dayofweek": str(day), "hour_from": hour_from,
                            "hour_to": hour_to, "day_period": "morning"})
                    for day in range(7)
                ],
            }
        )  # fmt: skip

    @classmethod
    def _venue(cls, name, org=None, **vals):
        org = org or cls.branch_a
        values = {
            "name": name,
            "venue_type": "activity_room",
            "organization_id": org.id,
            "organization_ids": [(6, 0, org.ids)],
            "resource_calendar_id": cls.day_hours.id,
            "capacity": 30,
        }
        values.update(vals)
        return cls.env["party.venue"].create(values)

    def _book(self, venue, start, stop, user=None, **vals):
        env = self.env(user=user) if user else self.env
        values = {
            "venue_id": venue.id,
            "organization_id": self.branch_a.id,
            "start": start,
            "stop": stop,
            "attendee_count": 10,
        }
        values.update(vals)
        return env["party.venue.booking"].create(values)


class PartyVenueBudgetCase(PartyVenueCase):
    """A project of Room A with a budget of 1,000.00 approved by the superior, and the
    accounts a bill on its analytic account is posted on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.Project.create(
            {"name": "Renovate Room A", "venue_id": cls.room.id,
             "organization_id": cls.branch_a.id, "budget": 1000.0, "area": 10.0}
        )  # fmt: skip
        cls.project.with_user(cls.officer_c).action_approve()
        company = cls.env.company
        Account = cls.env["account.account"]
        cls.expense = Account.search(
            [("account_type", "=", "expense"), ("company_ids", "in", company.ids)], limit=1
        )
        cls.payable = Account.search(
            [("account_type", "=", "liability_current"), ("company_ids", "in", company.ids)],
            limit=1,
        )
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )

    def _bill(self, amount, commitment=None, post=True):
        """A bill of the accountants on the project's analytic account, settling
        ``commitment``."""
        account = self.project.analytic_account_id
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.journal.id,
                "party_venue_commitment_id": commitment.id if commitment else False,
                "line_ids": [
                    Command.create({"account_id": self.expense.id, "debit": amount,
                                    "analytic_distribution": {str(account.id): 100}}),
                    Command.create({"account_id": self.payable.id, "credit": amount}),
                ],
            }
        )  # fmt: skip
        if post:
            move.action_post()
        self.project.invalidate_recordset()
        return move
