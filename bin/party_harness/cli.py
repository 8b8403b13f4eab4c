"""Command line of ``bin/party``: run, test, bench, readme (see bin/party's docstring)."""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import sys
import time
from pathlib import Path

from . import common
from .common import (
    REPO,
    HarnessError,
    Interrupted,
    log,
    on_signal,
    protect_cleanup,
    run_child,
    throwaway_db_name,
)
from .config import http_port, read_odoo_conf, with_test_modules
from .context import prepare, shutdown
from .databases import (
    create_database,
    database_exists,
    drop_database,
    install_database,
    odoo_cmd,
    retire_other_companies,
    upgrade_database,
)
from .load import add_arguments as add_load_arguments
from .load import cmd_load
from .readme import cmd_readme
from .stages import cmd_test

DEMO_DB = "party_demo"
DEMO_LANG = "zh_CN"
DEMO_COUNTRY = "CN"  # the demo company's: CNY, and accounting installs l10n_cn's chart
# Installed before the suite: Odoo loads a chart of accounts only once the registry is
# loaded, after every module of the same run, and party_life's demo posts dues entries.
DEMO_CHART_MODULES = ["l10n_cn"]


def cmd_run(args) -> int:
    """Create or upgrade party_demo, then serve it in the foreground."""
    ctx = None
    try:
        ctx = prepare(args, want_odoo=True, require_odoo=True, throwaway=False)
        if not ctx.modules:
            raise HarnessError("no suite addon found under addons/")
        if database_exists(ctx.conf, DEMO_DB):
            log(f"database {DEMO_DB} exists: installing new / upgrading suite addons")
            upgrade_database(ctx.conf, DEMO_DB, ctx.modules)
        else:
            log(f"creating database {DEMO_DB} with demo data and language {DEMO_LANG}")
            try:
                create_database(ctx.conf, DEMO_DB, DEMO_LANG, DEMO_COUNTRY)
                install_database(ctx.conf, DEMO_DB, DEMO_CHART_MODULES)
                retire_other_companies(ctx.conf, DEMO_DB)
                install_database(ctx.conf, DEMO_DB, ctx.modules)
            except (HarnessError, Interrupted):
                drop_database(ctx.conf, DEMO_DB)  # a half-made database would only get in the way
                raise
        port = http_port(args.odoo_args, read_odoo_conf(ctx.conf))
        log(f"serving {DEMO_DB} on http://localhost:{port} (login admin / admin); Ctrl-C stops")
        cmd = odoo_cmd(ctx.conf, "-d", DEMO_DB, f"--db-filter=^{DEMO_DB}$", *args.odoo_args)
        try:
            status, _ = run_child(cmd, cwd=REPO)
        except Interrupted:
            status = 0
        return status
    finally:
        shutdown(ctx)


BENCH_BOOTSTRAP = """
import os, runpy, sys
import odoo
odoo.tools.config.parse_config(["-c", os.environ["PARTY_ODOO_CONF"], "-d", os.environ["PARTY_BENCH_DB"]])
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
"""


def cmd_bench(args) -> int:
    """Run the benchmark scripts against a throwaway database (the contract: bin/party's
    docstring); with ``--report``, collect their PARTY_BENCH lines into BENCHMARKS.md."""
    from .benchreport import bench_entry, parse_lines, update_report
    from .load import git_commit, machine_info

    names = [*args.names, *(args.only or [])]
    scripts = sorted((REPO / "tests" / "benchmarks").glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem in names or s.stem[6:] in names]
    if not scripts:
        log("no benchmark script selected (tests/benchmarks/bench_*.py)")
        return 0 if not names else 1
    ctx = None
    db = None
    failed = []
    entries = []
    try:
        ctx = prepare(args, want_odoo=True, require_odoo=True, throwaway=args.db is None)
        if not ctx.modules:
            raise HarnessError("no suite addon found under addons/")
        conf = Path(args.odoo_conf).resolve() if args.odoo_conf else ctx.conf
        # as the test databases: bench_party_dues confirms payments through payment_demo
        modules = with_test_modules(ctx.modules)
        if args.db:
            if not database_exists(conf, args.db):
                install_database(conf, args.db, modules)
        else:
            db = throwaway_db_name("party_bench")
            install_database(conf, db, modules)
        env = dict(os.environ, PARTY_BENCH_DB=args.db or db, PARTY_ODOO_CONF=str(conf))
        for script in scripts:
            log(f"bench {script.relative_to(REPO)}")
            started = time.monotonic()
            machine = machine_info()
            cmd = [common.PYTHON, "-c", BENCH_BOOTSTRAP, str(script)]
            if args.report:
                logfile = common.LOCAL / "logs" / f"{script.stem}.log"
                status, output = run_child(cmd, env=env, cwd=REPO, tee=logfile)
                stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
                settings = {
                    k: v
                    for k, v in os.environ.items()
                    if k.startswith("PARTY_BENCH_") and k != "PARTY_BENCH_DB"
                }
                entries.append(
                    bench_entry(script.stem, parse_lines(output), date=stamp,
                                commit=git_commit(), machine=machine, status=status,
                                settings=settings)
                )  # fmt: skip
            else:
                status, _ = run_child(cmd, env=env, cwd=REPO)
            log(f"bench {script.stem}: exit {status} ({time.monotonic() - started:.1f}s)")
            if status != 0:
                failed.append(script.stem)
    finally:
        protect_cleanup()
        if db is not None and ctx is not None:
            drop_database(ctx.conf, db)
        shutdown(ctx)
        if entries:
            update_report(entries)
            log(f"BENCHMARKS.md: {len(entries)} benchmark(s) updated")
    if failed:
        log(f"failed benchmarks: {', '.join(failed)}")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    """Command line of bin/party."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--no-pip", action="store_true", help="skip pip install -r requirements.txt"
    )
    parser = argparse.ArgumentParser(
        prog="bin/party", description="Developer harness of the Party Odoo 18 addons suite."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", parents=[shared], help=f"serve {DEMO_DB} on localhost:8069")
    run.add_argument("odoo_args", nargs="*", help="extra Odoo options, after --")
    run.set_defaults(func=cmd_run)
    test = sub.add_parser("test", parents=[shared], help="lint and run every test")
    test.add_argument(
        "--keep-db",
        action="store_true",
        help="keep the throwaway database (and those of --alone and --uninstall)",
    )
    test.add_argument(
        "--lint-only",
        action="store_true",
        help="only lint and tests/unit: no Odoo needed (without it, no Odoo is a failure)",
    )
    test.add_argument(
        "--runner",
        choices=("both", "pytest", "odoo"),
        help="which runner runs the Odoo tests: pytest-odoo (default), Odoo's own "
        "(odoo --test-enable --test-tags), or both (pytest only when pytest "
        "arguments are given, unless --runner both is explicit)",
    )
    test.add_argument(
        "--no-db-cache",
        action="store_true",
        help="install the addons with odoo -i instead of the click-odoo-initdb template cache",
    )
    test.add_argument(
        "--alone",
        choices=("all", "ci"),
        help="each suite addon also on a database of its own with only its dependencies: "
        "installed, and its own tests under Odoo's runner (all), or the tests of "
        "party_branch that read what other addons bring (ci)",
    )
    test.add_argument(
        "--upgrade",
        action="store_true",
        help="a database of the first release's code, with data, upgraded (-u) to this "
        "code, then checked",
    )
    test.add_argument(
        "--uninstall",
        action="store_true",
        help="each leaf addon uninstalled from a copy of the test database (refused while "
        "it holds records), then the others' tests on it",
    )
    test.add_argument(
        "--only-lifecycle",
        action="store_true",
        help="with --alone/--upgrade/--uninstall: those stages only (no lint, unit or integration)",
    )
    test.add_argument(
        "--serial",
        action="store_true",
        help="with --alone/--upgrade/--uninstall: run every stage one after another "
        "(by default, once install is done, ruff, ruff-format, pylint, unit and those "
        "stages run in a second thread while integration runs)",
    )
    test.add_argument("pytest_args", nargs="*", help="extra pytest args (integration), after --")
    test.set_defaults(func=cmd_test)
    bench = sub.add_parser("bench", parents=[shared], help="run tests/benchmarks/bench_*.py")
    bench.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    bench.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run this benchmark only (bench_x or x; repeatable), like the names",
    )
    bench.add_argument(
        "--report",
        action="store_true",
        help="collect the PARTY_BENCH lines into BENCHMARKS.md (the others' figures kept)",
    )
    bench.add_argument(
        "--db",
        help="run on this database, kept (created with the suite when missing); with "
        "PARTY_BENCH_KEEP=1 the benchmarks keep and reuse their trees there",
    )
    bench.add_argument(
        "--odoo-conf",
        help="this Odoo config instead of the effective .local/odoo.conf (same database server)",
    )
    bench.set_defaults(func=cmd_bench)
    load = sub.add_parser(
        "load",
        parents=[shared],
        help="many users at once: Odoo with --workers on a copy of the demo, a second "
        "process as the users; tests/load/RESULTS.md",
    )
    add_load_arguments(load)
    load.set_defaults(func=cmd_load)
    readme = sub.add_parser(
        "readme",
        help="write each addon's README.rst and Apps page from its readme/*.md, and the "
        "READMEs' addons table and test count",
    )
    readme.add_argument(
        "--check", action="store_true", help="write nothing; fail when a generated file is stale"
    )
    readme.set_defaults(func=cmd_readme)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = build_parser().parse_args(argv)
    if args.command == "test":
        args.runner_given = args.runner is not None
        args.runner = args.runner or "pytest"
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        return args.func(args)
    except HarnessError as error:
        print(f"[party] error: {error}", file=sys.stderr, flush=True)
        return 1
    except Interrupted:
        log("interrupted")
        return 130
