"""Set-based SQL helpers of party_life, shared by the models' bulk paths."""

from odoo.tools import SQL


def insert_rows(env, table, columns, vals_list):
    """INSERT ``vals_list`` into ``table`` in one statement; return the new ids.

    ``columns`` maps each column to its PostgreSQL type (``{"amount": "numeric"}``);
    every dict of ``vals_list`` has a value for each. For the bulk paths (monthly
    run, bulk collection) where the ORM's per-record create costs dominate;
    callers compute stored fields themselves and the caches are invalidated
    afterwards.
    """
    if not vals_list:
        return []
    env.flush_all()
    arrays = [
        SQL("%s::" + kind + "[]", [vals[name] for vals in vals_list])
        for name, kind in columns.items()
    ]
    env.cr.execute(
        SQL(
            """INSERT INTO %s (create_uid, write_uid, create_date, write_date, %s)
               SELECT %s, %s, %s, %s, * FROM unnest(%s) RETURNING id""",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(name) for name in columns),
            env.uid,
            env.uid,
            env.cr.now(),
            env.cr.now(),
            SQL(", ").join(arrays),
        )
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.invalidate_all()
    return ids


def update_rows(env, table, columns, vals_list):
    """UPDATE the rows of ``table`` whose ``id`` each dict of ``vals_list`` gives, to
    its values of ``columns`` (as for :func:`insert_rows`), in one statement."""
    if not vals_list:
        return
    env.flush_all()
    names = ["id", *columns]
    kinds = {"id": "int4", **columns}
    arrays = [
        SQL("%s::" + kinds[name] + "[]", [vals[name] for vals in vals_list]) for name in names
    ]
    env.cr.execute(
        SQL(
            """UPDATE %s AS t SET write_uid = %s, write_date = %s, %s
               FROM unnest(%s) AS v(%s) WHERE t.id = v.id""",
            SQL.identifier(table),
            env.uid,
            env.cr.now(),
            SQL(", ").join(
                SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name)) for name in columns
            ),
            SQL(", ").join(arrays),
            SQL(", ").join(SQL.identifier(name) for name in names),
        )
    )
    env.invalidate_all()
