"""Array parameters of the suite's set-based statements."""

from odoo.tools import SQL


def pg_array(values):
    """``values`` (None, booleans, numbers, strings, dates) as the text of a PostgreSQL
    array, sent as one parameter and cast by the query (``%s::int4[]``): one literal the
    server reads at once, where a Python list is sent as ``ARRAY[…]`` with an expression
    per element to parse and plan (50,000 members: 50,000 expressions, each time the
    list appears in a statement)."""
    values = list(values)  # read twice below: a generator would be empty the second time
    if set(map(type, values)) <= {int}:  # ints only (not bool, a subclass of int)
        return "{" + ",".join(map(str, values)) + "}"

    def item(value):
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, (int, float)):
            return repr(value)
        text = str(value).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'

    return "{" + ",".join(item(value) for value in values) + "}"


def ids_array(ids):
    """SQL: the record ids ``ids`` as one ``int4[]`` constant (:func:`pg_array`)."""
    return SQL("%s::int4[]", pg_array(list(ids)))
