"""What the bulk paths of the dues write with their own SQL (issue 27): the collection's
rows inserted from array literals built in Python (``party_life/tools/sql.py``), and the
monthly run run again, chunk after chunk, in one transaction."""

import datetime

from odoo.tests import tagged
from odoo.tools import SQL

from ..tools import sql as sql_tools
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

    def test_allocations_carry_no_author_columns_of_their_own(self):
        # an allocation's author and date are its payment's: the table has no magic
        # columns (nor their foreign keys, checked for every row a collection inserts)
        payment = self._pay(self.member_b, 22.5, user=self.officer_b)
        self.assertEqual(len(payment.line_ids), 1)
        self.env.cr.execute(
            """SELECT column_name FROM information_schema.columns
                WHERE table_name = 'party_dues_payment_line'
                  AND column_name IN ('create_uid', 'create_date', 'write_uid', 'write_date')"""
        )
        self.assertEqual(self.env.cr.fetchall(), [])
        self.assertEqual(payment.create_uid, self.officer_b)

    def test_allocation_columns_of_an_older_database_are_dropped_on_upgrade(self):
        cr = self.env.cr
        cr.execute(
            """ALTER TABLE party_dues_payment_line
                 ADD COLUMN create_uid int4 REFERENCES res_users(id) ON DELETE SET NULL,
                 ADD COLUMN write_date timestamp"""
        )
        self.env["party.dues.payment.line"].init()
        cr.execute(
            """SELECT count(*) FROM information_schema.columns
                WHERE table_name = 'party_dues_payment_line'
                  AND column_name IN ('create_uid', 'write_date')"""
        )
        self.assertEqual(cr.fetchone()[0], 0)
        self._pay(self.member_a, 40.0, user=self.officer_a)  # the insert still fits


@tagged("post_install", "-at_install")
class TestArrayLiterals(PartyDuesCase):
    """The array literals of the bulk paths give back, through PostgreSQL, what Python
    sent: on the fast path (one plain type) and element by element (mixed, NULLs)."""

    CASES = [
        ("int4", [1, 2, 300000]),
        ("int4", [1, None, 3]),
        ("int8", [2**40, -5]),
        ("numeric", [1, 2.5, 0.1, 1e-7, 12345678.91]),
        ("numeric", [1.5, None]),
        ("float8", [0.1, 2, -3.25]),
        ("date", [datetime.date(2026, 1, 31), datetime.date(1999, 12, 1)]),
        ("date", [datetime.date(2026, 1, 31), None]),
        ("varchar", ["a", "", "NULL", "王 小明", "x,y", "{b}", " lead"]),
        ("varchar", [AWKWARD, "plain"]),
        ("varchar", ["plain", None]),
        ("text", ['only "quotes"', "back\\slash"]),
        ("int4", []),
    ]

    def _round_trip(self, values, kind):
        self.env.cr.execute(SQL("SELECT %s", sql_tools._array(values, kind)))
        return self.env.cr.fetchone()[0]

    def test_values_come_back_as_sent(self):
        for kind, values in self.CASES:
            with self.subTest(kind=kind, values=values):
                got = self._round_trip(values, kind)
                if kind == "numeric":
                    got = [None if v is None else float(v) for v in got]
                self.assertEqual(got, values)

    def test_fast_path_declines_what_needs_quoting_or_adapting(self):
        declined = [
            ("varchar", ["a", 'b"c']),
            ("varchar", ["a", "b\\c"]),
            ("varchar", ["a", None]),
            ("int4", [1, 2.0]),
            ("int4", [1, True]),
            ("numeric", [1.0, float("inf")]),
            ("date", [datetime.datetime(2026, 1, 1, 12, 0)]),
        ]
        for kind, values in declined:
            with self.subTest(kind=kind, values=values):
                self.assertIsNone(sql_tools._fast_literal(values, kind))
        self.assertEqual(sql_tools._fast_literal([1, 2.5], "numeric"), "{1,2.5}")
        # an integer too large for a float beside a float: written as it is
        self.assertEqual(
            sql_tools._fast_literal([1.5, 10**400], "numeric"), "{1.5," + str(10**400) + "}"
        )
        self.assertEqual(sql_tools._fast_literal(["a", "b c"], "varchar"), '{"a","b c"}')
