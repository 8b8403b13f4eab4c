"""Access matrix of party_service's models (machinery: party_branch/tests/access_matrix.py)."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.access_matrix import AccessMatrixCase

READERS = "O A U UM"


def _assessment(case):
    Assessment = case.env["party.assessment"]
    existing = Assessment.search([("organization_id", "=", case.branch_a.id),
                                  ("name", "=", "PAM period")])  # fmt: skip
    if existing:
        return existing
    assessment = Assessment.create(
        {"name": "PAM period", "organization_id": case.branch_a.id,
         "date_from": "2040-01-01", "date_to": "2040-06-30"}
    )  # fmt: skip
    assessment.action_score()
    return assessment


def _pairing(case):
    Pairing = case.env["party.pairing"]
    existing = Pairing.search([("name", "=", "PAM household")])
    return existing or Pairing.create(
        {"name": "PAM household", "organization_id": case.branch_a.id,
         "member_id": case.member_a.id, "date_start": "2026-01-01"}
    )  # fmt: skip


def _visit(case):
    pairing = _pairing(case)
    return pairing.visit_ids[:1] or case.env["party.pairing.visit"].create(
        {"pairing_id": pairing.id, "date": "2026-02-01", "note": "Visit"}
    )


@tagged("post_install", "-at_install")
class TestServiceAccessMatrix(AccessMatrixCase):
    MATRIX = {
        "party.service.route": {
            "sample": lambda case: case.env["party.service.route"].create(
                {"organization_id": case.branch_a.id, "community": "PAM community"}
            ),
            "field": "community",
            "read": READERS,
            # the Party administrator's, per company (a catch-all rule of an officer
            # would receive every request of the company)
            "write": "A",
            "create": "A",
            "unlink": "A",
            "move": "A",
        },
        "party.assessment.rule": {
            # a rule of the company (the defaults are the system administrators')
            "sample": lambda case: case.env["party.assessment.rule"].create(
                {
                    "source": "meeting",
                    "name": "PAM meetings",
                    "points": 1,
                    "company_id": case.env.company.id,
                }
            ),  # fmt: skip
            "field": "name",
            "read": "M O S A U UM",  # not another company's users
            "write": "A",
            "create": "A",
            "unlink": "A",
        },
        "party.assessment": {
            "sample": _assessment,
            "field": "name",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.assessment.line": {
            "sample": lambda case: _assessment(case).line_ids[:1],
            "field": None,  # written by the scoring only
            "read": READERS,
            "create": "",
            "unlink": "",
        },
        "party.pairing": {
            "sample": _pairing,
            "field": "goal",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "",
            "move": "A",
        },
        "party.pairing.visit": {
            "sample": _visit,
            "field": "note",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
    }

    def test_every_model_has_a_row(self):
        self.check_every_model_has_a_row("party_service")

    def test_matrix(self):
        self.check_matrix()
