"""On a phone (390 px wide, touch): the secretary collects dues; the member signs in to
a meeting on the portal and sees herself present."""

from datetime import date

from odoo import fields
from odoo.tests import tagged

from .common import theme_day_under_way
from .phone_common import PhoneBranchTourCase


@tagged("post_install", "-at_install")
class TestPhoneTours(PhoneBranchTourCase):
    secretary_login, member_login = "phone_dues_secretary", "phone_member"
    branch_name, branch_code = "Phone Dues Branch", "PHONE-D"
    people = (
        ("Phone Dues Secretary", date(1979, 2, 3), 31),
        ("Phone Payer", date(1984, 5, 6), 33),
        ("Phone Other", date(1986, 7, 8), 35),
    )
    member_values = {"income_category": "salaried", "dues_base": 6000}

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.secretary, cls.payer, cls.other = cls.branch_members

    def test_secretary_collects_dues_on_a_phone(self):
        company = self.env.company
        if not company.chart_template:
            self.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        self.env["party.dues.payment"]._dues_accounting(company)
        this_month = fields.Date.context_today(self.payer).replace(day=1)
        self.env["party.dues"].generate(this_month, members=self.payer)
        owed = self.payer.dues_balance
        self.assertGreater(owed, 0)
        self.start_tour(
            "/odoo/action-party_life.party_dues_action",
            "party_life_phone_collect_dues_tour",
            login="phone_dues_secretary",
        )
        payment = self.env["party.dues.payment"].search([("member_id", "=", self.payer.id)])
        self.assertEqual(payment.amount, owed)
        self.assertEqual(payment.state, "posted")
        self.assertEqual(self.payer.dues_balance, 0.0)

    def test_member_signs_in_on_a_phone(self):
        # the plain sign-in button: only where the branch allows remote sign-in
        self.branch.party_remote_sign_in = True
        meeting = theme_day_under_way(self.env, self.branch, "Phone Theme Day")
        attendance = meeting.attendance_ids.filtered(lambda a: a.member_id == self.payer)
        self.assertEqual(attendance.state, "expected")
        self.start_tour("/my", "party_life_phone_member_sign_in_tour", login="phone_member")
        self.assertEqual(attendance.state, "present")
