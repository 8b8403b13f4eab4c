"""Set-based SQL helpers of party_life, shared by the models' bulk paths."""

import datetime
import math
from decimal import Decimal

from odoo.tools import SQL

NUMBERS = {"int4", "int8", "numeric", "float8"}
TEXTS = {"varchar", "text"}


def _element(value, kind):
    """One element of an array literal of ``kind``, or raise TypeError (the caller then
    lets psycopg2 adapt the column)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        raise TypeError(value)
    if kind in NUMBERS:
        if isinstance(value, int) or (
            kind not in ("int4", "int8")
            and isinstance(value, (float, Decimal))
            and math.isfinite(value)
        ):
            return repr(value) if isinstance(value, float) else str(value)
        raise TypeError(value)
    if kind == "date" and isinstance(value, datetime.date):
        return value.isoformat()
    if kind in TEXTS or kind == "date":
        if isinstance(value, str):
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(value)


def _fast_literal(values, kind):
    """The array literal of ``values`` when they are all of the one plain type the bulk
    paths send for ``kind`` (ints, finite floats, plain dates, texts), without a call per
    element; None otherwise (then :func:`_element` decides, element by element)."""
    types = set(map(type, values))
    if kind in NUMBERS and types <= {int, float}:
        if float in types and (
            kind in ("int4", "int8")
            or not all(math.isfinite(value) for value in values if isinstance(value, float))
        ):
            return None
        return "{" + ",".join(map(repr, values)) + "}"
    if kind == "date" and types == {datetime.date}:
        return "{" + ",".join(map(datetime.date.isoformat, values)) + "}"
    if kind in TEXTS and types == {str}:
        if not any("\\" in value or '"' in value for value in values):
            return '{"' + '","'.join(values) + '"}'
    return None


def _array(values, kind):
    """SQL: the array of ``values`` cast to ``kind``: one text literal built here (a
    bulk path's arrays have 50,000 elements; psycopg2 adapts them one by one, several
    times slower), or psycopg2's array for values of another type."""
    literal = None
    if kind in NUMBERS or kind in TEXTS or kind == "date":
        literal = _fast_literal(values, kind)
    if literal is None and (kind in NUMBERS or kind in TEXTS or kind == "date"):
        try:
            literal = "{" + ",".join(_element(value, kind) for value in values) + "}"
        except TypeError:
            literal = None  # a value of another type: psycopg2 adapts the column
    return SQL("%s::" + kind + "[]", values if literal is None else literal)


def int_array(values):
    """SQL: the integers ``values`` as one constant ``int4[]`` (:func:`_array`)."""
    return _array(values, "int4")


def insert_rows(env, table, columns, vals_list, log_access=True):
    """INSERT ``vals_list`` into ``table`` in one statement; return the new ids.

    ``columns`` maps each column to its PostgreSQL type (``{"amount": "numeric"}``);
    every dict of ``vals_list`` has a value for each. For the bulk paths (monthly
    run, bulk collection) where the ORM's per-record create costs dominate;
    callers compute stored fields themselves and the caches are invalidated
    afterwards. ``log_access``: the table has Odoo's creator and writer columns (set
    to the caller and now).
    """
    if not vals_list:
        return []
    env.flush_all()
    arrays = [_array([vals[name] for vals in vals_list], kind) for name, kind in columns.items()]
    magic = {}
    if log_access:
        now = env.cr.now()
        magic = {"create_uid": env.uid, "write_uid": env.uid, "create_date": now, "write_date": now}
    env.cr.execute(
        SQL(
            """INSERT INTO %s (%s)
               SELECT %s FROM unnest(%s) RETURNING id""",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(name) for name in [*magic, *columns]),
            SQL(", ").join([*(SQL("%s", value) for value in magic.values()), SQL("*")]),
            SQL(", ").join(arrays),
        )
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.invalidate_all()
    return ids


def update_rows(env, table, columns, vals_list, log_access=True, inputs=None, computed=None):
    """UPDATE the rows of ``table`` whose ``id`` each dict of ``vals_list`` gives, to
    its values of ``columns`` (as for :func:`insert_rows`), in one statement.

    ``log_access``: the table has Odoo's ``write_uid``/``write_date`` (set too);
    ``inputs``: more values of each dict (``{name: type}``), not written themselves but
    read by ``computed``: ``{column: SQL}``, columns set from an expression of the row
    ``t`` and its values ``v`` (a state computed by the database from the new amounts)."""
    if not vals_list:
        return
    env.flush_all()
    inputs = inputs or {}
    computed = computed or {}
    names = ["id", *columns, *inputs]
    kinds = {"id": "int4", **columns, **inputs}
    arrays = [_array([vals[name] for vals in vals_list], kinds[name]) for name in names]
    assignments = [
        SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name)) for name in columns
    ] + [SQL("%s = %s", SQL.identifier(name), expression) for name, expression in computed.items()]
    if log_access:
        assignments = [
            SQL("write_uid = %s", env.uid),
            SQL("write_date = %s", env.cr.now()),
            *assignments,
        ]
    env.cr.execute(
        SQL(
            """UPDATE %s AS t SET %s
               FROM unnest(%s) AS v(%s) WHERE t.id = v.id""",
            SQL.identifier(table),
            SQL(", ").join(assignments),
            SQL(", ").join(arrays),
            SQL(", ").join(SQL.identifier(name) for name in names),
        )
    )
    env.invalidate_all()
