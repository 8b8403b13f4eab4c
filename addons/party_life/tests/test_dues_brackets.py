"""Dues brackets (中组部《关于中国共产党党费收缴、使用和管理的规定》2008).

The rate applies to the whole monthly base, not by slices.
"""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesBrackets(PartyDuesCase):
    def _amount(self, category, base, on_date=None):
        return self.Bracket.compute_amount(category, base, on_date or self.today)

    def test_salaried_boundaries(self):
        """Salaried: ≤3000 0.5%, ≤5000 1%, ≤10000 1.5%, above 2% — of the whole base."""
        cases = [
            (1000, 5.00),
            (3000, 15.00),
            (3000.01, 30.00),  # whole base at 1%, not 15.00 + 1% of 0.01
            (4000, 40.00),
            (5000, 50.00),
            (5000.01, 75.00),
            (8000, 120.00),
            (10000, 150.00),
            (10000.01, 200.00),
            (20000, 400.00),
        ]
        for base, expected in cases:
            with self.subTest(base=base):
                self.assertAlmostEqual(self._amount("salaried", base), expected, places=2)

    def test_retired_boundaries(self):
        """Retired: pension ≤5000 0.5%, above 1% — of the whole pension."""
        cases = [(2000, 10.00), (5000, 25.00), (5000.01, 50.00), (8000, 80.00)]
        for base, expected in cases:
            with self.subTest(base=base):
                self.assertAlmostEqual(self._amount("retired", base), expected, places=2)

    def test_fixed_categories(self):
        """Farmers 0.5 by default; students, unemployed, members on relief 0.2, whatever the base."""
        for category, expected in (
            ("farmer", 0.5),
            ("student", 0.2),
            ("unemployed", 0.2),
            ("relief", 0.2),
        ):
            for base in (0, 800, 50000):
                with self.subTest(category=category, base=base):
                    self.assertAlmostEqual(self._amount(category, base), expected, places=2)

    def test_rate_stored_on_generated_row(self):
        """The dues row shows the base, the rate applied and the amount."""
        member = self._dues_member(self.branch_a, "Bracket Row", base=3000.01)
        row = self._generate(self.this_month, members=member)
        self.assertEqual(len(row), 1)
        self.assertAlmostEqual(row.base, 3000.01, places=2)
        self.assertEqual(row.rate, 1.0)
        self.assertAlmostEqual(row.amount, 30.00, places=2)

    def test_farmer_amount_range(self):
        """A province sets 0.2 to 1 yuan for farmers: other amounts are refused."""
        farmer = self.env.ref("party_life.bracket_farmer")
        for wrong in (0.1, 1.5, 0.0):
            with self.subTest(amount=wrong), self.assertRaisesRegex(ValidationError, "0.2 to 1"):
                farmer.write({"fixed_amount": wrong})
        for right in (0.2, 1.0, 0.8):
            farmer.write({"fixed_amount": right})
            self.assertAlmostEqual(self._amount("farmer", 0), right, places=2)

    def test_farmer_amount_range_on_create(self):
        """A new farmer bracket outside 0.2–1 is refused too (after closing the old one)."""
        self.env.ref("party_life.bracket_farmer").date_to = date(2020, 12, 31)
        with self.assertRaisesRegex(ValidationError, "0.2 to 1"):
            self.Bracket.create(
                {"income_category": "farmer", "fixed_amount": 2.0, "date_from": date(2021, 1, 1)}
            )
        self.Bracket.create(
            {"income_category": "farmer", "fixed_amount": 1.0, "date_from": date(2021, 1, 1)}
        )
        self.assertAlmostEqual(self._amount("farmer", 0, date(2020, 6, 1)), 0.5, places=2)
        self.assertAlmostEqual(self._amount("farmer", 0, date(2022, 6, 1)), 1.0, places=2)

    def test_overlapping_brackets_refused(self):
        """A base falls in one bracket only on any date."""
        count = self.Bracket.search_count([])
        with self.assertRaisesRegex(ValidationError, "overlap"):
            self.Bracket.create(
                {
                    "income_category": "salaried",
                    "base_min": 4000,
                    "base_max": 6000,
                    "rate": 1.2,
                    "date_from": date(2020, 1, 1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "overlap"):
            # an open-ended bracket starting later overlaps the open-ended ones in force
            self.Bracket.create(
                {
                    "income_category": "retired",
                    "base_min": 0,
                    "base_max": 5000,
                    "rate": 0.4,
                    "date_from": date(2030, 1, 1),
                }
            )
        self.assertEqual(self.Bracket.search_count([]), count)

    def test_invalid_bracket_values(self):
        with self.assertRaises(ValidationError):
            self.Bracket.create(
                {"income_category": "salaried", "base_min": 0, "base_max": 100, "rate": 120,
                 "date_from": date(1990, 1, 1), "date_to": date(1990, 12, 31)}
            )  # fmt: skip
        with self.assertRaises(ValidationError):
            self.Bracket.create(
                {"income_category": "salaried", "base_min": 500, "base_max": 100, "rate": 1,
                 "date_from": date(1990, 1, 1), "date_to": date(1990, 12, 31)}
            )  # fmt: skip

    def test_invalid_rate_message_shows_percent(self):
        """The message is shown as written: 100%, not the 100%% of a format string."""
        with self.assertRaises(ValidationError) as caught:
            self.Bracket.create(
                {"income_category": "salaried", "base_min": 0, "base_max": 100, "rate": -1,
                 "date_from": date(1990, 1, 1), "date_to": date(1990, 12, 31)}
            )  # fmt: skip
        message = str(caught.exception)
        self.assertIn("between 0 and 100% and", message)
        self.assertNotIn("%%", message)

    def test_rule_change_keeps_history(self):
        """Closing a bracket and adding a new one: old months keep the old rate."""
        change = date(2026, 1, 1)
        old = self.env.ref("party_life.bracket_salaried_2")  # (3000, 5000] 1%
        old.date_to = date(2025, 12, 31)
        new = self.Bracket.create(
            {
                "income_category": "salaried",
                "base_min": 3000,
                "base_max": 5000,
                "rate": 1.2,
                "date_from": change,
            }
        )
        self.assertTrue(old.exists() and new.exists())
        self.assertAlmostEqual(self._amount("salaried", 4000, date(2025, 12, 31)), 40.00, places=2)
        self.assertAlmostEqual(self._amount("salaried", 4000, date(2025, 6, 1)), 40.00, places=2)
        self.assertAlmostEqual(self._amount("salaried", 4000, change), 48.00, places=2)
        self.assertAlmostEqual(self._amount("salaried", 4000, date(2026, 3, 1)), 48.00, places=2)
        # brackets that did not change still apply on both sides of the change
        self.assertAlmostEqual(self._amount("salaried", 6000, date(2025, 6, 1)), 90.00, places=2)
        self.assertAlmostEqual(self._amount("salaried", 6000, date(2026, 3, 1)), 90.00, places=2)

        # the dues run uses the brackets in force in the month
        member = self._dues_member(self.branch_a, "Rule Change", base=4000)
        before = self._generate(date(2025, 12, 1), members=member)
        after = self._generate(date(2026, 1, 1), members=member)
        self.assertAlmostEqual(before.amount, 40.00, places=2)
        self.assertEqual(before.rate, 1.0)
        self.assertAlmostEqual(after.amount, 48.00, places=2)
        self.assertEqual(after.rate, 1.2)
