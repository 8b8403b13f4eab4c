"""Party dues paid online through Odoo's payment framework.

A member picks the months they owe on ``/my/dues``; the portal creates a
``payment.transaction`` (as superuser, after :meth:`party.dues._party_online_selection`
checked that the months are the caller's own and still owed, and computed the amount)
linked to those months by ``party_dues_ids``, the way account_payment links invoices
(``invoice_ids``) and sale links orders. When the provider confirms the transaction,
:meth:`_post_process` registers it through ``party.dues.payment.register_payments``,
the same path as collection at the desk: the dues journal, the lock dates, the
organisation's analytic account, the receipt. The transaction's reference is the
payment's reference (unique per company), and the transaction's row is locked while
it is registered: a repeated notification, or two confirmations at once, pay once.
"""

import logging
import secrets
from collections import defaultdict

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_amount

from ..tools.sql import update_rows

_logger = logging.getLogger(__name__)

# the Party's own fields: the link to the dues, the payment registered, the reason it
# was not; never set by a client, on any transaction
# the random part of a dues reference: no 0/O, 1/I (read from a screen, typed at a bank)
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DUES_LINK_FIELDS = frozenset({"party_dues_ids", "party_dues_payment_id", "party_dues_refusal"})
# what only the server writes on a transaction that pays Party dues
DUES_GUARDED_FIELDS = DUES_LINK_FIELDS | {
    "state",
    "amount",
    "currency_id",
    "partner_id",
    "reference",
    "provider_id",
    "is_post_processed",
}
# providers whose payments the Party's treasurer confirms by hand (payment_custom: a
# transfer to the Party's account, or its collection QR code); the others confirm
# themselves through their notifications
MANUAL_PROVIDERS = ("custom",)


class PaymentTransaction(models.Model):
    _name = "payment.transaction"
    # the guard's template first (party_branch: party.guard.mixin), then the platform's
    # create and write
    _inherit = ["party.guard.mixin", "payment.transaction"]

    _party_rpc_methods = {
        "create": "payment ACL and the guard (tools.guard.PartyGuard, default_<field> context "
        "keys included); party_dues_ids, party_dues_payment_id and party_dues_refusal only "
        "from server code (the member's /my/dues route, as superuser, after "
        "party.dues._party_online_selection)",
        "write": "payment ACL and the guard; the Party fields only from server code; on a "
        "transaction paying dues, its amount, currency, partner, reference, provider, state "
        "and post-processing only from server code",
    }

    party_dues_ids = fields.Many2many(
        "party.dues",
        "party_dues_payment_transaction_rel",
        "transaction_id",
        "dues_id",
        readonly=True,
        copy=False,
        help="The months of Party dues this transaction pays.",
    )
    party_dues_payment_id = fields.Many2one(
        "party.dues.payment",
        string="Dues Payment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The dues payment registered when the transaction was confirmed.",
    )
    party_dues_refusal = fields.Char(
        string="Dues Not Registered",
        readonly=True,
        copy=False,
        help="Why the confirmed transaction could not be registered as a dues payment.",
    )

    # ------------------------------------------------------------------ guard
    # the guard's template (party_branch: party.guard.mixin) has checked the values a
    # client sends, the default_<field> context keys merged into them; the hooks below
    # keep the dues to server code

    def _party_validate_create(self, vals_list):
        if not self._party_trusted() and any(
            vals.get(name) for vals in vals_list for name in DUES_LINK_FIELDS
        ):
            raise AccessError(
                self.env._(
                    "Party dues are paid online from the member's own page (My Party Dues), "
                    "which computes what is owed."
                )
            )
        self._party_dues_claim(
            {
                dues_id
                for vals in vals_list
                if vals.get("party_dues_ids")
                for dues_id in self._fields["party_dues_ids"].convert_to_cache(
                    vals["party_dues_ids"], self
                )
            }
        )
        return super()._party_validate_create(vals_list)

    @api.model
    def _party_dues_claim(self, dues_ids):
        """A new transaction claims the months it pays, before its row is written.

        Two payments of the same months started at the same moment (two tabs, a double
        tap) would both be created: their references, computed from the transactions each
        one's snapshot sees, are the same, and the second met Odoo's "Reference must be
        unique!". The months' rows are locked without waiting and touched: the second,
        meeting the first's lock while it runs, or its change once committed (a
        serialization failure in Odoo's repeatable-read transactions), is refused with
        the rule, and nothing of it is written."""
        if not dues_ids:
            return
        ids = tuple(sorted(dues_ids))
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM party_dues WHERE id IN %s ORDER BY id "
                        "FOR NO KEY UPDATE NOWAIT",
                        ids,
                    ),
                    log_exceptions=False,
                )
                self.env.cr.execute(
                    SQL("UPDATE party_dues SET paid_amount = paid_amount WHERE id IN %s", ids),
                    log_exceptions=False,
                )
        except (errors.LockNotAvailable, errors.SerializationFailure) as error:
            raise UserError(
                self.env._(
                    "A payment for these dues is already in progress (in another window or "
                    "tab): finish it there, or reload the page in a moment."
                )
            ) from error

    def _party_validate_write(self, vals):
        if not self._party_trusted() and DUES_GUARDED_FIELDS & set(vals):
            if DUES_LINK_FIELDS & set(vals) or self.sudo().filtered("party_dues_ids"):
                raise AccessError(
                    self.env._(
                        "A transaction that pays Party dues is changed only by its provider's "
                        "notifications and the treasurer's confirmation."
                    )
                )
        return super()._party_validate_write(vals)

    # ------------------------------------------------------------------ reference

    @api.model
    def _compute_reference_prefix(self, provider_code, separator, **values):
        """``DUES-<member>-<first month>-<8 random characters>``: what the member's bank
        or wallet shows. The random part keeps the reference from being guessed:
        payment_custom's public ``/payment/custom/process`` finds a transaction by its
        reference alone and marks a draft transfer as waiting for the treasurer."""
        command_list = values.get("party_dues_ids")
        if command_list:
            ids = self._fields["party_dues_ids"].convert_to_cache(command_list, self)
            dues = self.env["party.dues"].sudo().browse(ids).exists()
            if dues:
                first = min(dues.mapped("period"))
                nonce = "".join(secrets.choice(REFERENCE_ALPHABET) for __ in range(8))
                return separator.join(["DUES", str(dues.member_id[:1].id), f"{first:%Y%m}", nonce])
        return super()._compute_reference_prefix(provider_code, separator, **values)

    # ------------------------------------------------------------------ post-processing

    def _create_payment(self, **extra_create_values):
        """account_payment's payment of the provider's journal is not created for dues:
        the dues are registered in the dues journal (:meth:`_party_register_dues`), once."""
        if self.party_dues_ids:
            return self.env["account.payment"]
        return super()._create_payment(**extra_create_values)

    def _post_process(self):
        result = super()._post_process()
        confirmed = self.filtered(lambda tx: tx.state == "done" and tx.party_dues_ids)
        if confirmed:
            confirmed._party_register_dues()
        return result

    def _party_register_dues(self):
        """Register each confirmed transaction as one dues payment, exactly once.

        The transactions' rows are locked first: a second confirmation of the same
        transaction (a provider notifying twice, the status page and the cron at the same
        time) waits for the first, then finds its payment (``party_dues_payment_id``) and
        registers nothing; in Odoo's repeatable-read transactions it is refused with a
        serialization error and retried, which finds the payment the same way. Every
        transaction is checked first; the valid ones are registered together, in one
        ``register_payments`` (the path of the desk's bulk collection: one entry per
        company, date and method); should that batch be refused, each is registered alone,
        so that one refusal does not stop the others. A
        transaction that can no longer be registered as it was started (the months were
        paid at the desk meanwhile, the month closed) is not registered: the reason is
        kept on it and the officers of the member's organisation get a to-do."""
        txs = self.sudo()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM payment_transaction WHERE id IN %s ORDER BY id FOR UPDATE",
                tuple(txs.ids),
            )
        )
        txs.invalidate_recordset(["party_dues_payment_id", "party_dues_refusal"])
        todo = txs.filtered(lambda t: not t.party_dues_payment_id and not t.party_dues_refusal)
        # validate each first; register the valid ones together (one register_payments per
        # time zone of the Party: one, in practice), each alone only when the batch fails
        refusals = {}
        batches = defaultdict(list)
        for tx in todo:
            refusal = tx._party_dues_refusal()
            if refusal:
                refusals[tx] = refusal
                continue
            vals = tx._party_dues_payment_values()
            batches[vals.pop("tz")].append((tx, vals))
        paid = []
        for tz, pairs in batches.items():
            registered = tx_batch = None
            try:
                with self.env.cr.savepoint():
                    registered = txs._party_dues_register_batch(tz, pairs)
            except (UserError, ValidationError) as error:
                if len(pairs) == 1:
                    refusals[pairs[0][0]] = str(error.args[0] if error.args else error)
                    continue
                tx_batch = pairs
            if registered is not None:
                paid += registered
                continue
            for tx, vals in tx_batch:  # one refused: the others are registered all the same
                try:
                    with self.env.cr.savepoint():
                        paid += txs._party_dues_register_batch(tz, [(tx, vals)])
                except (UserError, ValidationError) as error:
                    refusals[tx] = str(error.args[0] if error.args else error)
        if paid:
            update_rows(
                self.env,
                "payment_transaction",
                {"party_dues_payment_id": "int4"},
                [{"id": tx.id, "party_dues_payment_id": payment_id} for tx, payment_id in paid],
            )
        for tx, refusal in refusals.items():
            tx.party_dues_refusal = refusal
            tx._party_dues_report_refusal(refusal)

    @api.model
    def _party_dues_register_batch(self, tz, pairs):
        """Register ``pairs`` ((transaction, payment values)) in one ``register_payments``;
        ``[(transaction, payment id)]``."""
        payments = (
            self.env["party.dues.payment"]
            .sudo()
            .with_context(tz=tz)
            .register_payments([vals for _tx, vals in pairs])
        )
        return list(zip([tx for tx, _vals in pairs], payments.ids, strict=True))

    def _party_dues_payment_values(self):
        self.ensure_one()
        dues = self.party_dues_ids
        # the day of the confirmation in the Party's time zone (the cron has none)
        tz = self.env["res.company"]._party_tz_of(dues.company_id) or self.env.context.get("tz")
        return {
            "member_id": dues.member_id.id,
            "amount": self.amount,
            "date": fields.Date.context_today(self.with_context(tz=tz)),
            "method": "online",
            "reference": self.reference,
            "dues_ids": dues.ids,
            "payer_kind": "member",
            "tz": tz,
        }

    def _party_dues_refusal(self):
        """Why this confirmed transaction is not the payment of its months, or ''."""
        self.ensure_one()
        dues = self.party_dues_ids
        member = dues.member_id
        company = dues.company_id
        if len(member) != 1 or len(company) != 1:
            return self.env._("The transaction pays the dues of several members.")
        if self.currency_id != company.currency_id:
            return self.env._(
                "The transaction is in %(currency)s; Party dues are paid in %(dues)s.",
                currency=self.currency_id.name,
                dues=company.currency_id.name,
            )
        if self.partner_id != member.partner_id:
            return self.env._("The transaction was not made by %(member)s.", member=member.name)
        if any(row.state != "due" for row in dues):
            return self.env._("Some of the months it pays are no longer owed.")
        owed = sum(row.amount - row.paid_amount for row in dues)
        if company.currency_id.compare_amounts(self.amount, owed):
            return self.env._(
                "The transaction pays %(amount)s; the months it pays owe %(owed)s.",
                amount=format_amount(self.env, self.amount, company.currency_id),
                owed=format_amount(self.env, owed, company.currency_id),
            )
        return ""

    def _party_dues_report_refusal(self, refusal):
        """The officers learn of a confirmed payment that is not registered: a note on the
        member and a to-do for the secretary (or the Party office)."""
        self.ensure_one()
        member = self.party_dues_ids.member_id[:1].sudo()
        _logger.warning("dues transaction %s not registered: %s", self.reference, refusal)
        if not member:
            return
        note = self.env._(
            "The online payment %(reference)s of %(amount)s %(currency)s was confirmed by "
            "%(provider)s but not registered as dues: %(reason)s Register it at the desk "
            "(Collect Dues, with this reference) or refund it.",
            reference=self.reference,
            amount=self.amount,
            currency=self.currency_id.name,
            provider=self.provider_id.name,
            reason=refusal,
        )
        member.message_post(body=note, subtype_xmlid="mail.mt_note")
        user = (
            self.env["party.finding"]
            ._responsible_users(member.organization_id)
            .get(member.organization_id.id)
        )
        if user:
            member.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Online dues payment not registered"),
                note=note,
                user_id=user.id,
            )

    # ------------------------------------------------------------------ treasurer

    def _party_dues_confirm_received(self):
        """The treasurer confirms a transfer or a QR-code payment received (a provider of
        :data:`MANUAL_PROVIDERS`): the transaction is done and its dues registered."""
        return self._party_dues_confirm(
            "_set_done",
            self.env._("Received, confirmed by %(user)s.", user=self.env.user.name),
        )

    def _party_dues_confirm_not_received(self):
        """The treasurer finds no such transfer: the transaction is cancelled, the months
        stay owed."""
        return self._party_dues_confirm(
            "_set_canceled",
            self.env._("Not received, noted by %(user)s.", user=self.env.user.name),
        )

    def _party_dues_confirm(self, set_state, message):
        """The treasurer's answer on the manual transactions still waiting among these:
        ``set_state`` (``_set_done`` or ``_set_canceled``) with ``message``, then the
        post-processing (the dues registered, or nothing); the transactions answered."""
        txs = self.sudo().filtered(
            lambda tx: tx.provider_code in MANUAL_PROVIDERS and tx.state in ("draft", "pending")
        )
        getattr(txs, set_state)(state_message=message)
        txs._post_process()
        return txs
