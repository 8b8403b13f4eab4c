"""18.0.1.1.0: a meeting frequency rule names its organisation types with one flag
each (``for_branch`` …) instead of a comma-separated ``org_types`` text.

Runs before the module update adds the flags and the rule "at least one type",
so that the rules of an existing database keep applying to the same types.
"""

from odoo.tools import SQL

ORG_TYPES = ("committee", "general_branch", "branch", "joint_branch", "group")


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'party_meeting_frequency' AND column_name = 'org_types'"
    )
    if not cr.fetchone():
        return
    for org_type in ORG_TYPES:
        column = SQL.identifier(f"for_{org_type}")
        cr.execute(
            SQL("ALTER TABLE party_meeting_frequency ADD COLUMN IF NOT EXISTS %s boolean", column)
        )
        cr.execute(
            SQL(
                "UPDATE party_meeting_frequency SET %s = "
                "(',' || replace(org_types, ' ', '') || ',') LIKE %s WHERE org_types IS NOT NULL",
                column,
                f"%,{org_type},%",
            )
        )
