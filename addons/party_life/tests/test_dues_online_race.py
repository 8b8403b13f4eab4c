"""Two online payments of the same month started at the same moment (two tabs, a double
tap on the phone), in two real transactions (party_branch/tests/concurrency.py): the
first starts its transaction; the second, whose reference was computed from the same
transactions (Odoo's "Reference must be unique!" before), is refused with the rule — a
payment for these dues is already in progress — and nothing of it is written."""

from functools import partial

from odoo import Command
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.party_branch.tests.concurrency import (
    CommittedCase,
    committed,
    committed_member_user,
    race,
    remove_organizations,
    remove_user,
)

from .common import committed_month_owed, dues_cleanup


@tagged("post_install", "-at_install")
class TestDuesOnlineRace(CommittedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.tag

        def build(env):
            provider, committee_id, branch_id, rows = committed_month_owed(env, tag)
            user_id = committed_member_user(
                env, rows.member_id.id, f"race_dues_{tag}", f"Race member {tag}"
            )
            return committee_id, branch_id, user_id, provider.id, rows.id

        (cls.committee_id, cls.branch_id, cls.user_id, cls.provider_id, cls.dues_id) = committed(
            cls.db, build
        )

    @classmethod
    def tearDownClass(cls):
        txs = "SELECT transaction_id FROM party_dues_payment_transaction_rel WHERE dues_id = %s"
        orgs = [cls.branch_id, cls.committee_id]
        extra = [
            (f"DELETE FROM payment_transaction WHERE id IN ({txs})", [cls.dues_id]),  # noqa: S608
            ("DELETE FROM party_dues_payment_transaction_rel WHERE dues_id = %s", [cls.dues_id]),
            *dues_cleanup(orgs),
        ]
        remove_user(cls.db, cls.user_id)
        remove_organizations(cls.db, orgs, extra)
        super().tearDownClass()

    def _start_payment(self, env):
        """What the member's /my/dues/transaction/<months> does: the months asked again,
        the reference computed from the transactions this transaction sees, the draft
        transaction created as superuser (payment's PaymentPortal._create_transaction)."""
        rows, owed = env["party.dues"]._party_online_selection([self.dues_id])
        provider = env["payment.provider"].sudo().browse(self.provider_id)
        Transaction = env["payment.transaction"].sudo()
        dues = {"party_dues_ids": [Command.set(rows.ids)]}
        tx = Transaction.create(
            {
                "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids[:1].id,
                "reference": Transaction._compute_reference(provider.code, **dues),
                "amount": owed,
                "currency_id": rows.company_id.currency_id.id,
                "partner_id": env.user.partner_id.id,
                "operation": "online_redirect",
                "landing_route": "/my/dues",
                **dues,
            }
        )
        return tx.id

    def _transactions(self):
        return committed(
            self.db,
            lambda env: (
                env["payment.transaction"].search([("party_dues_ids", "in", [self.dues_id])]).ids
            ),
        )

    def test_a_second_payment_of_the_same_month_at_once_is_refused_with_the_rule(self):
        def second(env):
            # as Odoo's dispatch runs the request: retried on a serialization failure,
            # any other error is what the member sees
            return retrying(partial(self._start_payment, env), env)

        outcome = race(self.db, self._start_payment, second, hold=2, uid=self.user_id)
        self.assertIsInstance(outcome["first"], int, outcome["first"])
        self.assertIsInstance(outcome["second"], UserError)
        self.assertIn("already in progress", str(outcome["second"]))
        self.assertEqual(self._transactions(), [outcome["first"]])
