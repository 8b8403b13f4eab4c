"""``bin/party test``: its stages (install, ruff, ruff-format, pylint, unit,
integration, odoo-tests, and the lifecycle's: alone, upgrade, uninstall), each timed in
the closing table, and the test count of the last full run (``.local/test-counts.json``,
read by ``bin/party readme``).

When the suite's stages and the lifecycle's run in the same command (``bin/party test
--alone ci --upgrade``, what CI runs), they run in two threads once install is done:
this one goes on with integration (and odoo-tests), the longest stage; a second thread
(SecondThread) runs ruff, ruff-format, pylint, unit, then the lifecycle's stages, whose
Odoo servers listen on a port of their own (lifecycle.lifecycle_conf). ``--serial`` runs
them one after another as before."""

from __future__ import annotations

import copy
import datetime
import json
import re
import sys
import threading
import time
import traceback
from pathlib import Path

from . import common, lifecycle, readme
from .common import (
    ODOO_MAJOR,
    REPO,
    HarnessError,
    Interrupted,
    log,
    protect_cleanup,
    run_child,
    say,
    strip_ansi,
    throwaway_db_name,
)
from .config import http_port, read_odoo_conf, with_test_modules
from .context import Context, prepare, shutdown
from .databases import (
    ODOO_RUNNER_ECHO_RE,
    drop_database,
    init_test_database,
    install_database,
    odoo_cmd,
    odoo_runner_result,
)

NOT_AVAILABLE = f"Odoo {ODOO_MAJOR} not available: integration tests not run"
LINT_ONLY = "--lint-only: lint and tests/unit only, Odoo tests not run"
PYTEST_SUMMARY_RE = re.compile(r"^=+ (.+ in [\d.]+s.*?) =+$")
PYTEST_COUNT_RE = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)")
# "collected 1146 items", "collected 1146 items / 1145 deselected / 1 selected"
PYTEST_COLLECTED_RE = re.compile(r"collected (\d+) items?([^\n]*)")


def pytest_summary(output: str) -> tuple[str, dict[str, int]]:
    """Last pytest summary line of ``output`` and its counts ("error" folds "errors")."""
    summary = ""
    for line in output.splitlines():
        match = PYTEST_SUMMARY_RE.match(strip_ansi(line).strip())
        if match:
            summary = match.group(1)
    counts: dict[str, int] = {}
    for number, word in PYTEST_COUNT_RE.findall(summary):
        word = "error" if word.startswith("error") else word
        counts[word] = counts.get(word, 0) + int(number)
    return summary, counts


def pytest_collected(output: str) -> int | None:
    """How many tests pytest collected (before -k/-m deselection); None when it did not
    say or when collecting failed."""
    found = PYTEST_COLLECTED_RE.findall(strip_ansi(output).replace("\r", "\n"))
    if not found or "error" in found[-1][1]:
        return None
    return int(found[-1][0])


_TEST_COUNTS_LOCK = threading.Lock()  # stages unit and integration may end at once


def record_test_count(local: Path, label: str, count: int) -> None:
    """Remember in ``.local/test-counts.json`` how many tests stage ``label`` collected."""
    path = local / readme.TEST_COUNTS
    with _TEST_COUNTS_LOCK:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        data[label] = count
        data["date"] = datetime.date.today().isoformat()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def names_test_paths(pytest_args: list[str]) -> bool:
    """Whether extra pytest arguments name test files or folders (``-k EXPR`` does not)."""
    return any(
        (REPO / arg.split("::")[0]).exists() or "::" in arg or arg.endswith(".py")
        for arg in pytest_args
        if not arg.startswith("-")
    )


def readme_count_hint(collected: dict[str, int]) -> None:
    """Say when the README's test count is not the one just collected."""
    if set(collected) != {"unit", "integration"}:
        return
    stated = readme.readme_test_counts(REPO)
    if stated != collected:
        total = collected["unit"] + collected["integration"]
        log(
            f"{total} tests collected ({collected['integration']} integration, "
            f"{collected['unit']} unit), recorded in .local/{readme.TEST_COUNTS}; the README "
            f"states {stated or 'none'}: bin/party readme writes the new count"
        )


class Stages:
    """Outcome and duration of each stage of ``test`` (recorded by either thread)."""

    def __init__(self):
        self.rows: list[tuple[str, str, float, str]] = []
        self.alongside: set[int] = set()  # the rows recorded by the second thread
        self.pytest_lines: list[str] = []
        self.counts = {"passed": 0, "failed": 0, "skipped": 0}
        self.collected: dict[str, int] = {}  # stage -> tests collected, when the whole suite
        self.test_db: str | None = None  # the database of stage install
        self.began = time.monotonic()
        self._lock = threading.Lock()

    def record(self, name: str, ok: bool | None, started: float, note: str = "") -> None:
        """Add a stage; ``ok`` None means not run."""
        status = "not run" if ok is None else ("ok" if ok else "FAILED")
        with self._lock:
            if threading.current_thread() is not threading.main_thread():
                self.alongside.add(len(self.rows))
            self.rows.append((name, status, time.monotonic() - started, note))
        log(f"stage {name}: {status} ({time.monotonic() - started:.1f}s) {note}".rstrip())

    def add_pytest(self, label: str, summary: str, counts: dict[str, int]) -> None:
        """Remember a pytest summary for the closing lines."""
        with self._lock:
            self.pytest_lines.append(f"pytest ({label}): {summary or 'no summary line'}")
            self.counts["passed"] += counts.get("passed", 0)
            self.counts["failed"] += counts.get("failed", 0) + counts.get("error", 0)
            self.counts["skipped"] += counts.get("skipped", 0)

    @property
    def ok(self) -> bool:
        """Whether every stage that ran passed and none was required but not run."""
        return all(status == "ok" for _, status, _, _ in self.rows)

    def report(self) -> None:
        """Print the stage table and the closing lines: the stages of this thread, then
        those of the second thread, each in the order they ended."""
        say("\n[party] ---------------- summary ----------------")
        for index, (name, status, seconds, note) in enumerate(self.rows):
            if index not in self.alongside:
                say(f"  {name:<12} {status:<8} {seconds:7.1f}s  {note}")
        if self.alongside:
            say("  alongside them, from the end of install (a second thread):")
            for index in sorted(self.alongside):
                name, status, seconds, note = self.rows[index]
                say(f"  {name:<12} {status:<8} {seconds:7.1f}s  {note}")
            say(f"  whole run: {time.monotonic() - self.began:.1f}s")
        for line in self.pytest_lines:
            say(line)


def run_pytest(
    label: str, args: list[str], stages: Stages, *, skips_fail: bool, whole_suite: bool = True
) -> None:
    """Run pytest, record the stage; a skip is a failure when ``skips_fail``.

    ``whole_suite``: the paths given are every test of the stage (``-k`` or ``-x``
    may still narrow what runs), so the number collected is recorded for
    ``bin/party readme``."""
    started = time.monotonic()
    color = ["--color=yes"] if sys.stdout.isatty() else []
    cmd = [common.PYTHON, "-m", "pytest", "-rfEs", *color, *args]
    logfile = common.LOCAL / "logs" / f"pytest-{label}.log"
    log(f"pytest ({label}): {' '.join(cmd[3:])}")
    status, output = run_child(cmd, tee=logfile, cwd=REPO)
    summary, counts = pytest_summary(output)
    stages.add_pytest(label, summary, counts)
    collected = pytest_collected(output)
    if whole_suite and collected is not None:
        record_test_count(common.LOCAL, label, collected)
        stages.collected[label] = collected
    problems = []
    if status == 5 or not counts.get("passed"):
        problems.append("no test ran")
    elif status != 0:
        problems.append(f"exit {status}")
    if skips_fail and counts.get("skipped"):
        problems.append(f"{counts['skipped']} skipped (skips count as failures)")
    stages.record(label, not problems, started, "; ".join(problems) or summary)


# Test classes left to pytest-odoo (stage integration) in stage odoo-tests: none
# today. Odoo's runner imports the tests of every installed module (OCA date_range's
# import odoo_test_helper: requirements.txt) and runs the test modules each addon's
# tests/__init__.py imports (tests/unit/test_test_imports.py). The concurrency tests' helper
# threads create Environments, i.e. call Registry(db), while Odoo's own runner
# holds Registry._lock in its main thread; tests/concurrency.py makes the lock a
# dummy while its threads run (registry_lock_released), as HttpCase's test mode
# does, so they run under both runners.
ODOO_RUNNER_EXCLUDED: tuple[str, ...] = ()


def odoo_runner_tags(modules: list[str]) -> str:
    """--test-tags of stage odoo-tests: the suite's modules minus ODOO_RUNNER_EXCLUDED."""
    excluded = [t for t in ODOO_RUNNER_EXCLUDED if t[1:].split(":")[0] in modules]
    return ",".join([f"/{m}" for m in modules] + [f"-{t}" for t in excluded])


def odoo_runner_cmd(conf: Path, db: str, modules: list[str], *, install: bool) -> list[str]:
    """Odoo's own test runner on the suite's modules, as OCA CI and runbot run it (the
    database has the test modules too; their own tests are not run)."""
    args = ["-d", db, *(["-i", ",".join(with_test_modules(modules))] if install else [])]
    tags = odoo_runner_tags(modules)
    return odoo_cmd(
        conf,
        *args,
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        "--max-cron-threads=0",
        "--log-level=info",
    )


def run_odoo_runner(ctx: Context, stages: Stages, *, cached: bool) -> None:
    """Stage ``odoo-tests``: the suite's tests under Odoo's own runner, on a database of its own.

    Every suite test class is ``post_install``: on a copy of the cached template
    (the same modules installed) ``--test-enable`` without ``-i`` runs exactly
    the tests ``-i MODULES --test-enable`` runs after installing; with
    ``--no-db-cache`` it is that literal command on a new database.
    """
    started = time.monotonic()
    db = throwaway_db_name("party_odoo")
    logfile = common.LOCAL / "logs" / f"odoo-runner-{db}.log"
    try:
        if cached:
            init_test_database(ctx.conf, db, with_test_modules(ctx.modules))
        cmd = odoo_runner_cmd(ctx.conf, db, ctx.modules, install=not cached)
        log(f"odoo {' '.join(cmd[5:])} (log: {logfile.relative_to(REPO)})")
        status, output = run_child(
            cmd, tee=logfile, echo=lambda line: ODOO_RUNNER_ECHO_RE.search(line), cwd=REPO
        )
    except HarnessError as error:
        say(str(error))
        stages.record("odoo-tests", False, started, "database from the template failed")
        return
    finally:
        drop_database(ctx.conf, db)
    result = odoo_runner_result(output)
    if result is None:
        stages.record("odoo-tests", False, started, f"exit {status}, no test result line")
        return
    failed, errors, run = result
    note = f"{run} tests, {failed} failed, {errors} error(s)"
    stages.pytest_lines.append(f"odoo runner (odoo-tests): {note}")
    stages.record("odoo-tests", status == 0 and run > 0 and not failed + errors, started, note)


def lint_targets() -> list[str]:
    """Existing folders linted by ruff."""
    return [p for p in ("addons", "tests", "bin") if (REPO / p).exists()]


def run_stage(name: str, cmd: list[str], stages: Stages, note: str = "") -> None:
    """Run a command as a stage that passes on exit status 0."""
    started = time.monotonic()
    log(f"{name}: {' '.join(cmd[2:] if cmd[0] == common.PYTHON else cmd)}")
    status, _ = run_child(cmd, cwd=REPO)
    stages.record(name, status == 0, started, note if status == 0 else f"exit {status}")


def run_install(ctx: Context, args, stages: Stages) -> None:
    """Stage install: the test database ``stages.test_db`` (dropped by the caller)."""
    if ctx.odoo is None:
        return
    started = time.monotonic()
    if not ctx.modules:
        stages.record("install", False, started, "no suite addon found under addons/")
        return
    db = stages.test_db = throwaway_db_name()
    try:
        if args.no_db_cache:
            install_database(ctx.conf, db, with_test_modules(ctx.modules))
            how = "installed"
        else:
            cached = init_test_database(ctx.conf, db, with_test_modules(ctx.modules))
            how = "copied from the cached template" if cached else "installed, cached"
        stages.record("install", True, started, f"{db}: {how}")
    except HarnessError as error:
        say(str(error))
        stages.record("install", False, started, "see log above")


def run_checks(ctx: Context, stages: Stages, *, one_core: bool = False) -> None:
    """Stages ruff, ruff-format, pylint and unit: no Odoo, no database. ``one_core``:
    pylint in one process (.pylintrc's jobs=0 takes every core), alongside integration."""
    targets = lint_targets()
    run_stage("ruff", [common.PYTHON, "-m", "ruff", "check", *targets], stages)
    run_stage("ruff-format", [common.PYTHON, "-m", "ruff", "format", "--check", *targets], stages)
    if ctx.repo_addons:
        pylint = [common.PYTHON, "-m", "pylint", "--rcfile=.pylintrc"]
        pylint += ["--jobs=1"] if one_core else []
        run_stage("pylint", pylint + [f"addons/{m}" for m in ctx.repo_addons], stages)
    run_pytest("unit", ["-p", "no:odoo", "tests/unit"], stages, skips_fail=ctx.odoo is not None)


def run_odoo_tests(ctx: Context, args, stages: Stages) -> None:
    """Stages integration (and odoo-tests) on the database of stage install."""
    if ctx.odoo is None:
        return
    install_ok = any(n == "install" and s == "ok" for n, s, _, _ in stages.rows)
    if not install_ok:
        stages.record("integration", None, time.monotonic(), "installation failed")
        return
    paths = [str(d) for d in ctx.suite_addon_dirs()]
    if (REPO / "tests" / "acceptance").is_dir():
        paths.append("tests/acceptance")
    pytest_args = [
        f"--rootdir={REPO}",
        f"--odoo-config={ctx.conf}",
        f"--odoo-database={stages.test_db}",
        # pytest-odoo's server listens on a free port of its own choosing (not the
        # config's http_port)
        "--odoo-http",
        "--odoo-log-level=warn",
        # pytest-odoo imports odoo.tests before test mode: Odoo logs a
        # spurious ERROR "Importing test framework" from that logger.
        "--odoo-extra=log-handler=odoo.tests.common:CRITICAL",
        *paths,
        *args.pytest_args,
    ]
    if args.runner in ("both", "pytest"):
        whole = not names_test_paths(args.pytest_args)
        run_pytest("integration", pytest_args, stages, skips_fail=True, whole_suite=whole)
    if args.runner == "both" and args.pytest_args and not args.runner_given:
        log("pytest arguments given: Odoo's own runner skipped (--runner=both runs it)")
    elif args.runner in ("both", "odoo"):
        run_odoo_runner(ctx, stages, cached=not args.no_db_cache)


def run_suite_stages(
    ctx: Context, args, stages: Stages, *, alongside: SecondThread | None = None
) -> None:
    """install, ruff, ruff-format, pylint, unit, integration (and odoo-tests); the test
    database made is ``stages.test_db`` (dropped by the caller).

    With ``alongside`` (a SecondThread), that thread is started once install is done
    (passed or failed) and runs the checks (ruff to unit) and its own stages, while
    this one goes on with integration."""
    run_install(ctx, args, stages)
    if alongside is None:
        run_checks(ctx, stages)
    else:
        alongside.start()
    run_odoo_tests(ctx, args, stages)


class SecondThread:
    """The second thread of ``test``: ``work`` runs in it once started; an exception it
    raises is kept for the main thread (``carry``), never lost."""

    def __init__(self, work):
        self.work = work
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="party-alongside")

    def _run(self) -> None:
        try:
            self.work()
        except BaseException as error:  # carried to the main thread
            self.error = error

    def start(self) -> None:
        """Start the thread; from now on two threads write to stdout."""
        common.SHARED_OUTPUT.set()
        self.thread.start()

    def join(self) -> None:
        """Wait for the thread to end, in short waits so that the main thread handles
        SIGINT/SIGTERM meanwhile (forwarded to the thread's children)."""
        while self.thread.is_alive():
            self.thread.join(0.2)
        common.SHARED_OUTPUT.clear()

    def carry(self, stages: Stages) -> None:
        """After join: the thread's error, a HarnessError or an unexpected one (then
        with its traceback), as a failed stage ``harness``, as the main thread's own.
        Interrupted is left to the caller (``interrupted``), which raises it again once
        the cleanup is done."""
        error = self.error
        if error is None or isinstance(error, Interrupted):
            return
        if isinstance(error, HarnessError):
            say(str(error))
            note = str(error).splitlines()[0] if str(error) else "HarnessError"
        else:
            say("".join(traceback.format_exception(error)).rstrip())
            note = f"second thread: {type(error).__name__}: {error}"
        self.error = None
        stages.record("harness", False, time.monotonic(), note)

    @property
    def interrupted(self) -> bool:
        """Whether the thread ended on SIGINT/SIGTERM."""
        return isinstance(self.error, Interrupted)


def lifecycle_context(ctx: Context) -> Context:
    """``ctx`` with the lifecycle's own config (another http_port:
    lifecycle.lifecycle_conf), for the lifecycle's stages run alongside the suite's."""
    other = copy.copy(ctx)
    other.conf = lifecycle.lifecycle_conf(ctx.conf)
    port = http_port([], read_odoo_conf(other.conf))
    log(f"the lifecycle's stages: config {other.conf}, Odoo's tests served on port {port}")
    return other


def run_alongside(ctx: Context, args, stages: Stages) -> None:
    """What the second thread runs: the checks (ruff, ruff-format, pylint, unit), then
    the lifecycle's stages on their own config; pylint in one process, the other core
    being integration's."""
    run_checks(ctx, stages, one_core=True)
    run_lifecycle(lifecycle_context(ctx), args, stages)


def run_lifecycle(ctx: Context, args, stages: Stages) -> None:
    """Stages alone, upgrade and uninstall, as asked (bin/party_harness/lifecycle.py)."""
    if args.alone:
        lifecycle.run_alone(ctx, stages, args.alone, keep_db=args.keep_db)
    if args.upgrade:
        lifecycle.run_upgrade(ctx, stages)
    if args.uninstall:
        lifecycle.run_uninstall(ctx, stages, cached=not args.no_db_cache, keep_db=args.keep_db)


def cmd_test(args) -> int:
    """Install everything into a throwaway database, lint, run every test."""
    stages = Stages()
    ctx = None
    second = None
    try:
        try:
            started = time.monotonic()
            ctx = prepare(args, want_odoo=not args.lint_only, require_odoo=False, throwaway=True)
            stages.record("prepare", True, started)
            if ctx.odoo is None and not args.lint_only:
                # Nothing but lint would run: that is a failure unless asked for (--lint-only).
                say(ctx.odoo_error)
                stages.record("odoo", False, started, NOT_AVAILABLE)

            asked = bool(args.alone or args.upgrade or args.uninstall)
            suite = not (asked and args.only_lifecycle)
            lifecycle_runs = ctx.odoo is not None and bool(ctx.modules) and asked
            if suite and lifecycle_runs and not args.serial:
                second = SecondThread(lambda: run_alongside(ctx, args, stages))
                run_suite_stages(ctx, args, stages, alongside=second)
            else:
                if suite:
                    run_suite_stages(ctx, args, stages)
                if lifecycle_runs:
                    run_lifecycle(ctx, args, stages)
        finally:
            if second is not None:
                second.join()  # Ctrl-C still reaches its children meanwhile
    except HarnessError as error:
        say(str(error))
        stages.record("harness", False, time.monotonic(), str(error).splitlines()[0])
    finally:
        protect_cleanup()
        if second is not None:
            second.join()  # left early by a second Ctrl-C: its cleanup, then the cluster's
            second.carry(stages)
        db = stages.test_db
        if db is not None and ctx is not None:
            if args.keep_db:
                log(f"keeping database {db} (--keep-db)")
            else:
                drop_database(ctx.conf, db)
        shutdown(ctx)
    if second is not None and second.interrupted:
        raise Interrupted()
    stages.report()
    if ctx is not None and ctx.odoo is None:
        say(NOT_AVAILABLE if not args.lint_only else LINT_ONLY)
    log("test: " + ("OK" if stages.ok else "FAILED"))
    counts = stages.counts
    tail = f", {counts['skipped']} skipped" if counts["skipped"] else ""
    say(f"tests: {counts['passed']} passed, {counts['failed']} failed{tail}")
    readme_count_hint(stages.collected)
    return 0 if stages.ok else 1
