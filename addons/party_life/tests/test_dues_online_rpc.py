"""A transaction that pays Party dues, attacked over the RPC dispatch.

``payment.transaction`` runs the suite's guard (party_branch: ``party.guard.mixin``)
first, then its hooks: only server code links dues to a transaction, and a
transaction that pays dues is changed only by its provider's notifications and the
treasurer's confirmation. The attacker is an accountant (account_payment gives the
invoicing group every right on transactions) with the browser's developer tools.
"""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .test_dues_online import PartyDuesOnlineCase


@tagged("post_install", "-at_install")
class TestDuesOnlineRpc(PartyDuesOnlineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env, login="pdr_accountant", groups="account.group_account_invoice"
        )

    def _tx_values(self, **vals):
        return {
            "provider_id": self.provider.id,
            "payment_method_id": self.method.id,
            "amount": 90.0,
            "currency_id": self.company.currency_id.id,
            "partner_id": self.member_a.partner_id.id,
            **vals,
        }

    def _ordinary_tx(self):
        """A transaction that pays no dues (an invoice's, say)."""
        return self.Tx.sudo().create(self._tx_values(amount=12.0))

    def _create(self, vals, context=None):
        return rpc(
            self.env, self.accountant, "payment.transaction", "create", [vals], context=context
        )

    def _write(self, tx, vals):
        return rpc(self.env, self.accountant, "payment.transaction", "write", vals, ids=tx.ids)

    # ------------------------------------------------------------------ create

    def test_dues_in_a_context_default_are_refused(self):
        with self.assertRaisesRegex(AccessError, "paid online from the member's own page"):
            self._create(
                self._tx_values(),
                context={"default_party_dues_ids": [Command.set(self.this_a.ids)]},
            )
        self.assertFalse(self.Tx.search([("party_dues_ids", "in", self.this_a.ids)]))

    def test_a_dues_payment_given_on_create_is_refused(self):
        payment = self._pay(self.member_a, 90.0)
        with self.assertRaisesRegex(AccessError, "paid online from the member's own page"):
            self._create(self._tx_values(party_dues_payment_id=payment.id))
        self.assertFalse(self.Tx.search([("party_dues_payment_id", "=", payment.id)]))

    # ------------------------------------------------------------------ write

    def test_dues_are_not_linked_to_an_ordinary_transaction(self):
        tx = self._ordinary_tx()
        with self.assertRaisesRegex(AccessError, "changed only by its provider"):
            self._write(tx, {"party_dues_ids": [Command.set(self.this_a.ids)]})
        self.assertFalse(tx.party_dues_ids)

    def test_amount_of_a_dues_transaction_is_not_changed(self):
        tx = self._tx(self.this_a)
        with self.assertRaisesRegex(AccessError, "changed only by its provider"):
            self._write(tx, {"amount": 1.0})
        self.assertAlmostEqual(tx.amount, 90.0, places=2)

    def test_post_processing_of_a_dues_transaction_is_not_reset(self):
        tx = self._tx(self.this_a)
        self._notify(tx, "done")
        with self.assertRaisesRegex(AccessError, "changed only by its provider"):
            self._write(tx, {"is_post_processed": False})
        self.assertTrue(tx.is_post_processed)
        self.assertEqual(len(self._online_payments(tx)), 1)

    def test_refusal_reason_is_written_by_the_server_only(self):
        tx = self._tx(self.this_a)
        with self.assertRaisesRegex(AccessError, "changed only by its provider"):
            self._write(tx, {"party_dues_refusal": "paid in cash"})
        self.assertFalse(tx.party_dues_refusal)

    def test_an_unknown_field_is_a_clear_error(self):
        tx = self._ordinary_tx()
        with self.assertRaisesRegex(ValidationError, "has no field 'party_dues_paid'"):
            self._write(tx, {"party_dues_paid": True})

    def test_accountant_still_writes_an_ordinary_transaction(self):
        tx = self._ordinary_tx()
        self._write(tx, {"amount": 15.0})
        self.assertAlmostEqual(tx.amount, 15.0, places=2)
