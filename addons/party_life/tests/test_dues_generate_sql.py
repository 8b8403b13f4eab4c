"""The monthly run is one SQL statement (issue 27): on a table of cases, the rows it
inserts carry what the Python rule of the brackets gives (the rule the run applied
member by member before it was set-based, written out here as the reference), and
what ``compute_amount`` answers: bracket bounds, fixed amounts, rounding half-up to
the fen, reductions and exemptions."""

from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import float_round

from .common import PartyDuesCase

# (income category, base, reduction: None, ("reduce", monthly amount) or ("exempt", 0))
CASES = [
    ("salaried", 0.0, None),
    ("salaried", 1000.0, None),
    ("salaried", 2005.0, None),  # 10.025: half-up to 10.03
    ("salaried", 3000.0, None),
    ("salaried", 3000.01, None),
    ("salaried", 3001.0, None),
    ("salaried", 5000.0, None),
    ("salaried", 5000.01, None),
    ("salaried", 6001.0, None),  # 90.015: half-up to 90.02
    ("salaried", 10000.0, None),
    ("salaried", 10000.01, None),
    ("salaried", 25000.0, None),
    ("retired", 1500.0, None),
    ("retired", 5000.0, None),
    ("retired", 5000.01, None),
    ("farmer", 0.0, None),
    ("farmer", 3000.0, None),
    ("student", 800.0, None),
    ("unemployed", 0.0, None),
    ("relief", 0.0, None),
    ("salaried", 8000.0, ("reduce", 10.0)),
    ("salaried", 2000.0, ("reduce", 50.0)),  # the reduction caps, never raises
    ("retired", 4000.0, ("exempt", 0.0)),
]


@tagged("post_install", "-at_install")
class TestDuesGenerateSql(PartyDuesCase):
    def _reference(self, category, base, reduction, on_date):
        """The rule in Python: of the brackets in force, in the order of their lower
        bound, the first fixed amount or the first whose bounds hold the base; the rate
        of the whole base, rounded half-up; an exemption owes nothing, a reduction caps."""
        brackets = self.Bracket.search(
            [
                ("company_id", "=", self.company.id),
                ("income_category", "=", category),
                ("date_from", "<=", on_date),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", on_date),
            ],
            order="base_min, id",
        )
        amount, rate = 0.0, 0.0
        for bracket in brackets:
            if bracket.fixed_amount:
                amount = bracket.fixed_amount
                break
            if base > bracket.base_min and (not bracket.base_max or base <= bracket.base_max):
                amount, rate = base * bracket.rate / 100, bracket.rate
                break
        amount = float_round(amount, precision_digits=self.company.currency_id.decimal_places)
        if reduction:
            kind, monthly = reduction
            amount = 0.0 if kind == "exempt" else min(amount, monthly)
        state = "exempt" if (reduction and reduction[0] == "exempt") or amount <= 0 else "due"
        return round(amount, 2), rate, state

    def test_monthly_run_gives_the_python_rule_on_every_case(self):
        period = self.this_month
        members = self.Member
        for n, (category, base, reduction) in enumerate(CASES):
            member = self._dues_member(self.branch_a, f"Case {n}", base=base, income=category)
            members |= member
            if reduction:
                self.Reduction.create(
                    {
                        "member_id": member.id,
                        "kind": reduction[0],
                        "monthly_amount": reduction[1],
                        "date_from": period,
                        "date_to": self.month(1),
                        "reason": "Hardship",
                        "decision_reference": f"Decision {n}",
                        "approval_reference": f"Approval {n}",
                    }
                ).action_approve()
        rows = {row.member_id: row for row in self._generate(period, members=members)}
        self.assertEqual(len(rows), len(CASES))
        for member, (category, base, reduction) in zip(members, CASES, strict=True):
            with self.subTest(category=category, base=base, reduction=reduction):
                row = rows[member]
                expected = self._reference(category, base, reduction, period)
                self.assertEqual((round(row.amount, 2), row.rate, row.state), expected)
                if not reduction:
                    self.assertEqual(
                        round(self.Bracket.compute_amount(category, base, period), 2), expected[0]
                    )

    def test_half_up_rounding_of_the_whole_base(self):
        member = self._dues_member(self.branch_a, "Half Up", base=6001.0)
        row = self._generate(self.this_month, members=member)
        self.assertAlmostEqual(row.amount, 90.02, places=2)
        self.assertEqual(row.rate, 1.5)

    # ------------------------------------------- rows there before: left out by their ids

    def _statements(self):
        """A spy on the statements of the run: the members each leaves out (None: the
        ON CONFLICT statement)."""
        calls = []
        Dues = type(self.Dues)
        original = Dues._generate_statement

        def spy(dues, period, scope, return_ids, existing=None):
            calls.append(None if existing is None else sorted(existing))
            return original(dues, period, scope, return_ids, existing)

        return calls, patch.object(Dues, "_generate_statement", spy)

    def _rows_of(self, period):
        self.Dues.flush_model()
        self.env.cr.execute(
            "SELECT member_id, organization_id, amount, rate, state FROM party_dues "
            "WHERE period = %s ORDER BY member_id",
            [period],
        )
        return self.env.cr.fetchall()

    def test_rows_there_before_are_left_out_as_on_conflict_leaves_them(self):
        period = self.month(7)
        self.assertFalse(self.Dues.search_count([("period", "=", period)]))
        calls, spy = self._statements()
        self.env.cr.execute("SAVEPOINT by_conflict")
        first = self.Dues.generate(period, members=self.member_a)
        with spy:
            rows = self.Dues.generate(period)
        self.assertEqual(calls, [[self.member_a.id]], "one plain INSERT, member_a left out")
        self.assertIn(first, rows)
        self.assertEqual(rows, self.Dues.search([("period", "=", period)]))
        calls.clear()
        with spy:
            self.assertEqual(self.Dues.generate(period), rows, "run again: the same rows")
        self.assertEqual(calls, [sorted(rows.member_id.ids)])
        plain = self._rows_of(period)
        self.env.cr.execute("ROLLBACK TO SAVEPOINT by_conflict")
        self.env.invalidate_all()
        # the same month through ON CONFLICT alone: the same rows
        self.Dues.generate(period, members=self.member_a)
        with patch.object(type(self.Dues), "_month_members", lambda *args: None):
            self.Dues.generate(period)
        self.assertEqual(self._rows_of(period), plain)

    def test_a_row_written_since_the_list_turns_the_run_to_on_conflict(self):
        period = self.month(9)
        first = self.Dues.generate(period, members=self.member_a)
        calls, spy = self._statements()
        # a payment in advance wrote member_a's row after the run read the month's rows
        with (
            spy,
            patch.object(type(self.Dues), "_month_members", lambda *args: []),
            self.assertNoLogs("odoo.sql_db", "ERROR"),
        ):
            rows = self.Dues.generate(period)
        self.assertEqual(calls, [[], None], "the plain INSERT refused, then ON CONFLICT")
        self.assertIn(first, rows)
        self.assertEqual(len(rows), len(rows.member_id), "one row a member")
        # the transaction goes on: the savepoint took the failed INSERT back
        self.assertEqual(rows, self.Dues.search([("period", "=", period)]))
