"""``bin/party load``: many users at once against Odoo in multi-process mode.

A copy of the demo database (the test template, or ``--from-db``), the demo users'
passwords set in it and one of the member's meetings opened for sign-in (the copy
only, never the addons' data); Odoo serving it with ``--workers N`` and no cron;
then ``tests/load/load_client.py`` in a second process: ``--users`` simulated
users for ``--minutes``.  The samples it writes are summed up here per request
kind (count, errors, p50/p95/p99, throughput), printed, and kept in
``tests/load/results.json`` (one entry per number of users) rendered as
``tests/load/RESULTS.md``; ``bin/party bench --report`` copies the table into
BENCHMARKS.md.  Any error fails the run, with the first errors printed.

The pure parts (percentiles, the table, the arguments) are standard library and
tested by tests/unit/test_load.py.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import platform
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import common
from .common import REPO, HarnessError, log, protect_cleanup, run_child, throwaway_db_name

LOAD_DIR = REPO / "tests" / "load"
RESULTS_JSON = LOAD_DIR / "results.json"
RESULTS_MD = LOAD_DIR / "RESULTS.md"
CLIENT = LOAD_DIR / "load_client.py"
SERVER = LOAD_DIR / "odoo_server.py"
# The demo's users (party_branch/demo/party_demo.xml): officers and portal members.
LOAD_LOGINS = ("secretary", "partyadmin", "auditor", "member", "applicant")
FIRST_ERRORS = 10


# --------------------------------------------------------------------------
# Pure parts
# --------------------------------------------------------------------------


def default_workers(cores: int | None = None) -> int:
    """Odoo's rule of thumb: two workers per core, plus one."""
    return 2 * (cores or os.cpu_count() or 1) + 1


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, interpolated linearly between
    the two nearest ranks (numpy's default); nan when there are none."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(samples: list, elapsed: float) -> list[dict]:
    """One row per request kind (sorted by kind) and a last row "all": count,
    errors, p50/p95/p99 latency in milliseconds, throughput in requests per second.

    ``samples`` are ``[kind, start, latency (s), error or None]``."""
    kinds: dict[str, list] = {}
    for sample in samples:
        kinds.setdefault(sample[0], []).append(sample)
    rows = []
    for kind, group in [*sorted(kinds.items()), ("all", list(samples))]:
        if kind == "all" and not samples:
            continue
        latencies = [s[2] * 1000 for s in group]
        rows.append(
            {
                "kind": kind,
                "count": len(group),
                "errors": sum(1 for s in group if s[3]),
                "p50": percentile(latencies, 50),
                "p95": percentile(latencies, 95),
                "p99": percentile(latencies, 99),
                "rps": len(group) / elapsed if elapsed > 0 else math.nan,
            }
        )
    return rows


def first_errors(samples: list, limit: int = FIRST_ERRORS) -> list[str]:
    """The first ``limit`` errors, in the order they happened."""
    failed = sorted((s for s in samples if s[3]), key=lambda s: s[1])
    return [f"{s[1]:8.1f}s {s[0]}: {s[3]}" for s in failed[:limit]]


def bend_point(samples: list, bucket: float = 10.0) -> float | None:
    """When the errors start (seconds into the run, by ``bucket``), or None."""
    starts = [s[1] for s in samples if s[3]]
    return math.floor(min(starts) / bucket) * bucket if starts else None


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.0f}"


def render_table(rows: list[dict]) -> str:
    """The Markdown latency table of ``summarize``'s rows."""
    lines = [
        "| request | count | errors | p50 ms | p95 ms | p99 ms | req/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        name = f"**{row['kind']}**" if row["kind"] == "all" else row["kind"]
        rps = "–" if math.isnan(row["rps"]) else f"{row['rps']:.1f}"
        lines.append(
            f"| {name} | {row['count']:,} | {row['errors']:,} | {_ms(row['p50'])} | "
            f"{_ms(row['p95'])} | {_ms(row['p99'])} | {rps} |"
        )
    return "\n".join(lines) + "\n"


def render_run(run: dict) -> str:
    """One run of results.json as Markdown: what ran where, then the table."""
    machine = run["machine"]
    load = ", ".join(f"{x:.2f}" for x in machine["load_before"])
    if machine.get("load_after"):
        load += ", at its end " + ", ".join(f"{x:.2f}" for x in machine["load_after"])
    bend = run.get("errors_from")
    verdict = (
        "no errors"
        if not run["errors"]
        else f"{run['errors']:,} errors, the first {bend:.0f} s into the run"
    )
    lines = [
        f"### {run['users']} users, {run['minutes']:g} min, {run['workers']} workers, "
        f"think time {run['think']:g} s",
        "",
        f"- {run['date']} · commit {run['commit']} · {verdict}",
        f"- {run['users']} users ({run['officers']} officers in the web client, "
        f"{run['users'] - run['officers']} members on the portal), think time "
        f"{run['think']:g} s, ramp-up {run['ramp']:g} s, request timeout {run['timeout']:g} s",
        f"- Odoo `--workers={run['workers']} --max-cron-threads=0` on {machine['cores']} cores "
        f"({machine['cpu']}), {machine['memory_gb']:.0f} GB; load average (1, 5, 15 min) "
        f"before the run {load} (the machine is shared)",
        "",
        render_table(run["rows"]),
    ]
    if run.get("first_errors"):
        lines += ["First errors:", "", "```", *run["first_errors"], "```", ""]
    return "\n".join(lines)


def render_results(results: dict) -> str:
    """tests/load/RESULTS.md from results.json: every run, fewest users first."""
    runs = sorted(results.get("runs", {}).values(), key=lambda r: (r["users"], r["think"]))
    parts = [
        "# Load test results",
        "",
        "Written by `bin/party load` (bin/party_harness/load.py, tests/load/load_client.py); "
        "each run replaces the one with the same number of users and think time. Latencies "
        "are measured by the client on loopback, from the request sent to the response read; "
        "a user waits for each answer, then thinks (uniformly 0.5 to 1.5 times the think time) "
        "before the next request.",
        "",
        *[render_run(run) for run in runs],
    ]
    return "\n".join(parts).rstrip() + "\n"


def read_results(path: Path = RESULTS_JSON) -> dict:
    """results.json, or no runs."""
    if not path.exists():
        return {"runs": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def machine_info() -> dict:
    """Cores, CPU model, memory and the load average now."""
    cpu = platform.processor() or platform.machine()
    memory = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count() or 1,
        "cpu": cpu,
        "memory_gb": memory,
        "load_before": list(os.getloadavg()),
    }


def add_arguments(parser) -> None:
    """The options of ``bin/party load``."""
    parser.add_argument("--users", type=int, default=50, help="concurrent users (default 50)")
    parser.add_argument("--minutes", type=float, default=5.0, help="duration (default 5)")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="Odoo HTTP workers (default 2 x cores + 1)",
    )
    parser.add_argument("--think", type=float, default=1.0, help="mean think time, s (default 1)")
    parser.add_argument("--ramp", type=float, default=30.0, help="ramp-up, s (default 30)")
    parser.add_argument("--timeout", type=float, default=60.0, help="request timeout, s")
    parser.add_argument(
        "--from-db", help="copy this database instead of the demo template (e.g. party_demo)"
    )
    parser.add_argument(
        "--odoo-conf",
        help="serve with this Odoo config instead of the effective .local/odoo.conf "
        "(another checkout's addons_path); the database server must be the same",
    )
    parser.add_argument("--port", type=int, default=0, help="HTTP port (default: a free one)")
    parser.add_argument("--keep-db", action="store_true", help="keep the copied database")
    parser.add_argument(
        "--no-record",
        action="store_true",
        help="do not write tests/load/results.json and RESULTS.md",
    )


def validate(args) -> None:
    """Refuse arguments that cannot make a run."""
    if args.users < 1:
        raise HarnessError("--users must be at least 1")
    if args.minutes <= 0:
        raise HarnessError("--minutes must be positive")
    if args.workers is not None and args.workers < 1:
        raise HarnessError("--workers must be at least 1 (multi-process mode)")
    if args.think < 0 or args.ramp < 0 or args.timeout <= 0:
        raise HarnessError("--think and --ramp cannot be negative, --timeout must be positive")


def server_args(db: str, port: int, workers: int) -> list[str]:
    """Odoo's options for the run: multi-process, no cron, limits for a load test."""
    return [
        "-d",
        db,
        f"--db-filter=^{db}$",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        f"--workers={workers}",
        "--max-cron-threads=0",
        # a request may take long under load, but not forever
        "--limit-time-cpu=120",
        "--limit-time-real=300",
        "--limit-request=65536",
        "--limit-memory-soft=2147483648",
        "--limit-memory-hard=2684354560",
        "--log-level=warn",
    ]


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------

PREPARE = """
import datetime, json, sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1]])
from odoo.modules.registry import Registry
minutes, n_members = float(sys.argv[3]), int(sys.argv[5])
with Registry(sys.argv[2]).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    users = env["res.users"].search([("login", "in", sys.argv[4].split(","))])
    officers = [u.login for u in users if not u.share]
    members = [u.login for u in users if u.share]
    # a portal user of their own for the demo's members without one (members owing
    # dues first), so that the members on the portal are different people
    if "party.member" in env and n_members > len(members):
        Member = env["party.member"].sudo()
        owing = set(env["party.dues"].sudo().search([("state", "=", "due")]).member_id.ids) \
            if "party.dues" in env else set()
        free = Member.search([("user_id", "=", False), ("status", "=", "active")], order="id")
        free = sorted(free, key=lambda m: m.id not in owing)[: n_members - len(members)]
        groups = [env.ref("base.group_portal").id, env.ref("party_branch.group_party_member").id]
        for member in free:
            user = env["res.users"].with_context(no_reset_password=True).create({
                "login": f"load-member-{member.id}",
                "partner_id": member.partner_id.id,
                "groups_id": [(6, 0, groups)],
            })
            cr.execute("UPDATE party_member SET user_id = %s WHERE id = %s", [user.id, member.id])
            users |= user
            members.append(user.login)
        env.invalidate_all()
    passwords = {}
    for user in users:
        passwords[user.login] = "load-" + user.login
        user.password = passwords[user.login]
    # the member's next meeting open for sign-in during the run (this copy only)
    member = users.filtered(lambda u: u.login == "member")
    opened = ""
    if member and "party.meeting" in env:
        meeting = env["party.meeting"].with_user(member).search(
            [("state", "=", "planned")], order="start", limit=1
        ).sudo()
        if meeting:
            now = datetime.datetime.now().replace(microsecond=0)
            cr.execute(
                "UPDATE party_meeting SET start = %s, stop = %s WHERE id = %s",
                [now, now + datetime.timedelta(minutes=minutes + 30), meeting.id],
            )
            cr.execute(
                "UPDATE party_organization SET party_remote_sign_in = TRUE WHERE id = %s",
                [meeting.organization_id.id],
            )
            opened = meeting.name
    print("PARTY_LOAD " + json.dumps({
        "passwords": passwords, "officers": officers, "members": members, "meeting": opened,
    }))
"""


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, seconds: float = 180) -> None:
    """Wait for Odoo's /web/health, or fail when the server died or took too long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise HarnessError(f"the Odoo server exited ({server.returncode}) before serving")
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise HarnessError(f"the Odoo server did not answer {url}/web/health in {seconds:.0f}s")


def warm_up(url: str, workers: int) -> None:
    """Load the registry in the workers before the clock starts: Odoo's workers load
    it at their first request (seconds each), which is a cold start, not load.
    Concurrent requests of the login page, twice as many as workers."""

    def fetch():
        try:
            with urllib.request.urlopen(f"{url}/web/login", timeout=300) as response:
                response.read()
        except (urllib.error.URLError, OSError):
            pass  # the run itself will say what does not work

    threads = [threading.Thread(target=fetch) for _ in range(2 * workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def stop_server(server: subprocess.Popen | None) -> None:
    """SIGTERM the server's process group (workers included), then SIGKILL."""
    if server is None or server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        pass


def copy_database(conf: Path, source: str, db: str) -> None:
    """``db`` as a copy of ``source`` (click-odoo-copydb: database and filestore)."""
    code = "from click_odoo_contrib.copydb import main; main(prog_name='click-odoo-copydb')"
    status, _ = run_child([common.PYTHON, "-c", code, "-c", str(conf), source, db], cwd=REPO)
    if status != 0:
        raise HarnessError(f"copying {source} to {db} failed (exit {status})")


def git_commit() -> str:
    """The checkout's short commit, with + when the tree has changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            cwd=REPO,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{'+' if dirty else ''}" or "unknown"


def run_key(run: dict) -> str:
    """The key of a run in results.json: a run replaces the one with as many users
    and the same think time."""
    return f"{run['users']} users, think {run['think']:g} s"


def record(run: dict) -> None:
    """Keep ``run`` in results.json (replacing the run with as many users and the same
    think time) and render RESULTS.md."""
    results = read_results()
    results.setdefault("runs", {})[run_key(run)] = run
    RESULTS_JSON.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    RESULTS_MD.write_text(render_results(results), encoding="utf-8")
    log(f"results kept in {RESULTS_MD.relative_to(REPO)} and {RESULTS_JSON.name}")


def cmd_load(args) -> int:
    """The load test (see the module's docstring)."""
    from .context import prepare, shutdown
    from .databases import drop_database, init_test_database

    validate(args)
    machine = machine_info()
    workers = args.workers or default_workers(machine["cores"])
    ctx = None
    db = None
    server = None
    try:
        ctx = prepare(args, want_odoo=True, require_odoo=True, throwaway=True)
        conf = Path(args.odoo_conf).resolve() if args.odoo_conf else ctx.conf
        db = throwaway_db_name("party_load")
        if args.from_db:
            copy_database(conf, args.from_db, db)
        else:
            init_test_database(conf, db, ctx.modules)
        out = common.run_quiet(
            [
                common.PYTHON,
                "-c",
                PREPARE,
                str(conf),
                db,
                str(args.minutes),
                ",".join(LOAD_LOGINS),
                str(args.users),
            ],
            what="setting the load test's passwords",
            cwd=REPO,
        )
        prepared = json.loads(out.split("PARTY_LOAD ", 1)[1].splitlines()[0])
        log(
            f"{len(prepared['officers'])} officer and {len(prepared['members'])} member logins; "
            f"meeting open for sign-in: {prepared['meeting'] or '(none)'}"
        )
        port = args.port or free_port()
        url = f"http://127.0.0.1:{port}"
        logfile = common.LOCAL / "logs" / f"odoo-{db}.log"
        logfile.parent.mkdir(parents=True, exist_ok=True)
        cmd = [common.PYTHON, str(SERVER), "-c", str(conf), *server_args(db, port, workers)]
        log(f"serving {db} on {url} with {workers} workers (log: {logfile})")
        with logfile.open("w", encoding="utf-8") as server_log:
            server = subprocess.Popen(
                cmd, cwd=REPO, stdout=server_log, stderr=subprocess.STDOUT, process_group=0
            )
        wait_healthy(url, server)
        warm_up(url, workers)
        machine["load_before"] = list(os.getloadavg())
        samples_file = common.LOCAL / "logs" / f"load-{db}.json"
        log(
            f"{args.users} users for {args.minutes:g} min (load average "
            f"{', '.join(f'{x:.2f}' for x in machine['load_before'])})"
        )
        client = [
            common.PYTHON,
            str(CLIENT),
            f"--url={url}",
            f"--db={db}",
            f"--users={args.users}",
            f"--seconds={args.minutes * 60}",
            f"--ramp={args.ramp}",
            f"--think={args.think}",
            f"--timeout={args.timeout}",
            f"--passwords={json.dumps(prepared['passwords'])}",
            f"--officers={','.join(prepared['officers'])}",
            f"--members={','.join(prepared['members'])}",
            f"--out={samples_file}",
        ]
        status, _ = run_child(client, cwd=REPO)
        machine["load_after"] = list(os.getloadavg())
        if status != 0:
            raise HarnessError(f"the load client failed (exit {status})")
        data = json.loads(samples_file.read_text(encoding="utf-8"))
    finally:
        protect_cleanup()
        stop_server(server)
        if db is not None and ctx is not None and not args.keep_db:
            drop_database(ctx.conf, db)
        shutdown(ctx)
    samples = data["samples"]
    rows = summarize(samples, data["elapsed"])
    errors = first_errors(samples)
    run = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "users": args.users,
        "officers": data["officers"],
        "minutes": args.minutes,
        "workers": workers,
        "think": args.think,
        "ramp": args.ramp,
        "timeout": args.timeout,
        "elapsed": data["elapsed"],
        "machine": machine,
        "rows": rows,
        "errors": sum(1 for s in samples if s[3]),
        "errors_from": bend_point(samples),
        "first_errors": errors,
    }
    print(render_run(run), flush=True)
    if not args.no_record:
        record(run)
    if errors:
        log(f"{run['errors']} errors: the run fails")
        return 1
    if not samples:
        log("no request was made: the run fails")
        return 1
    return 0
