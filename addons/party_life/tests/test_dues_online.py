"""Dues paid online through Odoo's payment framework (payment_demo's provider).

A confirmed transaction is registered through ``register_payments``, the path of
collection at the desk, exactly once; a failed or cancelled one changes nothing; an
amount that is not what is owed, or months that are not the member's, are refused;
only the server links dues to a transaction. payment_demo is installed in the test
databases by bin/party (``TEST_MODULES``), never in a demo or production database.
"""

import json

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_amount
from odoo.tools import hmac as hmac_tool

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase


def demo_provider(env):
    """payment_demo's provider, in test mode and published for the portal."""
    provider = env.ref("payment.payment_provider_demo")
    assert provider.code == "demo", "payment_demo must be installed (bin/party: TEST_MODULES)"
    provider.write({"state": "test", "is_published": True})
    return provider


class PartyDuesOnlineCase(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = demo_provider(cls.env)
        cls.method = cls.provider.payment_method_ids.filtered("active")[:1]
        # Member A (portal user "pbt_portal") owes last month and this month: 90.00 each.
        rows = cls._generate_rows([cls.month(-1), cls.this_month], cls.member_a)
        cls.last_a, cls.this_a = rows.sorted("period")
        cls.row_b = cls._generate_rows([cls.this_month], cls.member_b)
        cls.Tx = cls.env["payment.transaction"]

    @classmethod
    def _generate_rows(cls, periods, members):
        rows = cls.Dues.browse()
        for period in periods:
            rows |= cls.Dues.generate(period, members=members)
        return rows

    def _tx(self, rows, amount=None):
        """A draft transaction of ``rows`` as the member's page creates it (superuser)."""
        member = rows.member_id
        return self.Tx.sudo().create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.method.id,
                "amount": sum(r.amount - r.paid_amount for r in rows) if amount is None else amount,
                "currency_id": self.company.currency_id.id,
                "partner_id": member.partner_id.id,
                "operation": "online_direct",
                "party_dues_ids": [Command.set(rows.ids)],
            }
        )

    def _notify(self, tx, state):
        """The provider's notification (payment_demo), then its post-processing."""
        self.Tx.sudo()._handle_notification_data(
            "demo", {"reference": tx.reference, "simulated_state": state}
        )
        tx._post_process()

    def _money(self, amount):
        return format_amount(self.env, amount, self.company.currency_id)

    def _online_payments(self, tx):
        return self.Payment.search([("reference", "=", tx.reference)])


@tagged("post_install", "-at_install")
class TestDuesOnline(PartyDuesOnlineCase):
    def test_confirmed_transaction_registers_the_payment_like_the_desk(self):
        tx = self._tx(self.this_a)
        self._notify(tx, "done")
        payment = self._online_payments(tx)
        self.assertEqual(len(payment), 1)
        self.assertEqual(tx.party_dues_payment_id, payment)
        self.assertEqual(payment.member_id, self.member_a)
        self.assertEqual(payment.method, "online")
        self.assertAlmostEqual(payment.amount, 90.0, places=2)
        self.assertNotEqual(payment.name, "/", "a receipt number, as at the desk")
        # the same accounting: the dues journal, the organisation's analytic account
        move = payment.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.dues_journal)
        credit = move.line_ids.filtered(lambda line: line.credit > 0)
        self.assertEqual(credit.account_id, self.dues_account)
        self.assertEqual(credit.analytic_distribution, {str(self._analytic(self.branch_a).id): 100})
        self.assertEqual(self.this_a.state, "paid")
        # account_payment's own payment of the provider's journal is not made as well
        self.assertFalse(tx.payment_id)

    def test_the_months_picked_are_paid_not_the_oldest(self):
        tx = self._tx(self.this_a)
        self._notify(tx, "done")
        self.assertEqual(self.this_a.state, "paid")
        self.assertEqual(self.last_a.state, "due", "last month was not picked")

    def test_same_notification_twice_pays_once(self):
        tx = self._tx(self.last_a | self.this_a)
        self._notify(tx, "done")
        self._notify(tx, "done")
        tx._post_process()  # the cron's pass over the same transaction
        payments = self._online_payments(tx)
        self.assertEqual(len(payments), 1)
        self.assertAlmostEqual(payments.amount, 180.0, places=2)
        self.assertEqual(len(payments.move_id), 1)
        self.assertEqual(
            self.Move.search_count([("journal_id", "=", self.dues_journal.id),
                                    ("id", "in", payments.move_id.ids)]),
            1,
        )  # fmt: skip
        self.assertEqual((self.last_a | self.this_a).mapped("state"), ["paid", "paid"])

    def test_cancelled_transaction_changes_nothing(self):
        tx = self._tx(self.this_a)
        moves = self._dues_moves()
        self._notify(tx, "cancel")
        self.assertEqual(tx.state, "cancel")
        self.assertFalse(self._online_payments(tx))
        self.assertEqual(self.this_a.state, "due")
        self.assertEqual(self._dues_moves(), moves)

    def test_failed_transaction_changes_nothing(self):
        tx = self._tx(self.this_a)
        self._notify(tx, "error")
        self.assertEqual(tx.state, "error")
        self.assertFalse(self._online_payments(tx))
        self.assertEqual(self.this_a.state, "due")

    def test_confirmed_amount_other_than_owed_is_not_registered(self):
        tx = self._tx(self.this_a, amount=50.0)
        self._notify(tx, "done")
        self.assertFalse(self._online_payments(tx))
        self.assertEqual(self.this_a.state, "due")
        self.assertIn(f"owe {self._money(90.0)}", tx.party_dues_refusal)
        # the officers are told: a to-do on the member for the branch's secretary
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "party.member"), ("res_id", "=", self.member_a.id),
             ("summary", "=", "Online dues payment not registered")]
        )  # fmt: skip
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertIn(tx.reference, str(activity.note))

    def test_months_paid_at_the_desk_meanwhile_are_not_paid_twice(self):
        tx = self._tx(self.this_a)
        self._pay(self.member_a, 90.0)  # the oldest month: last month
        self._pay(self.member_a, 90.0)  # this month
        self._notify(tx, "done")
        self.assertFalse(self._online_payments(tx))
        self.assertIn("no longer owed", tx.party_dues_refusal)

    def test_a_client_links_no_dues_to_a_transaction(self):
        accountant = new_test_user(
            self.env, login="pdo_accountant", groups="account.group_account_invoice"
        )
        with self.assertRaisesRegex(AccessError, "paid online from the member's own page"):
            rpc(
                self.env, accountant, "payment.transaction", "create",
                {"provider_id": self.provider.id, "payment_method_id": self.method.id,
                 "amount": 1.0, "currency_id": self.company.currency_id.id,
                 "partner_id": self.member_a.partner_id.id,
                 "party_dues_ids": [Command.set(self.this_a.ids)]},
            )  # fmt: skip
        tx = self._tx(self.this_a)
        with self.assertRaisesRegex(AccessError, "changed only by its provider"):
            rpc(self.env, accountant, "payment.transaction", "write", {"state": "done"},
                ids=tx.ids)  # fmt: skip
        self.assertEqual(tx.state, "draft")
        self.assertFalse(self._online_payments(tx))

    def test_member_cannot_pick_another_members_months(self):
        Dues = self.Dues.with_user(self.portal)
        with self.assertRaisesRegex(AccessError, "some of these months are not yours"):
            Dues._party_online_selection(self.row_b.ids)
        with self.assertRaisesRegex(AccessError, "some of these months are not yours"):
            Dues._party_online_selection((self.this_a | self.row_b).ids)
        rows, amount = Dues._party_online_selection(self.this_a.ids)
        self.assertEqual(rows, self.this_a)
        self.assertAlmostEqual(amount, 90.0, places=2)


@tagged("post_install", "-at_install")
class TestDuesTreasurer(PartyDuesOnlineCase):
    """A transfer or the Party's collection QR code (payment_custom): the treasurer
    confirms the payment received, or not received."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        transfer = cls.env.ref("payment.payment_provider_transfer")
        transfer.write({"state": "enabled", "is_published": True})
        cls.provider, cls.method = transfer, transfer.payment_method_ids[:1]

    def _waiting(self, rows):
        tx = self._tx(rows)
        tx._set_pending()
        return tx

    def test_treasurer_confirms_the_payment_received(self):
        tx = self._waiting(self.this_a)
        self.assertTrue(self.this_a.with_user(self.portal).online_payment_pending)
        self.this_a.with_user(self.officer_a).action_confirm_online_payment()
        self.assertEqual(tx.state, "done")
        payment = self._online_payments(tx)
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.method, "online")
        self.assertEqual(self.this_a.state, "paid")

    def test_treasurer_notes_the_payment_not_received(self):
        tx = self._waiting(self.this_a)
        self.this_a.with_user(self.officer_a).action_reject_online_payment()
        self.assertEqual(tx.state, "cancel")
        self.assertFalse(self._online_payments(tx))
        self.assertEqual(self.this_a.state, "due")
        self.assertFalse(self.this_a.online_payment_pending)

    def test_officer_of_another_branch_confirms_nothing(self):
        tx = self._waiting(self.this_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.dues", "action_confirm_online_payment",
                ids=self.this_a.ids)  # fmt: skip
        self.assertEqual(tx.state, "pending")
        self.assertFalse(self._online_payments(tx))

    def test_a_guessed_dues_reference_marks_no_transfer_as_waiting(self):
        """payment_custom's public /payment/custom/process finds the transaction by its
        reference alone: member and month are known to anyone, the random part is not."""
        tx = self._tx(self.this_a)
        guess = f"DUES-{self.member_a.id}-{self.this_a.period:%Y%m}"
        self.assertRegex(tx.reference, rf"^{guess}-[A-HJ-NP-Z2-9]{{8}}$")
        with self.assertRaises(ValidationError):
            self.Tx.sudo()._handle_notification_data("custom", {"reference": guess})
        self.assertEqual(tx.state, "draft")
        self.assertFalse(self.this_a.online_payment_pending)

    def test_two_transactions_of_the_same_month_differ_in_their_random_part(self):
        first = self._tx(self.this_a)
        first._set_canceled()
        second = self._tx(self.this_a)
        self.assertNotEqual(first.reference.split("-")[3], second.reference.split("-")[3])

    def test_waiting_month_is_not_paid_online_twice(self):
        self._waiting(self.this_a)
        with self.assertRaisesRegex(UserError, "waits for its confirmation"):
            self.Dues.with_user(self.portal)._party_online_selection(self.this_a.ids)


@tagged("post_install", "-at_install")
class TestDuesOnlineHttp(HttpCase, PartyDuesOnlineCase):
    """Through the member's browser: /my/dues, the payment form, the transaction route,
    payment_demo's notification and the status page's post-processing."""

    def _json(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def _pay_params(self, amount, **extra):
        partner = self.member_a.partner_id
        currency = self.company.currency_id
        return {
            "provider_id": self.provider.id,
            "payment_method_id": self.method.id,
            "token_id": None,
            "amount": amount,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/my/dues",
            "is_validation": False,
            # payment.utils.generate_access_token, without a request (payment's tests do so)
            "access_token": hmac_tool(
                self.env(su=True), "generate_access_token", f"{partner.id}|{amount}|{currency.id}"
            ),
            **extra,
        }

    def test_member_pays_a_month_once_with_two_notifications(self):
        self.authenticate("pbt_portal", "pbt_portal")
        page = self.url_open("/my/dues").text
        self.assertIn(f'value="{self.this_a.id}"', page, "a box to tick per month owed")
        form = self.url_open(f"/my/dues/pay?dues={self.this_a.id}")
        self.assertEqual(form.status_code, 200)
        self.assertIn(f"/my/dues/transaction/{self.this_a.id}", form.text)
        result = self._json(f"/my/dues/transaction/{self.this_a.id}", self._pay_params(90.0))
        reference = result["result"]["reference"]
        tx = self.Tx.sudo().search([("reference", "=", reference)])
        self.assertEqual(tx.party_dues_ids, self.this_a)
        self.assertAlmostEqual(tx.amount, 90.0, places=2)
        for _notification in range(2):
            self._json("/payment/demo/simulate_payment",
                       {"reference": reference, "simulated_state": "done"})  # fmt: skip
            self._json("/payment/status/poll", {})
        self.assertEqual(self.this_a.state, "paid")
        payment = self._online_payments(tx)
        self.assertEqual(len(payment), 1)
        self.assertIn(payment.name, self.url_open("/my/dues").text)
        receipt = self.url_open(f"/my/dues/receipt/{payment.id}")
        self.assertEqual(receipt.status_code, 200)
        self.assertEqual(receipt.headers["Content-Type"], "application/pdf")

    def test_another_members_months_are_refused_by_the_pay_page(self):
        self.authenticate("pbt_portal", "pbt_portal")
        response = self.url_open(f"/my/dues/pay?dues={self.row_b.id}")
        self.assertEqual(response.url, f"{self.base_url()}/my/dues")
        self.assertIn("some of these months are not yours", response.text)
        self.assertNotIn("o_payment_form", response.text)

    def test_another_members_months_are_refused_by_the_transaction_route(self):
        self.authenticate("pbt_portal", "pbt_portal")
        result = self._json(f"/my/dues/transaction/{self.row_b.id}", self._pay_params(22.5))
        self.assertIn("some of these months are not yours", result["error"]["data"]["message"])
        self.assertFalse(self.Tx.sudo().search([("party_dues_ids", "in", self.row_b.ids)]))

    def test_an_amount_other_than_owed_is_refused_by_the_transaction_route(self):
        self.authenticate("pbt_portal", "pbt_portal")
        result = self._json(f"/my/dues/transaction/{self.this_a.id}", self._pay_params(1.0))
        self.assertIn(f"owe {self._money(90.0)}, not 1.0", result["error"]["data"]["message"])
        self.assertFalse(self.Tx.sudo().search([("party_dues_ids", "in", self.this_a.ids)]))
