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
