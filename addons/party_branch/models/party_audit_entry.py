"""The audit trail: who changed what on a Party record, when, from which value to which.

A Party model lists the fields it audits in ``_party_audit_fields``; every write that
changes one of them, by anyone and through any path that goes through the ORM (a form,
an action, RPC, an import), adds one entry per record and field (``party.access.mixin``
reads the old values before the update and writes the entries after it, in one create).
The entries are never changed or deleted: not by a Party administrator, not by the
superuser — the table refuses ``UPDATE`` and ``DELETE`` itself (a trigger), so a
correction is a new change that leaves its own entry.

Who reads them: the officers of the record's organisation (or the member's), the Party
administrators and the auditors of the company, and a member their own. The values of a
personal field (ID number, income, dues base) are stored twice: masked, which everyone
who reads the entry sees, and in full, which only those who may see the member's
personal data read (``party.personal.data.mixin``, as on the member's form).

Why not OCA ``auditlog`` (18.0): its log lines keep every value in clear for whoever
holds its user group, have no organisation to scope them by (a log's ``res_id`` points at
any model), and its managers and its autovacuum delete them; the privacy rule and "never
deleted" would have to be rebuilt around it.
"""

import json

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .party_member import SENSITIVE_GROUPS

MASK = "••••"


def mask(value):
    """What someone who may not see a personal value reads: its last two characters of
    an ID number (a member's officer recognises a typo fixed), nothing of an amount."""
    if not value:
        return ""
    text = str(value)
    if len(text) >= 15 and text[:-1].isdigit():  # an ID number (GB 11643)
        return f"{MASK}{text[-2:]}"
    return MASK


class PartyAuditEntry(models.Model):
    _name = "party.audit.entry"
    _description = "Party Audit Entry"
    _inherit = ["party.access.mixin", "party.personal.data.mixin"]
    _order = "id desc"
    _log_access = True

    _party_sensitive_fields = ("old_value_full", "new_value_full")
    _party_scope_field = "organization_id"
    _party_owner_path = "member_id.user_id"
    _party_rpc_methods = {
        "create": "refused to every caller (_party_validate_create): entries are inserted "
        "by party.access.mixin after a write of an audited field",
        "write": "refused to everyone (_party_validate_write; UPDATE refused by the table's "
        "trigger); unlink refused by the ACL and _unlink_never (DELETE by the trigger)",
        "action_open_record": "ACL and record rules of the entry, then those of the record",
    }

    date = fields.Datetime(related="create_date", string="Changed On")
    user_id = fields.Many2one(related="create_uid", string="Changed By")
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_id = fields.Integer(string="Record", required=True, readonly=True, index=True)
    res_name = fields.Char(string="Record Name", readonly=True)
    model_description = fields.Char(compute="_compute_labels", string="Document")
    field_name = fields.Char(required=True, readonly=True)
    field_description = fields.Char(compute="_compute_labels", string="Field")
    organization_id = fields.Many2one(
        "party.organization", string="Organisation", readonly=True, index=True
    )
    member_id = fields.Many2one("party.member", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    personal = fields.Boolean(readonly=True, help="A personal value: shown masked to others.")
    old_value = fields.Char(readonly=True, translate=True)
    new_value = fields.Char(readonly=True, translate=True)
    old_value_full = fields.Char(
        string="Old Value (Personal)", readonly=True, groups=SENSITIVE_GROUPS
    )
    new_value_full = fields.Char(
        string="New Value (Personal)", readonly=True, groups=SENSITIVE_GROUPS
    )

    def init(self):
        """The table refuses UPDATE and DELETE, whoever asks (the ORM's write and unlink
        refuse first, with a message; this stops SQL and the superuser)."""
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION party_audit_entry_immutable() RETURNS trigger AS $$
                BEGIN
                    -- a deleted member, organisation or user: its link is emptied
                    -- (ON DELETE SET NULL); nothing else of an entry ever changes
                    IF TG_OP = 'UPDATE'
                       AND (NEW.res_model, NEW.res_id, NEW.res_name, NEW.field_name,
                            NEW.personal, NEW.old_value, NEW.new_value, NEW.old_value_full,
                            NEW.new_value_full, NEW.create_date)
                           IS NOT DISTINCT FROM
                           (OLD.res_model, OLD.res_id, OLD.res_name, OLD.field_name,
                            OLD.personal, OLD.old_value, OLD.new_value, OLD.old_value_full,
                            OLD.new_value_full, OLD.create_date)
                       AND (NEW.member_id IS NULL OR NEW.member_id = OLD.member_id)
                       AND (NEW.organization_id IS NULL
                            OR NEW.organization_id = OLD.organization_id)
                       AND (NEW.company_id IS NULL OR NEW.company_id = OLD.company_id)
                       AND (NEW.create_uid IS NULL OR NEW.create_uid = OLD.create_uid)
                       AND (NEW.write_uid IS NULL OR NEW.write_uid = OLD.write_uid) THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION USING
                        MESSAGE = 'party_audit_entry is append-only: ' || TG_OP,
                        ERRCODE = 'insufficient_privilege';
                END;
                $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS party_audit_entry_immutable ON party_audit_entry;
                CREATE TRIGGER party_audit_entry_immutable
                    BEFORE UPDATE OR DELETE ON party_audit_entry
                    FOR EACH ROW EXECUTE FUNCTION party_audit_entry_immutable();
                """
            )
        )

    @api.depends_context("lang")
    @api.depends("res_model", "field_name")
    def _compute_labels(self):
        models_by_name = {
            model.model: model.name
            for model in self.env["ir.model"]
            .sudo()
            .search([("model", "in", self.mapped("res_model"))])
        }
        for entry in self:
            entry.model_description = models_by_name.get(entry.res_model, entry.res_model)
            field = (
                self.env[entry.res_model]._fields.get(entry.field_name)
                if entry.res_model in self.env
                else None
            )
            entry.field_description = (
                field._description_string(self.env) if field else entry.field_name
            )

    # ------------------------------------------------------------------ never changed

    def _party_validate_create(self, vals_list):
        # the entries are inserted by _party_log (SQL); nothing creates one through the ORM
        raise AccessError(
            self.env._(
                "Audit entries are written by the system when an audited field "
                "changes; nobody writes them by hand."
            )
        )

    def _party_validate_write(self, vals):
        raise AccessError(
            self.env._("An audit entry is never changed: the audit trail is append-only.")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(
            self.env._("An audit entry is never deleted: the audit trail is append-only.")
        )

    # ------------------------------------------------------------------ actions

    def action_open_record(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ writing

    @api.model
    def _party_values(self, records, fnames):
        """{record id: {field: {lang: text}, ...}} of ``records`` (sudo), each value
        rendered in every installed language (a selection's label, a record's name)."""
        langs = self.env["party.compliance"]._languages()
        values = {record.id: {fname: {} for fname in fnames} for record in records}
        for lang in langs:
            for record in records.with_context(lang=lang):
                for fname in fnames:
                    values[record.id][fname][lang] = self._party_render(record, fname)
        return values

    @api.model
    def _party_render(self, record, fname):
        field = record._fields[fname]
        value = record[fname]
        if field.type == "selection":
            return dict(field._description_selection(record.env)).get(value, "") if value else ""
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "boolean":
            return record.env._("Yes") if value else record.env._("No")
        if value is False or value is None:
            return ""
        return str(value)

    @api.model
    def _party_log(self, records, before, after):
        """One entry per record and audited field whose value changed (as superuser)."""
        sensitive = set(getattr(records, "_party_sensitive_fields", ()))
        org_field = records._party_org_field or "organization_id"
        rows, texts = [], []
        for record in records.sudo():
            for fname, old in before.get(record.id, {}).items():
                new = after[record.id][fname]
                if old.get("en_US") == new.get("en_US"):
                    continue
                personal = fname in sensitive
                member = record.member_id if "member_id" in record._fields else None
                if record._name == "party.member":
                    member = record
                organization = record[org_field] if org_field in record._fields else False
                rows.append(
                    {
                        "res_model": record._name,
                        "res_id": record.id,
                        "res_name": record.display_name,
                        "field_name": fname,
                        "organization_id": organization.id if organization else 0,
                        "member_id": member.id if member else 0,
                        "company_id": record.company_id.id if "company_id" in record._fields else 0,
                        "personal": personal,
                        "old_value_full": old.get("en_US") if personal else False,
                        "new_value_full": new.get("en_US") if personal else False,
                    }
                )
                if personal:
                    old = {lang: mask(text) for lang, text in old.items()}
                    new = {lang: mask(text) for lang, text in new.items()}
                texts.append((old, new))
        if not rows:
            return self.browse()
        # one INSERT, the texts in every language with it (the table refuses UPDATE)
        for row, (old, new) in zip(rows, texts, strict=True):
            row.update(old_value=old, new_value=new)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO party_audit_entry (
                    create_uid, create_date, write_uid, write_date, res_model, res_id,
                    res_name, field_name, organization_id, member_id, company_id, personal,
                    old_value, new_value, old_value_full, new_value_full)
                SELECT %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC',
                       v.res_model, v.res_id, v.res_name, v.field_name,
                       nullif(v.organization_id, 0), nullif(v.member_id, 0),
                       nullif(v.company_id, 0), v.personal, v.old_value, v.new_value,
                       v.old_value_full, v.new_value_full
                  FROM jsonb_to_recordset(%(rows)s::jsonb) AS v(
                       res_model varchar, res_id int, res_name varchar, field_name varchar,
                       organization_id int, member_id int, company_id int, personal bool,
                       old_value jsonb, new_value jsonb, old_value_full varchar,
                       new_value_full varchar)
                RETURNING id
                """,
                uid=self.env.uid,
                rows=json.dumps([{k: v or None for k, v in row.items()} for row in rows]),
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])
