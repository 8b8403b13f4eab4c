"""What the bulk paths of the dues write with their own SQL (issue 27): the collection's
rows inserted from array literals built in Python (``party_life/tools/sql.py``), and the
monthly run run again, chunk after chunk, in one transaction."""

from odoo.tests import tagged

from .common import PartyDuesCase

# a payer's name with every character an array literal quotes or escapes
AWKWARD = 'Li "Big" \\ {a,b}, NULL\'s 王\nsecond line'


@tagged("post_install", "-at_install")
class TestDuesBulkSql(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Dues.generate(cls.this_month, members=cls.member_a | cls.member_b)

    def test_payer_name_with_quotes_backslashes_and_braces_is_stored_as_typed(self):
        payment = self._pay(
            self.member_a, 90.0, user=self.officer_a, payer_kind="family", payer_name=AWKWARD
        )
        payment.invalidate_recordset()
        self.assertEqual(payment.payer_name, AWKWARD)

    def test_reference_named_null_is_a_reference_not_an_empty_one(self):
        payment = self._pay(self.member_a, 90.0, user=self.officer_a, reference="NULL")
        payment.invalidate_recordset()
        self.assertEqual(payment.reference, "NULL")

    def test_month_paid_in_full_is_paid_and_points_to_its_entry(self):
        payment = self._pay(self.member_b, 22.5, user=self.officer_b)
        row = self.Dues.search(
            [("member_id", "=", self.member_b.id), ("period", "=", self.this_month)]
        )
        self.assertEqual((row.state, row.paid_amount, row.move_id), ("paid", 22.5, payment.move_id))

    def test_month_paid_in_part_stays_due(self):
        self._pay(self.member_a, 40.0, user=self.officer_a)
        row = self.Dues.search(
            [("member_id", "=", self.member_a.id), ("period", "=", self.this_month)]
        )
        self.assertEqual((row.state, row.paid_amount), ("due", 40.0))

    def test_monthly_run_again_in_the_same_transaction_creates_nothing(self):
        month = self.month(-3)
        first = self.Dues.generate(month, organizations=self.committee)
        again = self.Dues.generate(month, organizations=self.committee)
        self.assertEqual(again, first)
        self.assertEqual(
            self.Dues.search_count([("period", "=", month), ("id", "in", first.ids)]),
            len(first),
        )
