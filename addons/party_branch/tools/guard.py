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
import datetime
import math

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import clean_context

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


class PartyGuard:
    """The checks every create and write of a guarded model passes, in one place.

    A plain class, not a model: it reads what the model declares and the values the
    caller sends, and raises a clear, translated error before anything is written.
    ``party.guard.mixin`` runs it first in its ``create`` and ``write`` (so do Party
    models, through ``party.access.mixin``, and the platform models a Party addon
    guards: ``helpdesk.ticket``, ``event.registration``, ``account.asset``), then the
    model's own hooks (docs/architecture.md, "The guard").

    What it reads from the model (declarations of every class of the model add up; a
    model that declares none is checked for its values and computed fields only):

    * ``_party_org_field``: the organisation a record belongs to, one the caller
      manages on create and on write;
    * ``_party_parent_field``: the record a new one belongs to, which the caller may
      write (checked before the insert);
    * ``_party_location_fields``: after a write of one of them (or of the
      organisation), the record rules again, on the new values;
    * ``_party_fixed_fields``: set on create, never changed;
    * ``_party_workflow_fields``: written by the model's actions only; on create only
      their default (the field's own, not a ``default_<field>`` of the context);
    * the stored computed fields without inverse that a Party addon defines: never set.

    Superuser mode and actions (:func:`action_scope`) are trusted: server code that
    has done its checks.
    """

    # ------------------------------------------------------------ declarations

    @staticmethod
    def trusted(model):
        """Server code that has done its checks: superuser mode or an action."""
        return model.env.su or in_action_scope()

    @staticmethod
    def declared(model, attr):
        """The names declared in ``attr`` by every class of the model: an addon that
        extends a model declares only what it adds."""
        names = []
        for klass in type(model).__mro__:
            names.extend(vars(klass).get(attr) or ())
        return tuple(dict.fromkeys(names))

    @staticmethod
    def computed_fields(model):
        """Stored fields a Party addon defines that the record computes itself and that
        have no inverse: written by their compute method only (a total, a deadline, a
        flag), never by a client. The platform's own fields stay the platform's."""
        return {
            name
            for name, field in model._fields.items()
            if field.store
            and field.compute
            and field.readonly
            and not field.inverse
            and (field._module or "").startswith("party_")
        }

    # ------------------------------------------------------------ create

    def check_create(self, model, vals_list):
        """The values of a create, as the caller sends them: the list of values to
        create, with the context's ``default_<field>`` keys merged in, each checked.

        Returns the list to create (trusted callers: ``vals_list`` unchanged)."""
        if self.trusted(model):
            return vals_list
        if not isinstance(vals_list, (list, tuple)):
            raise ValidationError(model.env._("Send a list of records to create."))
        vals_list = self.context_defaults(model, vals_list)
        workflow = set(self.declared(model, "_party_workflow_fields"))
        computed = self.computed_fields(model)
        org_field = getattr(model, "_party_org_field", None)
        org_ids = set()
        for vals in vals_list:
            self.check_values(model, vals)
            if given := workflow.intersection(vals):
                # the field's own default, not one the client put in the context
                defaults = model.with_context(clean_context(model.env.context)).default_get(
                    list(given)
                )
                if wrong := sorted(n for n in given if vals[n] and vals[n] != defaults.get(n)):
                    self.refuse_workflow_fields(model, wrong)
            if wrong := sorted(n for n in computed.intersection(vals) if vals[n]):
                self.refuse_computed_fields(model, wrong)
            if org_field and vals.get(org_field):
                org_ids.add(vals[org_field])
        if parent_field := getattr(model, "_party_parent_field", None):
            parent_model = model._fields[parent_field].comodel_name
            parents = model.env[parent_model].browse(
                {vals[parent_field] for vals in vals_list if vals.get(parent_field)}
            )
            parents.check_access("write")
        if org_ids:
            orgs = model.env["party.organization"].browse(sorted(org_ids))
            orgs._party_check_organizations(orgs)
        return vals_list

    def context_defaults(self, model, vals_list):
        """The values a create takes from ``default_<field>`` context keys (which the
        client chooses), put into the values themselves, so that they are checked like
        any value sent; the values sent win, as in Odoo's own defaults."""
        defaults = {
            key[8:]: value
            for key, value in model.env.context.items()
            if key.startswith("default_") and key[8:] in model._fields
        }
        if not defaults:
            return vals_list
        return [{**defaults, **vals} if isinstance(vals, dict) else vals for vals in vals_list]

    # ------------------------------------------------------------ write

    def check_write(self, records, vals):
        """The values of a write, before the ORM meets them. Returns ``vals``."""
        if self.trusted(records):
            return vals
        self.check_values(records, vals)
        if given := self.computed_fields(records).intersection(vals):
            if changed := self.changed(records, sorted(given), vals):
                self.refuse_computed_fields(records, changed)
        if given := set(self.declared(records, "_party_workflow_fields")).intersection(vals):
            self.refuse_workflow_fields(records, sorted(given))
        if given := set(self.declared(records, "_party_fixed_fields")).intersection(vals):
            if changed := self.changed(records, sorted(given), vals):
                self.refuse_fixed_fields(records, changed)
        org_field = getattr(records, "_party_org_field", None)
        if org_field and org_field in vals:
            org = records.env["party.organization"].browse(vals[org_field] or [])
            org._party_check_organizations(org)
        return vals

    def check_moved(self, records, vals):
        """After a write: a record whose organisation or location fields were written
        is checked against the record rules again, on the new values (Odoo checks them
        before a write, on the old ones): a record is not moved out of reach."""
        if self.trusted(records):
            return
        moved = set(self.declared(records, "_party_location_fields"))
        if org_field := getattr(records, "_party_org_field", None):
            moved.add(org_field)
        if moved.intersection(vals):
            records.check_access("write")

    @staticmethod
    def changed(records, names, vals):
        """The fields of ``names`` whose value ``vals`` changes on some record."""
        return [
            name
            for name in names
            if any(
                records._fields[name].convert_to_write(record[name], record)
                != (vals[name] or False)
                for record in records
            )
        ]

    # ------------------------------------------------------------ values

    def check_values(self, model, vals):
        """What a client sends is checked before the ORM meets it: an unknown field, an id
        that is no id, a date that is no date or an amount that is no number is a clear
        error, not a server error (rule 6, docs/security.md)."""
        env = model.env
        if not isinstance(vals, dict):
            raise ValidationError(
                env._("Send the values of %(model)s as a mapping.", model=model._description)
            )
        for name, value in vals.items():
            field = model._fields.get(name) if isinstance(name, str) else None
            if field is None:
                raise ValidationError(
                    env._(
                        "%(model)s has no field %(field)r.", model=model._description, field=name
                    )  # fmt: skip
                )
            if field.type in ("one2many", "many2many") or value is None or value is False:
                continue
            if not self._valid(model, field, value):
                raise ValidationError(
                    env._(
                        "%(value)r is not a valid value for %(field)s of %(model)s.",
                        value=value if not isinstance(value, str) else value[:80],
                        field=field._description_string(env),
                        model=model._description,
                    )
                )

    @staticmethod
    def _valid(model, field, value):
        wrong = False
        if field.type == "many2one":
            wrong = not isinstance(value, int) or isinstance(value, bool) or value <= 0
        elif field.type in ("float", "monetary"):
            wrong = (
                not isinstance(value, (int, float))
                or isinstance(value, bool)
                or not math.isfinite(value)
            )
        elif field.type == "integer":
            wrong = not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**31
        elif field.type == "date":
            wrong = not isinstance(value, (str, datetime.date))
        elif field.type == "datetime":
            wrong = not isinstance(value, (str, datetime.datetime))
        elif field.type in ("char", "text", "html", "selection"):
            wrong = not isinstance(value, str)
        if wrong:
            return False
        try:
            field.convert_to_cache(value, model.browse(), validate=True)
        except (TypeError, ValueError, OverflowError):
            return False
        return True

    # ------------------------------------------------------------ refusals

    @staticmethod
    def _labels(model, names):
        return ", ".join(model._fields[name]._description_string(model.env) for name in names)

    def refuse_workflow_fields(self, model, names):
        raise AccessError(
            model.env._(
                "%(fields)s of %(model)s change only through the record's actions (its buttons), "
                "which check the rules that apply.",
                fields=self._labels(model, names),
                model=model._description,
            )
        )

    def refuse_fixed_fields(self, model, names):
        raise AccessError(
            model.env._(
                "%(fields)s of %(model)s are set when the record is created and do not "
                "change: create a new record instead, the history stays.",
                fields=self._labels(model, names),
                model=model._description,
            )
        )

    def refuse_computed_fields(self, model, names):
        raise AccessError(
            model.env._(
                "%(fields)s of %(model)s are computed from the record and cannot be set.",
                fields=self._labels(model, names),
                model=model._description,
            )
        )


GUARD = PartyGuard()
