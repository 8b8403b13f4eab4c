import datetime

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..tools.sql import ids_array, pg_array


@tagged("post_install", "-at_install")
class TestSqlArrays(TransactionCase):
    """The array literals of the set-based statements give back, through PostgreSQL,
    what Python sent; a list of ids is one constant, not an expression per id."""

    def _back(self, literal, kind):
        self.env.cr.execute(SQL("SELECT %s::" + kind + "[]", literal))
        return self.env.cr.fetchone()[0]

    def test_values_come_back_as_sent(self):
        cases = [
            ("int4", [3, 1, 2]),
            ("int4", []),
            ("int4", [1, None]),
            ("bool", [True, False, None]),
            ("float8", [0.1, -2.5]),
            ("date", [datetime.date(2026, 2, 28)]),
            ("text", ['say "hi"', "back\\slash", "{a,b}", "NULL", "", "王"]),
        ]
        for kind, values in cases:
            with self.subTest(kind=kind, values=values):
                self.assertEqual(self._back(pg_array(values), kind), values)

    def test_ids_are_one_constant(self):
        ids = list(range(1, 5001))
        statement = SQL("SELECT cardinality(%s)", ids_array(ids))
        self.assertNotIn("ARRAY[", self.env.cr.mogrify(statement.code, statement.params).decode())
        self.env.cr.execute(statement)
        self.assertEqual(self.env.cr.fetchone()[0], 5000)
        # booleans are not ids: they go the element-by-element way, as booleans
        self.assertEqual(pg_array([True, 1]), "{t,1}")
