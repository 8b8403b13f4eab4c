"""Calling Party models the way a browser's developer tools do.

``rpc()`` goes through Odoo's RPC dispatch: ``get_public_method`` (private
methods are refused) and ``odoo.api.call_kw`` in a fresh environment of the
given user, without superuser mode and with only the context the caller
sends. Shared by the RPC-surface tests of every Party addon.
"""

from psycopg2 import IntegrityError

import odoo
from odoo.service.model import _as_validation_error, get_public_method

PARTY_MODULE_PREFIX = "odoo.addons.party_"


def rpc(env, user, model, method, *args, ids=None, context=None, **kwargs):
    """Call ``model.method`` as ``user`` over the RPC dispatch.

    ``ids``: a list for a record method (the ids the caller chose), ``None``
    for a model method.
    """
    caller = odoo.api.Environment(env.cr, user.id, dict(context or {}))
    Model = caller[model]
    get_public_method(Model, method)
    if context:
        kwargs["context"] = context
    call_args = list(args) if ids is None else [list(ids), *args]
    try:
        with caller.cr.savepoint():
            result = odoo.api.call_kw(Model, method, call_args, kwargs)
            caller.cr.flush()  # as the dispatch does: the database's constraints answer here
    except IntegrityError as error:
        # what odoo.service.model.retrying answers a client (without its retries, which
        # would roll the test's transaction back)
        raise _as_validation_error(caller, error) from error
    return result


def party_public_methods(registry):
    """(model, method, module) for every RPC-callable method written in a Party addon.

    Walks every model of the registry (Party models and the platform models
    Party addons extend) and keeps the methods defined in ``odoo.addons.party_*``
    code that the RPC dispatch would accept.
    """
    found = []
    for model_name in sorted(registry):
        cls = registry[model_name]
        for klass in cls.__mro__:
            module = getattr(klass, "__module__", "") or ""
            if not module.startswith(PARTY_MODULE_PREFIX):
                continue
            for name, value in vars(klass).items():
                if name.startswith("_") or not callable(value):
                    continue
                if any(getattr(getattr(k, name, None), "_api_private", False) for k in cls.__mro__):
                    continue
                found.append((model_name, name, module))
    return sorted(set(found))


def reviewed_methods(registry, model_name):
    """{method: check} from ``_party_rpc_methods`` of every class of the model."""
    reviewed = {}
    for klass in reversed(registry[model_name].__mro__):
        reviewed.update(vars(klass).get("_party_rpc_methods", {}))
    return reviewed


def sample_args(registry, model_name):
    """{method: args} from ``_party_rpc_sample_args`` of every class of the model: the
    arguments the RPC-surface test sends to a reviewed method that needs some."""
    samples = {}
    for klass in reversed(registry[model_name].__mro__):
        samples.update(vars(klass).get("_party_rpc_sample_args", {}))
    return samples
