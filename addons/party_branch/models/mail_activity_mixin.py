from odoo import models

from ..tools.guard import untrusted_keys_off


class MailActivityMixin(models.AbstractModel):
    """The to-dos a guarded record's actions schedule are not skipped by a client
    (``mail_activity_automation_skip``), as :class:`MailThread` does for the history."""

    _inherit = "mail.activity.mixin"

    _party_rpc_methods = {
        "activity_schedule": "mail.activity ACL and the document's access; on guarded "
        "records the untrusted context keys are turned off (tools.guard)",
    }

    def activity_schedule(self, act_type_xmlid="", date_deadline=None, summary="", note="",
                          **act_values):  # fmt: skip
        # no server code of the suite skips them: turned off in superuser mode and actions
        # too, where the caller's context comes along (an action's sudo() included)
        records = self
        if getattr(self, "_party_guard_context", False) or isinstance(
            self, self.pool["party.access.mixin"]
        ):
            if off := untrusted_keys_off(self.env.context):
                records = self.with_context(**off)
        return super(MailActivityMixin, records).activity_schedule(
            act_type_xmlid, date_deadline=date_deadline, summary=summary, note=note, **act_values
        )
