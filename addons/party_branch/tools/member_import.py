"""The member import: Odoo's import (base_import, CSV/XLSX) of a whole register at once.

``party.member.load`` (what base_import's ``execute_import`` calls) runs the rows of a
file through :func:`import_members` instead of one ORM ``create`` per batch, when every
row creates a member and sets only the member's own fields and the contact's name (the
columns of the template, ``static/xls/party_member_import.xlsx``). It keeps every rule
of a create and reports every bad row:

1. as the caller: the create right, the guard (values, the organisations the caller
   manages, workflow and computed fields refused), the model's prepare and validate
   hooks (normalised ID numbers, one membership per person, the logins linked);
2. the rows inserted as superuser, set-based: the contacts copied from one contact
   created by the ORM (the same columns, the name its own), the members by the ORM's
   ``_create`` (one INSERT per 1,000 rows; the stored computed fields by the ORM's
   recomputation, set-based);
3. every constraint of the model, the company consistency and the record rules of the
   caller on the new rows, each on all rows at once; a failing check is bisected down to
   the rows that fail it, so that each bad row is reported with its rule and row number;
4. the model's after-create hooks as the caller, and one line in each new member's
   history saying that the member came from an import, and who imported it.

A file with a bad row saves nothing (``load`` rolls the whole file back). What the ORM
would do per record and an import of 50,000 rows does not need: one "created" message
and follower per member (replaced by the history line, copied set-based), the default
values of each row computed again (computed once), the contact created record by record.
"""

import contextlib
import contextvars

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.models import LOG_ACCESS_COLUMNS
from odoo.tools import SQL, clean_context, split_every

from .guard import GUARD

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
# the contact's columns that are the row's own in a copy of the reference contact
PARTNER_OWN_COLUMNS = ("id", "name", "complete_name", "commercial_partner_id")


_DEFERRED = contextvars.ContextVar("party_import_deferred_checks", default=False)
_LOGGED = contextvars.ContextVar("party_import_logged", default=None)
_NAMES = contextvars.ContextVar("party_import_names", default=None)


class RowsRefused(BaseException):  # noqa: N818
    """Some rows of an import break a rule: ``errors``, ``{row index: [message]}``, and
    ``messages`` in load's format once ``party.member._load_records`` has put the rows'
    numbers on them. A BaseException: load() retries a failed batch row by row on any
    Exception, which would create the good rows one at a time and stop after ten
    errors; ``party.member.load`` catches this and reports every row instead."""

    def __init__(self, errors):
        super().__init__(len(errors))
        self.errors = errors
        self.messages = []


@contextlib.contextmanager
def deferred_checks():
    """The constraints of the rows being inserted wait for :func:`check_rows`, which
    runs every one of them (a context variable of the thread, which no client sets)."""
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


@contextlib.contextmanager
def logged_messages():
    """The messages load() logs while converting the rows (a name not found …), kept
    so that a refused file reports them next to the rules' ones."""
    messages = []
    token = _LOGGED.set(messages)
    names = _NAMES.set({})
    try:
        yield messages
    finally:
        _NAMES.reset(names)
        _LOGGED.reset(token)


def name_cache():
    """``{(model, field, name): answer}``: the records found by name for the file being
    imported (``ir.fields.converter.db_id_for``), or None outside a member import."""
    return _NAMES.get()


def log_into():
    """The list of :func:`logged_messages` being kept, or None."""
    return _LOGGED.get()


def checks_deferred():
    """True while :func:`insert_members` inserts the rows."""
    return _DEFERRED.get()


def bisect(indexes, check):
    """``{index: [message]}`` of the ``indexes`` (of rows) that fail ``check`` (which
    takes a list of indexes and raises UserError): ``check`` on all of them, then on
    halves of a failing list down to the rows that fail alone. A rule between rows (the
    same ID number twice) fails on each of them alone too once the rows are in the
    database; before the insert, :func:`duplicates` finds those. A list that fails while
    neither of its halves does is reported on its first row: no failure goes unreported."""
    errors = {}

    def run(part):
        try:
            check(part)
            return False
        except UserError as error:
            if len(part) == 1:
                errors.setdefault(part[0], []).append(str(error.args[0]))
                return True
            middle = len(part) // 2
            halves_failed = [run(part[:middle]), run(part[middle:])]
            if not any(halves_failed):
                errors.setdefault(part[0], []).append(str(error.args[0]))
            return True

    if indexes:
        run(list(indexes))
    return errors


def merge(errors, found):
    """Add the messages of ``found`` to ``errors`` (both ``{index: [message]}``)."""
    for index, messages in found.items():
        known = errors.setdefault(index, [])
        known.extend(m for m in messages if m not in known)
    return errors


def duplicates(model, vals_list):
    """``{index: [message]}``: rows of the file that give the same contact, ID number or
    login as another row, with the single-membership rule's own message."""
    errors = {}
    for key in ("partner_id", "id_number", "user_id"):
        rows = {}
        for index, vals in enumerate(vals_list):
            if vals.get(key):
                rows.setdefault(vals[key], []).append(index)
        for indexes in rows.values():
            if len(indexes) < 2:
                continue
            candidates = [
                {
                    "id": False,
                    "name": vals_list[i].get("name"),
                    "status": vals_list[i].get("status", "active"),
                    "partner_id": vals_list[i].get("partner_id"),
                    "id_number": vals_list[i].get("id_number"),
                    "user_id": vals_list[i].get("user_id"),
                }
                for i in indexes
            ]
            for index, candidate in zip(indexes, candidates, strict=True):
                try:
                    model._check_membership_candidates(
                        [candidate, *(c for c in candidates if c is not candidate)]
                    )
                except ValidationError as error:
                    errors.setdefault(index, []).append(str(error.args[0]))
    return errors


def missing(model, vals_list):
    """``{index: [message]}``: rows without a value for a required field of the member
    that has no default (the organisation: a name the import did not find)."""
    required = [
        field
        for name, field in model._fields.items()
        if field.required
        and field.store
        and not field.inherited
        and not field.compute
        and not field.default
        and name != "partner_id"
    ]
    errors = {}
    for index, vals in enumerate(vals_list):
        for field in required:
            if not vals.get(field.name):
                errors.setdefault(index, []).append(
                    model.env._(
                        "%(field)s is required: this row has none.",
                        field=field._description_string(model.env),
                    )
                )
    return errors


def as_dates(model, vals_list):
    """The rows with their dates as dates, each text converted once (a file of 50,000
    members has a few thousand distinct dates); a text that is no date stays as it was,
    for the guard to refuse."""
    dates = [name for name, field in model._fields.items() if field.type == "date"]
    seen = {}

    def convert(value):
        if not isinstance(value, str):
            return value
        if value not in seen:
            try:
                seen[value] = fields.Date.to_date(value)
            except ValueError:
                seen[value] = value
        return seen[value]

    return [
        {**vals, **{name: convert(vals[name]) for name in dates if vals.get(name)}}
        for vals in vals_list
    ]


def fast_path(model, vals_list):
    """Whether the rows can go through :func:`import_members`: new members, each
    setting fields of the member's own (stored) and the contact's name; not a login or
    an employee file (the member then takes its contact)."""
    own = {
        name
        for name, field in model._fields.items()
        if column(field)
        # a login or an employee file brings its own contact: Odoo's own path
        and name not in ("id", "partner_id", "user_id", "employee_id", *LOG_ACCESS_COLUMNS)
    }
    return bool(vals_list) and all(set(vals) <= own | {"name"} for vals in vals_list)


def import_members(model, vals_list):
    """Create the members of ``vals_list`` (an import's rows, in ``model``'s environment:
    the caller's); raises :class:`RowsRefused` with every bad row's messages (nothing is
    written then: ``load`` rolls back). Returns the new members.

    A row refused by a check before the insert is left out of the next ones, the others
    go on, so that one run reports every bad row of the file."""
    env = model.env
    model.check_access("create")
    vals_list = as_dates(model, vals_list)
    rows = list(range(len(vals_list)))
    try:
        checked = GUARD.check_create(model, vals_list)  # the context's default_ keys merged
        errors = {}
    except UserError:
        errors = bisect(rows, lambda part: GUARD.check_create(model, [vals_list[i] for i in part]))
        rows = [i for i in rows if i not in errors]
        checked = GUARD.check_create(model, [vals_list[i] for i in rows])
    # the derived values (normalised ID numbers …)
    values = dict(zip(rows, model._party_prepare_create(checked), strict=True))

    def found(check, part):
        """``check``'s errors on the rows ``part`` (its indexes are into ``part``)."""
        return {part[j]: messages for j, messages in check([values[i] for i in part]).items()}

    merge(errors, found(lambda vals: merge(missing(model, vals), duplicates(model, vals)), rows))
    rows = [i for i in rows if i not in errors]
    merge(
        errors,
        bisect(rows, lambda part: model._party_validate_create([values[i] for i in part])),
    )
    rows = [i for i in rows if i not in errors]
    if rows:
        members = insert_members(model, [values[i] for i in rows])
        merge(errors, {rows[j]: messages for j, messages in check_rows(model, members).items()})
    if errors:
        raise RowsRefused(errors)
    members = members.with_env(env)
    members._party_after_create([values[i] for i in rows])
    log_import(members)
    return members


def insert_members(model, vals_list):
    """The rows inserted as superuser: contacts, then members, one INSERT per 1,000
    rows (the values as the ORM writes them, the defaults computed once); the stored
    computed fields then computed by the ORM, set-based. No constraint yet:
    :func:`check_rows` runs every one of them on every row."""
    env = model.env
    Member = model.sudo().with_context(clean_context(env.context), **QUIET)
    partner_ids = insert_partners(env, [vals.get("name") or "" for vals in vals_list])
    skip = {"id", "name", "partner_id", *LOG_ACCESS_COLUMNS}  # the insert's own
    own = [name for name, field in Member._fields.items() if column(field)]
    defaults = Member.default_get([name for name in own if name not in skip])
    now = env.cr.now()
    log = {"create_uid": env.uid, "write_uid": env.uid, "create_date": now, "write_date": now}
    # the values of fields that are not stored (a contact default the hooks give for the
    # ORM's create) have no column
    stored_list = [
        {
            **defaults,
            **{k: v for k, v in vals.items() if k not in skip and Member._fields[k].store},
            **log,
            "partner_id": pid,
        }
        for vals, pid in zip(vals_list, partner_ids, strict=True)
    ]
    names = sorted({name for stored in stored_list for name in stored})
    fields_ = [Member._fields[name] for name in names]
    ids = []
    env.flush_all()
    for batch in split_every(1000, stored_list):
        env.cr.execute(
            SQL(
                "INSERT INTO party_member (%s) VALUES %s RETURNING id",
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL(", ").join(
                    tuple(
                        field.convert_to_column_insert(stored.get(field.name), Member, stored)
                        for field in fields_
                    )
                    for stored in batch
                ),
            )
        )
        ids.extend(row[0] for row in env.cr.fetchall())
    env.invalidate_all()
    members = Member.browse(ids)
    with deferred_checks():
        members.modified(list(Member._fields), create=True)
        env.flush_all()
    return members


def column(field):
    """A field of the member's own table that the rows may set."""
    return field.store and field.column_type and not field.inherited and not field.compute


def insert_partners(env, names):
    """New contacts named ``names``, in that order: the first by the ORM (the reference
    contact: every default and computed column of a plain contact), the others copies of
    its row with their own id and name. Returns their ids."""
    Partner = env["res.partner"].sudo().with_context(clean_context(env.context), **QUIET)
    first = Partner.create({"name": names[0]})
    env.flush_all()
    rest = names[1:]
    if not rest:
        return [first.id]
    cr = env.cr
    cr.execute(
        SQL(
            "SELECT nextval(pg_get_serial_sequence('res_partner', 'id')) "
            "FROM generate_series(1, %s)",
            len(rest),
        )
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'res_partner'"
        )
    )
    copied = sorted(row[0] for row in cr.fetchall() if row[0] not in PARTNER_OWN_COLUMNS)
    cr.execute(
        SQL(
            "INSERT INTO res_partner (id, name, complete_name, commercial_partner_id, %(cols)s) "
            "SELECT r.id, r.name, r.name, r.id, %(tcols)s "
            "FROM res_partner t, unnest(%(ids)s::int[], %(names)s::varchar[]) AS r(id, name) "
            "WHERE t.id = %(first)s",
            cols=SQL(", ").join(SQL.identifier(c) for c in copied),
            tcols=SQL(", ").join(SQL.identifier("t", c) for c in copied),
            ids=ids,
            names=rest,
            first=first.id,
        )
    )
    return [first.id, *ids]


def check_rows(model, members):
    """``{index: [message]}``: the rows that break a constraint of the model, the company
    consistency or the caller's record rules, each check run on all rows at once."""
    errors = {}
    records = members.sudo()
    rows = range(len(records))

    def part_of(recordset, part):
        return recordset.browse([recordset._ids[i] for i in part])

    for check in records._constraint_methods:
        merge(errors, bisect(rows, lambda part, check=check: check(part_of(records, part))))
    if records._check_company_auto:
        merge(errors, bisect(rows, lambda part: part_of(records, part)._check_company()))
    caller = members.with_env(model.env)
    merge(errors, bisect(rows, lambda part: part_of(caller, part).check_access("create")))
    return errors


def log_import(members):
    """One line in each new member's history: created by an import, by whom. Posted by
    the ORM on the first member and copied for the others (set-based)."""
    env = members.env
    first = members[0]
    message = first.sudo()._message_log(
        body=env._("Member created by an import of members (Odoo import)."),
        author_id=env.user.partner_id.id,
    )
    rest = members[1:]
    if not rest:
        return
    env.flush_all()
    cr = env.cr
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'mail_message'"
        )
    )
    own = ("id", "res_id", "message_id")
    copied = sorted(row[0] for row in cr.fetchall() if row[0] not in own)
    cr.execute(
        SQL(
            "INSERT INTO mail_message (res_id, message_id, %(cols)s) "
            "SELECT r.id, replace(t.message_id, '@', '-' || r.id || '@'), %(tcols)s "
            "FROM mail_message t, unnest(%(ids)s::int[]) AS r(id) WHERE t.id = %(first)s",
            cols=SQL(", ").join(SQL.identifier(c) for c in copied),
            tcols=SQL(", ").join(SQL.identifier("t", c) for c in copied),
            first=message.id,
            ids=rest.ids,
        )
    )
    members.invalidate_recordset(["message_ids"])
