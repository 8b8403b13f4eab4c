"""Access matrix of party_systems' models (machinery: party_branch/tests/access_matrix.py)."""

from datetime import datetime, timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.access_matrix import AccessMatrixCase

READERS = "O A U UM"
MANAGED = {"read": READERS, "write": "O A", "create": "O A", "unlink": "O A", "move": "A"}


def _decision(case):
    return case.env["party.decision"].create(
        {"name": "Matrix decision", "organization_id": case.branch_a.id}
    )


def _vote(case):
    start = datetime.combine(case.today, datetime.min.time()) + timedelta(hours=9)
    meeting = (
        case.env["party.meeting"]
        .with_context(party_meeting_no_calendar=True)
        .create(
            {"organization_id": case.branch_a.id, "meeting_type": "branch_assembly",
             "start": start, "stop": start + timedelta(hours=2)}
        )
    )  # fmt: skip
    meeting.attendance_ids.filtered(lambda a: a.member_id == case.member_a).state = "present"
    decision = case.env["party.decision"].create(
        {"name": "Matrix vote", "organization_id": case.branch_a.id, "meeting_id": meeting.id}
    )
    decision.action_schedule()
    decision.action_open_voting()
    # a show of hands recorded by the branch's officer (only they remove it)
    return case.env["party.decision.vote"].create(
        {"decision_id": decision.id, "member_id": case.member_a.id, "choice": "for",
         "recorded_by_id": case.officer_a.id}
    )  # fmt: skip


def _regulation(case):
    return case.env["party.regulation"].create(
        {"name": "Matrix rules", "column": "funds", "organization_id": case.branch_a.id,
         "required_reading": True}
    )  # fmt: skip


def _fund_report(case):
    existing = case.env["party.fund.report"].search(
        [("organization_id", "=", case.branch_a.id), ("date_from", "=", "2040-01-01")]
    )
    return existing or case.env["party.fund.report"].create(
        {"organization_id": case.branch_a.id, "date_from": "2040-01-01", "date_to": "2040-12-31"}
    )


def _secretary_report(case):
    existing = case.env["party.secretary.report"].search(
        [("organization_id", "=", case.branch_a.id), ("year", "=", 2040)]
    )
    return existing or case.env["party.secretary.report"].create(
        {"organization_id": case.branch_a.id, "member_id": case.secretary_a.id, "year": 2040,
         "deadline": "2041-01-31"}
    )  # fmt: skip


def _asset_filing(case):
    """A draft acquisition filing of an asset held by Branch A (created once)."""
    existing = case.env["party.asset.filing"].search([("asset_id.name", "=", "Matrix chairs")])
    if existing:
        return existing
    company = case.env.company
    Account = case.env["account.account"]
    fixed = Account.search(
        [("account_type", "=", "asset_fixed"), ("company_ids", "in", company.ids)], limit=1
    )
    profile = case.env["account.asset.profile"].create(
        {"name": "Matrix profile", "account_asset_id": fixed.id,
         "account_depreciation_id": fixed.id, "account_expense_depreciation_id": fixed.id,
         "journal_id": case.env["account.journal"].search(
             [("type", "=", "general"), ("company_id", "=", company.id)], limit=1).id}
    )  # fmt: skip
    asset = case.env["account.asset"].create(
        {"name": "Matrix chairs", "profile_id": profile.id, "purchase_value": 100.0,
         "date_start": case.today, "party_organization_id": case.branch_a.id}
    )  # fmt: skip
    return case.env["party.asset.filing"].create(
        {"organization_id": case.branch_a.id, "asset_id": asset.id, "note": "Matrix"}
    )


@tagged("post_install", "-at_install")
class TestSystemsAccessMatrix(AccessMatrixCase):
    MATRIX = {
        "party.decision": {"sample": _decision, "field": "name", **MANAGED},
        "party.decision.vote": {
            "sample": _vote,
            "field": None,  # a vote never changes
            "read": READERS,
            "create": "O A",
            # while voting is open, by the officer who recorded it (a show of hands entered
            # wrongly); a member's own vote is never deleted
            "unlink": "O",
        },
        "party.disclosure": {
            "sample": lambda case: case.env["party.disclosure"].create(
                {"name": "Matrix notice", "organization_id": case.branch_a.id}
            ),
            "field": "name",
            **MANAGED,
            "move": "",  # the organisation is fixed (its superior approves): a move is refused
        },
        "party.talk": {
            "sample": lambda case: case.env["party.talk"].create(
                {
                    "name": "Matrix talk",
                    "organization_id": case.branch_a.id,
                    "participant_ids": [(6, 0, (case.secretary_a | case.member_a).ids)],
                }
            ),  # fmt: skip
            "field": "name",
            **MANAGED,
        },
        "party.regulation": {"sample": _regulation, "field": "name", **MANAGED},
        "party.regulation.ack": {
            "sample": lambda case: case.env["party.regulation.ack"].create(
                {"regulation_id": _regulation(case).id, "member_id": case.member_a.id}
            ),
            "field": None,
            "read": READERS,
        },
        # the organisation is fixed (its superior approves): a move is refused
        "party.fund.report": {"sample": _fund_report, "field": "note", **MANAGED, "move": ""},
        "party.fund.report.line": {
            "sample": lambda case: case.env["party.fund.report.line"].create(
                {
                    "report_id": _fund_report(case).id,
                    "organization_id": case.branch_a.id,
                    "company_id": case.branch_a.company_id.id,
                    "category": "spending",
                    "amount": 1.0,
                    "account_id": case.env["account.account"].search([], limit=1).id,
                }
            ),  # fmt: skip
            "field": None,
            "read": READERS,
        },
        "party.secretary.report": {
            "sample": _secretary_report,
            "field": "deadline",
            **MANAGED,
            "move": "",  # the organisation is fixed (its superior closes the rating)
        },
        "party.secretary.report.rating": {
            "sample": lambda case: case.env["party.secretary.report.rating"].create(
                {
                    "report_id": _secretary_report(case).id,
                    "member_id": case.member_a.id,
                    "rater_kind": "member",
                    "rating": "good",
                }
            ),  # fmt: skip
            "field": None,
            "read": READERS,
        },
        "party.stability.matter": {
            "sample": lambda case: case.env["party.stability.matter"].create(
                {"name": "Matrix matter", "organization_id": case.branch_a.id}
            ),
            "field": "name",
            **MANAGED,
        },
        "party.petition": {
            "sample": lambda case: case.env["party.petition"].create(
                {
                    "name": "Matrix petition",
                    "organization_id": case.branch_a.id,
                    "petitioner_name": "Resident",
                    "content": "Lights",
                }
            ),  # fmt: skip
            "field": "name",
            **MANAGED,
        },
    }

    MATRIX["party.asset.filing"] = {
        "sample": _asset_filing,
        "field": "note",
        # a copy is a second open filing of the asset: refused by the uniqueness, not by access
        **MANAGED,
        "move": "",  # the holding organisation is fixed: a move is refused
    }

    def test_every_model_has_a_row(self):
        self.check_every_model_has_a_row("party_systems")

    def test_matrix(self):
        self.check_matrix()
