from odoo.http import request

from odoo.addons.portal.controllers.thread import ThreadController


class PartyThreadController(ThreadController):
    """Mail's ``/mail/message/post`` posts with ``sudo()`` the type and subtype the
    client chose (``post_data``): on a Party record they are checked first, as the
    caller, by the rule of ``mail.message`` (``_party_check_client_messages``) that a
    post over RPC meets in ``create``."""

    def _prepare_post_data(self, post_data, thread, **kwargs):
        post_data = super()._prepare_post_data(post_data, thread, **kwargs)
        Message = request.env["mail.message"].sudo(False)
        if thread and Message._party_model(thread._name):
            subtype = post_data.get("subtype_xmlid") or "mail.mt_note"
            Message._party_check_client_messages(
                [
                    {
                        "model": thread._name,
                        "res_id": thread.id,
                        "message_type": post_data.get("message_type", "notification"),
                        "subtype_id": request.env["ir.model.data"]._xmlid_to_res_id(
                            subtype, raise_if_not_found=False
                        ),
                        "partner_ids": post_data.get("partner_ids") or [],
                    }
                ]
            )
        return post_data
