from werkzeug.exceptions import NotFound

from odoo.http import request, route

from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.addons.mail.models.discuss.mail_guest import add_guest_to_context


class PartyConsultationAttachmentController(AttachmentController):
    """Mail's upload route adds a file to any thread the caller may post on in
    ``_mail_post_access`` mode, which is ``read`` on a consultation (its member posts
    without write access): a member transferred away still reads their old
    consultation, and must add nothing to it, not even a file. The consultation's own
    rule (``_party_may_post``) decides, as it does for messages."""

    @route()
    @add_guest_to_context
    def mail_attachment_upload(self, ufile, thread_id, thread_model, is_pending=False, **kwargs):
        if thread_model == "party.consultation":
            try:
                consultation = request.env[thread_model].browse(int(thread_id))
            except (TypeError, ValueError):
                raise NotFound() from None
            if not consultation.exists() or not consultation._party_may_post():
                raise NotFound()
        return super().mail_attachment_upload(ufile, thread_id, thread_model, is_pending, **kwargs)
