from collections import defaultdict

from odoo import api, models


class MailMessage(models.Model):
    """A message on a Party record is rewritten by its author, or by who may write the
    record: never by a recipient only because they were notified of it (Odoo lets
    the partners a message notified write it: a member would rewrite the officers'
    answer, a notice's message, through ``mail.message.write`` over RPC)."""

    _inherit = "mail.message"

    @api.model
    def _party_model(self, model):
        return bool(
            model
            and model in self.env
            and isinstance(self.env[model], self.pool["party.access.mixin"])
        )

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        if operation != "write" or self.env.su:
            return forbidden
        partner = self.env.user.partner_id
        documents = defaultdict(lambda: defaultdict(list))
        for message in (self - forbidden).sudo():
            if message.author_id != partner and self._party_model(message.model) and message.res_id:
                documents[message.model][message.res_id].append(message.id)
        for model, messages_of in documents.items():
            result = self.env[model].browse(list(messages_of))._check_access("write")
            for doc_id in result[0]._ids if result else ():
                forbidden += self.browse(messages_of[doc_id])
        return forbidden
