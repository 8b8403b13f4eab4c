"""Before an upgrade changes anything: the records that break a rule of the new code.

A rule added since the first release (18.0.1.0.0) is not checked by ``-u`` on the
records already there: Odoo checks a Python constraint only when a record is written,
and one that cannot add an SQL constraint or NOT NULL logs a WARNING and goes on. The
upgrade would leave records that the next save refuses, or a constraint silently
missing. So each suite addon lists in its ``migrations/0.0.0/upgrade_checks.py`` (``CHECKS``)
the rules old data may break, each a query returning the offending records' id and
name; the ``0.0.0`` pre-migration of every suite addon (run by Odoo on any version
change, before the addon's tables change) runs the checks of every suite addon being
upgraded. party_branch is the first suite addon of the upgrade, so with ``-u`` of the
suite the whole upgrade stops before its first change; the administrator reads the
records in the error, corrects them, and runs the upgrade again.

A rule on a field the first release did not have is not listed: the old records
leave it empty, which that rule accepts, or which only a later record of the same
workflow needs (e.g. the pre-examination date of an admission voted before the date
was recorded: asked for when the admission dates are next corrected).

Loaded by path (``load_checks``), not imported: at the pre-migration the addon's
package is not loaded yet, and importing it then would skip Odoo's own load of it.
The files sit in the ``0.0.0`` folder: Odoo runs only its ``pre-``/``post-``/``end-``
files, and a ``__pycache__`` folder Python may write beside them is not taken for a
version (as it would be directly under ``migrations/``).
"""

import logging
from pathlib import Path

import psycopg2.errors

from odoo.exceptions import UserError
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path

_logger = logging.getLogger(__name__)

# At most this many records named per rule (with the count of the others).
SHOWN = 20

# party_branch's own rules old data may break (none: its rules since the first release
# are on fields the first release did not have).
CHECKS = ()


def load_checks(module):
    """``CHECKS`` of ``module``'s migrations/0.0.0/upgrade_checks.py, or () without one."""
    path = get_module_path(module, display_warning=False)
    script = Path(path, "migrations", "0.0.0", "upgrade_checks.py") if path else None
    if not script or not script.is_file():
        return ()
    return getattr(load_script(str(script), f"{module}_upgrade_checks"), "CHECKS", ())


def broken_records(cr, modules):
    """[(module, rule, model, [(id, name)...], count)] for every check of ``modules``
    that finds records (a check on a table or column this database does not have is
    skipped: the addon or field came after its data)."""
    found = []
    for module in modules:
        for rule, model, query in load_checks(module):
            try:
                with cr.savepoint(flush=False):
                    cr.execute(query)
                    rows = cr.fetchall()
            except (psycopg2.errors.UndefinedTable, psycopg2.errors.UndefinedColumn):
                continue
            if rows:
                found.append((module, rule, model, rows[:SHOWN], len(rows)))
    return found


def refusal(found):
    """The message of a refused upgrade: each rule with the records that break it."""
    lines = [
        "Upgrade stopped before changing anything: these records break rules of the new "
        "version. Correct them (or remove them where they were entered by mistake), then "
        "run the upgrade again."
    ]
    for module, rule, model, rows, count in found:
        lines.append(f"- {module}: {rule} ({model}, {count} record(s)):")
        lines += [f"    {model} id {rid}: {name}" for rid, name in rows]
        if count > len(rows):
            lines.append(f"    … and {count - len(rows)} more")
    return "\n".join(lines)


def upgrading_suite_modules(cr):
    """The suite addons this run of Odoo upgrades."""
    cr.execute(
        "SELECT name FROM ir_module_module WHERE state = 'to upgrade' AND name LIKE %s ORDER BY name",
        ["party\\_%"],
    )
    return [name for (name,) in cr.fetchall()]


def refuse_broken_records(cr, modules=None):
    """Raise UserError listing the records that break a rule of the new code of
    ``modules`` (default: every suite addon being upgraded); nothing is written."""
    modules = upgrading_suite_modules(cr) if modules is None else modules
    if found := broken_records(cr, modules):
        message = refusal(found)
        _logger.error(message)
        raise UserError(message)
