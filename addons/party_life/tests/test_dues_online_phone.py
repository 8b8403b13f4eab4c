"""On a phone (390 px wide, touch): a member pays two months of dues online with
payment_demo's provider and downloads the receipt."""

from odoo.tests import HttpCase, tagged

from .test_dues_online import PartyDuesOnlineCase


@tagged("post_install", "-at_install")
class TestDuesOnlinePhone(HttpCase, PartyDuesOnlineCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tour reads English labels, whatever language the database was made in
        cls.env["res.lang"]._activate_lang("en_US")
        cls.portal.write({"lang": "en_US", "tz": "UTC"})

    def test_member_pays_two_months_online_on_a_phone(self):
        months = self.last_a | self.this_a
        self.assertEqual(months.mapped("state"), ["due", "due"])
        self.start_tour("/my/dues", "party_life_phone_pay_dues_online_tour", login="pbt_portal")
        self.assertEqual(months.mapped("state"), ["paid", "paid"])
        payment = self._payments(self.member_a)
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.method, "online")
        self.assertAlmostEqual(payment.amount, 180.0, places=2)
        self.assertEqual(payment.line_ids.dues_id, months)
        # the receipt the page links to
        self.authenticate("pbt_portal", "pbt_portal")
        receipt = self.url_open(f"/my/dues/receipt/{payment.id}")
        self.assertEqual(receipt.headers["Content-Type"], "application/pdf")
