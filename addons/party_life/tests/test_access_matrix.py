"""Access matrix of party_life's models (machinery: party_branch/tests/access_matrix.py).

Every model of party_life has a row: a model without one fails
``test_every_model_has_a_row``, so a new model comes with its expectations.
"""

from datetime import datetime, timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.access_matrix import AccessMatrixCase

from .common import voting_appraisal

READERS = "O A U UM"


def _meeting(case):
    start = datetime.combine(case.today, datetime.min.time()) + timedelta(days=3, hours=9)
    return case.env["party.meeting"].create(
        {"organization_id": case.branch_a.id, "meeting_type": "branch_assembly",
         "start": start, "stop": start + timedelta(hours=2), "location": "Room 1"}
    )  # fmt: skip


def _dues(case):
    case.env.company.party_dues_lock_date = False
    return case.env["party.dues"].generate(case.today, members=case.member_a)


def _payment(case):
    _dues(case)
    paid = case.env["party.dues.payment"].search([("member_id", "=", case.member_a.id)], limit=1)
    return paid or case.env["party.dues.payment"].register_payments(
        [{"member_id": case.member_a.id, "amount": 90.0, "date": case.today, "method": "cash"}]
    )


def _appraisal(case):
    existing = case.env["party.appraisal"].search(
        [("organization_id", "=", case.branch_a.id), ("year", "=", 2040)]
    )
    if existing:
        return existing
    return voting_appraisal(case.env, case.branch_a, 2040, note="Yearly")


def _vote(case):
    appraisal = _appraisal(case)
    others = appraisal.line_ids.member_id - case.secretary_a
    appraisal._cast_ballot_for(case.secretary_a, {m.id: "excellent" for m in others})
    return case.env["party.appraisal.vote"].search([("appraisal_id", "=", appraisal.id)])


@tagged("post_install", "-at_install")
class TestLifeAccessMatrix(AccessMatrixCase):
    MATRIX = {
        "party.dues": {
            "sample": _dues,
            "field": None,  # a dues row is the run's and the collections' record
            "read": READERS,
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.dues.payment": {
            "sample": _payment,
            "field": None,  # a posted payment: corrected by a reversal
            "read": READERS,
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.dues.payment.line": {
            "sample": lambda case: _payment(case).line_ids[:1],
            "field": None,
            "read": READERS,
        },
        "party.dues.collection": {
            # a view of the dues: read like them (no member), written by nobody
            "sample": lambda case: (
                _dues(case)
                and case.env["party.dues.collection"].search(
                    [("organization_id", "=", case.branch_a.id)], limit=1
                )
            ),
            "field": None,
            "read": "O A U UM",
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.dues.bracket": {
            "sample": lambda case: case.env["party.dues.bracket"].search([], limit=1),
            "field": "name",
            "read": "M O S X A U UM",
            "write": "A",
            "create": "A",
            "unlink": "A",
        },
        "party.dues.reduction": {
            "sample": lambda case: case.env["party.dues.reduction"].create(
                {
                    "member_id": case.member_a.id,
                    "kind": "reduce",
                    "monthly_amount": 1.0,
                    "date_from": case.today,
                    "date_to": case.today,
                    "reason": "Hardship",
                }
            ),  # fmt: skip
            "field": "reason",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "",
        },
        "party.dues.base.review": {
            "sample": lambda case: case.env["party.dues.base.review"].create(
                {"member_id": case.member_a.id, "income_category": "salaried", "new_base": 6000}
            ),
            "field": "note",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "",
        },
        "party.dues.remittance": {
            "sample": lambda case: case.env["party.dues.remittance"].create(
                {
                    "organization_id": case.branch_a.id,
                    "date_from": case.today,
                    "date_to": case.today,
                    "percent": 10.0,
                }
            ),  # fmt: skip
            "field": "percent",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "",
            "move": "A",
        },
        "party.meeting": {
            "sample": _meeting,
            "field": "location",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
            "move": "A",
        },
        "party.meeting.attendance": {
            "sample": lambda case: _meeting(case).attendance_ids[:1],
            "field": "excuse",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.meeting.frequency": {
            "sample": lambda case: case.env["party.meeting.frequency"].search([], limit=1),
            "field": "name",
            "read": "M O S X A U UM",
            # a rule of every company (party.shared.rule.mixin): A administers one of
            # several here; test_shared_rules_life shows who changes it
            "write": "",
            "create": "",
            "unlink": "",
        },
        "party.study.requirement": {
            "sample": lambda case: case.env["party.study.requirement"].search([], limit=1),
            "field": "name",
            "read": "M O S X A U UM",
            # one requirement for every company: changed only by an administrator of every
            # company that has Party organisations (A administers one of several here;
            # test_redteam_session7.TestStudyRequirementCompanies shows who does)
            "write": "",
            "create": "",
            "unlink": "",
        },
        "party.development": {
            "sample": lambda case: case.env["party.development"].create(
                {
                    "partner_id": case.env["res.partner"].create({"name": "Applicant M"}).id,
                    "organization_id": case.branch_a.id,
                    "birthdate": "1996-06-06",
                    "note": "Applied",
                }
            ),  # fmt: skip
            "field": "note",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "A",
            "move": "A",
        },
        "party.appraisal": {
            "sample": _appraisal,
            "field": "note",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
            "move": "A",
        },
        "party.appraisal.line": {
            "sample": lambda case: _appraisal(case).line_ids[:1],
            "field": "conclusion_note",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.appraisal.ballot": {
            "sample": lambda case: (
                _appraisal(case).sudo().env["party.appraisal.ballot"].search([], limit=1)
            ),
            "field": None,
            "read": READERS,  # the turnout of the managed organisations, never a vote
        },
        "party.appraisal.vote": {
            "sample": _vote,
            "field": None,
            "read": "",  # the ballot box: nobody
        },
        "party.member.record": {
            "sample": lambda case: case.env["party.member.record"].create(
                {"member_id": case.member_a.id, "name": "Volunteer work"}
            ),
            "field": "name",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
        },
        "party.thought.report": {
            # the author's own (handed in through ``submit``), their contact persons, the
            # officers who manage its organisation: no auditor, no other member; nobody
            # writes it (acknowledged by an action)
            "sample": lambda case: case.env["party.thought.report"].browse(
                case.env["party.thought.report"]
                .with_user(case.portal)
                .submit({"body": "My thinking this quarter."})
            ),
            "field": "body",
            "read": "O A",
            "write": "",
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.consultation": {
            # the member's own (their question, asked through ``ask``) and the officers
            # who manage its organisation: no auditor, no other member
            "sample": lambda case: case.env["party.consultation"].browse(
                case.env["party.consultation"].with_user(case.portal).ask("When is the dues day?")
            ),
            "field": "last_question_at",  # a workflow field: nobody writes it
            "read": "O A",
            "write": "",
            "create": "",
            "unlink": "",
            "move": "",
        },
        "party.work.point": {
            "sample": lambda case: case.env["party.work.point"].create(
                {"organization_id": case.branch_a.id, "name": "Flood season"}
            ),
            "field": "name",
            "read": READERS,
            "write": "O A",
            "create": "O A",
            "unlink": "O A",
            "move": "A",
        },
    }

    def test_every_model_has_a_row(self):
        self.check_every_model_has_a_row("party_life")

    def test_matrix(self):
        self.check_matrix()
