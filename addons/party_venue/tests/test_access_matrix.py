"""Access matrix of party_venue's models (machinery: party_branch/tests/access_matrix.py).

Venues and bookings are read by every officer of the company (sharing, free slots);
projects, inspections and their lines by the officers of the organisation only.
"""

from datetime import datetime, timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.access_matrix import AccessMatrixCase

SHARED = "O S A U UM"
READERS = "O A U UM"
CONFIG = "O S X A U UM"


def _calendar(case):
    return case.env["resource.calendar"].create(
        {
            "name": "Matrix 24h",
            "tz": "UTC",
            "attendance_ids": [
                (0, 0, {"name": str(d), "dayofweek": str(d), "hour_from": 0, "hour_to": 24,
                        "day_period": "morning"})
                for d in range(7)
            ],
        }
    )  # fmt: skip


def _venue(case):
    existing = case.env["party.venue"].search([("name", "=", "Matrix Room")])
    return existing or case.env["party.venue"].create(
        {"name": "Matrix Room", "venue_type": "activity_room",
         "organization_id": case.branch_a.id, "resource_calendar_id": _calendar(case).id,
         "capacity": 20}
    )  # fmt: skip


def _booking(case):
    start = datetime.combine(case.today, datetime.min.time()) + timedelta(days=30, hours=9)
    return case.env["party.venue.booking"].create(
        {"venue_id": _venue(case).id, "organization_id": case.branch_a.id, "start": start,
         "stop": start + timedelta(hours=1), "purpose": "Lecture"}
    )  # fmt: skip


def _project(case, approved=False):
    project = case.env["party.venue.project"].create(
        {"name": "Matrix Project", "venue_id": _venue(case).id,
         "organization_id": case.branch_a.id, "budget": 100000.0, "area": 50.0}
    )  # fmt: skip
    if approved:
        project.action_approve()
    return project


def _inspection(case):
    return case.env["party.venue.inspection"].create({"venue_id": _venue(case).id, "note": "Q1"})


@tagged("post_install", "-at_install")
class TestVenueAccessMatrix(AccessMatrixCase):
    MATRIX = {
        "party.venue": {
            "sample": _venue,
            "field": "name",
            "read": SHARED,
            "write": "O A",
            "create": "O A",
            "unlink": "",
            "move": "",  # its superior sets its dates, its findings are its organisation's
        },
        "party.venue.function": {
            "sample": lambda case: case.env["party.venue.function"].search([], limit=1),
            "field": "name",
            "read": CONFIG,
            "write": "A",
            "create": "A",
            "unlink": "A",
        },
        "party.venue.checklist.item": {
            "sample": lambda case: case.env["party.venue.checklist.item"].search([], limit=1),
            "field": "name",
            "read": CONFIG,
            "write": "A",
            "create": "A",
            "unlink": "A",
        },
        "party.venue.booking": {
            "sample": _booking,
            "field": "purpose",
            "read": SHARED,
            "write": "O A",
            "create": "O A",
            "unlink": "",
            "move": "A",
        },
        "party.venue.project": {
            "sample": _project,
            "field": "name",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
            "move": "",  # what the superior approves stays with its organisation
        },
        "party.venue.project.funding": {
            "sample": lambda case: case.env["party.venue.project.funding"].create(
                {
                    "project_id": _project(case).id,
                    "source": "party_dues",
                    "amount": 10.0,
                    "reference": "Decision 1",
                }
            ),  # fmt: skip
            "field": "reference",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.venue.project.increase": {
            "sample": lambda case: case.env["party.venue.project.increase"].create(
                {"project_id": _project(case, approved=True).id, "amount": 10.0, "reason": "Wiring"}
            ),  # fmt: skip
            "field": "reason",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.venue.project.commitment": {
            "sample": lambda case: case.env["party.venue.project.commitment"].create(
                {"project_id": _project(case, approved=True).id, "amount": 10.0, "name": "Chairs"}
            ),  # fmt: skip
            "field": "name",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.venue.inspection": {
            "sample": _inspection,
            "field": "note",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.venue.inspection.line": {
            "sample": lambda case: _inspection(case).line_ids[:1],
            "field": "note",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
    }

    def test_every_model_has_a_row(self):
        self.check_every_model_has_a_row("party_venue")

    def test_matrix(self):
        self.check_matrix()
