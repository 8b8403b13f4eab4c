from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


class PartyAccessMixin(models.AbstractModel):
    """Who may put a record where, and who may change its state: every Party model.

    The guard (``party.guard.mixin``, which runs
    :class:`~odoo.addons.party_branch.tools.guard.PartyGuard` before the model's hooks)
    enforces, for calls that do not run in superuser mode or inside an action:

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

    Personal data (ID number, income, dues base) is hidden by another mixin,
    ``party.personal.data.mixin``, on the models that hold some.
    """

    _name = "party.access.mixin"
    _inherit = ["party.guard.mixin"]
    _description = "Party Record Access"

    _party_org_field = "organization_id"
    # A record that belongs to another (an attendance to its meeting): created only by
    # who may write that record, checked before the insert (record rules run after it,
    # and a uniqueness of the table would otherwise answer first).
    _party_parent_field = None
    # a trusted create drops the caller's default_<field> keys (party.guard.mixin)
    _party_trusted_create_clean_context = True
    # the fields whose changes the audit trail keeps (party.audit.entry): who, when,
    # from which value to which; personal ones masked for who may not see them
    _party_audit_fields = ()

    # ------------------------------------------------------------------ audit trail

    def _party_before_write(self, vals):
        before = super()._party_before_write(vals)
        audited = [fname for fname in self._party_audit_fields if fname in vals]
        if audited and self:
            before["_party_audit"] = (
                audited,
                self.env["party.audit.entry"]._party_values(self.sudo(), audited),
            )
        return before

    def _party_after_write(self, vals, before):
        result = super()._party_after_write(vals, before)
        if "_party_audit" in before:
            audited, old = before["_party_audit"]
            Entry = self.env["party.audit.entry"]
            records = self.sudo()
            records.invalidate_recordset(audited)
            Entry._party_log(records, old, Entry._party_values(records, audited))
        return result

    # ------------------------------------------------------------------ helpers

    def _party_check_member_organizations(self, vals_list, fname="member_id"):
        """A client creates records only for members (``fname``) of organisations it
        manages: a record whose organisation is its member's (a transfer's sending side,
        a stay away's home organisation, a discipline's member)."""
        if self._party_trusted():
            return
        members = self.env["party.member"].browse(
            [vals[fname] for vals in vals_list if vals.get(fname)]
        )
        self._party_check_organizations(members.sudo().organization_id)

    def _party_drop_client_values(self, vals_list, *fnames):
        """A field computed on create from others (the member's organisation): the guard
        refuses any value a client sends but an empty one, which would stop the
        computation; the empty value goes too. Trusted code keeps what it sends."""
        if not self._party_trusted():
            for vals in vals_list:
                for fname in fnames:
                    vals.pop(fname, None)
        return vals_list

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

    @api.model
    def _party_lock_run(self, key, label, shared=False):
        """One run of a batch at a time (compliance check, monthly dues run).

        A transaction-scoped advisory lock: a second run gets a clear message
        instead of interleaving with the first (and, under Odoo's repeatable-read
        snapshots, writing what the first one wrote a second time). ``shared``: the
        chunks of a run as jobs (``party.job.run``), each on its own organisations,
        share the lock with each other, never with a whole run of the same batch.
        """
        function = "pg_try_advisory_xact_lock_shared" if shared else "pg_try_advisory_xact_lock"
        self.env.cr.execute(SQL("SELECT %s(hashtext(%s))", SQL(function), key))
        if not self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._("%(run)s is already under way: try again in a moment.", run=label)
            )
