"""Odoo databases: the server command line, creating, copying (click-odoo-initdb's
template cache), upgrading and dropping databases, and reading Odoo's logs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from . import common
from .common import REPO, HarnessError, log, run_child, run_quiet, strip_ansi

# Odoo log line: "2025-01-01 12:00:00,123 4242 ERROR dbname logger: message"
ODOO_PROBLEM_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ")
ODOO_PROGRESS_RE = re.compile(r" (WARNING|ERROR|CRITICAL) | odoo\.modules\.loading: ")


ODOO_RESULT_RE = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
# The lines of an Odoo test run shown live: problems and the runner's results.
ODOO_RUNNER_ECHO_RE = re.compile(
    r" (ERROR|CRITICAL) |odoo\.tests\.(result|stats): |Starting post tests"
)


def odoo_runner_result(output: str) -> tuple[int, int, int] | None:
    """(failed, errors, tests run) of Odoo's own test runner's last summary line."""
    found = ODOO_RESULT_RE.findall(output)
    return tuple(int(n) for n in found[-1]) if found else None


def odoo_problems(lines: list[str]) -> list[str]:
    """The ERROR/CRITICAL lines of an Odoo log."""
    return [line for line in lines if ODOO_PROBLEM_RE.match(line)]


def odoo_cmd(conf: Path, *args: str) -> list[str]:
    """Command line of the Odoo server with the effective config."""
    return [common.PYTHON, "-m", "odoo", "-c", str(conf), *args]


EXISTS = """
import sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1]])
from odoo.sql_db import db_connect
with db_connect("postgres").cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[2]])
    print("yes" if cr.fetchone() else "no")
"""


def database_exists(conf: Path, name: str) -> bool:
    """Whether the database server holds database ``name``."""
    out = run_quiet([common.PYTHON, "-c", EXISTS, str(conf), name], what="database lookup")
    return out.strip().splitlines()[-1] == "yes"


def drop_database(conf: Path, name: str) -> None:
    """Drop a database and its filestore (Odoo's own ``db drop``)."""
    cmd = [common.PYTHON, "-m", "odoo", "db", "-c", str(conf), "drop", name]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    if proc.returncode == 0:
        log(f"dropped database {name}")
    else:
        log(f"could not drop database {name}:\n{proc.stdout}{proc.stderr}")


def install_database(conf: Path, db: str, modules: list[str], *extra: str) -> None:
    """Create ``db`` with ``modules`` installed (or updated); fail on ERROR/CRITICAL."""
    logfile = common.LOCAL / "logs" / f"odoo-{db}.log"
    names = ",".join(modules)
    args = ["-d", db, *(["-i", names] if modules else []), *extra]
    cmd = odoo_cmd(conf, *args, "--stop-after-init", "--log-level=info")
    log(f"odoo {' '.join(args)} (log: {logfile.relative_to(REPO)})")
    status, output = run_child(
        cmd, tee=logfile, echo=lambda line: ODOO_PROGRESS_RE.search(line), cwd=REPO
    )
    problems = odoo_problems(output.splitlines())
    if status != 0 or problems:
        tail = "".join(output.splitlines(keepends=True)[-40:])
        raise HarnessError(
            f"installing {names} into {db} failed (exit {status}, "
            f"{len(problems)} ERROR/CRITICAL lines), see {logfile}\n"
            + "".join(f"  {p}\n" for p in problems[:20])
            + f"--- last lines ---\n{tail}"
        )


INSTALLED = """
import sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1]])
from odoo.sql_db import db_connect
with db_connect(sys.argv[2]).cursor() as cr:
    cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
    print(" ".join(sorted(row[0] for row in cr.fetchall())))
"""


def upgrade_database(conf: Path, db: str, modules: list[str]) -> None:
    """``-u`` of the ``modules`` installed in ``db`` (what an administrator runs), ``-i``
    of the others only: Odoo puts every ``-i`` module in its ``demo`` option and loads
    it in init mode, so an installed module given to ``-i`` loads its demo data again,
    ``<function>`` tags and ``noupdate`` records included ("Only a draft transfer can be
    sent"), which no upgrade does."""
    out = run_quiet([common.PYTHON, "-c", INSTALLED, str(conf), db], what="installed modules")
    installed = set(out.strip().splitlines()[-1].split()) if out.strip() else set()
    old = [module for module in modules if module in installed]
    new = [module for module in modules if module not in installed]
    install_database(conf, db, new, *(["-u", ",".join(old)] if old else []))


CREATE_DB = """
import sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1]])
from odoo.service import db
db.exp_create_database(sys.argv[2], True, sys.argv[3], "admin", "admin", sys.argv[4])
"""


def create_database(conf: Path, db: str, lang: str, country: str) -> None:
    """Create ``db`` (base and demo data) in ``lang``, its company in ``country`` with that
    country's currency -- before any addon installs accounting, which then installs the
    country's chart of accounts (Odoo's database manager does the same)."""
    logfile = common.LOCAL / "logs" / f"odoo-{db}-create.log"
    log(f"creating {db} (language {lang}, company in {country}; log: {logfile.relative_to(REPO)})")
    cmd = [common.PYTHON, "-c", CREATE_DB, str(conf), db, lang, country]
    status, output = run_child(
        cmd, tee=logfile, echo=lambda line: ODOO_PROGRESS_RE.search(line), cwd=REPO
    )
    problems = odoo_problems(output.splitlines())
    if status != 0 or problems:
        raise HarnessError(
            f"creating {db} failed (exit {status}), see {logfile}\n"
            + "".join(f"  {p}\n" for p in problems[:20])
        )


RETIRE_OTHER_COMPANIES = """
import sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1]])
from odoo.modules.registry import Registry
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    main = env.ref("base.main_company")
    others = env["res.company"].search([("id", "!=", main.id)])
    users = env["res.users"].with_context(active_test=False).search(
        [("company_ids", "in", others.ids)]
    )
    for user in users:
        user.write({"company_id": main.id, "company_ids": [(6, 0, main.ids)]})
    others.write({"active": False})
    print("retired companies:", ", ".join(others.mapped("name")) or "none")
"""


def retire_other_companies(conf: Path, db: str) -> None:
    """Archive the companies other than the main one (the chart module's own demo
    company, "CN Company"), so the demo shows one enterprise and no company switcher."""
    logfile = common.LOCAL / "logs" / f"odoo-{db}-companies.log"
    status, output = run_child(
        [common.PYTHON, "-c", RETIRE_OTHER_COMPANIES, str(conf), db],
        tee=logfile,
        echo=lambda line: line.startswith("retired companies"),
        cwd=REPO,
    )
    problems = odoo_problems(output.splitlines())
    if status != 0 or problems:
        raise HarnessError(
            f"archiving the chart's demo company in {db} failed (exit {status})\n"
            + "".join(f"  {p}\n" for p in problems[:20])
        )


CACHE_PREFIX = "party"  # template databases party-YYYYmmddHHMM-<sha1 of the addons>
CACHE_MAX_SIZE = 3  # most recently used templates kept
INITDB = "from click_odoo_contrib.initdb import main; main(prog_name='click-odoo-initdb')"


def initdb_cmd(conf: Path, db: str | None, modules: list[str], *, max_size: int) -> list[str]:
    """click-odoo-initdb: ``db`` from the cached template with the same addons' content."""
    cmd = [common.PYTHON, "-c", INITDB, "-c", str(conf), "--log-level", "info"]
    if db is not None:
        cmd += ["-n", db, "-m", ",".join(modules)]
    return [*cmd, "--cache-prefix", CACHE_PREFIX, "--cache-max-size", str(max_size)]


def init_test_database(conf: Path, db: str, modules: list[str]) -> bool:
    """Create ``db`` with ``modules`` and demo data through the template cache.

    click-odoo-initdb hashes every file of the modules and of their
    dependencies (Odoo's included, auto_install ones too) with the demo flag;
    a template with that hash is copied (seconds), otherwise the modules are
    installed and the result kept as a template.  Attachments made during the
    install are stored in the database so that the copy is complete.  An
    ERROR/CRITICAL line in the log fails, and empties the cache so that a broken
    install is not reused.  Returns whether a template was used.
    """
    logfile = common.LOCAL / "logs" / f"initdb-{db}.log"
    cmd = initdb_cmd(conf, db, modules, max_size=CACHE_MAX_SIZE)
    log(f"click-odoo-initdb -n {db} -m {','.join(modules)} (log: {logfile.relative_to(REPO)})")
    status, output = run_child(
        cmd, tee=logfile, echo=lambda line: ODOO_PROGRESS_RE.search(line), cwd=REPO
    )
    problems = odoo_problems(strip_ansi(output).splitlines())
    if status != 0 or problems:
        run_quiet(initdb_cmd(conf, None, modules, max_size=0), what="emptying the template cache")
        tail = "".join(output.splitlines(keepends=True)[-40:])
        raise HarnessError(
            f"installing {','.join(modules)} into {db} failed (exit {status}, "
            f"{len(problems)} ERROR/CRITICAL lines), see {logfile}\n"
            + "".join(f"  {p}\n" for p in problems[:20])
            + f"--- last lines ---\n{tail}"
        )
    return "Found matching database template" in output
