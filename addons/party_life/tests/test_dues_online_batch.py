"""Online payments confirmed together are registered together (issue 27): one
``register_payments`` for the valid ones, the desk's bulk path (one entry per company,
date and method); a refused one does not stop the others."""

from odoo.tests import tagged

from .test_dues_online import PartyDuesOnlineCase


@tagged("post_install", "-at_install")
class TestDuesOnlineBatch(PartyDuesOnlineCase):
    def _confirm(self, txs):
        """The provider confirms ``txs`` and their post-processing runs once for all."""
        txs._set_done()
        txs._post_process()

    def test_transactions_confirmed_together_share_one_entry(self):
        txs = self._tx(self.this_a) | self._tx(self.row_b)
        self._confirm(txs)
        payments = txs.party_dues_payment_id
        self.assertEqual(len(payments), 2)
        self.assertEqual(len(payments.move_id), 1, "one entry for the company, day and method")
        self.assertEqual(self.this_a.state, "paid")
        self.assertEqual(self.row_b.state, "paid")
        self.assertFalse(txs.filtered("party_dues_refusal"))

    def test_refused_transaction_does_not_stop_the_others(self):
        paid_at_desk = self._tx(self.this_a)
        good = self._tx(self.row_b)
        # the month is paid at the desk before the provider confirms
        self._pay(self.member_a, 90.0, dues_ids=self.this_a.ids)
        self._confirm(paid_at_desk | good)
        self.assertEqual(good.party_dues_payment_id.member_id, self.member_b)
        self.assertEqual(self.row_b.state, "paid")
        self.assertFalse(paid_at_desk.party_dues_payment_id)
        self.assertIn("no longer owed", paid_at_desk.party_dues_refusal)

    def test_batch_refused_as_a_whole_registers_each_alone(self):
        """Two transactions for the same month, confirmed together: each looks valid on
        its own, the batch cannot pay the month twice; the first is registered, the
        second refused with the reason."""
        first = self._tx(self.last_a)
        second = self._tx(self.last_a)
        good = self._tx(self.row_b)
        self._confirm(first | second | good)
        self.assertTrue(first.party_dues_payment_id)
        self.assertTrue(good.party_dues_payment_id)
        self.assertFalse(second.party_dues_payment_id)
        self.assertTrue(second.party_dues_refusal)
        self.assertEqual(self.last_a.state, "paid")
        self.assertAlmostEqual(self.last_a.paid_amount, 90.0, places=2)
