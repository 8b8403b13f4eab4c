import datetime
import math

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, clean_context

from ..tools.guard import action_scope, in_action_scope, untrusted_keys_off


class PartyAccessMixin(models.AbstractModel):
    """Who may put a record where, and who may change its state.

    Every Party model inherits this mixin (docs/security.md). It enforces, for
    calls that do not run in superuser mode or inside an action:

    * ``_party_org_field``: the organisation a record belongs to. On create and
      on write, the new organisation must be one the caller manages (a Party
      administrator: any of the caller's companies). Record rules alone do not
      stop a move: Odoo checks them *before* a write, on the old values.
    * ``_party_location_fields``: the other fields that say where a record
      belongs (member, meeting …). After a write of one of them, access is
      checked again on the new values.
    * ``_party_fixed_fields``: set when the record is created, never changed
      afterwards except by the model's actions (a position's holder: a new
      holder is a new record).
    * ``_party_workflow_fields``: written only by the model's actions
      (:meth:`_party_action_write`); on create only their default value or
      nothing is accepted.
    * ``_party_rpc_methods``: the reviewed public methods, each with the check
      it performs; the RPC-surface test fails on any public method of a Party
      model that is neither private nor listed here.
    """

    _name = "party.access.mixin"
    _description = "Party Record Access"

    _party_org_field = "organization_id"
    # A record that belongs to another (an attendance to its meeting): created only by
    # who may write that record, checked before the insert (record rules run after it,
    # and a uniqueness of the table would otherwise answer first).
    _party_parent_field = None
    _party_location_fields = ()
    _party_fixed_fields = ()
    _party_workflow_fields = ()
    _party_rpc_sample_args = {"export_data": (["display_name"],)}
    # Personal data (ID number, income, dues base): field groups let officers read
    # them at all; these records show them only to the officers who manage the
    # record's organisation (or a Party administrator of its company) and to the
    # member themself (through _party_owner_path, a path to res.users).
    _party_sensitive_fields = ()
    _party_scope_field = "organization_id"
    _party_owner_path = None
    _party_rpc_methods = {
        "create": "ACL, record rules (checked on the new rows) and this guard: organisation "
        "managed by the caller, workflow fields at their default",
        "write": "ACL, record rules (old values) and this guard: workflow and fixed fields "
        "refused, a move re-checked on the new values",
        "export_data": "base.group_allow_export, ACL and record rules; personal data only of "
        "the records the caller may see (_party_sensitive_visible)",
    }

    # ------------------------------------------------------------------ helpers

    @classmethod
    def _party_declared(cls, attr):
        """The names declared in ``attr`` by every class of the model.

        An addon that extends a Party model declares only what it adds
        (``_party_workflow_fields = ("consultation_channel_id",)``); the
        declarations of every class of the model add up.
        """
        names = []
        for klass in cls.__mro__:
            names.extend(vars(klass).get(attr, ()))
        return tuple(dict.fromkeys(names))

    def _party_trusted(self):
        """Server code that has done its checks: superuser mode or an action."""
        return self.env.su or in_action_scope()

    @api.model
    def _party_is_admin(self):
        return self.env.user.has_group("party_branch.group_party_admin")

    @api.model
    def _party_managed(self, organizations):
        """The organisations of ``organizations`` the caller manages (as superuser).

        The single Python statement of the officer rule, which the record rules
        state as domains (``security/party_security.xml``): a Party administrator
        manages the organisations of the companies they belong to; an officer
        the organisations where they hold a current position, and everything
        below them, within their companies. Superuser mode manages everything.
        """
        orgs = organizations.sudo()
        if self.env.su:
            return orgs
        user = self.env.user
        orgs = orgs.filtered(lambda o: o.company_id in user.company_ids)
        if self._party_is_admin():
            return orgs
        paths = tuple(user.party_managed_organization_ids.mapped("parent_path"))
        if not paths:
            return orgs.browse()
        return orgs.filtered(lambda o: o.parent_path and o.parent_path.startswith(paths))

    @api.model
    def _party_check_organizations(self, organizations):
        """Raise unless the caller may manage every organisation given
        (:meth:`_party_managed`)."""
        if self.env.su:
            return
        orgs = organizations.sudo()
        user = self.env.user
        outside = orgs - self._party_managed(orgs)
        if outside:
            foreign = outside.filtered(lambda o: o.company_id not in user.company_ids)
            # name only the organisations of the caller's companies: an id of another
            # company's organisation tells its sender nothing
            names = (outside - foreign).mapped("name")
            if foreign:
                names.append(self.env._("an organisation of another company"))
            if user.has_group("party_branch.group_party_officer"):
                raise AccessError(
                    self.env._(
                        "You do not manage %(orgs)s: officers act for the organisations where "
                        "they hold a position and those below them.",
                        orgs=", ".join(names),
                    )
                )
            raise AccessError(
                self.env._(
                    "Only a Party officer or administrator may do this (organisation: %(orgs)s).",
                    orgs=", ".join(names),
                )
            )

    def _check_company(self, fnames=None):
        """Odoo's company consistency of the ``check_company=True`` fields, refused with
        a message that names the fields only: Odoo's own message names the records of
        the other company, which the caller may not know of (docs/security.md, rule 4)."""
        try:
            return super()._check_company(fnames)
        except UserError:
            if fnames is None or {"company_id", "company_ids"} & set(fnames):
                fnames = list(self._fields)
            wrong = []
            for name in fnames:
                field = self._fields[name]
                if field.relational and field.check_company:
                    try:
                        super()._check_company([name])
                    except UserError:
                        wrong.append(field._description_string(self.env))
            raise UserError(
                self.env._(
                    "%(fields)s of %(model)s must belong to the record's company: records of "
                    "another company cannot be linked to it.",
                    fields=", ".join(wrong),
                    model=self._description,
                )
            ) from None

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

    @api.model
    def _party_lock_run(self, key, label):
        """One run of a batch at a time (compliance check, monthly dues run).

        A transaction-scoped advisory lock: a second run gets a clear message
        instead of interleaving with the first (and, under Odoo's repeatable-read
        snapshots, writing what the first one wrote a second time).
        """
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", key))
        if not self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._("%(run)s is already under way: try again in a moment.", run=label)
            )

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

    # ------------------------------------------------------------ personal data

    def _party_sensitive_visible(self):
        """The records of ``self`` whose personal data the caller may see."""
        if self.env.su:
            return self
        user = self.env.user
        records = self.sudo()
        mine = records.browse()
        if self._party_owner_path:
            mine = records.filtered(lambda r: user in r.mapped(self._party_owner_path))
        allowed = self._party_managed(records.mapped(self._party_scope_field))
        managed = records.filtered(lambda r: r[self._party_scope_field] in allowed)
        return (mine | managed).with_env(self.env)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        hidden = set(fnames).intersection(self._party_sensitive_fields)
        if hidden and not self.env.su:
            visible = set(self._party_sensitive_visible().ids)
            for values in result:
                if values["id"] not in visible:
                    values.update(dict.fromkeys(hidden, False))
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        columns = [
            index
            for index, path in enumerate(fields_to_export)
            if path.split("/")[0] in self._party_sensitive_fields
        ]
        if columns and not self.env.su and len(result.get("datas", [])) == len(self):
            visible = set(self._party_sensitive_visible().ids)
            for record_id, row in zip(self.ids, result["datas"], strict=True):
                if record_id not in visible:
                    for index in columns:
                        row[index] = False
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """A search on personal data looks only where the caller may read it: a
        search by ID number is no oracle for someone else's."""
        if (
            self._party_sensitive_fields
            and not self.env.su
            and not self._party_is_admin()
            and any(
                isinstance(leaf, (list, tuple))
                and len(leaf) == 3
                and isinstance(leaf[0], str)
                and leaf[0].split(".")[0] in self._party_sensitive_fields
                for leaf in domain or []
            )
        ):
            user = self.env.user
            scope = [(self._party_scope_field, "child_of", user.party_managed_organization_ids.ids)]
            if self._party_owner_path:
                scope = ["|", (self._party_owner_path, "=", user.id), *scope]
            domain = ["&", *scope, *domain] if domain else scope
        return super()._search(domain, offset=offset, limit=limit, order=order, **kwargs)

    # ------------------------------------------------------------------ guard

    def _party_refuse_workflow_fields(self, names):
        labels = ", ".join(self._fields[name]._description_string(self.env) for name in names)
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s change only through the record's actions (its buttons), "
                "which check the rules that apply.",
                fields=labels,
                model=self._description,
            )
        )

    def _party_refuse_fixed_fields(self, names, vals):
        changed = [
            name
            for name in names
            for record in self
            if self._fields[name].convert_to_write(record[name], record) != (vals[name] or False)
        ]
        if changed:
            labels = ", ".join(
                self._fields[name]._description_string(self.env) for name in dict.fromkeys(changed)
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are set when the record is created and do not "
                    "change: create a new record instead, the history stays.",
                    fields=labels,
                    model=self._description,
                )
            )

    def _party_check_values(self, vals):
        """What a client sends is checked before the ORM meets it: an unknown field, an id
        that is no id, a date that is no date or an amount that is no number is a clear
        error, not a server error (rule 6, docs/security.md)."""
        if not isinstance(vals, dict):
            raise ValidationError(self.env._("Send the values of %(model)s as a mapping.",
                                             model=self._description))  # fmt: skip
        for name, value in vals.items():
            field = self._fields.get(name) if isinstance(name, str) else None
            if field is None:
                raise ValidationError(
                    self.env._(
                        "%(model)s has no field %(field)r.", model=self._description, field=name
                    )  # fmt: skip
                )
            if field.type in ("one2many", "many2many") or value is None or value is False:
                continue
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
            if not wrong:
                try:
                    field.convert_to_cache(value, self.browse(), validate=True)
                except (TypeError, ValueError, OverflowError):
                    wrong = True
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(value)r is not a valid value for %(field)s of %(model)s.",
                        value=value if not isinstance(value, str) else value[:80],
                        field=field._description_string(self.env),
                        model=self._description,
                    )
                )

    def _party_precheck(self, vals_list):
        """The value check, for the models whose create or write reads the values before
        this mixin's guard runs (it runs last, in ``super()``)."""
        if not self._party_trusted():
            if not isinstance(vals_list, (list, tuple)):
                raise ValidationError(self.env._("Send a list of records to create."))
            for vals in vals_list:
                self._party_check_values(vals)

    def _party_context_defaults(self, vals_list):
        """The values a create takes from ``default_<field>`` context keys (which the
        client chooses), put into the values themselves, so the guard checks them like
        any value sent; the values sent win, as in Odoo's own defaults."""
        context = self.env.context
        defaults = {
            key[8:]: value
            for key, value in context.items()
            if key.startswith("default_") and key[8:] in self._fields
        }
        if not defaults:
            return vals_list
        if not isinstance(vals_list, (list, tuple)):
            raise ValidationError(self.env._("Send a list of records to create."))
        return [{**defaults, **vals} if isinstance(vals, dict) else vals for vals in vals_list]

    def _party_computed_fields(self):
        """Stored fields the record computes itself and that have no inverse: written
        by their compute method only, never by a client (a total, a deadline, a flag)."""
        return {
            name
            for name, field in self._fields.items()
            if field.store and field.compute and field.readonly and not field.inverse
        }

    def _party_refuse_computed_fields(self, names):
        labels = ", ".join(self._fields[name]._description_string(self.env) for name in names)
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s are computed from the record and cannot be set.",
                fields=labels,
                model=self._description,
            )
        )

    def _party_guard_create(self, vals_list):
        workflow = set(self._party_declared("_party_workflow_fields"))
        computed = self._party_computed_fields()
        org_ids = set()
        for vals in vals_list:
            self._party_check_values(vals)
            if given := workflow.intersection(vals):
                # the field's own default, not one the client put in the context
                defaults = self.with_context(clean_context(self.env.context)).default_get(
                    list(given)
                )
                wrong = [n for n in given if vals[n] and vals[n] != defaults.get(n)]
                if wrong:
                    self._party_refuse_workflow_fields(wrong)
            if wrong := sorted(n for n in computed.intersection(vals) if vals[n]):
                self._party_refuse_computed_fields(wrong)
            if self._party_org_field and vals.get(self._party_org_field):
                org_ids.add(vals[self._party_org_field])
        if self._party_parent_field:
            parent_model = self._fields[self._party_parent_field].comodel_name
            parents = self.env[parent_model].browse(
                {vals[self._party_parent_field] for vals in vals_list
                 if vals.get(self._party_parent_field)}
            )  # fmt: skip
            parents.check_access("write")
        if org_ids:
            self._party_check_organizations(self.env["party.organization"].browse(org_ids))

    def _party_guard_write(self, vals):
        self._party_check_values(vals)
        if given := self._party_computed_fields().intersection(vals):
            changed = [
                name
                for name in sorted(given)
                for record in self
                if self._fields[name].convert_to_write(record[name], record)
                != (vals[name] or False)
            ]
            if changed:
                self._party_refuse_computed_fields(list(dict.fromkeys(changed)))
        if given := set(self._party_declared("_party_workflow_fields")).intersection(vals):
            self._party_refuse_workflow_fields(sorted(given))
        if given := set(self._party_declared("_party_fixed_fields")).intersection(vals):
            self._party_refuse_fixed_fields(sorted(given), vals)
        if self._party_org_field and self._party_org_field in vals:
            org = self.env["party.organization"].browse(vals[self._party_org_field] or [])
            self._party_check_organizations(org)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._party_trusted():
            vals_list = self._party_context_defaults(vals_list)
            self._party_guard_create(vals_list)
            return super().create(vals_list)
        # Trusted (an action, or sudo() in one): the caller's context still comes along,
        # and its ``default_<field>`` keys (an x2many default creates or links other
        # records) would pass unchecked; only the server's own values count.
        clean = self.with_context(clean_context(self.env.context))
        return super(PartyAccessMixin, clean).create(vals_list)

    def write(self, vals):
        trusted = self._party_trusted()
        if not trusted:
            self._party_guard_write(vals)
        res = super().write(vals)
        moved = set(self._party_declared("_party_location_fields"))
        if self._party_org_field:
            moved.add(self._party_org_field)
        if not trusted and moved.intersection(vals):
            # record rules on the new values: a record cannot be moved out of reach
            self.check_access("write")
        return res
