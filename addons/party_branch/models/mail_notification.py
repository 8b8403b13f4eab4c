from odoo import api, models


class MailNotification(models.Model):
    """The notifications of a message on a Party record are the server's.

    Each partner notified of a message reads it (mail.message's read rule), and Odoo lets
    any employee who reads a message create a notification of it for anyone
    (``mail.notification.create`` over RPC, or a ``notification_ids`` command of
    ``mail.message.write``): a note of a Party record would be shown to whoever the
    caller picks. Mail notifies as superuser (``_notify_thread``); outside superuser mode
    and actions, no notification of a message on a Party record is created
    (docs/security.md, "Messages on Party records")."""

    _inherit = "mail.notification"

    _party_rpc_methods = {
        "create": "mail's ACL (read access to the message); on a message of a Party record "
        "only the server notifies (superuser or an action): refused to a client",
    }

    @api.model_create_multi
    def create(self, vals_list):
        Message = self.env["mail.message"]
        if not Message._party_client_trusted():
            messages = Message.sudo().browse(
                {vals["mail_message_id"] for vals in vals_list if vals.get("mail_message_id")}
            )
            if messages.filtered(lambda m: m.res_id and Message._party_model(m.model)):
                Message._party_raise_recipients_kept()
        return super().create(vals_list)
