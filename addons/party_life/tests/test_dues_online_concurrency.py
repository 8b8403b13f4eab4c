"""A confirmed online payment registered by two threads at once (the payment status
page and the cron, or a provider notifying twice): real transactions in threads
(party_branch/tests/concurrency.py). One registers the payment; the other waits on the
transaction's row and is refused with a serialization error, which Odoo's request and
cron loops retry, and the retry finds the payment: nothing is paid twice."""

from psycopg2 import errors

from odoo import Command
from odoo.tests import tagged

from odoo.addons.party_branch.tests.concurrency import (
    CommittedCase,
    committed,
    race,
    remove_organizations,
)

from .common import committed_month_owed, dues_cleanup


@tagged("post_install", "-at_install")
class TestDuesOnlineConcurrency(CommittedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.tag

        def build(env):
            provider, committee, branch, rows = committed_month_owed(env, tag)
            member = rows.member_id
            tx = env["payment.transaction"].create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": provider.payment_method_ids[:1].id,
                    "amount": rows.amount,
                    "currency_id": env.company.currency_id.id,
                    "partner_id": member.partner_id.id,
                    "operation": "online_direct",
                    "party_dues_ids": [Command.set(rows.ids)],
                }
            )
            tx._set_done()  # confirmed by the provider, not post-processed yet
            return committee, branch, tx.id, tx.reference, rows.id

        cls.committee_id, cls.branch_id, cls.tx_id, cls.reference, cls.dues_id = committed(
            cls.db, build
        )

    @classmethod
    def tearDownClass(cls):
        orgs = [cls.branch_id, cls.committee_id]
        extra = [
            ("DELETE FROM party_dues_payment_transaction_rel WHERE transaction_id = %s",
             [cls.tx_id]),
            ("DELETE FROM payment_transaction WHERE id = %s", [cls.tx_id]),
            *dues_cleanup(orgs),
        ]  # fmt: skip
        remove_organizations(cls.db, orgs, extra)
        super().tearDownClass()

    def _post_process(self, env):
        tx = env["payment.transaction"].browse(self.tx_id)
        tx._post_process()
        return tx.party_dues_payment_id.id

    def _payments(self):
        return committed(
            self.db,
            lambda env: env["party.dues.payment"].search([("reference", "=", self.reference)]).ids,
        )

    def test_two_confirmations_at_once_pay_once(self):
        outcome = race(self.db, self._post_process, self._post_process)
        self.assertTrue(outcome["first"], "the first registers the payment")
        self.assertIsInstance(outcome["second"], errors.SerializationFailure)
        self.assertEqual(self._payments(), [outcome["first"]])
        # Odoo retries the loser (the status page, the cron): the retry finds the payment
        self.assertEqual(committed(self.db, self._post_process), outcome["first"])
        self.assertEqual(self._payments(), [outcome["first"]])
        state = committed(self.db, lambda env: env["party.dues"].browse(self.dues_id).state)
        self.assertEqual(state, "paid")
