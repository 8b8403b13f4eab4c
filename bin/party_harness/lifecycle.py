"""``bin/party test --alone / --upgrade / --uninstall``: the suite's life in a database
that lasts years (issue 28), each a stage of ``test`` timed in the closing table.

alone      Each suite addon on a database with only its dependencies, with demo data:
           party_branch on a new database, party_life on a copy of that one, each leaf
           on a copy of party_life's (as an administrator adds them one at a time), so
           each install is only the addon's own modules; it must log no ERROR or
           CRITICAL line. Then, for the addons asked (``--alone all``: every one;
           ``--alone ci``: the classes of ALONE_CI_TESTS), their own tests under Odoo's own runner on
           their lone database.
upgrade    A database made from the first release's code (RELEASE_COMMIT, taken with
           ``git archive`` into .local/release-<commit>/, nothing in the checkout is
           touched), with demo data, a year of dues and fund reports, is upgraded with
           ``-u`` of every suite addon to the current code; then: the same members, dues
           and posted entries as before (SNAPSHOT), the Party groups as a fresh install
           of the current code has them (GROUPS), the compliance pass runs and the fund
           reports carry their balances (AFTER_UPGRADE).
uninstall  On a copy of the test template (every addon, demo data): each leaf addon of
           UNINSTALL_LEAVES is uninstalled through Odoo's uninstall button; first its
           held records refuse it (the list is checked), then, once a system
           administrator lists it in party_branch.uninstall_discard_held, it goes, and
           the members, dues and posted entries are still there; the remaining addons'
           tests then run under Odoo's runner on that database.
"""

from __future__ import annotations

import configparser
import io
import json
import re
import shutil
import socket
import subprocess
import tarfile
import time
from pathlib import Path

from . import common
from .common import REPO, HarnessError, log, run_child, say, throwaway_db_name
from .config import is_set, read_manifest, with_test_modules
from .databases import (
    ODOO_RUNNER_ECHO_RE,
    drop_database,
    init_test_database,
    install_database,
    odoo_cmd,
    odoo_problems,
    odoo_runner_result,
    upgrade_database,
)

# What ``--alone ci`` tests on the lone databases: the test classes of party_branch that
# read what other addons or the website bring (page titles, menus, the demo's blocks,
# the sample records of the access matrix, the RPC surface and routes of what is
# installed, the translations, the uninstall declarations). party_branch is the one
# addon whose dependencies leave out the website and every other Party addon; its
# other tests, and every test of the others, run with the whole suite in stage
# integration. ``--alone all`` runs every test of every addon alone instead.
ALONE_CI_TESTS: dict[str, tuple[str, ...]] = {
    "party_branch": (
        "TestPortalLanguage",
        "TestBranchAccessMatrix",
        "TestMemberHomeBranchBlocks",
        "TestMemberHomeIsOwn",
        "TestMemberHomeDemo",
        "TestCockpitFigures",
        "TestDemoTexts",
        "TestChineseComplete",
        "TestStatisticsDemo",
        "TestStatisticsRoutes",
        "TestRouteInventory",
        "TestRpcSurface",
        "TestPartyViews",
        "TestAppsPage",
        "TestUninstallHeld",
    ),
}

# The first release, 18.0.1.0.0 of the suite: the last commit of the first build
# (2026-11-30 05:38 UTC), when all five addons were in, each installed, tested and
# described in the README. Its manifests say 18.0.1.0.0, but party_life and party_service,
# which already carried migrations of their own, 18.0.1.1.0.
RELEASE_COMMIT = "eaa05e5"

# Leaf addons: nothing of the suite depends on them, and uninstalling one leaves the rest.
UNINSTALL_LEAVES = ("party_service", "party_systems", "party_venue")


def addon_depends(addon: str) -> list[str]:
    """The suite addons ``addon`` depends on, directly or not (from the manifests)."""
    found: list[str] = []
    todo = [addon]
    while todo:
        manifest = read_manifest(REPO / "addons" / todo.pop() / "__manifest__.py")
        for dep in manifest.get("depends", []):
            if (REPO / "addons" / dep / "__manifest__.py").exists() and dep not in found:
                found.append(dep)
                todo.append(dep)
    return sorted(found)


def alone_base(addon: str) -> str | None:
    """The suite addon whose lone database ``addon``'s starts from (a copy, then ``-i
    addon``): the one of its suite dependencies that depends on all the others
    (party_life for the leaves), or None (party_branch: a new database)."""
    deps = addon_depends(addon)
    for dep in deps:
        if set(addon_depends(dep)) == set(deps) - {dep}:
            return dep
    return None


def alone_order(modules: list[str]) -> list[str]:
    """The suite addons, each after the ones it depends on."""
    return sorted(modules, key=lambda m: (len(addon_depends(m)), m))


# The test modules (config.TEST_MODULES) an addon's own tests need on its lone database,
# installed with it as the test database has them: payment_demo's provider pays the dues
# online in party_life's tests; its dependency, payment, is party_life's own already, so
# the lone database gains nothing else. The leaves start from a copy of party_life's.
ALONE_TEST_MODULES: dict[str, tuple[str, ...]] = {"party_life": ("payment_demo",)}


def alone_cmd(conf: Path, db: str, addon: str) -> list[str]:
    """Odoo installing ``addon`` (and the dependencies ``db`` lacks, and the test modules
    its tests need: ALONE_TEST_MODULES) with demo data."""
    modules = ",".join([addon, *ALONE_TEST_MODULES.get(addon, ())])
    return odoo_cmd(
        conf, "-d", db, "-i", modules, "--stop-after-init", "--max-cron-threads=0",
        "--log-level=info",
    )  # fmt: skip


def alone_tests_cmd(conf: Path, db: str, addon: str, classes: tuple[str, ...] = ()) -> list[str]:
    """Odoo's runner on ``addon``'s own tests (only ``classes`` when given), on its lone
    database (every suite test is post_install: ``--test-enable`` without ``-i`` runs
    them as after an install)."""
    tags = ",".join(f"/{addon}:{name}" for name in classes) or f"/{addon}"
    return odoo_cmd(
        conf,
        "-d",
        db,
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        "--max-cron-threads=0",
        "--log-level=info",
    )


def keep_or_drop(conf: Path, db: str, keep: bool) -> None:
    """Drop a lifecycle stage's database, or say it is kept (``--keep-db``)."""
    if keep:
        log(f"keeping database {db} (--keep-db)")
    else:
        drop_database(conf, db)


COPYDB = "from click_odoo_contrib.copydb import main; main(prog_name='click-odoo-copydb')"


def copy_database(conf: Path, source: str, target: str) -> None:
    """``target`` as a copy of ``source`` with its filestore (click-odoo-copydb)."""
    cmd = [common.PYTHON, "-c", COPYDB, "-c", str(conf), source, target]
    status, output = run_child(cmd, tee=common.LOCAL / "logs" / f"copydb-{target}.log", cwd=REPO)
    if status:
        raise HarnessError(f"copying {source} to {target} failed (exit {status})\n{output[-2000:]}")


DEMO_FAILED_RE = re.compile(r" WARNING .* Module (\w+) demo data failed to install")


def demo_failures(output: str) -> list[str]:
    """The modules whose demo data Odoo could not load: it logs a WARNING, rolls the
    demo back and goes on ("installed without demo data"), and the tests that read the
    demo then fail far from the cause (or, on ``-u``, the demo is silently dropped)."""
    return DEMO_FAILED_RE.findall(output)


def judge_odoo_run(status: int, output: str, *, tests: bool) -> tuple[bool, str]:
    """Whether an ``odoo -i ...`` or ``--test-enable`` run passed, and what to say.

    Without tests: exit 0 and no ERROR/CRITICAL line. With tests: the runner's result
    line says tests ran and none failed (a failing test logs ERROR lines of its own)."""
    if not tests:
        problems = odoo_problems(output.splitlines())
        if status or problems:
            return False, f"exit {status}, {len(problems)} ERROR/CRITICAL lines"
        if failed := demo_failures(output):
            return False, f"demo data failed: {', '.join(failed)} (a WARNING of Odoo's)"
        return True, "installed"
    result = odoo_runner_result(output)
    if result is None:
        return False, f"exit {status}, no test result line"
    failed, errors, run = result
    note = f"{run} tests, {failed} failed, {errors} error(s)"
    return status == 0 and run > 0 and not failed + errors, note


def run_alone(ctx, stages, mode: str, *, keep_db: bool = False) -> None:
    """Stages ``alone <addon>`` (see the module docstring).

    party_branch installs on a new database; every other addon on a copy of the lone
    database of the addon it builds on (alone_base), as an administrator adds the
    addons one at a time: each install is only that addon's own modules. Then the
    tests asked run on each addon's lone database (kept with ``keep_db``, to run a
    failing test again on it)."""
    if mode == "all":
        tested = dict.fromkeys(ctx.modules, ())
    else:
        tested = {a: c for a, c in ALONE_CI_TESTS.items() if a in ctx.modules}
    dbs: dict[str, str] = {}
    made: list[str] = []
    notes: dict[str, tuple[bool, str, float]] = {}
    try:
        for addon in alone_order(ctx.modules):
            started = time.monotonic()
            base = alone_base(addon)
            if base is not None and base not in dbs:
                notes[addon] = (False, f"not run: {base} did not install alone", 0.0)
                continue
            db = throwaway_db_name(f"party_alone_{addon.removeprefix('party_')}")
            logfile = common.LOCAL / "logs" / f"alone-{addon}.log"
            log(
                f"{addon} alone: on {'a copy of ' + base + ' alone' if base else 'a new database'}"
                f" (log: {logfile.relative_to(REPO)})"
            )
            if base is not None:
                copy_database(ctx.conf, dbs[base], db)
            made.append(db)
            status, output = run_child(
                alone_cmd(ctx.conf, db, addon),
                tee=logfile,
                echo=lambda line: ODOO_RUNNER_ECHO_RE.search(line),
                cwd=REPO,
            )
            ok, note = judge_odoo_run(status, output, tests=False)
            if ok:
                dbs[addon] = db
            notes[addon] = (ok, note, time.monotonic() - started)
        for addon in alone_order(ctx.modules):
            ok, note, spent = notes[addon]
            started = time.monotonic() - spent
            if ok and addon in tested:
                logfile = common.LOCAL / "logs" / f"alone-{addon}-tests.log"
                log(f"{addon} alone: its tests (log: {logfile.relative_to(REPO)})")
                status, output = run_child(
                    alone_tests_cmd(ctx.conf, dbs[addon], addon, tested[addon]),
                    tee=logfile,
                    echo=lambda line: ODOO_RUNNER_ECHO_RE.search(line),
                    cwd=REPO,
                )
                ok, tests_note = judge_odoo_run(status, output, tests=True)
                note = f"{note}, {tests_note}"
                stages.pytest_lines.append(f"odoo runner (alone {addon}): {tests_note}")
            stages.record(f"alone {addon}", ok, started, note)
    finally:
        for db in made:
            keep_or_drop(ctx.conf, db, keep_db)


# --------------------------------------------------------------------------
# Scripts run inside Odoo (python3 -c SCRIPT CONF DB ...), printing one JSON line
# --------------------------------------------------------------------------

SCRIPT_HEAD = """
import json, sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1], "--log-level=warn"])
from odoo.modules.registry import Registry
"""

# What must survive an upgrade or an uninstall: the register, the dues, the money.
# With a time (argv[3], "taken at" of the snapshot before): the records a suite addon's
# data or demo file created since are left out (a new demo record the new code's demo
# files bring, loaded by -u on a database with demo data, as Odoo does; a database
# without demo data gets none).
SNAPSHOT = (
    SCRIPT_HEAD
    + """
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
    added = {}
    if len(sys.argv) > 3:
        cr.execute(
            "SELECT model, array_agg(res_id) FROM ir_model_data "
            "WHERE module LIKE %s AND create_date > %s GROUP BY model",
            ["party%", sys.argv[3]],
        )
        added = dict(cr.fetchall())
    def rows(model, domain=(), total=None):
        if model not in env:
            return None
        records = env[model].search(list(domain) + [("id", "not in", added.get(model, []))])
        out = {"count": len(records)}
        if total:
            out["total"] = round(sum(records.mapped(total)), 2)
        return out
    snapshot = {
        "taken at": str(cr.now()),
        "members": rows("party.member"),
        "members (identity)": sorted(
            (m.name, m.organization_id.code, m.member_category, str(m.join_date))
            for m in env["party.member"].search(
                [("id", "not in", added.get("party.member", []))]
            )
        ),
        "organisations": rows("party.organization"),
        "positions": rows("party.position"),
        "dues": rows("party.dues", [], "amount"),
        "dues paid": rows("party.dues", [("state", "=", "paid")], "paid_amount"),
        "dues payments posted": rows("party.dues.payment", [("state", "=", "posted")], "amount"),
        "dues remittances posted": rows("party.dues.remittance", [("state", "=", "posted")]),
        "posted journal entries": rows("account.move", [("state", "=", "posted")]),
        "posted journal items": rows(
            "account.move.line", [("parent_state", "=", "posted")], "balance"
        ),
        "meetings held": rows("party.meeting", [("state", "=", "held")]),
        "decisions taken": rows("party.decision", [("state", "in", ["passed", "rejected"])]),
        "fund reports approved": rows(
            "party.fund.report", [("state", "in", ["approved", "disclosed"])]
        ),
    }
    print("SNAPSHOT " + json.dumps(snapshot, sort_keys=True, default=str))
"""
)

# The Party groups as this database has them: what each implies, and every group of
# each user with a Party XML id (the demo's: an app installed with the release's code
# spread its manager groups to them, which a fresh install takes back).
GROUPS = (
    SCRIPT_HEAD
    + """
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
    data = env["ir.model.data"].search([("model", "=", "res.groups"), ("module", "=like", "party_%")])
    groups = env["res.groups"].browse(data.mapped("res_id")).exists()
    xid = lambda records: sorted(filter(None, records.get_external_id().values()))
    users = env["ir.model.data"].search([("model", "=", "res.users"), ("module", "=like", "party_%")])
    found = {
        "implied": {g.get_external_id()[g.id]: xid(g.implied_ids) for g in groups},
        "users": {
            u.get_external_id()[u.id]: xid(u.groups_id)
            for u in env["res.users"].browse(users.mapped("res_id")).exists()
        },
    }
    print("GROUPS " + json.dumps(found, sort_keys=True))
"""
)

# A year of dues on the release's code: the monthly run for the twelve months before
# this one, each month but the last two collected in cash on the 20th.
YEAR_OF_DUES = (
    SCRIPT_HEAD
    + """
import datetime
from dateutil.relativedelta import relativedelta
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    Dues = env["party.dues"]
    this_month = datetime.date.today().replace(day=1)
    for back in range(12, 0, -1):
        month = this_month - relativedelta(months=back)
        Dues.generate(month)
        if back > 2:
            Dues.collect_due([("period", "=", month)], "cash", month.replace(day=20))
    # fund reports of the two quarters before each organisation's first one, computed:
    # the upgrade carries the closing balances into the reports after them
    if "party.fund.report" in env:
        Report = env["party.fund.report"]
        reports = Report
        for organization in Report.search([]).organization_id:
            first = min(Report.search([("organization_id", "=", organization.id)]).mapped("date_from"))
            for months in (6, 3):
                date_from = first - relativedelta(months=months)
                reports |= Report.create({
                    "organization_id": organization.id,
                    "date_from": date_from,
                    "date_to": date_from + relativedelta(months=3, days=-1),
                })
        reports.action_compute()
    print("YEAR " + json.dumps({
        "dues": Dues.search_count([]),
        "payments": env["party.dues.payment"].search_count([]),
    }))
"""
)

# After an upgrade: the compliance pass of every organisation (the suite's own checks)
# runs, and each fund report computed before opens with the closing balance of the
# organisation's report before it (party_systems 18.0.1.1.0).
AFTER_UPGRADE = (
    SCRIPT_HEAD
    + """
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    env["party.organization"]._cron_check_compliance()
    problems = []
    if "party.fund.report" in env:
        reports = env["party.fund.report"].search([("state", "!=", "draft")])
        for report in reports:  # one by one: a report's predecessor is in the set too
            expected = report._previous_balances().get(report.id, 0.0)
            if report.currency_id.compare_amounts(report.opening_balance, expected):
                problems.append(f"{report.name}: opening {report.opening_balance}, expected {expected}")
    print("AFTER " + json.dumps({"problems": problems, "fund reports": len(reports)}))
"""
)

# Uninstall one addon through Odoo's button: first as it is (its held records must
# refuse it, the message naming them), then with the discard parameter.
# (Odoo's uninstall keeps a record of the addon that others still reference, e.g. an
# asset profile of its demo used by another addon's assets: it logs the failed DELETE
# as an ERROR of odoo.sql_db and goes on; the state and counts checked here say the rest.)
UNINSTALL = (
    SCRIPT_HEAD.replace(
        '"--log-level=warn"', '"--log-level=warn", "--log-handler=odoo.sql_db:CRITICAL"'
    )
    + """
from odoo.exceptions import UserError
addon = sys.argv[3]
out = {}
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    module = env["ir.module.module"].search([("name", "=", addon)])
    held = env["ir.module.module"]._party_held_records([addon])
    out["held"] = [list(line) for line in held]
    try:
        with cr.savepoint():
            module.button_uninstall()
        out["refused"] = None
    except UserError as error:
        out["refused"] = str(error)
    cr.rollback()
    env["ir.config_parameter"].set_param("party_branch.uninstall_discard_held", addon)
    cr.commit()
    module.button_immediate_uninstall()
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    out["state"] = env["ir.module.module"].search([("name", "=", addon)]).state
    env["ir.config_parameter"].set_param("party_branch.uninstall_discard_held", "")
print("UNINSTALL " + json.dumps(out))
"""
)


# Bad input of an upgrade (issue 28): a record of the release's database made to break a
# rule added since (a political review before the applicant became a development
# target: party_life/migrations/0.0.0/upgrade_checks.py), with SQL as the release's code
# could have saved it ("break"), then put back ("mend" ID VALUE); either way the suite
# addons' installed versions, which a refused upgrade must leave as they were. Plain
# SQL: no registry of either code.
RULE = """
import json, sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1], "--log-level=warn"])
with odoo.sql_db.db_connect(sys.argv[2]).cursor() as cr:
    out = {}
    if sys.argv[3] == "break":
        cr.execute(
            "SELECT d.id, p.name, d.political_review_date FROM party_development d "
            "JOIN res_partner p ON p.id = d.partner_id WHERE d.political_review_date "
            "IS NOT NULL AND d.target_date IS NOT NULL ORDER BY d.id LIMIT 1"
        )
        dev_id, name, review = cr.fetchone()
        cr.execute(
            "UPDATE party_development SET political_review_date = target_date - 10 "
            "WHERE id = %s",
            [dev_id],
        )
        out["broken"] = {"id": dev_id, "name": name, "value": str(review)}
    elif sys.argv[3] == "mend":
        cr.execute(
            "UPDATE party_development SET political_review_date = %s WHERE id = %s",
            [sys.argv[5], int(sys.argv[4])],
        )
    cr.execute(
        "SELECT name, latest_version FROM ir_module_module "
        "WHERE name LIKE %s AND state = 'installed' ORDER BY name",
        ["party%"],
    )
    out["versions"] = dict(cr.fetchall())
print("RULE " + json.dumps(out))
"""

# What Odoo logs (as a WARNING, and goes on) when the data of an upgraded database keeps
# it from adding a constraint or a NOT NULL of the new code: an upgrade that leaves
# a rule unenforced. (The INFO line before it is the first try, retried at the end.)
SCHEMA_FAILED_RE = re.compile(
    r" WARNING \S+ odoo\.schema: (Table .*unable to (?:add constraint|set NOT NULL).*)"
)


def schema_failures(output: str) -> list[str]:
    """The constraints and NOT NULLs an ``-u`` could not add (their WARNING lines)."""
    return SCHEMA_FAILED_RE.findall(output)


def odoo_script(conf: Path, db: str, script: str, mark: str, logname: str, *args: str):
    """Run an Odoo script; return the JSON it printed after ``mark``, or raise."""
    logfile = common.LOCAL / "logs" / f"{logname}.log"
    cmd = [common.PYTHON, "-c", script, str(conf), db, *args]
    status, output = run_child(
        cmd, tee=logfile, echo=lambda line: ODOO_RUNNER_ECHO_RE.search(line), cwd=REPO
    )
    found = [line for line in output.splitlines() if line.startswith(mark + " ")]
    problems = odoo_problems(output.splitlines())
    if status or not found or problems:
        raise HarnessError(
            f"{logname} on {db} failed (exit {status}), see {logfile}\n"
            + "".join(f"  {p}\n" for p in problems[:10])
            + "".join(output.splitlines(keepends=True)[-15:])
        )
    return json.loads(found[-1][len(mark) + 1 :])


def differences(before: dict, after: dict) -> list[str]:
    """The keys of two snapshots whose values differ (a key absent after counts when
    it had records before: a model that went with an uninstalled addon)."""
    return [
        f"{key}: {before[key]} -> {after.get(key)}"
        for key in sorted(before)
        if key != "taken at"
        and before[key] != after.get(key)
        and not (after.get(key) is None and not before[key])
    ]


# --------------------------------------------------------------------------
# upgrade
# --------------------------------------------------------------------------


def release_addons(commit: str) -> Path:
    """The first release's addons folder, from ``git archive`` (read only on the
    repository); kept in .local/release-<commit>/ for the next run."""
    target = common.LOCAL / f"release-{commit}"
    if (target / "addons").is_dir():
        return target / "addons"
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", commit, "addons"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise HarnessError(
            f"the first release's code (commit {commit}) is not in this clone "
            f"({archive.stderr.decode(errors='replace').strip()}): a shallow clone needs "
            "`git fetch --unshallow`"
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        # the "data" filter (no links out, no devices) where this Python has it (3.11.4+;
        # the archive is git's own of this repository either way)
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(partial, **safe)  # noqa: S202
    partial.rename(target)
    return target / "addons"


def release_conf(conf: Path, addons: Path) -> Path:
    """The effective config with the release's addons in place of the checkout's."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf, encoding="utf-8")
    paths = parser["options"]["addons_path"].split(",")
    here = str(REPO / "addons")
    parser["options"]["addons_path"] = ",".join(str(addons) if p == here else p for p in paths)
    target = addons.parent / "odoo.conf"
    with target.open("w", encoding="utf-8") as handle:
        parser.write(handle)
    return target


# The lifecycle's own config, when its stages run alongside the suite's (stages.py): Odoo's
# runner serves HttpCase tests on the config's http_port (stages alone and uninstall),
# and so does stage odoo-tests of the main thread. (Stage integration's pytest-odoo
# serves on a free port it picks; workers = 0: no gevent_port.)
LIFECYCLE_CONF = "odoo-lifecycle.conf"
LIFECYCLE_PORT_OFFSET = 10  # 8079 beside 8069: below the kernel's range of free ports


def free_port(host: str, preferred: int, avoid: int) -> int:
    """``preferred`` when a server can listen on it at ``host`` now, otherwise a port
    the system finds free, never ``avoid`` (bound as Odoo binds: SO_REUSEADDR, so a
    port in TIME_WAIT counts as free)."""
    for port in (preferred, 0, 0, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError:
                continue
            if sock.getsockname()[1] != avoid:
                return sock.getsockname()[1]
    raise HarnessError(f"no free TCP port on {host or 'any address'} for the lifecycle's Odoo")


def lifecycle_conf(conf: Path) -> Path:
    """``.local/odoo-lifecycle.conf``: the effective config ``conf`` with another
    http_port (LIFECYCLE_PORT_OFFSET above it, or any free one), every other option
    and section the same. run_upgrade derives the release's config from it."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf, encoding="utf-8")
    options = parser["options"]
    host = options.get("http_interface", "")
    host = host if is_set(host) else ""
    port = int(options.get("http_port", "8069"))
    options["http_port"] = str(free_port(host, port + LIFECYCLE_PORT_OFFSET, avoid=port))
    target = common.LOCAL / LIFECYCLE_CONF
    with target.open("w", encoding="utf-8") as handle:
        handle.write("; Generated by bin/party from .local/odoo.conf: the lifecycle's own port.\n")
        parser.write(handle)
    return target


def run_upgrade(ctx, stages) -> None:
    """Stage ``upgrade`` (see the module docstring)."""
    started = time.monotonic()
    db = throwaway_db_name("party_upgrade")
    fresh = throwaway_db_name("party_fresh")
    try:
        addons = release_addons(RELEASE_COMMIT)
        old_conf = release_conf(ctx.conf, addons)
        modules = [m for m in ctx.modules if (addons / m / "__manifest__.py").exists()]
        install_database(old_conf, db, modules)
        odoo_script(old_conf, db, YEAR_OF_DUES, "YEAR", "upgrade-year-of-dues")
        before = odoo_script(old_conf, db, SNAPSHOT, "SNAPSHOT", "upgrade-before")
        refused = refused_upgrade(ctx, old_conf, db)
        upgrade_database(ctx.conf, db, ctx.modules)
        upgrade_log = (common.LOCAL / "logs" / f"odoo-{db}.log").read_text(encoding="utf-8")
        demo_failed = demo_failures(upgrade_log)
        schema_failed = schema_failures(upgrade_log)
        after = odoo_script(ctx.conf, db, SNAPSHOT, "SNAPSHOT", "upgrade-after", before["taken at"])
        groups = odoo_script(ctx.conf, db, GROUPS, "GROUPS", "upgrade-groups")
        init_test_database(ctx.conf, fresh, with_test_modules(ctx.modules))
        fresh_groups = odoo_script(ctx.conf, fresh, GROUPS, "GROUPS", "upgrade-groups-fresh")
        checks = odoo_script(ctx.conf, db, AFTER_UPGRADE, "AFTER", "upgrade-checks")
    except HarnessError as error:
        say(str(error))
        stages.record("upgrade", False, started, str(error).splitlines()[0][:120])
        return
    finally:
        drop_database(ctx.conf, db)
        drop_database(ctx.conf, fresh)
    problems = differences(before, after)
    problems += group_differences(fresh_groups, groups)
    problems += checks["problems"]
    problems += [f"{module}: its demo data failed to load again on -u" for module in demo_failed]
    problems += [f"-u left a rule out: {line}" for line in schema_failed]
    problems += refused
    for problem in problems:
        say(f"  upgrade: {problem}")
    note = (
        f"from {RELEASE_COMMIT}: {before['members']['count']} members, "
        f"{before['dues']['count']} dues, {before['posted journal entries']['count']} "
        "posted entries kept; groups as fresh; compliance ran; a broken rule refused"
    )
    stages.record(
        "upgrade", not problems, started, f"{len(problems)} differences" if problems else note
    )


def refused_upgrade(ctx, old_conf: Path, db: str) -> list[str]:
    """Bad input: ``-u`` of the release's database with a record that breaks a rule of
    the new code must stop before changing anything (the suite addons' versions as
    they were) and name the record; the record is then put back. The problems found."""
    broken = odoo_script(old_conf, db, RULE, "RULE", "upgrade-break-a-rule", "break")
    record = broken["broken"]
    log(
        f"bad input: party.development {record['id']} breaks a rule of the new code; "
        "the next -u must stop before changing anything and name it (its ERROR is expected)"
    )
    problems = []
    try:
        upgrade_database(ctx.conf, db, ctx.modules)
        problems.append("-u went through a record that breaks a rule of the new code")
    except HarnessError:
        output = (common.LOCAL / "logs" / f"odoo-{db}.log").read_text(encoding="utf-8")
        named = f"party.development id {record['id']}: {record['name']}"
        if "Upgrade stopped before changing anything" not in output or named not in output:
            problems.append(f"the refused -u does not name {named}")
    mended = odoo_script(
        old_conf, db, RULE, "RULE", "upgrade-mend-the-rule", "mend", str(record["id"]),
        record["value"],
    )  # fmt: skip
    if mended["versions"] != broken["versions"]:
        problems.append(
            f"the refused -u changed the versions: {broken['versions']} -> {mended['versions']}"
        )
    return problems


def group_differences(fresh: dict, upgraded: dict) -> list[str]:
    """How the upgraded database's Party groups differ from a fresh install's (the
    users compared are the demo users both have)."""
    found = []
    for group, implied in sorted(fresh["implied"].items()):
        if upgraded["implied"].get(group) != implied:
            found.append(f"group {group} implies {upgraded['implied'].get(group)}, fresh {implied}")
    for group in sorted(set(upgraded["implied"]) - set(fresh["implied"])):
        found.append(f"group {group} is left from the release (a fresh install has none)")
    for user, groups in sorted(fresh["users"].items()):
        if user in upgraded["users"] and upgraded["users"][user] != groups:
            found.append(f"user {user} has {upgraded['users'][user]}, fresh {groups}")
    return found


# --------------------------------------------------------------------------
# uninstall
# --------------------------------------------------------------------------


def run_uninstall(ctx, stages, *, cached: bool, keep_db: bool = False) -> None:
    """Stage ``uninstall`` (see the module docstring); with ``keep_db`` the database
    the leaves were removed from is kept, to run a failing test again on it."""
    from .stages import odoo_runner_cmd

    started = time.monotonic()
    leaves = [m for m in UNINSTALL_LEAVES if m in ctx.modules]
    remaining = [m for m in ctx.modules if m not in leaves]
    db = throwaway_db_name("party_uninstall")
    problems: list[str] = []
    try:
        if cached:
            init_test_database(ctx.conf, db, with_test_modules(ctx.modules))
        else:
            install_database(ctx.conf, db, with_test_modules(ctx.modules))
        before = odoo_script(ctx.conf, db, SNAPSHOT, "SNAPSHOT", "uninstall-before")
        for leaf in leaves:
            out = odoo_script(ctx.conf, db, UNINSTALL, "UNINSTALL", f"uninstall-{leaf}", leaf)
            if out["held"] and not out["refused"]:
                problems.append(f"{leaf}: holds {out['held']} and was not refused")
            for _module, _description, model, _count in out["held"]:
                if out["refused"] and f"({model})" not in out["refused"]:
                    problems.append(f"{leaf}: the refusal does not name {model}")
            if out["state"] != "uninstalled":
                problems.append(f"{leaf}: state {out['state']} after the uninstall")
        after = odoo_script(ctx.conf, db, SNAPSHOT, "SNAPSHOT", "uninstall-after")
        # what went with the leaves is theirs; what must survive is the rest
        gone = {"decisions taken", "fund reports approved"}
        problems += [d for d in differences(before, after) if d.split(":")[0] not in gone]
        logfile = common.LOCAL / "logs" / f"uninstall-tests-{db}.log"
        cmd = odoo_runner_cmd(ctx.conf, db, remaining, install=False)
        log(f"the remaining addons' tests: {' '.join(cmd[5:])} (log: {logfile.relative_to(REPO)})")
        status, output = run_child(
            cmd, tee=logfile, echo=lambda line: ODOO_RUNNER_ECHO_RE.search(line), cwd=REPO
        )
        ok, note = judge_odoo_run(status, output, tests=True)
        stages.pytest_lines.append(f"odoo runner (after uninstall): {note}")
        if not ok:
            problems.append(f"the remaining addons' tests: {note}")
    except HarnessError as error:
        say(str(error))
        problems.append(str(error).splitlines()[0][:120])
    finally:
        keep_or_drop(ctx.conf, db, keep_db)
    for problem in problems:
        say(f"  uninstall: {problem}")
    note = f"{', '.join(leaves)} removed; {', '.join(remaining)} tested"
    stages.record("uninstall", not problems, started, "; ".join(problems)[:160] or note)
