"""Dues payments posted in Odoo Accounting, and their reversal."""

from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PartyDuesCase


@tagged("post_install", "-at_install")
class TestDuesPayments(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Member A owes 90.00 this month; Member B 22.50; Secretary A 40.00.
        cls._generate_this_month()

    def _credit_lines(self, move):
        return move.line_ids.filtered(lambda line: line.credit > 0)

    def _debit_lines(self, move):
        return move.line_ids.filtered(lambda line: line.debit > 0)

    # ------------------------------------------------------------- posting

    def test_payment_posts_journal_entry(self):
        payment = self._pay(
            self.member_a, 90.0, user=self.officer_a, reference="BANK-0001", method="bank"
        )
        self.assertEqual(payment.state, "posted")
        self.assertEqual(payment.member_id, self.member_a)
        self.assertEqual(payment.organization_id, self.branch_a)
        self.assertAlmostEqual(payment.amount, 90.0, places=2)
        self.assertNotEqual(payment.name, "/", "A receipt number is given.")

        move = payment.move_id
        self.assertTrue(move)
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.company.party_dues_journal_id)
        self.assertEqual(move.date, self.today)
        credit = self._credit_lines(move)
        self.assertEqual(len(credit), 1)
        self.assertEqual(credit.account_id, self.company.party_dues_account_id)
        self.assertAlmostEqual(credit.credit, 90.0, places=2)
        self.assertEqual(credit.partner_id, self.member_a.partner_id)
        analytic = self.branch_a.analytic_account_id
        self.assertTrue(analytic, "The organisation gets an analytic account.")
        self.assertEqual(credit.analytic_distribution, {str(analytic.id): 100})
        debit = self._debit_lines(move)
        self.assertEqual(len(debit), 1)
        self.assertEqual(debit.account_id, self.bank_account)
        self.assertAlmostEqual(debit.debit, 90.0, places=2)
        # the collection shows on the organisation's analytic account
        analytic.invalidate_recordset()
        self.assertAlmostEqual(analytic.balance, 90.0, places=2)

        # the month is paid, and points to the entry
        self.assertEqual(self.row_a.state, "paid")
        self.assertAlmostEqual(self.row_a.paid_amount, 90.0, places=2)
        self.assertAlmostEqual(self.row_a.balance, 0.0, places=2)
        self.assertEqual(self.row_a.move_id, move)
        self.assertEqual(payment.line_ids.dues_id, self.row_a)
        self.assertEqual(self.member_a.dues_balance, 0.0)

    def test_cash_payment_debits_cash_account(self):
        payment = self._pay(self.member_b, 22.5, method="cash")
        debit = self._debit_lines(payment.move_id)
        self.assertEqual(debit.account_id, self.cash_account)
        self.assertEqual(debit.account_id.account_type, "asset_cash")
        self.assertEqual(
            self._credit_lines(payment.move_id).analytic_distribution,
            {str(self.branch_b.analytic_account_id.id): 100},
        )
        self.assertEqual(self.row_b.state, "paid")

    def test_partial_payment(self):
        payment = self._pay(self.member_a, 40.0)
        self.assertEqual(self.row_a.state, "due")
        self.assertAlmostEqual(self.row_a.paid_amount, 40.0, places=2)
        self.assertAlmostEqual(self.row_a.balance, 50.0, places=2)
        self.assertEqual(payment.move_id.state, "posted")
        self._pay(self.member_a, 50.0)
        self.assertEqual(self.row_a.state, "paid")

    def test_oldest_month_paid_first(self):
        older = self._generate(self.month(-1), members=self.member_a)
        self._pay(self.member_a, 90.0)
        self.assertEqual(older.state, "paid")
        self.assertEqual(self.row_a.state, "due")

    def test_payment_in_advance(self):
        payment = self._pay(self.member_a, 270.0, months_ahead=2)
        rows = self._rows(self.member_a)
        self.assertEqual(rows.mapped("period"), [self.this_month, self.month(1), self.month(2)])
        self.assertEqual(set(rows.mapped("state")), {"paid"})
        self.assertEqual(payment.line_ids.dues_id, rows)
        self.assertAlmostEqual(payment.voluntary_amount, 0.0, places=2)
        self.assertEqual(rows.move_id, payment.move_id)
        self.assertAlmostEqual(self._credit_lines(payment.move_id).credit, 270.0, places=2)
        # the next dues runs find the months already there, paid
        self.assertEqual(self._generate(self.month(1), members=self.member_a).state, "paid")

    def test_voluntary_extra_payment(self):
        payment = self._pay(self.member_a, 100.0, voluntary=True)
        self.assertEqual(self.row_a.state, "paid")
        self.assertAlmostEqual(payment.voluntary_amount, 10.0, places=2)
        self.assertAlmostEqual(self.row_a.voluntary_amount, 10.0, places=2)
        self.assertAlmostEqual(self._credit_lines(payment.move_id).credit, 100.0, places=2)
        self.assertAlmostEqual(self._debit_lines(payment.move_id).debit, 100.0, places=2)

    def test_extra_payment_needs_voluntary(self):
        moves = self._dues_moves()
        with self.assertRaisesRegex(ValidationError, "voluntar.*中组部"):
            self._pay(self.member_a, 100.0)
        self.assertFalse(self._payments(self.member_a))
        self.assertEqual(self._dues_moves(), moves)
        self.assertEqual(self.row_a.state, "due")
        self.assertAlmostEqual(self.row_a.paid_amount, 0.0, places=2)
        self.assertAlmostEqual(self.row_a.voluntary_amount, 0.0, places=2)
        self.assertFalse(self.row_a.move_id)

    def test_extra_in_bulk_writes_nothing(self):
        """All or nothing: one bad payment in a batch and no payment of the batch is written."""
        moves = self._dues_moves()
        vals_list = [
            {"member_id": self.member_b.id, "amount": 22.5, "date": self.today, "method": "cash"},
            {"member_id": self.member_a.id, "amount": 95.0, "date": self.today, "method": "cash"},
        ]
        with self.assertRaises(ValidationError):
            self.Payment.with_user(self.admin).register_payments(vals_list)
        self.assertFalse(self._payments(self.member_a | self.member_b))
        self.assertEqual(self._dues_moves(), moves)
        self.assertEqual(self.row_b.state, "due")
        self.assertAlmostEqual(self.row_b.paid_amount, 0.0, places=2)

    def test_nothing_owed_needs_voluntary(self):
        self._pay(self.member_b, 22.5)
        with self.assertRaisesRegex(ValidationError, "voluntar"):
            self._pay(self.member_b, 5.0)
        self.assertEqual(len(self._payments(self.member_b)), 1)
        gift = self._pay(self.member_b, 5.0, voluntary=True)
        self.assertAlmostEqual(gift.voluntary_amount, 5.0, places=2)
        self.assertEqual(gift.move_id.state, "posted")
        self.assertAlmostEqual(self._credit_lines(gift.move_id).credit, 5.0, places=2)

    def test_same_reference_twice_refused(self):
        vals = {"amount": 10.0, "date": self.today, "method": "bank", "reference": "TX-DUP-1"}
        with self.assertRaisesRegex(ValidationError, "twice"):
            self.Payment.register_payments(
                [dict(vals, member_id=self.member_a.id), dict(vals, member_id=self.secretary_a.id)]
            )
        self.assertFalse(self._payments(self.member_a | self.secretary_a))
        self._pay(self.member_a, 10.0, reference="TX-DUP-2")
        moves = self._dues_moves()
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self._pay(self.secretary_a, 10.0, reference="TX-DUP-2")
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self._pay(self.member_a, 10.0, reference="TX-DUP-2")
        self.assertEqual(len(self._payments(self.member_a | self.secretary_a)), 1)
        self.assertEqual(self._dues_moves(), moves)
        self.assertAlmostEqual(self.row_a.paid_amount, 10.0, places=2)

    def test_payments_without_reference(self):
        """Cash without a reference can be registered several times (no false duplicate)."""
        self._pay(self.member_a, 30.0, reference=False)
        self._pay(self.member_a, 30.0, reference=False)
        self.assertEqual(len(self._payments(self.member_a)), 2)
        self.assertAlmostEqual(self.row_a.paid_amount, 60.0, places=2)

    def test_amount_not_positive_refused(self):
        for amount in (0.0, -10.0):
            with self.subTest(amount=amount), self.assertRaisesRegex(ValidationError, "positive"):
                self._pay(self.member_a, amount)
        self.assertFalse(self._payments(self.member_a))
        self.assertEqual(self.row_a.state, "due")

    def test_unknown_method_refused(self):
        with self.assertRaises(ValidationError):
            self._pay(self.member_a, 90.0, method="barter")
        self.assertFalse(self._payments(self.member_a))

    def test_closed_month_refused(self):
        self.company.party_dues_lock_date = self.today
        moves = self._dues_moves()
        with self.assertRaisesRegex(UserError, "closed"):
            self._pay(self.member_a, 90.0)
        with self.assertRaisesRegex(UserError, "closed"):
            self._pay(self.member_a, 90.0, pay_date=self.today - timedelta(days=40))
        self.assertFalse(self._payments(self.member_a))
        self.assertEqual(self._dues_moves(), moves)
        self.assertEqual(self.row_a.state, "due")

    def test_day_locked_in_the_accounts_refused(self):
        """A payment's entry is dated the payment's day: a day Odoo's lock dates close is
        refused with the rule's name, and nothing is written (Odoo would have posted
        the entry moved past the lock date)."""
        locked = self.today - timedelta(days=40)
        self._lock_accounts(fiscalyear_lock_date=locked)
        moves = self._dues_moves()
        for day in (locked, locked - timedelta(days=1)):
            with (
                self.subTest(day=day),
                self.assertRaisesRegex(
                    UserError, r"locked up to and including Global Lock Date .*lock dates"
                ),
            ):
                self._pay(self.member_a, 90.0, pay_date=day)
        self.assertFalse(self._payments(self.member_a))
        self.assertEqual(self._dues_moves(), moves)
        self.assertEqual(self.row_a.state, "due")
        self.assertEqual(self.row_a.paid_amount, 0.0)
        # the day after the lock date is open, and the entry keeps the payment's day
        payment = self._pay(self.member_a, 90.0, pay_date=locked + timedelta(days=1))
        self.assertEqual(payment.move_id.date, payment.date)
        self.assertEqual(self.row_a.state, "paid")

    def test_hard_lock_refuses_payments(self):
        locked = self.today - timedelta(days=40)
        self._lock_accounts(hard_lock_date=locked)
        with self.assertRaisesRegex(UserError, "Hard Lock Date"):
            self._pay(self.member_a, 90.0, pay_date=locked)
        self.assertFalse(self._payments(self.member_a))

    def test_reversal_on_a_locked_day_refused(self):
        payment = self._pay(self.member_a, 90.0)
        moves = self._dues_moves()
        self._lock_accounts(fiscalyear_lock_date=self.today)
        with self.assertRaisesRegex(UserError, "Global Lock Date"):
            payment.with_user(self.officer_a).action_reverse()
        self.assertEqual(payment.state, "posted")
        self.assertFalse(payment.reversal_move_id)
        self.assertEqual(self._dues_moves(), moves)
        self.assertEqual(self.row_a.state, "paid")

    def test_dues_close_not_before_the_hard_lock(self):
        """The dues close date covers at least every month the Hard Lock Date closes
        entirely; writing the Hard Lock Date itself is the accountant's and not held up."""
        month_end = self.month(-2) - timedelta(days=1)
        self._lock_accounts(hard_lock_date=month_end + timedelta(days=15))  # mid-month
        for wrong in (False, month_end - timedelta(days=1)):
            with (
                self.subTest(lock=wrong),
                self.assertRaisesRegex(ValidationError, "closed at least up to"),
            ):
                self.company.party_dues_lock_date = wrong
        self.company.party_dues_lock_date = month_end
        self.assertEqual(self.company.party_dues_lock_date, month_end)
        # a Hard Lock Date on a month-end closes that month too
        self._lock_accounts(hard_lock_date=self.month(-1) - timedelta(days=1))
        with self.assertRaises(ValidationError):
            self.company.party_dues_lock_date = month_end
        self.company.party_dues_lock_date = self.month(-1) - timedelta(days=1)

    def test_officer_of_other_branch_refused(self):
        with self.assertRaisesRegex(UserError, "Only an officer of Branch A"):
            self._pay(self.member_a, 90.0, user=self.officer_b)
        self.assertFalse(self._payments(self.member_a))
        self.assertEqual(self.row_a.state, "due")
        # in a batch mixing own and foreign members: refused as a whole
        vals_list = [
            {"member_id": self.member_b.id, "amount": 22.5, "date": self.today, "method": "cash"},
            {"member_id": self.member_a.id, "amount": 90.0, "date": self.today, "method": "cash"},
        ]
        with self.assertRaises(UserError):
            self.Payment.with_user(self.officer_b).register_payments(vals_list)
        self.assertFalse(self._payments(self.member_a | self.member_b))
        # no position at all: nothing to register
        with self.assertRaises(UserError):
            self._pay(self.member_a, 90.0, user=self.auditor)

    def test_branch_and_committee_officers_register(self):
        payment = self._pay(self.member_a, 90.0, user=self.officer_a)
        self.assertEqual(payment.state, "posted")
        self.assertEqual(self.row_a.state, "paid")
        # the committee's officer manages the branches below it
        payment_b = self._pay(self.member_b, 22.5, user=self.officer_c)
        self.assertEqual(payment_b.move_id.state, "posted")
        self.assertEqual(self.row_b.state, "paid")

    def test_bulk_one_entry_per_date_method_one_line_per_organisation(self):
        extra_a = self._dues_member(self.branch_a, "Bulk A2", base=2000)  # 10.00
        self._generate(self.this_month, members=extra_a)
        moves = self._dues_moves()
        day = self.today
        vals_list = [
            {
                "member_id": self.member_a.id,
                "amount": 90.0,
                "date": day,
                "method": "cash",
                "reference": "BULK-1",
            },
            {
                "member_id": extra_a.id,
                "amount": 10.0,
                "date": day,
                "method": "cash",
                "reference": "BULK-2",
            },
            {
                "member_id": self.member_b.id,
                "amount": 22.5,
                "date": day,
                "method": "cash",
                "reference": "BULK-3",
            },
            {
                "member_id": self.secretary_a.id,
                "amount": 40.0,
                "date": day,
                "method": "bank",
                "reference": "BULK-4",
            },
        ]
        payments = (
            self.Payment.with_user(self.officer_c).register_payments(vals_list).with_env(self.env)
        )
        self.assertEqual(len(payments), 4)
        new_moves = self._dues_moves() - moves
        self.assertEqual(
            len(new_moves), 2, "One entry for the cash payments, one for the bank one."
        )
        self.assertEqual(set(new_moves.mapped("state")), {"posted"})
        self.assertEqual(payments.move_id, new_moves)
        by_ref = {p.reference: p for p in payments}
        a_cash = by_ref["BULK-1"].move_id
        self.assertEqual(by_ref["BULK-2"].move_id, a_cash)
        self.assertEqual(by_ref["BULK-3"].move_id, a_cash)
        self.assertNotEqual(by_ref["BULK-4"].move_id, a_cash)
        credit = self._credit_lines(a_cash)
        self.assertEqual(len(credit), 2, "One credit line per organisation.")
        analytic_a = {str(self.branch_a.analytic_account_id.id): 100}
        analytic_b = {str(self.branch_b.analytic_account_id.id): 100}
        line_a = credit.filtered(lambda line: line.analytic_distribution == analytic_a)
        line_b = credit.filtered(lambda line: line.analytic_distribution == analytic_b)
        self.assertAlmostEqual(line_a.credit, 100.0, places=2)
        self.assertAlmostEqual(line_b.credit, 22.5, places=2)
        self.assertAlmostEqual(self._debit_lines(a_cash).debit, 122.5, places=2)
        self.assertEqual(self._debit_lines(a_cash).account_id, self.cash_account)
        self.assertEqual(self._debit_lines(by_ref["BULK-4"].move_id).account_id, self.bank_account)
        self.assertEqual(
            self._credit_lines(by_ref["BULK-4"].move_id).analytic_distribution, analytic_a
        )
        rows = self._rows(
            self.member_a | extra_a | self.member_b | self.secretary_a, self.this_month
        )
        self.assertEqual(set(rows.mapped("state")), {"paid"})
        for row in rows:
            self.assertEqual(row.move_id, row.payment_line_ids.payment_id.move_id)

    def test_bulk_different_dates(self):
        yesterday = self.today - timedelta(days=1)
        vals_list = [
            {"member_id": self.member_a.id, "amount": 45.0, "date": self.today, "method": "cash"},
            {"member_id": self.member_a.id, "amount": 45.0, "date": yesterday, "method": "cash"},
        ]
        payments = self.Payment.register_payments(vals_list)
        self.assertEqual(len(payments.move_id), 2)
        self.assertEqual(set(payments.move_id.mapped("date")), {self.today, yesterday})
        self.assertEqual(self.row_a.state, "paid")

    def test_dues_accounting_created_when_missing(self):
        """Without a dues journal and account, the first payment creates them."""
        self.dues_journal.code = "OLDPD"
        self.dues_account.code = "OLDPD1"
        self.company.write({"party_dues_journal_id": False, "party_dues_account_id": False})
        payment = self._pay(self.member_a, 90.0)
        journal = self.company.party_dues_journal_id
        account = self.company.party_dues_account_id
        self.assertTrue(journal and account)
        self.assertNotEqual(journal, self.dues_journal)
        self.assertNotEqual(account, self.dues_account)
        self.assertEqual(journal.type, "general")
        self.assertEqual(journal.company_id, self.company)
        self.assertEqual(account.account_type, "liability_current")
        self.assertEqual(payment.move_id.journal_id, journal)
        self.assertEqual(self._credit_lines(payment.move_id).account_id, account)
        # and they are reused afterwards
        again = self._pay(self.secretary_a, 40.0)
        self.assertEqual(again.move_id.journal_id, journal)
        self.assertEqual(self.company.party_dues_account_id, account)

    def test_configured_journal_and_account_used(self):
        journal = self.env["account.journal"].create(
            {
                "name": "Dues (configured)",
                "code": "PDCF",
                "type": "general",
                "company_id": self.company.id,
            }
        )
        account = self.env["account.account"].create(
            {"name": "Dues held", "code": "PDCF01", "account_type": "liability_current"}
        )
        self.company.write(
            {"party_dues_journal_id": journal.id, "party_dues_account_id": account.id}
        )
        payment = self._pay(self.member_a, 90.0)
        self.assertEqual(payment.move_id.journal_id, journal)
        self.assertEqual(self._credit_lines(payment.move_id).account_id, account)

    # ------------------------------------------------------------- reversal

    def test_reverse_payment(self):
        payment = self._pay(self.member_a, 90.0, method="bank")
        original = payment.move_id
        original_lines = [
            (line.account_id, line.debit, line.credit, line.analytic_distribution)
            for line in original.line_ids
        ]
        payment.with_user(self.officer_a).action_reverse()
        self.assertEqual(payment.state, "reversed")
        reversal = payment.reversal_move_id
        self.assertTrue(reversal)
        self.assertNotEqual(reversal, original)
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(reversal.journal_id, self.dues_journal)
        debit = self._debit_lines(reversal)
        credit = self._credit_lines(reversal)
        self.assertEqual(debit.account_id, self.dues_account)
        self.assertAlmostEqual(debit.debit, 90.0, places=2)
        self.assertEqual(
            debit.analytic_distribution, {str(self.branch_a.analytic_account_id.id): 100}
        )
        self.assertEqual(credit.account_id, self.bank_account)
        self.assertAlmostEqual(credit.credit, 90.0, places=2)
        # the original entry stays as it was
        self.assertEqual(original.state, "posted")
        self.assertEqual(payment.move_id, original)
        self.assertEqual(
            [
                (line.account_id, line.debit, line.credit, line.analytic_distribution)
                for line in original.line_ids
            ],
            original_lines,
        )
        # the month is owed again
        self.assertEqual(self.row_a.state, "due")
        self.assertAlmostEqual(self.row_a.paid_amount, 0.0, places=2)
        self.assertAlmostEqual(self.member_a.dues_balance, 90.0, places=2)
        # and the analytic account nets to zero
        analytic = self.branch_a.analytic_account_id
        analytic.invalidate_recordset()
        self.assertAlmostEqual(analytic.balance, 0.0, places=2)

    def test_reverse_voluntary_payment(self):
        payment = self._pay(self.member_a, 100.0, voluntary=True)
        payment.action_reverse()
        self.assertEqual(self.row_a.state, "due")
        self.assertAlmostEqual(self.row_a.paid_amount, 0.0, places=2)
        self.assertAlmostEqual(self.row_a.voluntary_amount, 0.0, places=2)
        self.assertAlmostEqual(self._debit_lines(payment.reversal_move_id).debit, 100.0, places=2)

    def test_reverse_one_of_a_batch(self):
        """Reversing one payment of a shared entry reverses that payment only."""
        vals_list = [
            {"member_id": self.member_a.id, "amount": 90.0, "date": self.today, "method": "cash"},
            {
                "member_id": self.secretary_a.id,
                "amount": 40.0,
                "date": self.today,
                "method": "cash",
            },
        ]
        pay_a, pay_sec = self.Payment.register_payments(vals_list).sorted(
            lambda p: p.member_id != self.member_a
        )
        self.assertEqual(pay_a.move_id, pay_sec.move_id)
        pay_sec.action_reverse()
        self.assertAlmostEqual(self._debit_lines(pay_sec.reversal_move_id).debit, 40.0, places=2)
        self.assertEqual(
            self._debit_lines(pay_sec.reversal_move_id).analytic_distribution,
            {str(self.branch_a.analytic_account_id.id): 100},
        )
        self.assertEqual(pay_a.state, "posted")
        self.assertEqual(self.row_a.state, "paid")
        self.assertEqual(self._rows(self.secretary_a, self.this_month).state, "due")

    def test_reverse_twice_refused(self):
        payment = self._pay(self.member_a, 90.0)
        payment.action_reverse()
        reversal = payment.reversal_move_id
        with self.assertRaisesRegex(UserError, "Only posted payments"):
            payment.action_reverse()
        self.assertEqual(payment.reversal_move_id, reversal)
        self.assertEqual(self.Move.search_count([("ref", "=", reversal.ref)]), 1)
        self.assertEqual(self.row_a.state, "due")
        self.assertAlmostEqual(self.row_a.paid_amount, 0.0, places=2)

    def test_reverse_by_other_branch_refused(self):
        payment = self._pay(self.member_a, 90.0)
        with self.assertRaises(UserError):
            payment.with_user(self.officer_b).action_reverse()
        self.assertEqual(payment.state, "posted")
        self.assertEqual(self.row_a.state, "paid")

    def test_unlink_refused(self):
        payment = self._pay(self.member_a, 90.0)
        move = payment.move_id
        with self.assertRaisesRegex(UserError, "never deleted"):
            payment.unlink()
        with self.assertRaises(UserError):
            payment.with_user(self.admin).unlink()
        self.assertTrue(payment.exists())
        self.assertTrue(move.exists())
        self.assertEqual(move.state, "posted")
        self.assertEqual(self.row_a.state, "paid")
        payment.action_reverse()
        with self.assertRaises(UserError):
            payment.unlink()
        self.assertTrue(payment.exists() and payment.reversal_move_id.exists())
