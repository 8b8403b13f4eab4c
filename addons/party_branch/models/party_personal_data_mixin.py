from odoo import api, models


class PartyPersonalDataMixin(models.AbstractModel):
    """Personal data shown only to who may see it: the models that hold some.

    Field groups let officers read an ID number, an income or a dues base at all;
    on the records of this mixin they see them only on the records whose
    organisation they manage (or as a Party administrator of its company), and the
    member sees their own (through ``_party_owner_path``, a path to ``res.users``).
    Reading, exporting and searching follow the same rule: a search by ID number is
    no oracle for someone else's. Used by ``party.member``, ``party.dues`` and
    ``party.dues.base.review``, next to ``party.access.mixin``.
    """

    _name = "party.personal.data.mixin"
    _description = "Party Personal Data"

    # the personal fields of the model
    _party_sensitive_fields = ()
    # the organisation whose officers see them
    _party_scope_field = "organization_id"
    # the path from the record to the user it is about
    _party_owner_path = None
    _party_rpc_sample_args = {"export_data": (["display_name"],)}
    _party_rpc_methods = {
        "export_data": "base.group_allow_export, ACL and record rules; personal data only of "
        "the records the caller may see (_party_sensitive_visible)",
    }

    def _party_sensitive_visible(self):
        """The records of ``self`` whose personal data the caller may see."""
        if self.env.su:
            return self
        user = self.env.user
        records = self.sudo()
        mine = records.browse()
        if self._party_owner_path:
            mine = records.filtered(lambda r: user in r.mapped(self._party_owner_path))
        allowed = self.env["party.organization"]._party_managed(
            records.mapped(self._party_scope_field)
        )
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

    def _party_sensitive_named(self, names):
        """Whether the caller names a personal field (in a domain's leaves, a groupby, an
        aggregate or an order) where it must look only at what they may read: not in
        superuser mode, not as a Party administrator."""
        if not self._party_sensitive_fields or self.env.su:
            return False
        named = {
            name.strip().split(" ")[0].split(":")[0].split(".")[0].strip('"')
            for name in names
            if isinstance(name, str)
        }
        return bool(named.intersection(self._party_sensitive_fields)) and not (
            self.env.user.has_group("party_branch.group_party_admin")
        )

    def _party_sensitive_scope(self, domain):
        """``domain`` restricted to the records whose personal data the caller may see:
        the organisations they manage and, with ``_party_owner_path``, their own."""
        user = self.env.user
        scope = [(self._party_scope_field, "child_of", user.party_managed_organization_ids.ids)]
        if self._party_owner_path:
            scope = ["|", (self._party_owner_path, "=", user.id), *scope]
        return ["&", *scope, *domain] if domain else scope

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """A search on personal data looks only where the caller may read it: a
        search by ID number is no oracle for someone else's, nor is a sort by it."""
        names = [
            leaf[0] for leaf in domain or [] if isinstance(leaf, (list, tuple)) and len(leaf) == 3
        ]
        if self._party_sensitive_named([*names, *(order or "").split(",")]):
            domain = self._party_sensitive_scope(list(domain or []))
        return super()._search(domain, offset=offset, limit=limit, order=order, **kwargs)

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """Grouping, summing or sorting groups by personal data counts only the records
        whose personal data the caller may see (``read_group`` returns the values it
        groups by, and the sums, unmasked)."""
        names = [*groupby, *aggregates, *(order or "").split(",")]
        names += [leaf[0] for leaf in having or [] if isinstance(leaf, (list, tuple))]
        if self._party_sensitive_named(names):
            domain = self._party_sensitive_scope(list(domain or []))
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )
