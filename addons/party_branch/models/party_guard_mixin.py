from odoo import api, models
from odoo.tools import clean_context

from ..tools.guard import GUARD, action_scope, untrusted_keys_off


class PartyGuardMixin(models.AbstractModel):
    """Create and write as a template: the guard first, then the model's hooks.

    :class:`~odoo.addons.party_branch.tools.guard.PartyGuard` checks what the caller
    sends (the values, the organisation, the workflow, fixed and computed fields, the
    parent) before anything else looks at it; then the model's hooks run, then the ORM:

    * ``create``: guard → :meth:`_party_prepare_create` (derived values: a sequence, a
      normalised number) → :meth:`_party_validate_create` (the model's rules on the
      values) → insert → :meth:`_party_after_create` (on the new records: rules that
      need them, and what follows a creation);
    * ``write``: guard → :meth:`_party_prepare_write` → :meth:`_party_validate_write`
      → :meth:`_party_before_write`
      (what the after-hook needs to know of the old values) → update → the guard's
      re-check of a move → :meth:`_party_after_write`.

    The hooks run for every caller, trusted or not; a rule that binds only clients
    asks :meth:`_party_trusted`. A model overrides the hooks, never ``create`` or
    ``write``: an override would run before the guard (it is further down the class
    hierarchy) and read values nobody has checked yet. A hook does its own work and
    ends with ``return super()._party_<hook>(...)`` (the prepare hooks and
    :meth:`_party_before_write` start from what ``super()`` returns).

    Every Party model has it through ``party.access.mixin``; a platform model a Party
    addon guards lists it first (``_inherit = ["party.guard.mixin", "helpdesk.ticket"]``)
    so that the guard runs before the platform's own ``create`` and ``write``.
    """

    _name = "party.guard.mixin"
    _description = "Party Guarded Record"

    # declarations read by the guard (tools.guard.PartyGuard); a platform model has no
    # organisation until it declares one
    _party_org_field = None
    _party_parent_field = None
    _party_location_fields = ()
    _party_fixed_fields = ()
    _party_workflow_fields = ()
    # the field whose organisation _party_check_manage checks when there is no
    # _party_org_field (a related, stored organisation)
    _party_scope_field = "organization_id"
    # a trusted create (an action, sudo() in one) drops the caller's default_<field>
    # context keys, which came along into the action: Party models. A platform model
    # keeps them (the platform's own server code passes defaults that way).
    _party_trusted_create_clean_context = False
    _party_rpc_methods = {
        "create": "ACL, record rules (checked on the new rows) and the guard "
        "(tools.guard.PartyGuard): values checked, organisation managed by the caller, "
        "workflow and computed fields refused, parent writable",
        "write": "ACL, record rules (old values, and new ones after a move) and the guard "
        "(tools.guard.PartyGuard): values checked, workflow, fixed and computed fields "
        "refused, organisation managed by the caller",
    }

    # ------------------------------------------------------------------ template

    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if GUARD.trusted(self):
            if self._party_trusted_create_clean_context:
                model = self.with_context(clean_context(self.env.context))
        else:
            vals_list = GUARD.check_create(self, vals_list)
        vals_list = model._party_prepare_create(vals_list)
        model._party_validate_create(vals_list)
        records = super(PartyGuardMixin, model).create(vals_list)
        records._party_after_create(vals_list)
        return records

    def write(self, vals):
        vals = GUARD.check_write(self, vals)
        vals = self._party_prepare_write(vals)
        self._party_validate_write(vals)
        before = self._party_before_write(vals)
        res = super().write(vals)
        GUARD.check_moved(self, vals)
        self._party_after_write(vals, before)
        return res

    # ------------------------------------------------------------------ hooks

    def _party_prepare_create(self, vals_list):
        """Derived values of a create, after the guard (a sequence number, a normalised
        value, a default that depends on others). Returns the list to create."""
        return vals_list

    def _party_validate_create(self, vals_list):
        """The model's rules on the values of a create, after the guard, before the
        insert: raise to refuse."""

    def _party_after_create(self, vals_list):
        """On the new records, after the insert: the rules that need them, and what a
        creation sets off (activities, a calendar event)."""

    def _party_prepare_write(self, vals):
        """Derived values of a write, after the guard (a normalised value). Returns the
        values to write (a new dict: the caller's stays as it was sent)."""
        return vals

    def _party_validate_write(self, vals):
        """The model's rules on the values of a write, after the guard, before the
        update: raise to refuse."""

    def _party_before_write(self, vals):
        """What :meth:`_party_after_write` needs to know of the values before the update
        (a dict; each class adds its own keys)."""
        return {}

    def _party_after_write(self, vals, before):
        """After the update: the rules on the new values, and what a change sets off.
        ``before`` is what :meth:`_party_before_write` returned."""

    # ------------------------------------------------------------------ helpers

    def _party_trusted(self):
        """Server code that has done its checks: superuser mode or an action."""
        return GUARD.trusted(self)

    @api.model
    def _party_is_admin(self):
        return self.env.user.has_group("party_branch.group_party_admin")

    @api.model
    def _party_check_organizations(self, organizations):
        """Raise unless the caller manages every organisation given (the officer rule,
        ``party.access.mixin._party_check_organizations``)."""
        self.env["party.organization"]._party_check_organizations(organizations)

    def _party_organizations(self):
        """The organisations these records belong to (read as superuser): the
        organisation field, or the stored organisation of the record's scope."""
        field = self._party_org_field or (
            self._party_scope_field if self._party_scope_field in self._fields else None
        )
        if not field:
            return self.env["party.organization"]
        return self.sudo().mapped(field)

    def _party_check_manage(self):
        """Actions call this first: the caller manages every record's organisation
        and may write the records (ACL and record rules)."""
        if self.env.su:
            return
        self.check_access("write")
        self._party_check_organizations(self._party_organizations())

    def _party_action_write(self, vals):
        """Write workflow fields from an action, after its checks.

        The caller's context comes along into the action: its keys that switch the
        history off (``tracking_disable`` …, :data:`UNTRUSTED_CONTEXT_KEYS`) are turned off,
        so a change of state an action makes is always in the record's history."""
        records = self
        if off := untrusted_keys_off(self.env.context):
            records = self.with_context(**off)
        with action_scope():
            return records.write(vals)
