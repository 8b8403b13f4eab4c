from odoo import api, models

from ..tools.guard import in_action_scope, untrusted_keys_off


class MailThread(models.AbstractModel):
    """A client's context never switches off the history of a guarded record.

    Odoo's ``mail.thread`` reads ``tracking_disable``, ``mail_notrack``,
    ``mail_create_nolog`` … from ``self.env.context``, which the client of an RPC call
    chooses. On Party records (every model of ``party.access.mixin``) and on the
    platform models a Party addon guards (``_party_guard_context = True``:
    helpdesk.ticket, event.registration), a caller outside superuser mode, and every
    action (whose caller's context comes along, ``sudo()`` or not), creates, writes and
    recomputes with the keys of
    :data:`~odoo.addons.party_branch.tools.guard.UNTRUSTED_CONTEXT_KEYS` turned off.
    Party models list ``mail.thread`` before the mixin, so this runs before
    ``mail.thread``'s own ``create`` and ``write``, which read the keys first.
    """

    _inherit = "mail.thread"

    _party_guard_context = False
    _party_rpc_methods = {
        "create": "ACL and record rules; on guarded records (Party models, "
        "_party_guard_context) the untrusted context keys are turned off (tools.guard)",
        "write": "ACL and record rules; on guarded records (Party models, "
        "_party_guard_context) the untrusted context keys are turned off (tools.guard)",
    }

    def _party_without_client_keys(self):
        """``self`` with the untrusted context keys turned off when the caller is untrusted
        and the model guarded; ``None`` when there is nothing to turn off. Inside an
        action (``action_scope``, its ``sudo()`` included) the caller's context came along:
        turned off there too, so a change an action makes is always in the history; only
        server code in superuser mode outside actions keeps its quiet writes."""
        if self.env.su and not in_action_scope():
            return None
        if not (self._party_guard_context or isinstance(self, self.pool["party.access.mixin"])):
            return None
        off = untrusted_keys_off(self.env.context)
        return self.with_context(**off) if off else None

    @api.model_create_multi
    def create(self, vals_list):
        guarded = self._party_without_client_keys()
        if guarded is not None:
            return super(MailThread, guarded).create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        guarded = self._party_without_client_keys()
        if guarded is not None:
            return super(MailThread, guarded).write(vals)
        return super().write(vals)

    def _compute_field_value(self, field):
        # a tracked stored computed field recomputed in the client's environment
        guarded = self._party_without_client_keys()
        if guarded is not None:
            return super(MailThread, guarded)._compute_field_value(field)
        return super()._compute_field_value(field)

    def _message_update_content(
        self, message, body, attachment_ids=None, partner_ids=None, strict=True, **kwargs
    ):
        # mail's /mail/message/update_content writes the partners the edited text mentions
        # as the message's recipients, and links the files sent, as superuser: on a Party
        # record no recipient is added afterwards, and the files are the caller's own
        # (mail.message._party_kept_recipients, _party_check_own_attachments)
        if isinstance(self, self.pool["party.access.mixin"]):
            Message = self.env["mail.message"]
            if partner_ids:
                partner_ids = Message._party_kept_recipients(message, partner_ids)
            if attachment_ids:
                Message.browse(message.ids)._party_check_own_attachments(attachment_ids)
        return super()._message_update_content(
            message,
            body,
            attachment_ids=attachment_ids,
            partner_ids=partner_ids,
            strict=strict,
            **kwargs,
        )
