"""The action scope: where a model's own actions may write its workflow fields.

Fields that say what state a record is in (``state``, ``stage``, ``held_on``,
counts …) change only through the model's actions (docs/security.md, rule 2).
The write guard of ``party.access.mixin`` refuses them unless the write runs
inside :func:`action_scope` (or in superuser mode).  The scope is a
:class:`contextvars.ContextVar` of the running thread, not a context key: a
client decides the context of its RPC call, it cannot enter this scope.
"""

import contextlib
import contextvars

_IN_ACTION = contextvars.ContextVar("party_in_action", default=False)

# Context keys with which a caller would switch off what the history of a record keeps
# (docs/security.md, rule 2). Odoo's mail.thread and mail.activity.mixin read them from
# ``self.env.context``, which a client chooses; on Party records (and the platform
# models a Party addon guards: helpdesk.ticket, event.registration) they count only in
# superuser mode or inside an action, and are turned off (False) otherwise.
UNTRUSTED_CONTEXT_KEYS = frozenset(
    {
        "tracking_disable",  # no tracking values, no creation message, no followers
        "mail_notrack",  # no tracking values: a field changed without a trace
        "mail_create_nolog",  # no "created" message in the record's history
        "mail_auto_subscribe_no_notify",  # the users a record assigns are not told
        "mail_activity_automation_skip",  # the to-dos the record's actions schedule are skipped
    }
)
# Left to the client, since they hide nothing: mail_create_nosubscribe (whether the author
# follows the record), mail_post_autofollow (the recipients of a message the caller posts
# follow the record: the caller may subscribe them anyway), mail_notify_force_send and
# mail_notify_author (when and to whom a message is sent), lang, tz, allowed_company_ids.


def untrusted_keys_off(context):
    """The keys of :data:`UNTRUSTED_CONTEXT_KEYS` that ``context`` sets, each turned off:
    ``records.with_context(**untrusted_keys_off(context))``; empty when it sets none."""
    return {key: False for key in UNTRUSTED_CONTEXT_KEYS if context.get(key)}


@contextlib.contextmanager
def action_scope():
    """Let the enclosed server code write workflow fields."""
    token = _IN_ACTION.set(True)
    try:
        yield
    finally:
        _IN_ACTION.reset(token)


def in_action_scope():
    """True inside :func:`action_scope`."""
    return _IN_ACTION.get()
