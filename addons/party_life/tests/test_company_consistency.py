"""Company consistency of party_life's records: a meeting, its attendance and an
organisation's accounts link only records of their own company (``check_company``);
the refusal names the fields, never the record of the other company."""

from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import OtherCompanyCase

NO_CAL = {"party_meeting_no_calendar": True}


@tagged("post_install", "-at_install")
class TestLifeCompanyConsistency(OtherCompanyCase):
    other_prefix = "PLT"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["party.meeting"].with_context(**NO_CAL)
        cls.start = datetime(2025, 3, 3, 9)

    def _meeting_vals(self, **vals):
        return {
            "organization_id": self.branch_a.id,
            "meeting_type": "branch_assembly",
            "start": self.start,
            "stop": self.start + timedelta(hours=2),
            **vals,
        }

    def test_lecturer_of_another_company_refused(self):
        with self._refused("Lecturer"):
            self.Meeting.create(self._meeting_vals(lecturer_id=self.member_other.id))
        self.assertFalse(self.Meeting.search([("lecturer_id", "=", self.member_other.id)]))

    def test_lecturer_of_the_same_company_accepted(self):
        meeting = self.Meeting.create(self._meeting_vals(lecturer_id=self.secretary_a.id))
        self.assertEqual(meeting.lecturer_id, self.secretary_a)

    def test_attendee_of_another_company_refused(self):
        meeting = self.Meeting.create(self._meeting_vals())
        with self._refused("Member"):
            self.env["party.meeting.attendance"].create(
                {"meeting_id": meeting.id, "member_id": self.member_other.id}
            )
        self.assertNotIn(self.member_other, meeting.attendance_ids.member_id)

    def test_analytic_account_of_another_company_refused(self):
        plan = self.env["account.analytic.plan"].create({"name": "PLT Plan"})
        account = self.env["account.analytic.account"].create(
            {"name": "PLT Other Funds", "plan_id": plan.id, "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError) as caught:
            self.branch_a.analytic_account_id = account
        self.assertRegex(str(caught.exception), "must belong to the record's company")
        self.assertNotIn(account.name, str(caught.exception))
        self.assertNotEqual(self.branch_a.analytic_account_id, account)
